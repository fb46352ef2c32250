/**
 * The worker process: BullMQ workers for the queues named in WORKER_QUEUES (default: all).
 * Each stage's processor runs sandboxed in a worker thread. SIGTERM/SIGINT close the workers
 * gracefully: the current job finishes (or, if the process is killed, its lock expires and
 * another worker takes it over).
 */
import { FlowProducer, Queue, Worker } from 'bullmq';
import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import { readConfig } from '../src/lib/server/config';
import { ANALYZE_QUEUE, COMPOSE_QUEUE, DEFAULT_JOB_OPTIONS, MIX_QUEUE, SING_QUEUE } from '../src/lib/server/queue';
import { createRedisConnection, redactRedisUrl } from '../src/lib/server/redis';
import { requeueLostJobs, type StudioQueues } from '../src/lib/server/requeue-lost-jobs';
import { endExpiredClasses } from '../src/lib/server/class-deletion';
import { removeStaleTempFiles } from '../src/lib/server/stale-temp-files';
import { FileStore } from '../src/lib/server/storage';
import { WARMUP_JOB_NAME } from './processors/warmup';

const PROCESSORS: Record<string, string> = {
	[ANALYZE_QUEUE]: fileURLToPath(new URL('./processors/analyze.thread.mjs', import.meta.url)),
	[SING_QUEUE]: fileURLToPath(new URL('./processors/sing.thread.mjs', import.meta.url)),
	[COMPOSE_QUEUE]: fileURLToPath(new URL('./processors/compose.thread.mjs', import.meta.url)),
	[MIX_QUEUE]: fileURLToPath(new URL('./processors/mix.thread.mjs', import.meta.url))
};

function queuesToServe(): string[] {
	const requested = (process.env.WORKER_QUEUES ?? '').split(',').map((q) => q.trim()).filter(Boolean);
	if (requested.length === 0) return Object.keys(PROCESSORS);
	const unknown = requested.filter((q) => !(q in PROCESSORS));
	if (unknown.length) {
		console.error(`[worker] unknown queue(s) in WORKER_QUEUES: ${unknown.join(', ')}; known: ${Object.keys(PROCESSORS).join(', ')}`);
		process.exit(2);
	}
	return requested;
}

/**
 * Runs `task` now and every `intervalMs`, never two at once (a run still going, e.g. on a slow
 * Redis or disk, is not overlapped); a failure is logged as "could not <what>". Returns the
 * function that stops the timer.
 */
function everyInterval(what: string, intervalMs: number, task: () => Promise<void>): () => void {
	let running = false;
	const run = async () => {
		if (running) return;
		running = true;
		try {
			await task();
		} catch (e) {
			console.error(`[worker] could not ${what}: ${(e as Error).message}`);
		} finally {
			running = false;
		}
	};
	void run();
	const timer = setInterval(() => void run(), intervalMs);
	return () => clearInterval(timer);
}

/** Queues again, at start and every `requeueIntervalMs`, the jobs Redis lost. Returns the function that stops it. */
function superviseLostJobs(config: ReturnType<typeof readConfig>): () => Promise<void> {
	const connection = createRedisConnection(config.redisUrl);
	const opts = { connection, prefix: config.queuePrefix, defaultJobOptions: DEFAULT_JOB_OPTIONS };
	const queues: StudioQueues = { analyze: new Queue(ANALYZE_QUEUE, opts), compose: new Queue(COMPOSE_QUEUE, opts), mix: new Queue(MIX_QUEUE, opts), flow: new FlowProducer({ connection, prefix: config.queuePrefix }) };
	const store = new FileStore(config.dataDir);
	const stop = everyInterval('check for lost jobs', config.requeueIntervalMs, async () => {
		const report = await requeueLostJobs(store, queues);
		const lost = [...report.analyses.map((t) => `analysis of take ${t}`), ...report.composes.map((s) => `compose of song ${s}`), ...report.renders.map((s) => `render of song ${s}`)];
		if (lost.length) console.log(`[worker] re-queued ${lost.length} lost job(s): ${lost.join(', ')}`);
	});
	return async () => {
		stop();
		await Promise.all([queues.analyze.close(), queues.compose.close(), queues.mix.close(), queues.flow.close()]);
		connection.disconnect();
	};
}

/**
 * Ends, at start and every `classSweepIntervalMs`, the classes whose retention period is over
 * (and finishes any ending a crash interrupted), one log line each. Returns the function that stops it.
 */
function sweepExpiredClasses(config: ReturnType<typeof readConfig>): () => void {
	const store = new FileStore(config.dataDir);
	return everyInterval('end expired classes', config.classSweepIntervalMs, async () => {
		await endExpiredClasses(store, new Date(), (record, reason) =>
			console.log(
				reason === 'expired'
					? `[worker] ended class ${record.id} ("${record.title}", started ${record.createdAt}, kept ${record.retentionDays} day(s)): everything in it was deleted`
					: `[worker] finished ending class ${record.id} ("${record.title}", ended ${record.endedAt}): everything in it was deleted`
			)
		);
	});
}

async function main(): Promise<void> {
	const config = readConfig();
	const stale = await removeStaleTempFiles(config.dataDir);
	if (stale.length) console.log(`[worker] removed ${stale.length} stale temporary file(s) left by an interrupted write`);
	const workers = queuesToServe().map((name) => {
		const worker = new Worker(name, PROCESSORS[name], {
			connection: createRedisConnection(config.redisUrl),
			prefix: config.queuePrefix,
			concurrency: config.workerConcurrency,
			lockDuration: config.workerLockMs,
			stalledInterval: config.workerStalledIntervalMs,
			maxStalledCount: 2,
			// Threads rather than forked children: they die with the worker process, even on SIGKILL.
			useWorkerThreads: true
		});
		worker.on('active', (job) => console.log(`[worker] ${name} ${job.id} started`));
		worker.on('completed', (job) => console.log(`[worker] ${name} ${job.id} completed`));
		worker.on('failed', (job, err) => console.log(`[worker] ${name} ${job?.id} failed (attempt ${job?.attemptsMade}): ${err.message}`));
		worker.on('error', (err) => console.error(`[worker] ${name} error: ${err.message}`));
		return worker;
	});
	await Promise.all(workers.map((w) => w.waitUntilReady()));
	// Start each sandbox thread now rather than on the first real job (see processors/warmup.ts).
	await Promise.all(
		workers.map(async (w) => {
			const connection = createRedisConnection(config.redisUrl);
			const queue = new Queue(w.name, { connection, prefix: config.queuePrefix });
			await queue.add(WARMUP_JOB_NAME, {}, { jobId: `${WARMUP_JOB_NAME}-${hostname()}-${process.pid}-${w.name}`, removeOnComplete: true, removeOnFail: true, attempts: 1 });
			await queue.close();
			connection.disconnect();
		})
	);
	console.log(`[worker] ready: ${workers.map((w) => w.name).join(', ')} (pid ${process.pid}, redis ${redactRedisUrl(config.redisUrl)})`);
	const stopRequeue = superviseLostJobs(config);
	const stopClassSweep = sweepExpiredClasses(config);

	let closing = false;
	const shutdown = async (signal: string) => {
		if (closing) return;
		closing = true;
		console.log(`[worker] ${signal}: finishing current jobs`);
		stopClassSweep();
		await Promise.all([...workers.map((w) => w.close()), stopRequeue()]);
		console.log('[worker] stopped');
		process.exit(0);
	};
	process.on('SIGTERM', () => void shutdown('SIGTERM'));
	process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((e) => {
	console.error('[worker] failed to start:', e);
	process.exit(1);
});
