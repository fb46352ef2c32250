import { readConfig } from './config';
import { ProgressRelay } from './progress-relay';
import { ANALYZE_QUEUE, closeAnalyzeQueue, closeSingFlow, closeSongQueues, getAnalyzeQueue, getSingFlow, getSongQueue } from './queue';
import { createProducerConnection } from './redis';
import { FileStore } from './storage';
import type { Redis } from 'ioredis';

/** The web process's long-lived services, created on first use. */
let store: FileStore | null = null;
let relay: ProgressRelay | null = null;
let redis: Redis | null = null;

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

export { getAnalyzeQueue as studioQueue, getSingFlow as studioSingFlow, getSongQueue as studioSongQueue };

/** Close Redis connections so the process can exit once adapter-node has stopped serving. */
export async function closeStudioServices(): Promise<void> {
	const current = relay;
	relay = null;
	redis?.disconnect();
	redis = null;
	await Promise.all([current?.close(), closeAnalyzeQueue(), closeSingFlow(), closeSongQueues()]);
}
