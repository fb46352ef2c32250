/**
 * Faults on real processes (built server, real worker, real Redis): Redis killed and started
 * again, Redis refusing writes, a song whose jobs Redis lost, a refused lyric after FLUSHALL, and
 * a full disk under the studio.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWav } from '../../src/lib/audio';
import type { TakeRecord } from '../../src/lib/take/types';
import { COMPOSE_QUEUE, composeJobId } from '../../src/lib/server/queue';
import { makeHumMelody } from '../fixtures/hum-melody';
import { OWNER_KEY, ownerHeaders } from '../helpers/owner';
import { startRedis, startStack, startWorker, type Stack } from '../helpers/stack';

const HAS_REDIS = spawnSync('redis-server', ['--version']).status === 0;

function humUpload(seconds = 6): FormData {
	const { pcm, sampleRate } = makeHumMelody({ durationSeconds: seconds });
	const body = new FormData();
	body.set('audio', new Blob([encodeWav(pcm, sampleRate, { bitDepth: 16 }) as BlobPart]), 'hum.wav');
	body.set('language', 'en');
	return body;
}

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
	const started = performance.now();
	const value = await run();
	return { value, ms: performance.now() - started };
}

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 120_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe().catch(() => null);
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 250));
	}
}

async function uploadAnalysed(baseUrl: string): Promise<string> {
	const response = await fetch(`${baseUrl}/api/takes`, { method: 'POST', body: humUpload(), headers: ownerHeaders() });
	expect(response.status).toBe(201);
	const takeId = ((await response.json()) as { take: TakeRecord }).take.id;
	await waitFor(`take ${takeId} analysed`, async () => {
		const d = (await (await fetch(`${baseUrl}/api/takes/${takeId}`, { headers: ownerHeaders() })).json()) as { progress: { status: string } };
		if (d.progress.status === 'failed') throw new Error('analysis failed');
		return d.progress.status === 'completed';
	});
	return takeId;
}

/** The first `status` event of a song's stream. */
async function songStatus(baseUrl: string, songId: string): Promise<{ stages: { stage: string; done: boolean }[]; error: { code: string; message: string } | null }> {
	const controller = new AbortController();
	const response = await fetch(`${baseUrl}/api/songs/${songId}/events`, { signal: controller.signal, headers: ownerHeaders() });
	const reader = response.body!.getReader();
	let text = '';
	try {
		for (;;) {
			const { value, done } = await reader.read();
			if (done) throw new Error(`stream ended: ${text}`);
			text += new TextDecoder().decode(value);
			const match = /event: status\ndata: (.*)\n\n/.exec(text);
			if (match) return JSON.parse(match[1]);
		}
	} finally {
		controller.abort();
	}
}

async function mixReportExists(stack: Stack, songId: string): Promise<boolean> {
	const d = (await (await fetch(`${stack.baseUrl}/api/songs/${songId}`, { headers: ownerHeaders() })).json()) as { composed: { mixId: string } | null };
	return !!d.composed && existsSync(path.join(stack.dataDir, 'artifacts/mix', d.composed.mixId, 'report.json'));
}

