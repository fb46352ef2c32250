/**
 * BullMQ sandboxed processor for the `compose` queue: composes one revision of a song, then starts
 * its render flow (backing, vocal phrases, mix). Thin: validate, call the stage, map errors.
 */
import { FlowProducer, Queue, type SandboxedJob } from 'bullmq';
import { readConfig } from '../../src/lib/server/config';
import { ANALYZE_QUEUE, COMPOSE_QUEUE, enqueueSongRender, type SongJobData } from '../../src/lib/server/queue';
import { takeProgress } from '../../src/lib/server/progress';
import { requireSong } from '../../src/lib/server/songs';
import { songQueueRank } from '../../src/lib/server/song-rank';
import { requireTake } from '../../src/lib/server/takes';
import { createRedisConnection } from '../../src/lib/server/redis';
import { requireVocalPlan } from '../../src/lib/server/sing-stage';
import { composeRevision, waitForAnalysis } from '../../src/lib/server/song-stage';
import { deletedError, isLive, liveStoreFor, type Owner } from '../../src/lib/server/liveness';
import { FileStore } from '../../src/lib/server/storage';
import { badJob, failOwnedSongJob } from './job-errors';
import { isWarmup, warmStage } from './warmup';
import { warmComposer } from '../../src/lib/server/stage-warmup';

export function isSongJobData(data: unknown): data is SongJobData {
	const d = data as Partial<SongJobData> | null;
	return !!d && typeof d.songId === 'string' && /^[a-z0-9]{16,40}$/.test(d.songId) && Number.isInteger(d.revision) && d.revision! > 0;
}

export default async function compose(job: SandboxedJob<SongJobData>): Promise<{ songId: string; revision: number; superseded: boolean } | { warmup: true }> {
	if (isWarmup(job)) return warmStage(warmComposer);
	if (!isSongJobData(job.data)) throw badJob('The compose job payload is not valid', job.data);
	const { songId, revision } = job.data;
	const config = readConfig();
	const store = new FileStore(config.dataDir);
	const connection = createRedisConnection(config.redisUrl);
	let owner: Owner | null = null;
	try {
		// A song may be asked for while its take is still being analysed.
		const record = await requireSong(store, songId);
		const take = await requireTake(store, record.takeId);
		const songOwner: Owner = { takeId: take.id, songId };
		owner = songOwner;
		const analyzeQueue = new Queue(ANALYZE_QUEUE, { connection, prefix: config.queuePrefix });
		try {
			// A take deleted while its song waits ends the wait (and asks for no new analysis).
			await waitForAnalysis(async () => {
				if (!(await isLive(store, songOwner))) throw deletedError();
				return takeProgress(store, analyzeQueue, take);
			});
		} finally {
			await analyzeQueue.close();
		}
		// Writes kept only while the song exists: a song deleted meanwhile gets nothing back.
		const composed = await composeRevision(await liveStoreFor(store, songOwner), songId, revision);
		if (!composed) return { songId, revision, superseded: true };
		const plan = composed.vocalId ? await requireVocalPlan(store, composed.vocalId) : null;
		// Read again now: an earlier song finished while this one waited no longer holds it back.
		const rank = await songQueueRank(store, record);
		const flow = new FlowProducer({ connection, prefix: config.queuePrefix });
		try {
			await enqueueSongRender(flow, songId, revision, plan ? { vocalId: plan.vocalId, phraseCount: plan.phrases.length } : null, rank);
		} finally {
			await flow.close();
		}
		return { songId, revision, superseded: false };
	} catch (e) {
		throw await failOwnedSongJob(store, job, owner, job.data, 'compose', e);
	} finally {
		connection.disconnect();
	}
}
