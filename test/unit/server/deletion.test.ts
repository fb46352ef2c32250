/**
 * Cascading deletion on a real file store: what a take, a song or a voice leaves behind (nothing),
 * what it must not touch (another take of the same audio, the take's other songs), a re-run after
 * a crash at any step, and writes that race a deletion.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeWav } from '../../../src/lib/audio';
import { fitLyricsToNotes } from '../../../src/lib/lyrics/fit-lyrics';
import { readLyrics } from '../../../src/lib/lyrics/read-lyrics';
import type { TakeRecord } from '../../../src/lib/take/types';
import { filesUnder, pathsMentioning } from '../../helpers/data-dir';
import { analysisIdOf } from '../../../src/lib/server/analysis';
import { childrenOf, recordEdge } from '../../../src/lib/server/derived-index';
import { deleteSong, deleteTake, deleteVoiceProfile } from '../../../src/lib/server/deletion';
import { analysisKey, backingAudioKey, backingScoreKey, fullVocalKey, mixFileKey, phraseAudioKey, profileKey, songRecordKey, takeRecordKey, voiceDeletedKey } from '../../../src/lib/server/keys';
import { isLive, writesWhileLive } from '../../../src/lib/server/liveness';
import { storeVocalPlan, type VocalPlan } from '../../../src/lib/server/sing-stage';
import { createSong, requireSong, reviseSong } from '../../../src/lib/server/songs';
import { FileStore, getJson, putJson, type BlobStore } from '../../../src/lib/server/storage';
import { createTake, ensureTakePcm } from '../../../src/lib/server/takes';
import { legacyProfileIdOf } from '../../../src/lib/server/legacy-voice';
import { ensureVoiceProfile, profileIdOf, VOICE_ENGINE } from '../../../src/lib/server/voice-stage';

const SAMPLE_RATE = 44100;

function toneWav(seconds = 4): Uint8Array {
	const pcm = new Float32Array(seconds * SAMPLE_RATE);
	for (let i = 0; i < pcm.length; i++) pcm[i] = 0.3 * Math.sin((2 * Math.PI * 220 * i) / SAMPLE_RATE);
	return encodeWav(pcm, SAMPLE_RATE);
}

function notesFor(lyrics: string) {
	const melody = Array.from({ length: 12 }, (_, i) => ({ onsetSeconds: 0.5 * i, offsetSeconds: 0.5 * i + 0.45, midiPitch: 60 + (i % 5) }));
	return fitLyricsToNotes(readLyrics(lyrics, 'yue'), melody).notes;
}

async function planVocalOn(store: BlobStore, take: TakeRecord, lyrics: string, songId: string | null): Promise<VocalPlan> {
	return storeVocalPlan(store, { takeId: take.id, profileId: profileIdOf(take), songId, voice: 'reading', language: 'yue', lyrics, fitMessage: '', notes: notesFor(lyrics) });
}

/** What the stages leave for a take that was analysed, sang lyrics and made a mixed song. */
async function madeTake(store: BlobStore, wav: Uint8Array) {
	const take = await createTake(store, { bytes: wav, originalName: 'hum.wav', language: 'yue', source: 'upload', humEndSeconds: null }, { maxBytes: 1 << 30 });
	await ensureTakePcm(store, take);
	await recordEdge(store, 'take', take.id, 'analysis', analysisIdOf(take));
	await putJson(store, analysisKey(analysisIdOf(take)), { notes: [] });
	const profileId = profileIdOf(take);
	await recordEdge(store, 'take', take.id, 'profile', profileId);
	await putJson(store, profileKey(profileId), { kind: 'reading' });
	const direct = await planVocalOn(store, take, '我哋一齊唱歌', null);
	const song = await createSong(store, take, {});
	const songVocal = await planVocalOn(store, take, '唱到天光', song.id);
	for (const plan of [direct, songVocal]) {
		for (const phrase of plan.phrases) await store.put(phraseAudioKey(phrase.id), new Uint8Array(8));
		await store.put(fullVocalKey(plan.vocalId), new Uint8Array(8));
	}
	const backingId = `b${song.id}`;
	await recordEdge(store, 'song', song.id, 'backing', backingId);
	await putJson(store, backingScoreKey(backingId), {});
	await store.put(backingAudioKey(backingId), new Uint8Array(8));
	const mixId = `m${song.id}`;
	await recordEdge(store, 'song', song.id, 'mix', mixId);
	await recordEdge(store, 'vocal', songVocal.vocalId, 'mix', mixId);
	await store.put(mixFileKey(mixId, 'mix.mp3'), new Uint8Array(8));
	await putJson(store, `songs/${song.id}/rev-1.json`, { songId: song.id, vocalId: songVocal.vocalId, backingId, mixId });
	return { take, song, ids: [take.id, song.id, profileId, analysisIdOf(take), direct.vocalId, songVocal.vocalId, ...songVocal.phrases.map((p) => p.id), ...direct.phrases.map((p) => p.id)] };
}

