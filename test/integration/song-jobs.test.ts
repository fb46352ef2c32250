/**
 * Song jobs through the real worker and Redis. Failures: a fault that fails the same way every
 * time fails its job at once (no retries) and the song's error names the stage that failed ("The
 * mix failed: …", "Singing failed: …"); a fault that may pass is retried first. The faults are
 * song artifacts damaged in storage, written by the test. Priorities: backing and mix jobs wait
 * while anyone's analysis is queued.
 */
import { FlowProducer, Queue } from 'bullmq';
import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWav } from '../../src/lib/audio/wav';
import { recordEdge } from '../../src/lib/server/derived-index';
import { backingAudioKey, songRevisionKey, takeRecordKey, vocalPlanKey } from '../../src/lib/server/keys';
import { ANALYZE_QUEUE, enqueueSongRender, MIX_QUEUE, mixJobId, songJobFailure, SING_QUEUE, type SongJobData } from '../../src/lib/server/queue';
import { createRedisConnection } from '../../src/lib/server/redis';
import { FileStore, putJson, sha256Hex } from '../../src/lib/server/storage';
import type { StudioErrorJson } from '../../src/lib/take/types';
import { makeDataDir, startRedis, startWorker, type Redis, type RunningProcess } from '../helpers/stack';

const HAS_REDIS = spawnSync('redis-server', ['--version']).status === 0;

