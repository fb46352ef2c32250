/**
 * Deletion through the whole stack (built server, real worker and Redis): vocals asked for at the
 * same moment are all deleted with their voice, a second take of the same audio keeps its own
 * voice, a deleted take leaves nothing in DATA_DIR and nothing at any URL that served it, and a
 * job still running for it keeps nothing it made.
 */
import { spawnSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { encodeWav } from '../../src/lib/audio';
import { ANALYZE_QUEUE, analyzeJobId } from '../../src/lib/server/queue';
import { createRedisConnection } from '../../src/lib/server/redis';
import type { TakeRecord } from '../../src/lib/take/types';
import { filesUnder, pathsMentioning } from '../helpers/data-dir';
import { HAS_ESPEAK } from '../helpers/espeak';
import { ownerHeaders } from '../helpers/owner';
import { humAndReadingTake } from '../helpers/song-take';
import { startStack, type Stack } from '../helpers/stack';

const HAS_REDIS = spawnSync('redis-server', ['--version']).status === 0;
const LYRICS = ['我哋一齊唱歌', '唱到天光', '月光照喺窗前', '我哋唱歌', '一齊唱到天光', '月光照窗前', '天光唱歌', '我哋一齊喺窗前'];
const SONG_EXPORTS = ['wav16', 'wav24', 'mp3', 'midi', 'json', 'vocal', 'backing'];

/** Polls until `ready` gives a value, failing after `timeoutMs`. */
async function until<T>(what: string, ready: () => Promise<T | null>, timeoutMs = 150_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (let value = await ready(); ; value = await ready()) {
		if (value !== null) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

describe.skipIf((!HAS_REDIS || !HAS_ESPEAK) && !process.env.CI)('deleting takes, voices and songs (built server, real worker and Redis)', () => {
	let stack: Stack;
	let wav: Uint8Array;
	let takeA: string;
	const api = (route: string, init: RequestInit = {}) => fetch(`${stack.baseUrl}/api${route}`, { ...init, headers: ownerHeaders(undefined, (init.headers as Record<string, string>) ?? {}) });
	const postJson = (route: string, body: unknown) => api(route, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

	async function upload(): Promise<string> {
		const body = new FormData();
		body.set('audio', new Blob([wav as BlobPart]), 'take.wav');
		body.set('language', 'yue');
		body.set('source', 'recording');
		body.set('humEndSeconds', String(humEnd));
		const response = await api('/takes', { method: 'POST', body });
		expect(response.status).toBe(201);
		return ((await response.json()) as { take: TakeRecord }).take.id;
	}
	async function uploadAnalysed(): Promise<string> {
		const takeId = await upload();
		await until('the analysis', async () => {
			const { progress } = await (await api(`/takes/${takeId}`)).json();
			if (progress.status === 'failed') throw new Error(JSON.stringify(progress.error));
			return progress.status === 'completed' ? true : null;
		});
		return takeId;
	}
	async function sing(takeId: string, lyrics: string): Promise<{ vocalId: string; phrases: unknown[] }> {
		const response = await postJson(`/takes/${takeId}/vocal`, { lyrics });
		const plan = await response.json();
		expect(response.status, JSON.stringify(plan)).toBe(202);
		return plan;
	}
	const fullVocal = (vocalId: string) => until(`vocal ${vocalId}`, async () => ((await (await api(`/vocals/${vocalId}`)).json()).fullReady ? true : null));
	async function mixedSong(takeId: string): Promise<string> {
		const response = await postJson(`/takes/${takeId}/songs`, { style: 'lo-fi', seed: 5 });
		expect(response.status).toBe(202);
		const { songId } = (await response.json()) as { songId: string };
		await until('the mix', async () => ((await api(`/songs/${songId}/export/mp3`)).status === 200 ? true : null));
		return songId;
	}
	const vocalUrls = (vocalId: string, phrases: number) => [`/vocals/${vocalId}`, `/vocals/${vocalId}/full`, ...Array.from({ length: phrases }, (_, i) => `/vocals/${vocalId}/phrases/${i}`)];
	async function statuses(urls: string[]): Promise<Record<string, number>> {
		const entries = await Promise.all(
			urls.map(async (url) => {
				const response = await api(url);
				await response.body?.cancel();
				return [url, response.status] as const;
			})
		);
		return Object.fromEntries(entries);
	}
	const all = (urls: string[], status: number) => Object.fromEntries(urls.map((url) => [url, status]));

	let humEnd: number;
	beforeAll(async () => {
		stack = await startStack();
		const take = humAndReadingTake('yue');
		wav = encodeWav(take.pcm, take.sampleRate);
		humEnd = take.humEndSeconds;
		takeA = await uploadAnalysed();
	}, 180_000);
	afterAll(async () => {
		await stack?.stop();
	});

	it('deletes with the voice every vocal of eight asked for at once, and the mixes of the songs sung with it', async () => {
		const songId = await mixedSong(takeA);
		const plans = await Promise.all(LYRICS.map((lyrics) => sing(takeA, lyrics)));
		expect(new Set(plans.map((p) => p.vocalId)).size).toBe(LYRICS.length);
		for (const plan of plans) await fullVocal(plan.vocalId);
		const song = (await (await api(`/songs/${songId}`)).json()) as { composed: { vocalId: string; song: { melody: unknown[] } } };
		const urls = [
			...plans.flatMap((p) => vocalUrls(p.vocalId, p.phrases.length)),
			...vocalUrls(song.composed.vocalId, 1),
			...SONG_EXPORTS.filter((f) => f !== 'json').map((f) => `/songs/${songId}/export/${f}`)
		];
		expect(await statuses(urls)).toEqual(all(urls, 200));

		expect((await api(`/takes/${takeA}/voice`, { method: 'DELETE' })).status).toBe(204);
		expect(await statuses(urls)).toEqual(all(urls, 404));
		expect(await readdir(path.join(stack.dataDir, 'artifacts', 'vocal'))).toEqual([]);
		expect(await readdir(path.join(stack.dataDir, 'artifacts', 'mix'))).toEqual([]);
		expect((await postJson(`/takes/${takeA}/vocal`, { lyrics: '天光' })).status).toBe(410);

		// The song itself goes on its own delete; the take stays.
		expect((await api(`/songs/${songId}`, { method: 'DELETE' })).status).toBe(204);
		expect(await statuses([`/songs/${songId}`, `/songs/${songId}/backing`, `/songs/${songId}/export/json`])).toEqual(all([`/songs/${songId}`, `/songs/${songId}/backing`, `/songs/${songId}/export/json`], 404));
		expect(await readdir(path.join(stack.dataDir, 'songs'))).toEqual([]);
		expect((await api(`/songs/${songId}`, { method: 'DELETE' })).status).toBe(404);
		expect((await api(`/takes/${takeA}`)).status).toBe(200);
	}, 400_000);

	let before: Map<string, string>;
	let takeB: string;

	it("leaves another take of the same audio its own voice when one take's voice is deleted", async () => {
		before = await filesUnder(stack.dataDir);
		takeB = await uploadAnalysed();
		const plan = await sing(takeB, LYRICS[0]);
		await fullVocal(plan.vocalId);
		expect((await api(`/vocals/${plan.vocalId}/phrases/0`)).status).toBe(200);
	}, 300_000);

	it('deletes a take with everything made from it: nothing of it stays in DATA_DIR, and every URL that served it answers 404', async () => {
		const plan = await sing(takeB, LYRICS[1]);
		await fullVocal(plan.vocalId);
		const songId = await mixedSong(takeB);
		const song = (await (await api(`/songs/${songId}`)).json()) as { composed: { vocalId: string; mixId: string; backingId: string } };
		const urls = [
			`/takes/${takeB}`,
			`/takes/${takeB}/audio`,
			`/takes/${takeB}/events`,
			`/takes/${takeB}/notes.mid`,
			`/songs/${songId}`,
			`/songs/${songId}/events`,
			`/songs/${songId}/backing`,
			...SONG_EXPORTS.map((f) => `/songs/${songId}/export/${f}`),
			...vocalUrls(plan.vocalId, plan.phrases.length),
			...vocalUrls(song.composed.vocalId, 1)
		];
		const served = await statuses(urls);
		expect(served).toEqual(all(urls, 200));

		expect((await api(`/takes/${takeB}`, { method: 'DELETE' })).status).toBe(204);
		const after = await filesUnder(stack.dataDir);
		expect([...after.keys()].filter((name) => !before.has(name))).toEqual([]);
		const ids = [takeB, songId, plan.vocalId, song.composed.vocalId, song.composed.mixId, song.composed.backingId];
		expect(pathsMentioning(after, ids)).toEqual([]);
		expect(await statuses(urls)).toEqual(all(urls, 404));
		expect((await api(`/takes/${takeB}`, { method: 'DELETE' })).status).toBe(404);
		expect((await api(`/songs/${songId}`, { method: 'DELETE' })).status).toBe(404);
	}, 300_000);

	it('fails a job still running for a deleted take as deleted, and keeps nothing it made', async () => {
		const before = await filesUnder(stack.dataDir);
		const takeId = await upload();
		// Deleted while the job holds the take's audio in memory and tracks its pitch, so the job
		// would write its analysis and voice after the deletion.
		await until('the pitch stage', async () => ((await (await api(`/takes/${takeId}`)).json()).progress.stage === 'pitch' ? true : null), 60_000);
		expect((await api(`/takes/${takeId}`, { method: 'DELETE' })).status).toBe(204);
		const connection = createRedisConnection(stack.redisUrl);
		const queue = new Queue(ANALYZE_QUEUE, { connection, prefix: stack.queuePrefix });
		try {
			const ended = await until('the analysis job to end', async () => {
				const job = await queue.getJob(analyzeJobId(takeId));
				const state = await job?.getState();
				return state === 'failed' || state === 'completed' ? { state, reason: job!.failedReason } : null;
			});
			expect(ended).toMatchObject({ state: 'failed', reason: expect.stringMatching(/^\[deleted\]/) });
		} finally {
			await queue.close();
			connection.disconnect();
		}
		expect([...(await filesUnder(stack.dataDir)).keys()].filter((name) => !before.has(name))).toEqual([]);
	}, 120_000);
});