function wrapStore(store: BlobStore, overrides: Partial<BlobStore>): BlobStore {
	return {
		get: (key) => store.get(key),
		has: (key) => store.has(key),
		put: (key, bytes) => store.put(key, bytes),
		delete: (key) => store.delete(key),
		list: (folder) => store.list(folder),
		deleteFolder: (folder) => store.deleteFolder(folder),
		...overrides
	};
}

describe('cascading deletion', () => {
	let dir: string;
	let store: FileStore;
	beforeEach(async () => {
		dir = await mkdtemp(path.join(os.tmpdir(), 'h2s-delete-'));
		store = new FileStore(dir);
	});
	afterEach(() => rm(dir, { recursive: true, force: true }));

	it('registers every vocal of eight concurrent requests on one voice', async () => {
		const { take } = await madeTake(store, toneWav());
		const lyrics = ['一二三', '四五六', '七八九', '天光', '月光', '窗前', '唱歌', '一齊'];
		const plans = await Promise.all(lyrics.map((l) => planVocalOn(store, take, l, null)));
		const registered = await childrenOf(store, 'profile', profileIdOf(take), 'vocal');
		for (const plan of plans) expect(registered).toContain(plan.vocalId);
	});

	it('deletes a take with everything derived from it, and leaves another take of the same audio whole', async () => {
		const wav = toneWav();
		const other = await madeTake(store, wav);
		const before = await filesUnder(dir);
		const made = await madeTake(store, wav);
		expect(profileIdOf(made.take)).not.toBe(profileIdOf(other.take));
		expect(await deleteTake(store, made.take.id)).toBe(true);
		const after = await filesUnder(dir);
		expect(pathsMentioning(after, made.ids)).toEqual([]);
		expect([...after.keys()].filter((name) => !before.has(name))).toEqual([]);
		for (const [name, text] of before) expect(after.get(name), name).toBe(text);
		expect(await deleteTake(store, made.take.id)).toBe(false);
	});

	it('finishes a deletion that stopped at any step when it is run again', async () => {
		const wav = toneWav();
		let failAt = 1;
		for (; ; failAt++) {
			await rm(dir, { recursive: true, force: true });
			const made = await madeTake(store, wav);
			let steps = 0;
			const step = () => {
				if (++steps === failAt) throw new Error('crash');
			};
			const crashing = wrapStore(store, {
				put: async (key, bytes) => (step(), store.put(key, bytes)),
				delete: async (key) => (step(), store.delete(key)),
				deleteFolder: async (folder) => (step(), store.deleteFolder(folder))
			});
			const crashed = await deleteTake(crashing, made.take.id).then(
				() => false,
				() => true
			);
			await deleteTake(store, made.take.id);
			expect(pathsMentioning(await filesUnder(dir), made.ids), `crash at step ${failAt}`).toEqual([]);
			if (!crashed) break;
		}
		// Every step of a whole deletion was a crash point once.
		expect(failAt).toBeGreaterThan(20);
	});

	it('deletes a song with its vocals, backings and mixes; the take, its voice and its other vocals stay', async () => {
		const { take, song } = await madeTake(store, toneWav());
		const direct = await planVocalOn(store, take, '我哋一齊唱歌', null);
		const songVocals = await childrenOf(store, 'song', song.id, 'vocal');
		expect(await deleteSong(store, song.id)).toBe(true);
		const after = await filesUnder(dir);
		expect(pathsMentioning(after, [song.id, ...songVocals])).toEqual([]);
		expect(await store.has(takeRecordKey(take.id))).toBe(true);
		expect(await store.has(profileKey(profileIdOf(take)))).toBe(true);
		expect(await store.has(fullVocalKey(direct.vocalId))).toBe(true);
		expect(await deleteSong(store, song.id)).toBe(false);
	});

	it('deletes a voice with every vocal sung with it and the mixes they were in; singing with it is then refused', async () => {
		const { take, song } = await madeTake(store, toneWav());
		const vocals = await childrenOf(store, 'profile', profileIdOf(take), 'vocal');
		expect(vocals).toHaveLength(2);
		await deleteVoiceProfile(store, take);
		// The song stays (its revisions name what it was made of); every artifact sung with the voice goes.
		const artifacts = new Map([...(await filesUnder(dir))].filter(([name]) => name.startsWith('artifacts') || name.startsWith('index/vocal') || name.startsWith('index/profile')));
		expect(pathsMentioning(artifacts, [...vocals, `m${song.id}`])).toEqual([]);
		expect(await store.has(profileKey(profileIdOf(take)))).toBe(false);
		expect(await isLive(store, { takeId: take.id, profileId: profileIdOf(take) })).toBe(false);
		await expect(planVocalOn(writesWhileLive(store, { takeId: take.id, profileId: profileIdOf(take) }), take, '天光', null)).rejects.toMatchObject({ code: 'deleted' });
		expect(await childrenOf(store, 'profile', profileIdOf(take), 'vocal')).toEqual([]);
		// The song and the take stay.
		expect(await store.has(songRecordKey(song.id))).toBe(true);
	});

	it('takes back a write that finishes after its take was deleted', async () => {
		const { take } = await madeTake(store, toneWav());
		let release!: () => void;
		const held = new Promise<void>((resolve) => (release = resolve));
		// A job that read its inputs before the deletion and writes its result after it.
		const slow = wrapStore(store, { put: async (key, bytes) => (await held, store.put(key, bytes)) });
		const writing = writesWhileLive(slow, { takeId: take.id }).put('artifacts/analysis/late.json', new Uint8Array(1));
		await new Promise((r) => setTimeout(r, 10));
		await deleteTake(store, take.id);
		release();
		await expect(writing).rejects.toMatchObject({ code: 'deleted' });
		expect(await store.has('artifacts/analysis/late.json')).toBe(false);
	});

	it('does not bring back a song an edit raced with its deletion', async () => {
		const { take, song } = await madeTake(store, toneWav());
		const record = await requireSong(store, song.id);
		await deleteSong(store, song.id);
		await expect(reviseSong(writesWhileLive(store, { takeId: take.id, songId: song.id }), record, { lyrics: '天光' })).rejects.toMatchObject({ code: 'deleted' });
		expect(await getJson(store, songRecordKey(song.id))).toBeNull();
	});

	it('does not learn again a voice deleted under an earlier voice engine (whose version was part of its id)', async () => {
		const take = await createTake(store, { bytes: toneWav(), originalName: 'hum.wav', language: 'yue', source: 'upload', humEndSeconds: null }, { maxBytes: 1 << 30 });
		// What deleteVoiceProfile left under the id of an older engine: the edge and the note.
		const olderId = 'a'.repeat(64);
		await recordEdge(store, 'take', take.id, 'profile', olderId);
		await putJson(store, voiceDeletedKey(olderId), { version: 4, kind: 'deleted', reason: 'deleted' });
		const neverLoaded = async (): Promise<Float32Array> => {
			throw new Error('the audio of a deleted voice was loaded to learn it again');
		};
		expect(await ensureVoiceProfile(store, take, neverLoaded, { notes: [] })).toMatchObject({ kind: 'deleted' });
		await expect(planVocalOn(writesWhileLive(store, { takeId: take.id, profileId: profileIdOf(take) }), take, '天光', null)).rejects.toMatchObject({ code: 'deleted' });
	});

	it('does not learn again a voice deleted before voices were keyed per take', async () => {
		const take = await createTake(store, { bytes: toneWav(), originalName: 'hum.wav', language: 'yue', source: 'upload', humEndSeconds: null }, { maxBytes: 1 << 30 });
		await putJson(store, profileKey(legacyProfileIdOf(take, VOICE_ENGINE)), { version: 1, kind: 'deleted', reason: 'deleted' });
		const neverLoaded = async (): Promise<Float32Array> => {
			throw new Error('the audio of a deleted voice was loaded to learn it again');
		};
		expect(await ensureVoiceProfile(store, take, neverLoaded, { notes: [] })).toMatchObject({ kind: 'deleted' });
		await expect(planVocalOn(writesWhileLive(store, { takeId: take.id, profileId: profileIdOf(take) }), take, '天光', null)).rejects.toMatchObject({ code: 'deleted' });
		// Deleting the take takes the new note with it.
		await deleteTake(store, take.id);
		expect(pathsMentioning(await filesUnder(dir), [take.id, profileIdOf(take)])).toEqual([]);
	});
});
