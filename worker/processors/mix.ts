/**
 * BullMQ sandboxed processor for the `mix` queue: `backing` renders a song revision's backing with
 * Tone.js on node-web-audio-api, only the bars not already stored (song-stage.ts); `mix` (the flow's parent, run once the backing and the vocal are
 * done) masters the song and writes its exports. Both first yield to the stages a waiting user
 * needs sooner: anyone's analysis, composition and first sung phrase.
 */
import { Queue, type SandboxedJob } from 'bullmq';
import { decodeWav } from '../../src/lib/audio/wav';
import { readConfig, type StudioConfig } from '../../src/lib/server/config';
import { ANALYZE_QUEUE, COMPOSE_QUEUE, MIX_QUEUE, SING_QUEUE, type SongJobData } from '../../src/lib/server/queue';
import { createRedisConnection } from '../../src/lib/server/redis';
import { readHigherStageBacklog, yieldToHigherStages } from '../../src/lib/server/stage-priority';
import { mixSongArtifacts, renderBackingArtifact, requireComposedSong } from '../../src/lib/server/song-stage';
import { liveStoreFor, type Owner } from '../../src/lib/server/liveness';
import { FileStore } from '../../src/lib/server/storage';
import { loadBackingRenderer, renderBacking } from '../render-backing';
import { isSongJobData } from './compose';
import { badJob, failOwnedSongJob } from './job-errors';
import { isWarmup } from './warmup';

export default async function mix(job: SandboxedJob<SongJobData>): Promise<{ songId: string; revision: number; segments?: number; renderedSegments?: number } | { warmup: true }> {
	if (isWarmup(job)) {
		// Also loads Tone.js on the Web Audio binding (and renders its check note) ahead of the first backing.
		await loadBackingRenderer();
		return { warmup: true };
	}
	if (!isSongJobData(job.data)) throw badJob('The mix job payload is not valid', job.data);
	const { songId, revision } = job.data;
	const config = readConfig();
	const store = new FileStore(config.dataDir);
	let owner: Owner | null = null;
	try {
		await waitForHigherStages(config);
		const composed = await requireComposedSong(store, songId, revision);
		// Writes kept only while the song exists and, when it is sung, its voice.
		owner = { takeId: composed.song.takeId, songId, profileId: composed.vocalId ? composed.song.voiceProfileId : null };
		const liveStore = await liveStoreFor(store, owner);
		if (job.name === 'backing') {
			const report = await renderBackingArtifact(liveStore, composed, renderBacking);
			// What the render made and what it took from storage, for whoever reads the job's result.
			return { songId, revision, ...(report ? { segments: report.segmentIds.length, renderedSegments: report.renderedSegmentIds.length } : {}) };
		}
		await mixSongArtifacts(liveStore, composed, (bytes) => decodeWav(bytes).channels);
		return { songId, revision };
	} catch (e) {
		throw await failOwnedSongJob(store, job, owner, job.data, job.name === 'backing' ? 'backing' : 'mix', e);
	}
}

/** Backing and mix wait while anyone's analysis, composition or first phrase is queued (src/lib/server/stage-priority.ts). */
async function waitForHigherStages(config: StudioConfig): Promise<void> {
	const connection = createRedisConnection(config.redisUrl);
	const open = (name: string) => new Queue(name, { connection, prefix: config.queuePrefix });
	const queues = { analyze: open(ANALYZE_QUEUE), compose: open(COMPOSE_QUEUE), sing: open(SING_QUEUE) };
	try {
		await yieldToHigherStages(() => readHigherStageBacklog(queues));
	} finally {
		await Promise.all(Object.values(queues).map((q) => q.close()));
		connection.disconnect();
	}
}