describe.skipIf(!HAS_REDIS && !process.env.CI)('song jobs on a real Redis and worker', () => {
	let redis: Redis;
	let dataDir: string;
	let store: FileStore;
	let worker: RunningProcess;
	let connection: ReturnType<typeof createRedisConnection>;
	let flow: FlowProducer;
	let mixQueue: Queue<SongJobData>;
	let singQueue: Queue;
	const prefix = `t${randomUUID().slice(0, 8)}`;

	beforeAll(async () => {
		redis = await startRedis();
		dataDir = await makeDataDir();
		store = new FileStore(dataDir);
		worker = await startWorker({ redisUrl: redis.url, dataDir, queuePrefix: prefix, extraEnv: { WORKER_QUEUES: `${SING_QUEUE},${MIX_QUEUE}` } });
		connection = createRedisConnection(redis.url);
		flow = new FlowProducer({ connection, prefix });
		mixQueue = new Queue<SongJobData>(MIX_QUEUE, { connection, prefix });
		singQueue = new Queue(SING_QUEUE, { connection, prefix });
	});
	afterAll(async () => {
		await flow?.close();
		await mixQueue?.close();
		await singQueue?.close();
		connection?.disconnect();
		await worker?.stop('SIGKILL', 0);
		await redis?.stop();
		if (dataDir) await rm(dataDir, { recursive: true, force: true });
	});

	const newSongId = () => randomBytes(10).toString('hex');

	/**
	 * A composed revision whose backing is already rendered (one second of silence), so the backing
	 * job finishes at once. Its take and the take's link to the song exist, so the jobs see a live
	 * song (not one deleted while they ran); `song: null` stands for a damaged song document that
	 * still names its take.
	 */
	async function storeRevision(songId: string, parts: { song: unknown; vocalId: string | null; backingId?: string }): Promise<void> {
		const takeId = `take${songId.slice(0, 12)}`;
		await putJson(store, takeRecordKey(takeId), { id: takeId });
		await recordEdge(store, 'take', takeId, 'song', songId);
		const song = parts.song ?? { takeId };
		const backingId = parts.backingId ?? sha256Hex('backing', songId);
		if (!parts.backingId) await store.put(backingAudioKey(backingId), encodeWav([new Float32Array(44100), new Float32Array(44100)], 44100, { bitDepth: 32, float: true }));
		await putJson(store, songRevisionKey(songId, 1), { songId, revision: 1, request: {}, song, vocalId: parts.vocalId, backingId, mixId: sha256Hex('mix', songId), report: { fit: '', toneAgreement: null, warnings: [] } });
	}

	async function finalFailure(songId: string, timeoutMs = 60_000): Promise<StudioErrorJson> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const failure = await songJobFailure(mixQueue, mixJobId(songId, 1));
			if (failure) return failure;
			if (Date.now() > deadline) throw new Error(`the song's mix job has not failed after ${timeoutMs} ms:\n${worker.output()}`);
			await new Promise((r) => setTimeout(r, 200));
		}
	}

	it('fails a mix that would fail the same way again at once, its message starting "The mix failed"', async () => {
		const songId = newSongId();
		// A revision damaged in storage: its song document is gone, so mixing it throws a TypeError.
		await storeRevision(songId, { song: null, vocalId: null });
		await enqueueSongRender(flow, songId, 1, null);
		const failure = await finalFailure(songId);
		expect(failure.code).toBe('mix_failed');
		expect(failure.message).toMatch(/^The mix failed: /);
		expect((await mixQueue.getJob(mixJobId(songId, 1)))!.attemptsMade).toBe(1);
	});

	it('fails a song whose phrase cannot be sung at once, its message starting "Singing failed"', async () => {
		const songId = newSongId();
		const vocalId = sha256Hex('vocal', songId);
		// The vocal's plan is damaged in storage (not JSON): every attempt to sing it fails alike.
		await store.put(vocalPlanKey(vocalId), new TextEncoder().encode('{"vocalId": "'));
		await storeRevision(songId, { song: null, vocalId });
		await enqueueSongRender(flow, songId, 1, { vocalId, phraseCount: 2 });
		const failure = await finalFailure(songId);
		expect(failure.code).toBe('sing_failed');
		expect(failure.message).toMatch(/^Singing failed: /);
		const phrases = await singQueue.getJobs(['failed']);
		expect(phrases.filter((j) => j.name === 'phrase').map((j) => j.attemptsMade)).toContain(1);
		expect(phrases.every((j) => j.attemptsMade === 1)).toBe(true);
	});

	it("holds a song's backing and mix while anyone's analysis is queued, then runs them", async () => {
		const songId = newSongId();
		await storeRevision(songId, { song: null, vocalId: null });
		// This worker serves no analyze queue: another student's analysis stays queued until removed.
		const analyzeQueue = new Queue(ANALYZE_QUEUE, { connection, prefix });
		const analysis = await analyzeQueue.add('analyze', { takeId: 'anotherstudent0000' });
		try {
			await enqueueSongRender(flow, songId, 1, null);
			const backingJobId = `backing-${songId}-1`;
			// Once the worker has taken the backing (after its warm-up), it holds it without rendering.
			for (const deadline = Date.now() + 60_000; ['waiting', 'prioritized'].includes(await mixQueue.getJobState(backingJobId)) && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 100));
			await new Promise((r) => setTimeout(r, 2000));
			expect(await mixQueue.getJobState(backingJobId)).toBe('active');
			expect(await mixQueue.getJobState(mixJobId(songId, 1))).toBe('waiting-children');
			await analysis.remove();
			// Then the backing renders and the mix runs (and fails: this revision's song is damaged).
			expect((await finalFailure(songId)).message).toMatch(/^The mix failed: /);
		} finally {
			await analyzeQueue.close();
		}
	});

	it('retries a fault that may pass, then names the stage it failed in', async () => {
		const songId = newSongId();
		// The backing's score is missing: told as a studio fault (500), which a later attempt might not meet.
		await storeRevision(songId, { song: null, vocalId: null, backingId: sha256Hex('backing-missing', songId) });
		await enqueueSongRender(flow, songId, 1, null);
		const failure = await finalFailure(songId, 90_000);
		expect(failure.code).toBe('backing_missing');
		expect(failure.message).toMatch(/^The mix failed: The backing score of this song is missing/);
		expect((await mixQueue.getJob(`backing-${songId}-1`))!.attemptsMade).toBe(3);
	}, 120_000);
});
