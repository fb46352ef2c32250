import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteSong, deleteTake } from '../../../src/lib/server/deletion';
import { indexTake } from '../../../src/lib/server/library-index';
import { ownerLibrary, songsOfTake, type LibraryStatusSources } from '../../../src/lib/server/library';
import { takeRecordKey } from '../../../src/lib/server/keys';
import { parseName, renameTake } from '../../../src/lib/server/names';
import { createSong } from '../../../src/lib/server/songs';
import { FileStore, putJson } from '../../../src/lib/server/storage';
import type { TakeRecord } from '../../../src/lib/take/types';

const OWNER = 'a'.repeat(64);
const OTHER = 'b'.repeat(64);
const sources: LibraryStatusSources = { takeStatus: async () => 'completed', songFailure: async () => null };

function takeRecord(id: string, createdAt: string, ownerHash: string): TakeRecord {
	return {
		id,
		createdAt,
		language: 'yue',
		source: 'upload',
		originalName: `${id}.wav`,
		originalFormat: 'wav',
		originalBytes: 1,
		originalSampleRate: 44100,
		originalChannels: 1,
		sampleRate: 44100,
		durationSeconds: 12.5,
		humEndSeconds: null,
		originalSha256: '0'.repeat(64),
		warnings: [],
		ownerHash
	};
}

describe('the library', () => {
	let dir: string;
	let store: FileStore;
	beforeEach(async () => {
		dir = await mkdtemp(path.join(os.tmpdir(), 'h2s-library-'));
		store = new FileStore(dir);
	});
	afterEach(() => rm(dir, { recursive: true, force: true }));

	async function storeTake(id: string, createdAt: string, ownerHash = OWNER): Promise<TakeRecord> {
		const take = takeRecord(id, createdAt, ownerHash);
		await indexTake(store, ownerHash, id);
		await putJson(store, takeRecordKey(id), take);
		return take;
	}

	it('lists only the owner\'s takes, newest first, by the name they gave or the file name', async () => {
		await storeTake('take0000older', '2026-12-01T10:00:00.000Z');
		await storeTake('take0000newer', '2026-12-02T10:00:00.000Z');
		await storeTake('take0000other', '2026-12-03T10:00:00.000Z', OTHER);
		await renameTake(store, 'take0000older', 'Morning hum');
		const library = await ownerLibrary(store, OWNER, sources);
		expect(library.takes.map((t) => [t.id, t.name])).toEqual([
			['take0000newer', 'take0000newer.wav'],
			['take0000older', 'Morning hum']
		]);
		expect(library.takes[0]).toMatchObject({ language: 'yue', durationSeconds: 12.5, status: 'completed' });
	});

	it('loses no entry when many songs are made at once (each entry is its own marker file)', async () => {
		const take = await storeTake('take0000busy', '2026-12-01T10:00:00.000Z');
		const songs = await Promise.all(Array.from({ length: 24 }, (_, i) => createSong(store, take, { lyrics: `line ${i}`, seed: i })));
		const library = await ownerLibrary(store, OWNER, sources);
		expect(library.songs.map((s) => s.id).sort()).toEqual(songs.map((s) => s.id).sort());
		expect((await songsOfTake(store, take.id, sources)).length).toBe(24);
		expect(library.songs.every((s) => s.status === 'working' && s.durationSeconds === null && s.takeId === take.id)).toBe(true);
	});

	it('drops a deleted song, and a deleted take with its songs, from every list', async () => {
		const kept = await storeTake('take0000kept', '2026-12-01T10:00:00.000Z');
		const gone = await storeTake('take0000gone', '2026-12-02T10:00:00.000Z');
		const keptSong = await createSong(store, kept, {});
		const droppedSong = await createSong(store, kept, {});
		await createSong(store, gone, {});
		await deleteSong(store, droppedSong.id);
		await deleteTake(store, gone.id);
		const library = await ownerLibrary(store, OWNER, sources);
		expect(library.takes.map((t) => t.id)).toEqual([kept.id]);
		expect(library.songs.map((s) => s.id)).toEqual([keptSong.id]);
		expect(await store.list('songs')).toEqual([keptSong.id]);
		expect(await store.list('takes')).toEqual([kept.id]);
	});

	it('names a song without lyrics or a name of its own by its style, and one with lyrics by their first line', async () => {
		const take = await storeTake('take000style', '2026-12-01T10:00:00.000Z');
		const plain = await createSong(store, take, { style: 'upbeat-pop' });
		const classroom = await createSong(store, take, { style: 'childrens-song' });
		const sung = await createSong(store, take, { lyrics: '\n  Morning light\nagain' });
		const names = new Map((await ownerLibrary(store, OWNER, sources)).songs.map((song) => [song.id, song.name]));
		expect(names.get(plain.id)).toBe('Upbeat pop song');
		expect(names.get(classroom.id)).toBe("Classroom / children's song");
		expect(names.get(sung.id)).toBe('Morning light');
	});

	it('accepts names of 1–100 characters and refuses empty, longer or multi-line ones', () => {
		expect(parseName('  Evening song ')).toBe('Evening song');
		expect(parseName('月'.repeat(100))).toBe('月'.repeat(100));
		for (const bad of ['', '   ', 'x'.repeat(101), 'two\nlines', 42, null]) expect(() => parseName(bad), String(bad)).toThrow(/name/i);
	});
});
