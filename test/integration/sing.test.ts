/**
 * Singing through the whole stack (built server, real worker, real Redis): a take of a hummed
 * melody followed by a reading of the Cantonese prompt (eSpeak NG; without it, a hum-only take and
 * its vocalise voice), lyrics posted, phrases rendered by a BullMQ flow and played back, the full
 * vocal mixed; and lyrics the studio cannot sing refused with their reason.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAudio, encodeWav } from '../../src/lib/audio';
import { READING_PROMPTS } from '../../src/lib/lyrics/prompts';
import type { TakeRecord } from '../../src/lib/take/types';
import { makeHumMelody } from '../fixtures/hum-melody';
import { HAS_ESPEAK, renderEspeak } from '../helpers/espeak';
import { ownerHeaders } from '../helpers/owner';
import { pollUntil } from '../helpers/poll';
import { startStack, type Stack } from '../helpers/stack';

const HAS_REDIS = spawnSync('redis-server', ['--version']).status === 0;

/** Each wait of this file gives up after 90 s. */
const waitFor = <T>(what: string, poll: () => Promise<T | null>): Promise<T> => pollUntil(what, poll, 90_000);

describe.skipIf(!HAS_REDIS && !process.env.CI)('singing lyrics on a take (built server, real worker and Redis)', () => {
	let stack: Stack;
	let takeId: string;
	let noteCount: number;
	beforeAll(async () => {
		stack = await startStack();
		const hum = makeHumMelody({ sampleRate: 44100 });
		const reading = HAS_ESPEAK ? renderEspeak(READING_PROMPTS.yue.lines.join(''), { voice: 'yue', speed: 170 }) : new Float32Array(0);
		const pcm = new Float32Array(hum.pcm.length + reading.length);
		pcm.set(hum.pcm);
		pcm.set(reading, hum.pcm.length);
		const body = new FormData();
		body.set('audio', new Blob([encodeWav(pcm, 44100) as BlobPart]), 'take.wav');
		body.set('language', 'yue');
		body.set('source', 'recording');
		body.set('humEndSeconds', String(hum.pcm.length / 44100));
		const response = await fetch(`${stack.baseUrl}/api/takes`, { headers: ownerHeaders(), method: 'POST', body });
		expect(response.status).toBe(201);
		takeId = ((await response.json()) as { take: TakeRecord }).take.id;
		const detail = await waitFor('the analysis', async () => {
			const d = await (await fetch(`${stack.baseUrl}/api/takes/${takeId}`, { headers: ownerHeaders() })).json();
			if (d.progress.status === 'failed') throw new Error(JSON.stringify(d.progress.error));
			return d.progress.status === 'completed' ? d : null;
		});
		noteCount = detail.analysis.notes.length;
	}, 180_000);
	afterAll(async () => {
		await stack?.stop();
	});

	it('sings the lyrics phrase by phrase, then the full vocal', async () => {
		const lyrics = '我哋一齊唱歌，唱到天光，月光照喺窗前';
		const response = await fetch(`${stack.baseUrl}/api/takes/${takeId}/vocal`, { method: 'POST', headers: ownerHeaders(undefined, { 'content-type': 'application/json' }), body: JSON.stringify({ lyrics }) });
		const plan = (await response.json()) as { vocalId: string; fitMessage: string; voice: string; phrases: Array<{ index: number; text: string; startSeconds: number; endSeconds: number }> };
		expect(response.status, JSON.stringify(plan)).toBe(202);
		console.log(`vocal on ${noteCount} notes: ${plan.fitMessage} ${plan.phrases.length} phrases: ${plan.phrases.map((p) => p.text).join(' / ')}`);
		expect(plan.phrases.length).toBeGreaterThanOrEqual(1);
		expect(plan.fitMessage).toMatch(new RegExp(`^16 syllables on ${noteCount} notes`));
		expect(plan.voice).toBe(HAS_ESPEAK ? 'reading' : 'vocalise');

		const first = await waitFor('the first phrase', async () => {
			const r = await fetch(`${stack.baseUrl}/api/vocals/${plan.vocalId}/phrases/0`, { headers: ownerHeaders() });
			return r.status === 200 ? new Uint8Array(await r.arrayBuffer()) : null;
		});
		const firstAudio = await decodeAudio(first);
		expect(firstAudio.sampleRate).toBe(44100);
		expect(firstAudio.channels[0].length / 44100).toBeGreaterThan(plan.phrases[0].endSeconds - plan.phrases[0].startSeconds);

		const status = await waitFor('the full vocal', async () => {
			const s = await (await fetch(`${stack.baseUrl}/api/vocals/${plan.vocalId}`, { headers: ownerHeaders() })).json();
			return s.fullReady ? s : null;
		});
		expect(status.phrases.every((p: { ready: boolean }) => p.ready)).toBe(true);
		const full = await decodeAudio(new Uint8Array(await (await fetch(`${stack.baseUrl}/api/vocals/${plan.vocalId}/full`, { headers: ownerHeaders() })).arrayBuffer()));
		const lastEnd = plan.phrases.at(-1)!.endSeconds;
		expect(full.channels[0].length / 44100).toBeGreaterThan(lastEnd);
		let energy = 0;
		for (const v of full.channels[0]) energy += v * v;
		expect(Math.sqrt(energy / full.channels[0].length)).toBeGreaterThan(0.005);

		// The same lyrics again: the same vocal, nothing rendered twice.
		const again = await (await fetch(`${stack.baseUrl}/api/takes/${takeId}/vocal`, { headers: ownerHeaders(), method: 'POST', body: JSON.stringify({ lyrics }) })).json();
		expect(again.vocalId).toBe(plan.vocalId);
	}, 120_000);

	it('refuses lyrics it cannot sing, saying why', async () => {
		const post = (body: unknown) => fetch(`${stack.baseUrl}/api/takes/${takeId}/vocal`, { headers: ownerHeaders(), method: 'POST', body: JSON.stringify(body) });
		const empty = await post({ lyrics: '  ' });
		expect(empty.status).toBe(400);
		expect((await empty.json()).error.code).toBe('empty_lyrics');
		const unknown = await post({ lyrics: '我有2隻貓' });
		expect(unknown.status).toBe(400);
		expect((await unknown.json()).error.message).toMatch(/"2"/);
		const tooMany = await post({ lyrics: '我'.repeat(400) });
		expect(tooMany.status).toBe(422);
		expect((await tooMany.json()).error.code).toBe('too_many_syllables');
		const language = await post({ lyrics: 'hello', language: 'fr' });
		expect(language.status).toBe(400);
		const notJson = await fetch(`${stack.baseUrl}/api/takes/${takeId}/vocal`, { headers: ownerHeaders(), method: 'POST', body: 'lyrics=hi' });
		expect(notJson.status).toBe(400);
		const missing = await fetch(`${stack.baseUrl}/api/vocals/${'0'.repeat(64)}`, { headers: ownerHeaders() });
		expect(missing.status).toBe(404);
	});

	it('deletes the learned voice on request, and the vocals sung with it: singing is then refused with the reason, the melody stays', async () => {
		const sung = await (await fetch(`${stack.baseUrl}/api/takes/${takeId}/vocal`, { headers: ownerHeaders(), method: 'POST', body: JSON.stringify({ lyrics: '我哋一齊唱歌，唱到天光，月光照喺窗前' }) })).json();
		await waitFor('the full vocal', async () => ((await (await fetch(`${stack.baseUrl}/api/vocals/${sung.vocalId}`, { headers: ownerHeaders() })).json()).fullReady ? true : null));
		const deleted = await fetch(`${stack.baseUrl}/api/takes/${takeId}/voice`, { headers: ownerHeaders(), method: 'DELETE' });
		expect(deleted.status).toBe(204);
		expect((await fetch(`${stack.baseUrl}/api/vocals/${sung.vocalId}`, { headers: ownerHeaders() })).status).toBe(404);
		expect((await fetch(`${stack.baseUrl}/api/vocals/${sung.vocalId}/full`, { headers: ownerHeaders() })).status).toBe(404);
		const { readdirSync } = await import('node:fs');
		expect(readdirSync(`${stack.dataDir}/artifacts/vocal`)).toEqual([]);
		const refused = await fetch(`${stack.baseUrl}/api/takes/${takeId}/vocal`, { headers: ownerHeaders(), method: 'POST', body: JSON.stringify({ lyrics: '我哋唱歌' }) });
		expect(refused.status).toBe(410);
		expect((await refused.json()).error.code).toBe('voice_deleted');
		const detail = await (await fetch(`${stack.baseUrl}/api/takes/${takeId}`, { headers: ownerHeaders() })).json();
		expect(detail.progress.status).toBe('completed');
		expect(detail.analysis.notes.length).toBe(noteCount);
		// Deleting twice is harmless.
		expect((await fetch(`${stack.baseUrl}/api/takes/${takeId}/voice`, { headers: ownerHeaders(), method: 'DELETE' })).status).toBe(204);
	});
});