describe.skipIf(!HAS_REDIS && !process.env.CI)('faults (built server, real worker and Redis)', () => {
	let stack: Stack;
	let takeId: string;
	beforeAll(async () => {
		stack = await startStack({ extraEnv: { REQUEUE_INTERVAL_MS: '1000' } });
		takeId = await uploadAnalysed(stack.baseUrl);
	}, 180_000);
	afterAll(async () => {
		await stack?.stop();
	});

	it('keeps its private Redis behind a password', async () => {
		expect(stack.redisUrl).toMatch(/^redis:\/\/:[0-9a-f]{48}@127\.0\.0\.1:\d+$/);
		const anonymous = new Redis(stack.redisUrl.replace(/:[0-9a-f]+@/, ''), { enableReadyCheck: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
		anonymous.on('error', () => {});
		await expect(anonymous.ping()).rejects.toThrow(/NOAUTH/);
		anonymous.disconnect();
	});

	it('re-queues a song whose compose job Redis lost when the worker starts, and the song finishes', async () => {
		await stack.worker.stop();
		const response = await fetch(`${stack.baseUrl}/api/takes/${takeId}/songs`, { method: 'POST', headers: ownerHeaders(OWNER_KEY, { 'content-type': 'application/json' }), body: JSON.stringify({ style: 'lo-fi', seed: 5 }) });
		expect(response.status).toBe(202);
		const { songId } = (await response.json()) as { songId: string };
		const connection = new Redis(stack.redisUrl, { maxRetriesPerRequest: null });
		const compose = new Queue(COMPOSE_QUEUE, { connection, prefix: stack.queuePrefix });
		await compose.remove(composeJobId(songId, 1));
		expect(await compose.getJob(composeJobId(songId, 1))).toBeUndefined();
		await compose.close();
		connection.disconnect();
		stack.worker = await startWorker({ redisUrl: stack.redisUrl, dataDir: stack.dataDir, queuePrefix: stack.queuePrefix, extraEnv: { REQUEUE_INTERVAL_MS: '1000' } });
		await waitFor('the song mixed', () => mixReportExists(stack, songId), 150_000);
		expect(stack.worker.output()).toMatch(new RegExp(`re-queued 1 lost job\\(s\\): compose of song ${songId}@1`));
		const status = await songStatus(stack.baseUrl, songId);
		expect(status.error).toBeNull();
		expect(status.stages.every((s) => s.done)).toBe(true);
	}, 200_000);

	it('keeps a refused lyric’s message after Redis is flushed, and does not compose it again', async () => {
		const response = await fetch(`${stack.baseUrl}/api/takes/${takeId}/songs`, { method: 'POST', headers: ownerHeaders(OWNER_KEY, { 'content-type': 'application/json' }), body: JSON.stringify({ lyrics: Array(60).fill('la la la la la').join(' ') }) });
		expect(response.status).toBe(202);
		const { songId } = (await response.json()) as { songId: string };
		const refused = await waitFor('the lyric refused', async () => (await songStatus(stack.baseUrl, songId)).error, 60_000);
		expect(refused.code).toBe('too_many_syllables');
		const redis = new Redis(stack.redisUrl);
		await redis.flushall();
		redis.disconnect();
		// Two requeue periods pass: the refusal is the song's answer, not a lost job.
		await new Promise((r) => setTimeout(r, 2500));
		const after = await songStatus(stack.baseUrl, songId);
		expect(after.error).toEqual(refused);
		expect(stack.worker.output()).not.toContain(`compose of song ${songId}`);
	}, 120_000);

	it('reports Redis refusing writes as unhealthy (503), not OK', async () => {
		const redis = new Redis(stack.redisUrl);
		await redis.config('SET', 'min-replicas-to-write', '1');
		try {
			const response = await fetch(`${stack.baseUrl}/api/health`, { headers: ownerHeaders() });
			expect(response.status).toBe(503);
			const body = (await response.json()) as { ok: boolean; error: { code: string; message: string } };
			expect(body.ok).toBe(false);
			expect(body.error.message).toMatch(/NOREPLICAS/);
		} finally {
			await redis.config('SET', 'min-replicas-to-write', '0');
			redis.disconnect();
		}
		expect((await fetch(`${stack.baseUrl}/api/health`, { headers: ownerHeaders() })).status).toBe(200);
	});

	it('answers 503 within 2 s while Redis is down (health and an upload that is kept), then resumes and analyses that upload', async () => {
		const { port, password } = stack.redis;
		stack.redis.process.kill('SIGKILL');
		await new Promise((r) => stack.redis.process.once('exit', r));
		const health = await timed(() => fetch(`${stack.baseUrl}/api/health`, { headers: ownerHeaders() }));
		expect(health.value.status).toBe(503);
		expect(health.ms).toBeLessThan(2000);
		// Another recording than the analysed one (analyses are content-addressed).
		const upload = await timed(() => fetch(`${stack.baseUrl}/api/takes`, { method: 'POST', body: humUpload(7), headers: ownerHeaders() }));
		expect(upload.value.status).toBe(503);
		expect(upload.ms).toBeLessThan(2000);
		const { error } = (await upload.value.json()) as { error: { code: string; message: string } };
		expect(error.code).toBe('queue_unavailable');
		expect(error.message).toMatch(/Your take was saved \(id [a-z0-9]+\).*analysis will start by itself when the queue is back/);
		const keptId = /id ([a-z0-9]+)/.exec(error.message)![1];
		const takeRead = await timed(() => fetch(`${stack.baseUrl}/api/takes/${keptId}`, { headers: ownerHeaders() }));
		expect(takeRead.value.status).toBe(503);
		expect(takeRead.ms).toBeLessThan(2000);

		stack.redis = await startRedis({ port, password });
		await waitFor('health OK again', async () => (await fetch(`${stack.baseUrl}/api/health`, { headers: ownerHeaders() })).status === 200, 30_000);
		// The restarted Redis is empty (no persistence in tests): the worker queues the kept take's analysis again.
		await waitFor('the kept take analysed', async () => {
			const d = (await (await fetch(`${stack.baseUrl}/api/takes/${keptId}`, { headers: ownerHeaders() })).json()) as { progress?: { status: string } };
			return d.progress?.status === 'completed';
		}, 120_000);
	}, 200_000);
});

/** Whether this process may mount a tmpfs (root in a container that allows it). */
function canMount(dir: string): boolean {
	if (process.getuid?.() !== 0) return false;
	return spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', dir]).status === 0;
}

describe.skipIf(!HAS_REDIS && !process.env.CI)('a full disk under the studio (tmpfs DATA_DIR)', () => {
	let dataDir: string;
	let mounted = false;
	let stack: Stack | undefined;
	beforeAll(async () => {
		dataDir = await mkdtemp(path.join(os.tmpdir(), 'h2s-full-'));
		mounted = canMount(dataDir);
		if (mounted) stack = await startStack({ dataDir });
	}, 60_000);
	afterAll(async () => {
		await stack?.stop();
		if (mounted) execFileSync('umount', [dataDir]);
		await rm(dataDir, { recursive: true, force: true });
	});

	it('answers an upload with 507 storage_full saying the recording was not kept, and leaves no partial file', async (context) => {
		if (!mounted) context.skip();
		const response = await fetch(`${stack!.baseUrl}/api/takes`, { method: 'POST', body: humUpload(10), headers: ownerHeaders() });
		expect(response.status).toBe(507);
		const { error } = (await response.json()) as { error: { code: string; message: string } };
		expect(error.code).toBe('storage_full');
		expect(error.message).toMatch(/^The studio could not save your recording: the disk is full; nothing was kept/);
		const files = (await readdir(dataDir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
		expect(files.map((f) => f.name)).toEqual([]);
	});
});
