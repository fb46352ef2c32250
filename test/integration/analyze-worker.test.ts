/**
 * The worker process against a real Redis: a job in, progress and the stored artifact out; bad
 * payloads fail at once without retries and without taking the worker down; a worker killed with
 * SIGKILL mid-job loses nothing: another worker takes the job over and finishes it.
 */
import { Queue, QueueEvents } from 'bullmq';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWav } from '../../src/lib/audio';
import { analysisIdOf, getAnalysis } from '../../src/lib/server/analysis';
import { analysisKey, pcmKey, takeOriginalKey } from '../../src/lib/server/keys';
import { ANALYZE_QUEUE, analyzeJobId, decodeJobError, enqueueAnalysis, type AnalyzeJobData, type AnalyzeJobResult } from '../../src/lib/server/queue';
import { createRedisConnection } from '../../src/lib/server/redis';
import { FileStore, sha256Hex } from '../../src/lib/server/storage';
import { createTake, loadOriginal, loadTakePcm, pcmIdOf } from '../../src/lib/server/takes';
import { HUM_MELODY_NOTES } from '../fixtures/hum-melody';
import { hummedTake } from '../helpers/audio';
import { makeDataDir, startRedis, startWorker, type Redis, type RunningProcess } from '../helpers/stack';

function childPids(parentPid: number): number[] {
	const out = spawnSync('pgrep', ['-P', String(parentPid)], { encoding: 'utf8' }).stdout;
	return out.split('\n').filter(Boolean).map(Number);
}

async function waitForExit(pid: number, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			process.kill(pid, 0);
		} catch {
			return;
		}
		if (Date.now() > deadline) {
			process.kill(pid, 'SIGKILL');
			throw new Error(`process ${pid} was still running ${timeoutMs} ms after its parent was killed`);
		}
		await new Promise((r) => setTimeout(r, 100));
	}
}

const HAS_REDIS = spawnSync('redis-server', ['--version']).status === 0;

