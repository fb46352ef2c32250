/**
 * Jobs Redis lost (flushed, a job removed, or expired before it ran) are queued again from what
 * storage holds: a take without its analysis, a song revision not composed or not mixed. The worker
 * runs this at start and periodically, so nothing stored waits forever for a job that is gone.
 */
import type { FlowProducer, Queue } from 'bullmq';
import { mixFileKey, songRecordKey } from './keys';
import { lostSongWork, presenceOf } from './lost-song-work';
import { isAnalysed } from './progress';
import { analyzeJobId, composeJobId, enqueueAnalysis, enqueueCompose, enqueueSongRender, mixJobId, type AnalyzeJobData, type AnalyzeJobResult, type SongJobData } from './queue';
import { requireVocalPlan } from './sing-stage';
import { getSongFailure } from './song-failures';
import { songQueueRank } from './song-rank';
import { MIX_FILE } from './song-status';
import { getComposedSong, type SongRecord } from './songs';
import { getJson, type BlobStore } from './storage';
import { getTake } from './takes';

export interface StudioQueues {
	analyze: Queue<AnalyzeJobData, AnalyzeJobResult>;
	compose: Queue<SongJobData>;
	mix: Queue<SongJobData>;
	flow: FlowProducer;
}

/** What was queued again: take ids, and `songId@revision` for songs. */
export interface RequeueReport {
	analyses: string[];
	composes: string[];
	renders: string[];
}

async function jobState(queue: Queue, jobId: string): Promise<{ state: string | null; remove: () => Promise<void> }> {
	const job = await queue.getJob(jobId);
	return { state: job ? await job.getState() : null, remove: async () => void (await job?.remove()) };
}

async function requeueTake(store: BlobStore, queues: StudioQueues, takeId: string): Promise<boolean> {
	const take = await getTake(store, takeId);
	if (!take || (await isAnalysed(store, take))) return false;
	const job = await jobState(queues.analyze, analyzeJobId(take.id));
	// Completed in Redis without its artifacts means storage lost them: run it again.
	if (job.state !== null && job.state !== 'completed') return false;
	await job.remove();
	await enqueueAnalysis(queues.analyze, take.id);
	return true;
}

async function requeueSong(store: BlobStore, queues: StudioQueues, record: SongRecord): Promise<'compose' | 'render' | null> {
	const { id: songId, revision } = record;
	const composed = await getComposedSong(store, songId, revision);
	const compose = await jobState(queues.compose, composeJobId(songId, revision));
	const mix = await jobState(queues.mix, mixJobId(songId, revision));
	const work = lostSongWork({
		composed: composed !== null,
		mixed: composed !== null && (await store.has(mixFileKey(composed.mixId, MIX_FILE.report))),
		failed: (await getSongFailure(store, songId, revision)) !== null,
		composeJob: presenceOf(compose.state),
		mixJob: presenceOf(mix.state)
	});
	if (work === 'compose') {
		await compose.remove();
		await enqueueCompose(queues.compose, songId, revision, await songQueueRank(store, record));
	} else if (work === 'render' && composed) {
		await mix.remove();
		const plan = composed.vocalId ? await requireVocalPlan(store, composed.vocalId) : null;
		await enqueueSongRender(queues.flow, songId, revision, plan ? { vocalId: plan.vocalId, phraseCount: plan.phrases.length } : null, await songQueueRank(store, record));
	}
	return work;
}

export async function requeueLostJobs(store: BlobStore, queues: StudioQueues): Promise<RequeueReport> {
	const report: RequeueReport = { analyses: [], composes: [], renders: [] };
	for (const takeId of await store.list('takes')) {
		if (await requeueTake(store, queues, takeId)) report.analyses.push(takeId);
	}
	for (const songId of await store.list('songs')) {
		const record = await getJson<SongRecord>(store, songRecordKey(songId)).catch(() => null);
		if (!record) continue;
		const work = await requeueSong(store, queues, record);
		if (work === 'compose') report.composes.push(`${songId}@${record.revision}`);
		if (work === 'render') report.renders.push(`${songId}@${record.revision}`);
	}
	return report;
}
