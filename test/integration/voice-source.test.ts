/**
 * A voice from another recording, through the whole stack (built server, real worker and Redis): a
 * hum-only take (its voice learned from the hum), then an eSpeak NG reading uploaded with its text
 * (skipped without espeak-ng); the take's lyrics are then sung in the reading's voice. Bad uploads
 * are refused with fitting statuses, a stranger cannot reach the panel, and deleting the voice
 * leaves nothing of the recording in storage.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWav } from '../../src/lib/audio';
import type { VoiceSourceStatus } from '../../src/lib/server/voice-source';
import type { TakeRecord } from '../../src/lib/take/types';
import { makeHumMelody } from '../fixtures/hum-melody';
import { filesUnder, pathsMentioning } from '../helpers/data-dir';
import { HAS_ESPEAK, renderEspeak } from '../helpers/espeak';
import { newOwnerKey, ownerHeaders } from '../helpers/owner';
import { pollUntil } from '../helpers/poll';
import { waitForAnalysis } from '../helpers/song-events';
import { startStack, type Stack } from '../helpers/stack';

const HAS_REDIS = spawnSync('redis-server', ['--version']).status === 0;
const TEXT = 'The north wind and the sun were disputing which was the stronger,\nwhen a traveller came along wrapped in a warm cloak.';

describe.skipIf((!HAS_REDIS && !process.env.CI) || !HAS_ESPEAK)('a voice from another recording (built server, real worker and Redis; skipped without espeak-ng)', () => {
	let stack: Stack;
	let takeId: string;
	const reading = () => new Blob([encodeWav(renderEspeak(TEXT.replace('\n', ' '), { voice: 'en-us', speed: 150 }, 44100), 44100) as BlobPart]);
	const post = (fields: Record<string, string | Blob>, key?: string) => {
		const body = new FormData();
		for (const [name, value] of Object.entries(fields)) {
			if (value instanceof Blob) body.set(name, value, 'wind.wav');
			else body.set(name, value);
		}
		return fetch(`${stack.baseUrl}/api/takes/${takeId}/voice`, { method: 'POST', headers: ownerHeaders(key), body });
	};
	const status = async () => (await (await fetch(`${stack.baseUrl}/api/takes/${takeId}/voice`, { headers: ownerHeaders() })).json()) as VoiceSourceStatus;
	const sing = async () => {
		const response = await fetch(`${stack.baseUrl}/api/takes/${takeId}/vocal`, { method: 'POST', headers: ownerHeaders(undefined, { 'content-type': 'application/json' }), body: JSON.stringify({ lyrics: 'the sun and the wind' }) });
		expect(response.status).toBe(202);
		return (await response.json()) as { vocalId: string; voice: string };
	};

	beforeAll(async () => {
		stack = await startStack();
		const hum = makeHumMelody({ sampleRate: 44100 });
		const body = new FormData();
		body.set('audio', new Blob([encodeWav(hum.pcm, 44100) as BlobPart]), 'hum.wav');
		body.set('language', 'en');
		const response = await fetch(`${stack.baseUrl}/api/takes`, { headers: ownerHeaders(), method: 'POST', body });
		expect(response.status).toBe(201);
		takeId = ((await response.json()) as { take: TakeRecord }).take.id;
		await waitForAnalysis(stack.baseUrl, takeId);
	}, 240_000);
	afterAll(async () => {
		await stack?.stop();
	});

	it('refuses uploads it cannot learn from, with a status that fits, and answers a stranger as if the take did not exist', async () => {
		const cases: Array<[Record<string, string | Blob>, number, string]> = [
			[{ audio: reading(), text: '' }, 400, 'empty_text'],
			[{ audio: reading(), text: 'a'.repeat(2001) }, 413, 'text_too_long'],
			[{ text: TEXT }, 400, 'missing_audio'],
			[{ audio: new Blob([new Uint8Array(4000).fill(7)]), text: TEXT }, 415, 'unsupported_format'],
			[{ audio: reading(), text: Array(40).fill('wonderful').join(' ') }, 422, 'voice_text_mismatch'],
			[{ audio: reading(), text: TEXT, language: 'fr' }, 400, 'bad_language']
		];
		for (const [fields, httpStatus, code] of cases) {
			const response = await post(fields);
			expect(response.status, code).toBe(httpStatus);
			expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
		}
		const json = await fetch(`${stack.baseUrl}/api/takes/${takeId}/voice`, { method: 'POST', headers: ownerHeaders(undefined, { 'content-type': 'application/json' }), body: '{}' });
		expect(json.status).toBe(415);
		expect((await post({ audio: reading(), text: TEXT }, newOwnerKey())).status).toBe(404);
		expect((await fetch(`${stack.baseUrl}/api/takes/${takeId}/voice`, { headers: ownerHeaders(newOwnerKey()) })).status).toBe(404);
		expect(await status()).toEqual({ current: null, latest: null });
	});

	it('learns the voice from the recording and its text, says what it covers, and sings the take’s lyrics in it; deleting the voice deletes the recording', async () => {
		const before = await sing();
		expect(before.voice).toBe('vocalise');

		const response = await post({ audio: reading(), text: TEXT, language: 'en' });
		expect(response.status).toBe(202);
		const { sourceId } = (await response.json()) as { sourceId: string };
		const learned = await pollUntil('the voice', async () => {
			const s = await status();
			if (s.latest?.status === 'failed') throw new Error(JSON.stringify(s.latest.error));
			return s.latest?.status === 'ready' ? s : null;
		});
		expect(learned.current?.id).toBe(sourceId);
		expect(learned.current?.coverage.textSyllables).toBe(28);
		expect(learned.current?.coverage.coveredSyllables).toBeGreaterThanOrEqual(26);
		expect(learned.current?.coverage.borrowed.length).toBeGreaterThan(0);

		const after = await sing();
		expect(after.voice).toBe('reading');
		expect(after.vocalId).not.toBe(before.vocalId);
		const phrase = await pollUntil('the first phrase', async () => {
			const r = await fetch(`${stack.baseUrl}/api/vocals/${after.vocalId}/phrases/0`, { headers: ownerHeaders() });
			return r.status === 200 ? r : null;
		});
		expect(phrase.headers.get('content-type')).toMatch(/audio\/wav/);

		expect((await fetch(`${stack.baseUrl}/api/takes/${takeId}/voice`, { method: 'DELETE', headers: ownerHeaders() })).status).toBe(204);
		expect(await status()).toEqual({ current: null, latest: null });
		const left = pathsMentioning(await filesUnder(stack.dataDir), [sourceId]);
		expect(left).toEqual([]);
		expect((await fetch(`${stack.baseUrl}/api/vocals/${after.vocalId}/phrases/0`, { headers: ownerHeaders() })).status).toBe(404);
	});
});