describe.skipIf(!HAS_REDIS && !process.env.CI)('analyze worker on a real Redis', () => {
	let redis: Redis;
	let dataDir: string;
	let store: FileStore;
	const workers: RunningProcess[] = [];
	const connections: { close(): Promise<unknown> }[] = [];
	const sockets: ReturnType<typeof createRedisConnection>[] = [];
	const connect = () => {
		const socket = createRedisConnection(redis.url);
		sockets.push(socket);
		return socket;
	};

	beforeAll(async () => {
		redis = await startRedis();
		dataDir = await makeDataDir();
		store = new FileStore(dataDir);
	});
	afterAll(async () => {
		await Promise.all(connections.map((c) => c.close()));
		sockets.forEach((s) => s.disconnect());
		await Promise.all(workers.map((w) => w.stop('SIGKILL', 0)));
		await redis?.stop();
		if (dataDir) await rm(dataDir, { recursive: true, force: true });
	});

	async function queueFor(prefix: string) {
		const queue = new Queue<AnalyzeJobData, AnalyzeJobResult>(ANALYZE_QUEUE, {
			connection: connect(),
			prefix,
			defaultJobOptions: { attempts: 3, backoff: { type: 'fixed', delay: 200 } }
		});
		const events = new QueueEvents(ANALYZE_QUEUE, { connection: connect(), prefix });
		await events.waitUntilReady();
		connections.push(queue, events);
		return { queue, events };
	}

	async function worker(prefix: string, extraEnv: Record<string, string> = {}) {
		const w = await startWorker({ redisUrl: redis.url, dataDir, queuePrefix: prefix, extraEnv });
		workers.push(w);
		return w;
	}

	async function storeHumTake(seconds: number) {
		return createTake(
			store,
			{ bytes: encodeWav(hummedTake(seconds), 44100, { bitDepth: 16 }), originalName: 'hum.wav', language: 'en', source: 'upload', humEndSeconds: null },
			{ maxBytes: 50 * 1024 * 1024 }
		);
	}

	it('analyses a stored take: progress through every stage, the notes stored as a content-addressed artifact', async () => {
		const prefix = `t${randomUUID().slice(0, 8)}`;
		const { queue, events } = await queueFor(prefix);
		await worker(prefix);
		const take = await storeHumTake(14);
		const stages: string[] = [];
		events.on('progress', ({ jobId, data }) => {
			if (jobId === analyzeJobId(take.id)) stages.push((data as { stage: string }).stage);
		});
		const job = await enqueueAnalysis(queue, take.id);
		const result = (await job.waitUntilFinished(events, 60_000)) as AnalyzeJobResult;

		expect(result.analysisId).toBe(analysisIdOf(take));
		expect(await store.has(analysisKey(result.analysisId))).toBe(true);
		// The decoding stage made the canonical PCM: mono, 44.1 kHz, as long as the take.
		const pcm = await loadTakePcm(store, take);
		expect(pcm!.length).toBe(Math.round(take.durationSeconds * 44100));
		expect(stages).toEqual(expect.arrayContaining(['decoding', 'pitch', 'notes', 'done']));
		expect(stages.indexOf('decoding')).toBeLessThan(stages.indexOf('done'));
		const analysis = await getAnalysis(store, take);
		expect(analysis).not.toBeNull();
		// The worker found the hummed melody: most notes, right pitches in order.
		const found = analysis!.notes.map((n) => Math.round(n.midiPitch));
		const truth = HUM_MELODY_NOTES.filter((n) => n.onsetSeconds < 13.5).map((n) => n.midiPitch);
		const matched = truth.filter((p, i) => found[i] === p).length;
		expect(matched / truth.length).toBeGreaterThanOrEqual(0.9);
		expect(analysis!.key?.name).toBe('C major');

		// Idempotent: the same take again is answered from the stored artifact, not recomputed.
		await job.remove();
		const again = await enqueueAnalysis(queue, take.id);
		const second = (await again.waitUntilFinished(events, 30_000)) as AnalyzeJobResult;
		expect(second.analysisId).toBe(result.analysisId);
	});

	it('fails a job whose take does not exist at once (no retry) with take_not_found, and keeps serving', async () => {
		const prefix = `t${randomUUID().slice(0, 8)}`;
		const { queue, events } = await queueFor(prefix);
		const w = await worker(prefix);
		const missing = await queue.add('analyze', { takeId: 'nosuchtake00000000' }, { jobId: analyzeJobId('nosuchtake00000000') });
		await expect(missing.waitUntilFinished(events, 30_000)).rejects.toThrow(/take_not_found/);
		const failed = await queue.getJob(missing.id!);
		expect(failed!.attemptsMade).toBe(1);
		expect(decodeJobError(failed!.failedReason)).toMatchObject({ code: 'take_not_found' });

		const garbage = await queue.add('analyze', { nonsense: true } as unknown as AnalyzeJobData);
		await expect(garbage.waitUntilFinished(events, 30_000)).rejects.toThrow(/bad_job/);

		// A recording damaged in storage fails with its own code instead of being analysed or retried.
		const damaged = await storeHumTake(4);
		await store.put(takeOriginalKey(damaged.id, 'wav'), new Uint8Array(1000));
		const damagedJob = await enqueueAnalysis(queue, damaged.id);
		await expect(damagedJob.waitUntilFinished(events, 30_000)).rejects.toThrow(/take_audio_corrupt/);
		expect((await queue.getJob(damagedJob.id!))!.attemptsMade).toBe(1);

		// The same worker process is alive and still does real work.
		expect(w.process.exitCode).toBeNull();
		const take = await storeHumTake(5);
		const ok = await enqueueAnalysis(queue, take.id);
		await expect(ok.waitUntilFinished(events, 60_000)).resolves.toMatchObject({ analysisId: analysisIdOf(take) });
	});

	it('a worker killed with SIGKILL mid-job: another worker takes the job over and it finishes, nothing lost', async () => {
		const prefix = `t${randomUUID().slice(0, 8)}`;
		const { queue, events } = await queueFor(prefix);
		// Short locks so the takeover happens in seconds rather than the production 30 s.
		const fastStall = { WORKER_LOCK_MS: '2000', WORKER_STALLED_INTERVAL_MS: '1000' };
		const first = await worker(prefix, fastStall);
		const take = await storeHumTake(170);
		const originalBefore = await loadOriginal(store, take);

		const active = new Promise<void>((resolve) =>
			events.on('progress', ({ jobId, data }) => {
				if (jobId === analyzeJobId(take.id) && (data as { stage: string }).stage === 'pitch') resolve();
			})
		);
		const job = await enqueueAnalysis(queue, take.id);
		await active;
		const leftovers = childPids(first.process.pid!);
		first.process.kill('SIGKILL');
		await first.exited;
		expect(await store.has(analysisKey(analysisIdOf(take)))).toBe(false);

		await worker(prefix, fastStall);
		// The new worker analyses the whole 170 s take again (melody on one ONNX thread beside the voice on two): minutes on a CI machine running another test file.
		const result = (await job.waitUntilFinished(events, 200_000)) as AnalyzeJobResult;
		expect(result.analysisId).toBe(analysisIdOf(take));
		const finished = await queue.getJob(job.id!);
		expect(await finished!.getState()).toBe('completed');
		// The recording is untouched (loadOriginal checks its hash), its canonical PCM and analysis are stored.
		expect(sha256Hex(await loadOriginal(store, take))).toBe(sha256Hex(originalBefore));
		expect(await store.has(pcmKey(pcmIdOf(take)))).toBe(true);
		expect(await getAnalysis(store, take)).not.toBeNull();
		// Two worker start-ups and a 170 s take analysed once and a half: on two cores shared with the
		// rest of the suite this takes longer than the default 60 s (37 s alone, quiet).
	}, 300_000);
});
