/**
 * A voice from another recording, on a real file store: the upload's checks (form, text, length,
 * a text far too long for the audio), the job that learns the voice and makes it the take's (an
 * eSpeak NG reading; skipped without espeak-ng), a text that does not fit leaving the previous
 * voice in place, and deletion of the voice or the take leaving nothing of the recording behind.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeWav } from '../../../src/lib/audio';
import { deleteTake, deleteVoiceProfile } from '../../../src/lib/server/deletion';
import { currentVoiceSourceKey, profileKey, voiceSourceResultKey } from '../../../src/lib/server/keys';
import { FileStore, getJson } from '../../../src/lib/server/storage';
import { inspectTakeBytes } from '../../../src/lib/server/take-inspection';
import { createTake } from '../../../src/lib/server/takes';
import {
	createVoiceSource,
	learnVoiceSource,
	parseVoiceText,
	readVoiceSourceUpload,
	type VoiceSourceUpload
} from '../../../src/lib/server/voice-source';
import { loadVoiceProfile, profileIdOf, takeProfileId } from '../../../src/lib/server/voice-stage';
import type { TakeRecord } from '../../../src/lib/take/types';
import { filesUnder, pathsMentioning } from '../../helpers/data-dir';
import { HAS_ESPEAK, renderEspeak } from '../../helpers/espeak';

const FS = 44100;
const TEXT = 'The north wind and the sun were disputing which was the stronger,\nwhen a traveller came along wrapped in a warm cloak.';

function toneWav(seconds: number): Uint8Array {
	const pcm = new Float32Array(Math.round(seconds * FS));
	for (let i = 0; i < pcm.length; i++) pcm[i] = 0.3 * Math.sin((2 * Math.PI * 220 * i) / FS);
	return encodeWav(pcm, FS);
}

function form(fields: Record<string, string | Blob>): Request {
	const body = new FormData();
	for (const [name, value] of Object.entries(fields)) body.set(name, value);
	return new Request('http://studio.local/api/takes/x/voice', { method: 'POST', body });
}

async function refusal(promise: Promise<unknown>): Promise<{ code: string; httpStatus: number; message: string }> {
	try {
		await promise;
	} catch (e) {
		return e as { code: string; httpStatus: number; message: string };
	}
	throw new Error('expected a refusal');
}

describe('voice source uploads', () => {
	let dir: string;
	let store: FileStore;
	let take: TakeRecord;
	beforeEach(async () => {
		dir = await mkdtemp(path.join(os.tmpdir(), 'h2s-voice-source-'));
		store = new FileStore(dir);
		take = await createTake(store, { bytes: toneWav(4), originalName: 'hum.wav', language: 'en', source: 'upload', humEndSeconds: null, ownerHash: 'a'.repeat(64) }, { maxBytes: 1 << 30 });
	});
	afterEach(() => rm(dir, { recursive: true, force: true }));

	it('refuses an empty or over-long text, a body that is not a form, and a form without audio', async () => {
		expect(() => parseVoiceText('  \n')).toThrow(expect.objectContaining({ code: 'empty_text', httpStatus: 400 }));
		expect(() => parseVoiceText('a'.repeat(2001))).toThrow(expect.objectContaining({ code: 'text_too_long', httpStatus: 413 }));
		expect(parseVoiceText('a'.repeat(2000))).toHaveLength(2000);
		const json = new Request('http://studio.local/', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
		expect(await refusal(readVoiceSourceUpload(json, 1 << 20))).toMatchObject({ code: 'unsupported_content_type', httpStatus: 415 });
		expect(await refusal(readVoiceSourceUpload(form({ text: 'hello' }), 1 << 20))).toMatchObject({ code: 'missing_audio', httpStatus: 400 });
		expect(await refusal(readVoiceSourceUpload(form({ audio: new Blob([toneWav(6) as BlobPart]), text: 'hello' }), 1000))).toMatchObject({ code: 'file_too_large', httpStatus: 413 });
		const upload = await readVoiceSourceUpload(form({ audio: new File([toneWav(6) as BlobPart], 'me.wav'), text: 'hello there' }), 1 << 20);
		expect(upload).toMatchObject({ originalName: 'me.wav', text: 'hello there', language: null });
		expect(await refusal(readVoiceSourceUpload(form({ audio: new Blob([toneWav(6) as BlobPart]), text: 'hi', language: 'fr' }), 1 << 20))).toMatchObject({ code: 'bad_language', httpStatus: 400 });
	});

	it('refuses a recording under 5 s or over 120 s, and a text far longer than the recording could hold', async () => {
		const upload = (seconds: number, text = 'hello there, how are you') => ({ bytes: toneWav(seconds), originalName: 'me.wav', text, language: 'en' as const });
		expect(await refusal(createVoiceSource(store, take, upload(4), inspectTakeBytes))).toMatchObject({ code: 'too_short', httpStatus: 422 });
		// Under a take's own shortest (3 s), told with this recording's limits all the same.
		expect(await refusal(createVoiceSource(store, take, upload(2), inspectTakeBytes))).toMatchObject({ code: 'too_short', httpStatus: 422, message: expect.stringMatching(/at least 5 s/) });
		expect(await refusal(createVoiceSource(store, take, upload(121), inspectTakeBytes))).toMatchObject({ code: 'too_long', httpStatus: 413 });
		const tooMuch = Array(20).fill('wonderful').join(' ');
		expect(await refusal(createVoiceSource(store, take, upload(5, tooMuch), inspectTakeBytes))).toMatchObject({ code: 'voice_text_mismatch', httpStatus: 422 });
		expect(await refusal(createVoiceSource(store, take, { ...upload(6), text: '你好', language: 'en' }, inspectTakeBytes))).toMatchObject({ httpStatus: 400 });
		// Nothing of a refused upload was kept.
		expect(await store.list(`takes/${take.id}/voice-sources`)).toEqual([]);
	});

	describe.skipIf(!HAS_ESPEAK)('learning (eSpeak NG reading; skipped without espeak-ng)', () => {
		const reading = (): VoiceSourceUpload => ({
			bytes: encodeWav(renderEspeak(TEXT.replace('\n', ' '), { voice: 'en-us', speed: 150 }, FS), FS),
			originalName: 'wind.wav',
			text: TEXT,
			language: 'en'
		});

		it('learns the voice, makes it the take’s, says what it covers; a text that does not fit leaves it in place; deleting the voice leaves nothing of the recording', async () => {
			const source = await createVoiceSource(store, take, reading(), inspectTakeBytes);
			const result = await learnVoiceSource(store, take, source.id);
			expect(result.status).toBe('ready');
			if (result.status !== 'ready') return;
			expect(result.coverage.textSyllables).toBe(28);
			expect(result.coverage.coveredSyllables).toBeGreaterThanOrEqual(26);
			expect(result.coverage.lyricSyllables).toBeGreaterThan(20);
			expect(await takeProfileId(store, take)).toBe(source.profileId);
			expect(source.profileId).not.toBe(profileIdOf(take));
			expect((await loadVoiceProfile(store, source.profileId)).units.length).toBe(result.coverage.coveredSyllables);

			// A short phrase in 6 s of recording, sent with the whole text: long enough for the upload's
			// check (against the recording's length), refused by the job's (against its speech); the voice stays.
			const phrase = renderEspeak('the north wind', { voice: 'en-us', speed: 150 }, FS);
			const padded = new Float32Array(6 * FS);
			padded.set(phrase, FS);
			const wrong = await createVoiceSource(store, take, { ...reading(), bytes: encodeWav(padded, FS) }, inspectTakeBytes);
			const failed = await learnVoiceSource(store, take, wrong.id);
			expect(failed).toMatchObject({ status: 'failed', error: { code: 'voice_text_mismatch' } });
			if (failed.status === 'failed') expect(failed.error.message).toMatch(/type only what you said/);
			expect(await takeProfileId(store, take)).toBe(source.profileId);

			await deleteVoiceProfile(store, take);
			expect(await takeProfileId(store, take)).toBe(profileIdOf(take));
			expect(await store.has(profileKey(source.profileId))).toBe(false);
			const left = pathsMentioning(await filesUnder(dir), [source.id, wrong.id, source.profileId]);
			// Only the note that the voice was deleted (and its index edge) stays, so it is never sung again.
			expect(left.filter((p) => !p.endsWith('.deleted.json') && !p.includes(`index/take/${take.id}/profile`))).toEqual([]);
			await expect(loadVoiceProfile(store, source.profileId)).rejects.toMatchObject({ code: 'voice_deleted' });
		});

		it('makes the voice the take’s before its result says ready, so a status read between the two never shows it ready and not current', async () => {
			// Each write of the job, as the status route could read the store right after it.
			const seen: string[] = [];
			class WatchedStore extends FileStore {
				override async put(key: string, bytes: Uint8Array): Promise<void> {
					await super.put(key, bytes);
					if (key !== voiceSourceResultKey(take.id, source.id)) return;
					const current = await getJson<{ sourceId: string }>(this, currentVoiceSourceKey(take.id));
					seen.push(`result written; current ${current?.sourceId === source.id ? 'is' : 'is not'} this source`);
				}
			}
			const source = await createVoiceSource(store, take, reading(), inspectTakeBytes);
			const watched = new WatchedStore(dir);
			expect((await learnVoiceSource(watched, take, source.id)).status).toBe('ready');
			expect(seen).toEqual(['result written; current is this source']);
		});

		it('deleting the take deletes the recording and the voice learned from it', async () => {
			const source = await createVoiceSource(store, take, reading(), inspectTakeBytes);
			await learnVoiceSource(store, take, source.id);
			expect(await getJson(store, profileKey(source.profileId))).not.toBeNull();
			await deleteTake(store, take.id);
			expect(pathsMentioning(await filesUnder(dir), [source.id, source.profileId, take.id])).toEqual([]);
		});
	});
});
