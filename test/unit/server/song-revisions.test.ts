/**
 * Versions in storage (a real file store in a temporary folder): listing with names and states,
 * naming, and restoring, which adds a revision and never rewrites an earlier one.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudioError } from '../../../src/lib/server/errors';
import { mixFileKey, songEditKey, songRecordKey, songRevisionKey } from '../../../src/lib/server/keys';
import type { SongEdit } from '../../../src/lib/server/song-edit-revision';
import { listRevisions, nameRevision, parseBefore, restoreRevision, revisionOf, REVISIONS_PER_PAGE } from '../../../src/lib/server/song-revisions';
import { MIX_FILE } from '../../../src/lib/server/song-status';
import type { ComposedSong, SongRecord } from '../../../src/lib/server/songs';
import { FileStore, getJson, putJson } from '../../../src/lib/server/storage';
import { defaultSongRequest } from '../../../src/lib/song/song-request';
import type { Song } from '../../../src/lib/song/types';

const SONG_ID = 'songrevisions000001';

/** A composed revision as the compose stage stores it; its document differs per revision by tempo. */
function composedRevision(revision: number, request = defaultSongRequest('en', 5)): ComposedSong {
	const song = { id: SONG_ID, revision, tempoBpm: 90 + revision, melody: [{ startTicks: 0, durationTicks: 480, midiPitch: 60 + revision, syllable: null }] } as unknown as Song;
	return { songId: SONG_ID, revision, request, song, vocalId: null, backingId: `backing${revision}`, mixId: `mix${revision}`, composedAt: `2026-12-06T01:0${revision}:00.000Z`, report: { fit: 'fits', toneAgreement: null, warnings: [] } };
}

async function refusal(run: () => Promise<unknown>): Promise<{ status: number; code: string }> {
	try {
		await run();
	} catch (e) {
		if (e instanceof StudioError) return { status: e.httpStatus, code: e.code };
		throw e;
	}
	throw new Error('expected a refusal');
}

describe('song versions in storage', () => {
	let dir: string;
	let store: FileStore;
	let record: SongRecord;
	beforeEach(async () => {
		dir = await mkdtemp(path.join(os.tmpdir(), 'h2s-revisions-'));
		store = new FileStore(dir);
		record = { id: SONG_ID, takeId: 'take00000001', createdAt: '2026-12-06T01:00:00.000Z', revision: 3, request: { ...defaultSongRequest('en', 5), style: 'lo-fi' }, ownerHash: 'a'.repeat(64) };
		await putJson(store, songRecordKey(SONG_ID), record);
		await putJson(store, songRevisionKey(SONG_ID, 1), composedRevision(1));
		await putJson(store, songRevisionKey(SONG_ID, 2), composedRevision(2, { ...defaultSongRequest('en', 5), style: 'lo-fi' }));
		// Revision 3 is still being composed; revision 1's mix is made.
		await putJson(store, mixFileKey('mix1', MIX_FILE.report), {});
	});
	afterEach(() => rm(dir, { recursive: true, force: true }));

	it('lists every version newest first with its name, state and what changed', async () => {
		expect(await nameRevision(store, record, 1, { name: '  First take ' })).toBe('First take');
		const listed = await listRevisions(store, record, null);
		expect(listed.current).toBe(3);
		expect(listed.older).toBeNull();
		expect(listed.revisions.map((r) => [r.revision, r.name, r.state, r.changedFields])).toEqual([
			[3, null, 'composing', []],
			[2, null, 'rendering', ['style']],
			[1, 'First take', 'mixed', []]
		]);
		expect(await nameRevision(store, record, 1, { name: null })).toBeNull();
		expect((await listRevisions(store, record, null)).revisions[2].name).toBeNull();
	});

	it('refuses a bad name, a bad or unknown revision number with 400 and 404', async () => {
		expect(await refusal(() => nameRevision(store, record, 1, { name: '' }))).toEqual({ status: 400, code: 'bad_name' });
		expect(await refusal(() => nameRevision(store, record, 1, { title: 'x' }))).toEqual({ status: 400, code: 'bad_name' });
		expect(await refusal(async () => revisionOf(record, 'two'))).toEqual({ status: 400, code: 'bad_revision' });
		expect(await refusal(async () => revisionOf(record, '0'))).toEqual({ status: 404, code: 'revision_not_found' });
		expect(await refusal(async () => revisionOf(record, '4'))).toEqual({ status: 404, code: 'revision_not_found' });
		expect(revisionOf(record, '3')).toBe(3);
		expect(await refusal(async () => parseBefore('x'))).toEqual({ status: 400, code: 'bad_revision' });
	});

	it('restores a version as a new revision with its document and request, leaving every earlier revision as it was', async () => {
		const before = await Promise.all([1, 2].map((n) => readFile(path.join(dir, ...songRevisionKey(SONG_ID, n).split('/')))));
		const next = await restoreRevision(store, record, 1, { baseRevision: 3 });
		expect(next.revision).toBe(4);
		expect(next.request).toEqual(composedRevision(1).request);
		expect(await getJson<SongRecord>(store, songRecordKey(SONG_ID))).toEqual(next);
		const edit = (await getJson<SongEdit>(store, songEditKey(SONG_ID, 4)))!;
		expect(edit.song).toEqual(composedRevision(1).song);
		expect([edit.restoredFrom, edit.labels, edit.fitMessage]).toEqual([1, ['Restore version 1'], 'fits']);
		const after = await Promise.all([1, 2].map((n) => readFile(path.join(dir, ...songRevisionKey(SONG_ID, n).split('/')))));
		expect(after).toEqual(before);
		expect(await store.has(songEditKey(SONG_ID, 1))).toBe(false);
	});

	it('refuses to restore the current version, one never composed, and on a stale or malformed base', async () => {
		expect(await refusal(() => restoreRevision(store, { ...record, revision: 2 }, 2, {}))).toEqual({ status: 409, code: 'revision_is_current' });
		await putJson(store, songRecordKey(SONG_ID), { ...record, revision: 4 });
		expect(await refusal(() => restoreRevision(store, { ...record, revision: 4 }, 3, {}))).toEqual({ status: 409, code: 'revision_not_composed' });
		expect(await refusal(() => restoreRevision(store, record, 1, { baseRevision: 2 }))).toEqual({ status: 409, code: 'song_changed' });
		expect(await refusal(() => restoreRevision(store, record, 1, { baseRevision: '3' }))).toEqual({ status: 400, code: 'bad_restore' });
		expect(await refusal(() => restoreRevision(store, record, 1, [1]))).toEqual({ status: 400, code: 'bad_restore' });
		expect(await store.has(songEditKey(SONG_ID, 4))).toBe(false);
	});

	it('lists a long history a page at a time, each page saying what its lowest version changed', async () => {
		const many = { ...record, revision: REVISIONS_PER_PAGE + 5 };
		for (let n = 3; n <= many.revision; n++) await putJson(store, songRevisionKey(SONG_ID, n), composedRevision(n, { ...defaultSongRequest('en', 5), candidate: n }));
		const first = await listRevisions(store, many, null);
		expect(first.revisions.map((r) => r.revision)).toEqual(Array.from({ length: REVISIONS_PER_PAGE }, (_, i) => many.revision - i));
		expect(first.revisions.at(-1)!.changedFields).toEqual(['candidate']);
		expect(first.older).toBe(6);
		const second = await listRevisions(store, many, first.older);
		expect(second.revisions.map((r) => r.revision)).toEqual([5, 4, 3, 2, 1]);
		expect(second.older).toBeNull();
	});
});
