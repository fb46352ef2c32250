import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClass, joinClass, setFeedback, shareToGallery } from '../../../src/lib/server/classes';
import { galleryAudio, galleryView } from '../../../src/lib/server/class-gallery';
import { indexTake } from '../../../src/lib/server/library-index';
import { classStudentKey, takeRecordKey } from '../../../src/lib/server/keys';
import { createSong } from '../../../src/lib/server/songs';
import { FileStore, putJson } from '../../../src/lib/server/storage';
import { studentSongViews } from '../../../src/lib/server/student-songs';
import type { StudentRecord } from '../../../src/lib/classroom';
import type { TakeRecord } from '../../../src/lib/take/types';

const TEACHER = 't'.repeat(64);

function takeRecord(id: string, createdAt: string, ownerHash: string): TakeRecord {
	return {
		id,
		createdAt,
		language: 'en',
		source: 'recording',
		originalName: `${id}.wav`,
		originalFormat: 'wav',
		originalBytes: 1,
		originalSampleRate: 44100,
		originalChannels: 1,
		sampleRate: 44100,
		durationSeconds: 20,
		humEndSeconds: 8,
		originalSha256: '0'.repeat(64),
		warnings: [],
		ownerHash
	};
}

describe('the class gallery and a student’s songs (storage)', () => {
	let dir: string;
	let store: FileStore;
	beforeEach(async () => {
		dir = await mkdtemp(path.join(os.tmpdir(), 'h2s-gallery-'));
		store = new FileStore(dir);
	});
	afterEach(() => rm(dir, { recursive: true, force: true }));

	async function songOf(student: StudentRecord, takeId: string, createdAt: string) {
		const take = takeRecord(takeId, createdAt, student.ownerHash);
		await indexTake(store, student.ownerHash, takeId);
		await putJson(store, takeRecordKey(takeId), take);
		return createSong(store, take, {});
	}

	it('lists shared songs in the order the teacher shared them, by the student’s name, with the class’s own player address; a student who is gone is left out', async () => {
		const record = await createClass(store, TEACHER, { title: '4B' });
		const mei = await joinClass(store, record, 'Mei', 'a'.repeat(64));
		const ken = await joinClass(store, record, 'Ken', 'b'.repeat(64));
		await shareToGallery(store, record.id, { songId: 'song0000000000002', studentId: ken.id, sharedAt: '2026-12-06T10:02:00.000Z' });
		await shareToGallery(store, record.id, { songId: 'song0000000000001', studentId: mei.id, sharedAt: '2026-12-06T10:01:00.000Z' });
		await shareToGallery(store, record.id, { songId: 'song0000000000003', studentId: 'f'.repeat(12), sharedAt: '2026-12-06T10:03:00.000Z' });
		expect(await galleryView(store, record.id)).toEqual([
			{ songId: 'song0000000000001', studentName: 'Mei', sharedAt: '2026-12-06T10:01:00.000Z', audioUrl: `/api/classes/${record.id}/gallery/song0000000000001/audio` },
			{ songId: 'song0000000000002', studentName: 'Ken', sharedAt: '2026-12-06T10:02:00.000Z', audioUrl: `/api/classes/${record.id}/gallery/song0000000000002/audio` }
		]);
		await store.delete(classStudentKey(record.id, ken.id));
		expect((await galleryView(store, record.id)).map((s) => s.studentName)).toEqual(['Mei']);
	});

	it('plays only a song in this class’s gallery made by this class’s student (404 otherwise), and answers 409 while it has no mix', async () => {
		const record = await createClass(store, TEACHER, { title: '4B' });
		const other = await createClass(store, TEACHER, { title: '5C' });
		const mei = await joinClass(store, record, 'Mei', 'a'.repeat(64));
		const stranger = await joinClass(store, other, 'Sam', 'c'.repeat(64));
		const song = await songOf(mei, 'take0000mei', '2026-12-06T10:00:00.000Z');
		const foreign = await songOf(stranger, 'take0000sam', '2026-12-06T10:00:00.000Z');
		await expect(galleryAudio(store, record.id, song.id)).rejects.toMatchObject({ code: 'song_not_in_gallery', httpStatus: 404 });
		// An entry naming another class's song (never written by the share route) still plays nothing.
		await shareToGallery(store, record.id, { songId: foreign.id, studentId: mei.id, sharedAt: '2026-12-06T10:05:00.000Z' });
		await expect(galleryAudio(store, record.id, foreign.id)).rejects.toMatchObject({ code: 'song_not_in_gallery', httpStatus: 404 });
		await shareToGallery(store, record.id, { songId: song.id, studentId: mei.id, sharedAt: '2026-12-06T10:06:00.000Z' });
		await expect(galleryAudio(store, record.id, song.id)).rejects.toMatchObject({ code: 'gallery_song_not_mixed', httpStatus: 409 });
	});

	it('lists a student’s own songs newest first, each with the teacher’s feedback and whether it is in the gallery', async () => {
		const record = await createClass(store, TEACHER, { title: '4B' });
		const mei = await joinClass(store, record, 'Mei', 'a'.repeat(64));
		const older = await songOf(mei, 'take0000one', '2026-12-06T10:00:00.000Z');
		await new Promise((r) => setTimeout(r, 5));
		const newer = await songOf(mei, 'take0000two', '2026-12-06T10:10:00.000Z');
		await setFeedback(store, record.id, older.id, { starred: true, comment: 'Lovely', updatedAt: '2026-12-06T11:00:00.000Z' });
		await shareToGallery(store, record.id, { songId: newer.id, studentId: mei.id, sharedAt: '2026-12-06T11:00:00.000Z' });
		const views = await studentSongViews(store, mei);
		expect(views.map((v) => [v.songId, v.takeId, v.feedback?.starred ?? null, v.inGallery])).toEqual([
			[newer.id, 'take0000two', null, true],
			[older.id, 'take0000one', true, false]
		]);
	});
});
