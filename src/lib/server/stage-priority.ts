/**
 * Priorities across the stage queues. BullMQ orders jobs by priority within one queue only, and
 * each queue has its own worker, so on a busy studio (a class of thirty uploading at once) the
 * first student's backing and mix would take CPU from everyone else's analysis. What a waiting
 * user needs first is their analysis and the first sung phrase; a mix can wait. So a backing or
 * mix job first waits while any analysis, composition or first phrase is queued or running
 * (bounded, so a mix is never starved for long under endless load).
 */
import type { Queue } from 'bullmq';
import { FIRST_PHRASE_PRIORITY } from '../scheduling';

/** Jobs of the stages that outrank the backing and the mix, queued or running. */
export interface HigherStageBacklog {
	analyses: number;
	compositions: number;
	/** First phrases of first songs (priority 1), queued or running; a second song's first phrase waits behind mixes too. */
	firstPhrases: number;
}

export interface YieldOptions {
	/** How often the backlog is read, ms. Default 250. */
	pollMs?: number;
	/** Longest wait, ms, after which the job runs anyway. Default 10 minutes. */
	maxWaitMs?: number;
}

export function higherStagesBusy(backlog: HigherStageBacklog): boolean {
	return backlog.analyses + backlog.compositions + backlog.firstPhrases > 0;
}

/** Waits until the higher stages are idle (or `maxWaitMs` passed); returns the ms waited. */
export async function yieldToHigherStages(readBacklog: () => Promise<HigherStageBacklog>, options: YieldOptions = {}): Promise<number> {
	const { pollMs = 250, maxWaitMs = 10 * 60_000 } = options;
	const started = Date.now();
	while (Date.now() - started < maxWaitMs && higherStagesBusy(await readBacklog())) {
		await new Promise((resolve) => setTimeout(resolve, pollMs));
	}
	return Date.now() - started;
}

/** The priority of the first phrase of a first song (or of a song whose owner has no earlier one in flight): src/lib/scheduling/fair-priority.ts. */
export { FIRST_PHRASE_PRIORITY };

/** Reads the backlog from the analyze, compose and sing queues. */
export async function readHigherStageBacklog(queues: { analyze: Queue; compose: Queue; sing: Queue }): Promise<HigherStageBacklog> {
	const [analyze, compose, firstQueued, active] = await Promise.all([
		queues.analyze.getJobCounts('waiting', 'prioritized', 'active', 'delayed'),
		queues.compose.getJobCounts('waiting', 'prioritized', 'active', 'delayed'),
		queues.sing.getCountsPerPriority([FIRST_PHRASE_PRIORITY]),
		queues.sing.getActive()
	]);
	const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
	const firstActive = active.filter((job) => job.name === 'phrase' && job.opts.priority === FIRST_PHRASE_PRIORITY).length;
	return { analyses: sum(analyze), compositions: sum(compose), firstPhrases: sum(firstQueued) + firstActive };
}
