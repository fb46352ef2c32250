import path from 'node:path';

/**
 * Runtime configuration, read from the environment each time it is asked for (tests change env
 * between runs). Every setting has a documented default; see README "Configuration".
 */
export interface StudioConfig {
	/** Root of stored takes and artifacts. Env `DATA_DIR`, default `./data`. */
	dataDir: string;
	/** Redis connection URL. Env `REDIS_URL`, default `redis://127.0.0.1:6379`. */
	redisUrl: string;
	/** Prefix of every BullMQ key, so several studios can share one Redis. Env `QUEUE_PREFIX`, default `h2s`. */
	queuePrefix: string;
	/** Largest accepted upload in bytes. Env `MAX_UPLOAD_BYTES`, default 50 MB. */
	maxUploadBytes: number;
	/** Jobs one worker process runs at once per queue. Env `WORKER_CONCURRENCY`, default 1. */
	workerConcurrency: number;
	/** A job whose worker stops renewing its lock for this long is taken over. Env `WORKER_LOCK_MS`, default 30000. */
	workerLockMs: number;
	/** How often a worker looks for stalled jobs. Env `WORKER_STALLED_INTERVAL_MS`, default 30000. */
	workerStalledIntervalMs: number;
	/** How often the worker queues again the jobs Redis lost (takes not analysed, songs not composed or mixed). Env `REQUEUE_INTERVAL_MS`, default 60000. */
	requeueIntervalMs: number;
}

function intFromEnv(name: string, fallback: number): number {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isFinite(value) || value <= 0) {
		throw new RangeError(`${name}=${raw} is not a positive number`);
	}
	return Math.floor(value);
}

export function readConfig(): StudioConfig {
	return {
		dataDir: path.resolve(process.env.DATA_DIR || './data'),
		redisUrl: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
		queuePrefix: process.env.QUEUE_PREFIX || 'h2s',
		maxUploadBytes: intFromEnv('MAX_UPLOAD_BYTES', 50 * 1024 * 1024),
		workerConcurrency: intFromEnv('WORKER_CONCURRENCY', 1),
		workerLockMs: intFromEnv('WORKER_LOCK_MS', 30_000),
		workerStalledIntervalMs: intFromEnv('WORKER_STALLED_INTERVAL_MS', 30_000),
		requeueIntervalMs: intFromEnv('REQUEUE_INTERVAL_MS', 60_000)
	};
}
