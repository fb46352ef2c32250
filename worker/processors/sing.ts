/**
 * BullMQ sandboxed processor for the `sing` queue: `phrase` jobs render one phrase of a vocal,
 * the `vocal` parent (run once all its phrases are done) mixes them. Thin: validate, call the
 * stage, map errors as the analyze processor does.
 */
import type { SandboxedJob } from 'bullmq';
import { decodeWav } from '../../src/lib/audio/wav';
import { readConfig } from '../../src/lib/server/config';
import { SING_QUEUE, type PhraseJobData, type VocalJobData } from '../../src/lib/server/queue';
import { mixPlannedVocal, renderPlannedPhrase, requireVocalPlan } from '../../src/lib/server/sing-stage';
import { liveStoreFor, type Owner } from '../../src/lib/server/liveness';
import { FileStore } from '../../src/lib/server/storage';
import { songOfSingJob } from '../../src/lib/server/song-failures';
import { badJob, failOwnedSongJob } from './job-errors';
import { isWarmup, warmStage } from './warmup';
import { warmSinger } from '../../src/lib/server/stage-warmup';

export default async function sing(job: SandboxedJob<PhraseJobData | VocalJobData>): Promise<{ vocalId: string; phraseId?: string } | { warmup: true }> {
	if (isWarmup(job)) return warmStage(warmSinger);
	const data = job.data as Partial<PhraseJobData>;
	if (typeof data?.vocalId !== 'string' || (job.name === 'phrase' && !Number.isInteger(data.index))) {
		throw badJob('The sing job payload is not valid', job.data);
	}
	const store = new FileStore(readConfig().dataDir);
	let owner: Owner | null = null;
	try {
		const plan = await requireVocalPlan(store, data.vocalId);
		// Writes kept only while the take, the song (if any) and the voice exist.
		owner = { takeId: plan.takeId, songId: plan.songId, profileId: plan.profileId };
		const liveStore = await liveStoreFor(store, owner);
		if (job.name === 'phrase') {
			const phraseId = await renderPlannedPhrase(liveStore, plan, data.index!);
			return { vocalId: plan.vocalId, phraseId };
		}
		await mixPlannedVocal(liveStore, plan, (bytes) => decodeWav(bytes).channels[0]);
		return { vocalId: plan.vocalId };
	} catch (e) {
		// A song's vocal that fails for good fails the song (its mix would wait for it forever).
		throw await failOwnedSongJob(store, job, owner, songOfSingJob(job.id), 'sing', e);
	}
}
