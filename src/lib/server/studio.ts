import { readConfig } from './config';
import { InspectionPool } from './inspection-pool';
import { closeRateLimits } from './rate-limits';
import { ProgressRelay } from './progress-relay';
import { EventStreamLimiter } from './event-streams';
import { ClassWatcher, dashboardReader } from './class-dashboard';
import { withQueue } from './queue-availability';
import type { LibraryStatusSources } from './library';
import { takeProgress } from './progress';
import {
	ANALYZE_QUEUE,
	COMPOSE_QUEUE,
	MIX_QUEUE,
	SING_QUEUE,
	closeAnalyzeQueue,
	closeSingFlow,
	closeSongQueues,
	composeJobId,
	getAnalyzeQueue,
	getSingFlow,
	getSongQueue,
	mixJobId,
	songIdOfJob,
	songJobFailure
} from './queue';
import type { JobFailure } from './song-status';
import { createProducerConnection } from './redis';
import { FileStore } from './storage';
import type { Redis } from 'ioredis';

/** The web process's long-lived services, created on first use. */
let store: FileStore | null = null;
let relay: ProgressRelay | null = null;
let inspectionPool: InspectionPool | null = null;
let songRelays: ProgressRelay[] | null = null;
let eventStreams: EventStreamLimiter | null = null;
let redis: Redis | null = null;
let classWatcher: ClassWatcher | null = null;

/** A plain Redis connection that fails fast while Redis is down (health checks). */
export function studioRedis(): Redis {
	if (!redis) redis = createProducerConnection(readConfig().redisUrl);
	return redis;
}

export function studioStore(): FileStore {
	if (!store) store = new FileStore(readConfig().dataDir);
	return store;
}

export function studioRelay(): ProgressRelay {
	if (!relay) relay = new ProgressRelay(ANALYZE_QUEUE);
	return relay;
}

/** Events of the compose, sing and mix queues, keyed by the song their job works for. */
export function studioSongRelays(): ProgressRelay[] {
	songRelays ??= [COMPOSE_QUEUE, SING_QUEUE, MIX_QUEUE].map((queue) => new ProgressRelay(queue, songIdOfJob));
	return songRelays;
}

/** The caps on open event streams (EVENT_STREAMS_PER_CLIENT, EVENT_STREAMS_TOTAL). */
export function studioEventStreams(): EventStreamLimiter {
	if (!eventStreams) {
		const config = readConfig();
		eventStreams = new EventStreamLimiter(config.eventStreamsPerClient, config.eventStreamsTotal);
	}
	return eventStreams;
}

/** The classes whose dashboards (and projectors) are open, each read once for all its streams. */
export function studioClassWatcher(): ClassWatcher {
	classWatcher ??= new ClassWatcher(
		dashboardReader({
			store: studioStore(),
			analyzeQueue: getAnalyzeQueue(),
			failure: (stage, songId, revision) => withQueue(() => studioSongFailure(stage, songId, revision))
		})
	);
	return classWatcher;
}

/** The threads that decode and check uploads off the request's event loop. */
export function studioInspectionPool(): InspectionPool {
	if (!inspectionPool) {
		const config = readConfig();
		inspectionPool = new InspectionPool({
			threads: config.uploadDecodeThreads,
			memoryLimitMb: config.uploadDecodeMemoryMb,
			timeoutMs: config.uploadDecodeTimeoutMs
		});
	}
	return inspectionPool;
}

export { getAnalyzeQueue as studioQueue, getSingFlow as studioSingFlow, getSongQueue as studioSongQueue };

/** A song revision's failed compose or mix job, from the song queues. */
export const studioSongFailure: JobFailure = (stage, songId, revision) =>
	stage === 'compose' ? songJobFailure(getSongQueue(COMPOSE_QUEUE), composeJobId(songId, revision)) : songJobFailure(getSongQueue(MIX_QUEUE), mixJobId(songId, revision));

/** Where the library reads what only the queues know. */
export function studioLibrarySources(): LibraryStatusSources {
	return { takeStatus: async (take) => (await takeProgress(studioStore(), getAnalyzeQueue(), take)).status, songFailure: studioSongFailure };
}

/** Close Redis connections so the process can exit once adapter-node has stopped serving. */
export async function closeStudioServices(): Promise<void> {
	const current = relay;
	const pool = inspectionPool;
	const songs = songRelays ?? [];
	relay = null;
	inspectionPool = null;
	songRelays = null;
	closeRateLimits();
	redis?.disconnect();
	redis = null;
	await Promise.all([current?.close(), pool?.close(), ...songs.map((r) => r.close()), closeAnalyzeQueue(), closeSingFlow(), closeSongQueues()]);
}
