/**
 * The web server's limits on bad input, on the built app with a real Redis (and no worker, so
 * uploads stay queued and progress streams stay open): decompression bombs, a 600 MB JSON body,
 * rate limits, caps on open event streams, and song streams driven by queue events, not polling.
 * Caps are set low by env (README "Limits") so the test stays small.
 */
import { spawnSync } from 'node:child_process';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWav } from '../../src/lib/audio/wav';
import { hum } from '../fixtures/bad-inputs';
import { BOMBS, flacBomb } from '../fixtures/bombs';
import { startWebOnly, type WebOnlyStack } from '../helpers/limits-stack';
import { newOwnerKey, ownerHeaders } from '../helpers/owner';
import { processMemoryMb } from '../helpers/process-memory';
import { postStreamedBody } from '../helpers/streamed-post';

const HAS_REDIS = spawnSync('redis-server', ['--version']).status === 0;
const WEB_RSS_LIMIT_MB = 500;
const UPLOADS_PER_CLIENT = 4;
const SONGS_PER_CLIENT = 3;
const STREAMS_PER_CLIENT = 5;
const STREAMS_TOTAL = 40;

async function upload(stack: WebOnlyStack, bytes: Uint8Array, key: string): Promise<{ status: number; body: any; headers: Headers; ms: number }> {
	const started = performance.now();
	const response = await fetch(`${stack.baseUrl}/api/takes?name=take.bin`, {
		method: 'POST',
		headers: ownerHeaders(key, { 'content-type': 'application/octet-stream' }),
		body: bytes as BodyInit
	});
	return { status: response.status, body: await response.json(), headers: response.headers, ms: performance.now() - started };
}

interface OpenStream {
	status: number;
	body: any;
	headers: Headers;
	response?: Response;
	close(): void;
}

/** A take of the client's own (a 5 s hum), so its progress stream is theirs to follow. */
async function ownTake(stack: WebOnlyStack, key: string): Promise<string> {
	const take = await upload(stack, encodeWav(hum(5, 16000), 16000), key);
	expect(take.status).toBe(201);
	return take.body.take.id;
}

async function openStream(url: string, key: string): Promise<OpenStream> {
	const controller = new AbortController();
	const response = await fetch(url, { headers: ownerHeaders(key), signal: controller.signal });
	// The stream keeps its Response: a collected Response closes its connection, freeing the place.
	if (response.status === 200) return { status: 200, body: null, headers: response.headers, response, close: () => controller.abort() };
	return { status: response.status, body: await response.json(), headers: response.headers, close: () => {} };
}

