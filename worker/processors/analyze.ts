/**
 * BullMQ sandboxed processor for the `analyze` queue. It runs in its own worker thread, so the
 * CPU-heavy analysis never blocks the worker's event loop (lock renewal, stalled checks), and a
 * thread cannot outlive its process the way a forked child can when the worker is killed.
 * Thin by design: validate the payload, call the stage in src/lib, map errors.
 */
import type { SandboxedJob } from 'bullmq';
import { runAnalysis, warmAnalysis } from '../../src/lib/server/melody-stage';
import { readConfig } from '../../src/lib/server/config';
import { isTakeId } from '../../src/lib/server/keys';
import { ANALYZE_QUEUE, type AnalyzeJobData, type AnalyzeJobResult } from '../../src/lib/server/queue';
import { liveStoreFor, type Owner } from '../../src/lib/server/liveness';
import { requireTake } from '../../src/lib/server/takes';
import { FileStore } from '../../src/lib/server/storage';
import { badJob, ownedJobFailure } from './job-errors';
import { isWarmup, warmStage } from './warmup';
import { isVoiceSourceId, learnVoiceSource, VOICE_SOURCE_JOB, type VoiceSourceJobData, type VoiceSourceResult } from '../../src/lib/server/voice-source';

export default async function analyze(job: SandboxedJob<AnalyzeJobData, AnalyzeJobResult>): Promise<AnalyzeJobResult | VoiceSourceResult | { warmup: true }> {
	if (isWarmup(job)) {
		// The first take then finds the voice-build threads and the melody model loaded. A model that
		// cannot load fails that take's job, with its message, rather than the warm-up.
		return warmStage(warmAnalysis);
	}
	if (job.name === VOICE_SOURCE_JOB) return voiceSource(job.data as Partial<VoiceSourceJobData>);
	const takeId = (job.data as Partial<AnalyzeJobData> | undefined)?.takeId;
	if (typeof takeId !== 'string' || !isTakeId(takeId)) {
		throw badJob('The job payload has no valid takeId', job.data);
	}
	const store = new FileStore(readConfig().dataDir);
	let owner: Owner | null = null;
	try {
		// A take that is not there fails as take_not_found; one deleted from now on, as deleted.
		await requireTake(store, takeId);
		owner = { takeId };
		// Writes kept only while the take exists: a take deleted meanwhile gets nothing back.
		return await runAnalysis(await liveStoreFor(store, owner), takeId, (stage, fraction) => job.updateProgress({ stage, fraction: Math.round(fraction * 1000) / 1000 }));
	} catch (e) {
		throw await ownedJobFailure(e, store, owner, ANALYZE_QUEUE);
	}
}

/** A voice learned from a recording the take's owner uploaded with its text (voice-source.ts). */
async function voiceSource(data: Partial<VoiceSourceJobData>): Promise<VoiceSourceResult> {
	const { takeId, sourceId } = data;
	if (typeof takeId !== 'string' || !isTakeId(takeId) || typeof sourceId !== 'string' || !isVoiceSourceId(sourceId)) {
		throw badJob('The job payload has no valid takeId and sourceId', data);
	}
	const store = new FileStore(readConfig().dataDir);
	let owner: Owner | null = null;
	try {
		const take = await requireTake(store, takeId);
		owner = { takeId };
		return await learnVoiceSource(await liveStoreFor(store, owner), take, sourceId);
	} catch (e) {
		throw await ownedJobFailure(e, store, owner, ANALYZE_QUEUE);
	}
}
