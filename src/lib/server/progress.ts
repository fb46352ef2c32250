import type { Queue } from 'bullmq';
import type { AnalysisProgress, TakeRecord } from '../take/types';
import { analysisIdOf } from './analysis';
import { analysisKey, profileKey } from './keys';
import { analyzeJobId, enqueueAnalysis, progressOfJob, type AnalyzeJobData, type AnalyzeJobResult } from './queue';
import type { BlobStore } from './storage';
import { isVoiceDeleted, profileIdOf } from './voice-stage';

/** Done means both artifacts the analyze job makes: the melody, then the voice profile (or the note that its owner deleted it). */
export async function isAnalysed(store: BlobStore, take: TakeRecord): Promise<boolean> {
	const profileId = profileIdOf(take);
	return (await store.has(analysisKey(analysisIdOf(take)))) && ((await store.has(profileKey(profileId))) || (await isVoiceDeleted(store, profileId)));
}

/**
 * Where a take's analysis stands. The stored artifacts are the truth for "done"; otherwise the job
 * in Redis. A take whose job is gone (Redis was flushed, or the job expired before finishing) is
 * queued again, so a stored recording is never left without its analysis.
 */
export async function takeProgress(
	store: BlobStore,
	queue: Queue<AnalyzeJobData, AnalyzeJobResult>,
	take: TakeRecord
): Promise<AnalysisProgress> {
	if (await isAnalysed(store, take)) {
		return { status: 'completed', stage: 'done', fraction: 1 };
	}
	let job = await queue.getJob(analyzeJobId(take.id));
	if (!job) job = await enqueueAnalysis(queue, take.id);
	const progress = await progressOfJob(job);
	if (progress.status === 'completed') {
		// Completed in Redis but no artifact: storage was wiped. Run it again rather than show nothing.
		await job.remove();
		await enqueueAnalysis(queue, take.id);
		return { status: 'queued', stage: 'queued', fraction: 0 };
	}
	return progress;
}