describe.skipIf(!HAS_REDIS && !process.env.CI)('limits on bad input (built web server, real Redis)', () => {
	let stack: WebOnlyStack;
	let takeId: string;
	let songId: string;
	const key = newOwnerKey();
	const webMemory = () => processMemoryMb(stack.web.process.pid!);

	beforeAll(async () => {
		stack = await startWebOnly({
			RATE_UPLOADS_PER_CLIENT: String(UPLOADS_PER_CLIENT),
			RATE_SONGS_PER_CLIENT: String(SONGS_PER_CLIENT),
			EVENT_STREAMS_PER_CLIENT: String(STREAMS_PER_CLIENT),
			EVENT_STREAMS_TOTAL: String(STREAMS_TOTAL)
		});
		takeId = await ownTake(stack, key);
		const song = await fetch(`${stack.baseUrl}/api/takes/${takeId}/songs`, { method: 'POST', headers: ownerHeaders(key, { 'content-type': 'application/json' }), body: '{}' });
		expect(song.status).toBe(202);
		songId = (await song.json()).songId;
	});
	afterAll(async () => {
		await stack?.stop();
	});

	it('refuses a decompression bomb in each format (1000 s behind a header that says less) with 413 too_long, quickly, web RSS ≤ 500 MB', async () => {
		for (const bomb of BOMBS) {
			const { status, body, ms } = await upload(stack, bomb.build(1000), newOwnerKey());
			expect({ format: bomb.format, status, code: body.error?.code }).toEqual({ format: bomb.format, status: 413, code: 'too_long' });
			expect(body.error.message).toMatch(/180 s/);
			expect(ms).toBeLessThan(10_000);
		}
		expect(webMemory().peakRssMb).toBeLessThan(WEB_RSS_LIMIT_MB);
	});

	it('refuses the 10-hour FLAC of issue 12 (0 declared samples, ~390 kB) in seconds while health answers at once, web RSS ≤ 500 MB', async () => {
		const pending = upload(stack, flacBomb(36_000), newOwnerKey());
		const healthStarted = performance.now();
		const health = await fetch(`${stack.baseUrl}/api/health`, { headers: ownerHeaders(key) });
		const healthMs = performance.now() - healthStarted;
		const { status, body, ms } = await pending;
		expect(status).toBe(413);
		expect(body.error).toEqual({
			code: 'too_long',
			message: 'The recording is longer than 180 s (decoding stopped there); the studio accepts 3–180 s. Trim it or record a shorter take.'
		});
		expect(ms).toBeLessThan(10_000);
		expect(health.status).toBe(200);
		expect(healthMs).toBeLessThan(1000);
		expect(webMemory().peakRssMb).toBeLessThan(WEB_RSS_LIMIT_MB);
	});

	it('refuses a streamed 600 MB JSON body with 413 body_too_large and a sentence, having read little of it; web RSS ≤ 500 MB', async () => {
		const result = await postStreamedBody(`${stack.baseUrl}/api/takes/${takeId}/songs`, 600 * 1024 * 1024, ownerHeaders(key));
		expect(result.status).toBe(413);
		const error = JSON.parse(result.body).error;
		expect(error.code).toBe('body_too_large');
		expect(error.message).toMatch(/settings as JSON of up to 1024 kB/);
		expect(result.bytesSent).toBeLessThan(100 * 1024 * 1024);
		expect(webMemory().peakRssMb).toBeLessThan(WEB_RSS_LIMIT_MB);
	});

	it('answers 429 with Retry-After and a sentence once a client passes its upload limit; another browser behind the same address still uploads', async () => {
		const client = newOwnerKey();
		const short = encodeWav(hum(1, 8000), 8000);
		for (let i = 0; i < UPLOADS_PER_CLIENT; i++) expect((await upload(stack, short, client)).status).toBe(422);
		const refused = await upload(stack, short, client);
		expect(refused.status).toBe(429);
		expect(refused.body.error.code).toBe('rate_limited');
		expect(refused.body.error.message).toMatch(/^Too many uploads from this browser: the studio takes 4 in 10 minutes\. Try again in \d+ min( \d+ s)?\.$/);
		expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(500);
		expect((await upload(stack, short, newOwnerKey())).status).toBe(422);
	});

	it('answers 429 once a client passes its limit of song requests and edits', async () => {
		const client = newOwnerKey();
		const clientTake = await ownTake(stack, client);
		const ask = () => fetch(`${stack.baseUrl}/api/takes/${clientTake}/songs`, { method: 'POST', headers: ownerHeaders(client, { 'content-type': 'application/json' }), body: '{"style": 42}' });
		for (let i = 0; i < SONGS_PER_CLIENT; i++) expect((await ask()).status).toBe(400);
		const refused = await ask();
		expect(refused.status).toBe(429);
		expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
		expect((await refused.json()).error.message).toMatch(/^Too many song requests and edits from this browser/);
	});

	it('caps open event streams per client (429) and in total (503) with a sentence, and frees them when clients go; web RSS ≤ 500 MB', async () => {
		// Each client follows its own take (the first one also its song), as an owner would.
		const takeStream = (id: string) => `${stack.baseUrl}/api/takes/${id}/events`;
		const songStream = `${stack.baseUrl}/api/songs/${songId}/events`;
		const open: OpenStream[] = [];
		try {
			const first = key;
			for (let i = 0; i < STREAMS_PER_CLIENT; i++) open.push(await openStream(i % 2 ? songStream : takeStream(takeId), first));
			expect(open.map((s) => s.status)).toEqual(Array(STREAMS_PER_CLIENT).fill(200));
			const overClient = await openStream(songStream, first);
			expect(overClient.status).toBe(429);
			expect(overClient.body.error.code).toBe('too_many_streams');
			expect(overClient.body.error.message).toMatch(/^This browser already follows 5 progress streams/);
			expect(overClient.headers.get('retry-after')).toBe('30');

			while (open.length < STREAMS_TOTAL) {
				const client = newOwnerKey();
				const own = await ownTake(stack, client);
				for (let i = 0; i < STREAMS_PER_CLIENT && open.length < STREAMS_TOTAL; i++) open.push(await openStream(takeStream(own), client));
			}
			expect(open.every((s) => s.status === 200)).toBe(true);
			const late = newOwnerKey();
			const overTotal = await openStream(takeStream(await ownTake(stack, late)), late);
			expect(overTotal.status).toBe(503);
			expect(overTotal.body.error).toMatchObject({ code: 'streams_full' });
			expect(overTotal.body.error.message).toMatch(/^The studio is following 40 progress streams/);

			// Every client goes: all places come free again.
			for (const s of open.splice(0)) s.close();
			await new Promise((r) => setTimeout(r, 500));
			for (let i = 0; i < STREAMS_PER_CLIENT; i++) open.push(await openStream(takeStream(takeId), first));
			expect(open.map((s) => s.status)).toEqual(Array(STREAMS_PER_CLIENT).fill(200));
			expect(webMemory().peakRssMb).toBeLessThan(WEB_RSS_LIMIT_MB);
		} finally {
			for (const s of open) s.close();
		}
	});

	it('keeps idle song streams quiet: 5 open streams cost a few Redis commands in 3 s, not a storage and queue poll 4 times a second each', async () => {
		const redis = new Redis(stack.redisUrl);
		const commands = async () => Number(/total_commands_processed:(\d+)/.exec(await redis.info('stats'))![1]);
		const open: OpenStream[] = [];
		try {
			await new Promise((r) => setTimeout(r, 500));
			let before = await commands();
			await new Promise((r) => setTimeout(r, 3000));
			const idle = (await commands()) - before;
			for (let k = 0; k < STREAMS_PER_CLIENT; k++) open.push(await openStream(`${stack.baseUrl}/api/songs/${songId}/events`, key));
			expect(open.every((s) => s.status === 200)).toBe(true);
			await new Promise((r) => setTimeout(r, 500));
			before = await commands();
			await new Promise((r) => setTimeout(r, 3000));
			const streaming = (await commands()) - before;
			// Polling 4 times a second cost about 190 commands per stream in 3 s.
			expect(streaming - idle).toBeLessThan(150);
		} finally {
			for (const s of open) s.close();
			redis.disconnect();
		}
	});
});
