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
	/** Worker threads of the web server that decode and check uploads. Env `UPLOAD_DECODE_THREADS`, default 1 (each thread's isolate costs the web server tens of MB; a 60 s take decodes in about 0.15 s). */
	uploadDecodeThreads: number;
	/** V8 heap limit of each upload-decoding thread (MB). Env `UPLOAD_DECODE_MEMORY_MB`, default 400. */
	uploadDecodeMemoryMb: number;
	/** Longest one upload may take to decode and check (ms). Env `UPLOAD_DECODE_TIMEOUT_MS`, default 30000. */
	uploadDecodeTimeoutMs: number;
	/** Window of every rate limit (s). Env `RATE_WINDOW_SECONDS`, default 600. */
	rateWindowSeconds: number;
	/** Uploads per client (owner key) per window. Env `RATE_UPLOADS_PER_CLIENT`, default 20. */
	rateUploadsPerClient: number;
	/** Uploads per network address per window, all its clients together. Env `RATE_UPLOADS_PER_ADDRESS`, default 300. */
	rateUploadsPerAddress: number;
	/** Song requests and edits per client per window. Env `RATE_SONGS_PER_CLIENT`, default 60. */
	rateSongsPerClient: number;
	/** Song requests and edits per network address per window. Env `RATE_SONGS_PER_ADDRESS`, default 600. */
	rateSongsPerAddress: number;
	/** Note-by-note edits (`POST /api/songs/:id/edits`) per client per window: a person fixing a song makes many. Env `RATE_EDITS_PER_CLIENT`, default 600. */
	rateEditsPerClient: number;
	/** Note-by-note edits per network address per window. Env `RATE_EDITS_PER_ADDRESS`, default 6000. */
	rateEditsPerAddress: number;
	/** Join-code attempts (right or wrong) per client per window: a guard against guessing codes. Env `RATE_JOINS_PER_CLIENT`, default 20. */
	rateJoinsPerClient: number;
	/** Join-code attempts per network address per window: a class of 30 behind one address joins with room for typos. Env `RATE_JOINS_PER_ADDRESS`, default 120. */
	rateJoinsPerAddress: number;
	/** Open event streams per client (owner key, else address). Env `EVENT_STREAMS_PER_CLIENT`, default 20. */
	eventStreamsPerClient: number;
	/** Open event streams per web process. Env `EVENT_STREAMS_TOTAL`, default 500. */
	eventStreamsTotal: number;
	/** How often the worker queues again the jobs Redis lost (takes not analysed, songs not composed or mixed). Env `REQUEUE_INTERVAL_MS`, default 60000. */
	requeueIntervalMs: number;
	/** How often the worker ends the classes whose retention period is over, deleting everything in them (it also does at start). Env `CLASS_SWEEP_INTERVAL_MS`, default 3600000 (1 hour). */
	classSweepIntervalMs: number;
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
		uploadDecodeThreads: intFromEnv('UPLOAD_DECODE_THREADS', 1),
		uploadDecodeMemoryMb: intFromEnv('UPLOAD_DECODE_MEMORY_MB', 400),
		uploadDecodeTimeoutMs: intFromEnv('UPLOAD_DECODE_TIMEOUT_MS', 30_000),
		rateWindowSeconds: intFromEnv('RATE_WINDOW_SECONDS', 600),
		rateUploadsPerClient: intFromEnv('RATE_UPLOADS_PER_CLIENT', 20),
		rateUploadsPerAddress: intFromEnv('RATE_UPLOADS_PER_ADDRESS', 300),
		rateSongsPerClient: intFromEnv('RATE_SONGS_PER_CLIENT', 60),
		rateSongsPerAddress: intFromEnv('RATE_SONGS_PER_ADDRESS', 600),
		rateEditsPerClient: intFromEnv('RATE_EDITS_PER_CLIENT', 600),
		rateEditsPerAddress: intFromEnv('RATE_EDITS_PER_ADDRESS', 6000),
		rateJoinsPerClient: intFromEnv('RATE_JOINS_PER_CLIENT', 20),
		rateJoinsPerAddress: intFromEnv('RATE_JOINS_PER_ADDRESS', 120),
		eventStreamsPerClient: intFromEnv('EVENT_STREAMS_PER_CLIENT', 20),
		eventStreamsTotal: intFromEnv('EVENT_STREAMS_TOTAL', 500),
		requeueIntervalMs: intFromEnv('REQUEUE_INTERVAL_MS', 60_000),
		classSweepIntervalMs: intFromEnv('CLASS_SWEEP_INTERVAL_MS', 60 * 60_000)
	};
}
