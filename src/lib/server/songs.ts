/**
 * Songs in storage: a record per song (the take it comes from, the user's latest request, the
 * revision number) and one composed document per revision. Every edit is a new revision; earlier
 * revisions stay readable, and the rendered artifacts they name are content-addressed, so an edit
 * that leaves a phrase unchanged reuses its audio.
 */
import { randomBytes } from 'node:crypto';
import { defaultSongRequest, parseSongRequest, SongRequestError, type SongRequest } from '../song/song-request';
import type { Song } from '../song/types';
import type { SongWarning } from '../compose/song-warning';
import type { LyricsFitReport } from '../compose/lyrics-fit';
import type { TakeRecord } from '../take/types';
import { StudioError } from './errors';
import { recordEdge } from './derived-index';
import { songRecordKey, songRevisionKey } from './keys';
import { indexSong } from './library-index';
import { getJson, putJson, type BlobStore } from './storage';

export interface SongRecord {
	id: string;
	takeId: string;
	createdAt: string;
	/** The latest revision asked for (its composition may still be running). */
	revision: number;
	request: SongRequest;
	/** The take's owner (a song inherits it); absent when the take has none. */
	ownerHash?: string;
}

/** One composed revision: the song and the ids of what renders it. */
export interface ComposedSong {
	songId: string;
	revision: number;
	request: SongRequest;
	song: Song;
	/** The vocal plan (sing stage); null when the take has no usable voice. */
	vocalId: string | null;
	/** Where the voice was learned: the reading, or the singing itself ('vocalise'); absent in older songs. */
	voice?: 'reading' | 'vocalise' | null;
	/** The lyrics fit's figures, for the page's summary; absent in older songs. */
	fitReport?: LyricsFitReport;
	backingId: string;
	mixId: string;
	/** The document was edited by hand (from this revision's base on): a new request keeps the edits where it can. */
	edited?: boolean;
	/** When it was composed (ISO time); absent in songs composed before it was kept. */
	composedAt?: string;
	/** What fitting the lyrics and the tones did, and any warnings, for the user. */
	report: { fit: string; toneAgreement: { before: number; after: number } | null; warnings: SongWarning[] };
}

const SONG_ID = /^[a-z0-9]{16,40}$/;

export function isSongId(value: string): boolean {
	return SONG_ID.test(value);
}

function asStudioError(e: unknown): never {
	if (e instanceof SongRequestError) throw new StudioError(e.code, e.httpStatus, e.message);
	throw e;
}

export async function createSong(store: BlobStore, take: TakeRecord, body: unknown): Promise<SongRecord> {
	let request: SongRequest;
	try {
		request = parseSongRequest(body ?? {}, defaultSongRequest(take.language, randomBytes(4).readUInt32LE(0)));
	} catch (e) {
		asStudioError(e);
	}
	const record: SongRecord = {
		id: randomBytes(10).toString('hex'),
		takeId: take.id,
		createdAt: new Date().toISOString(),
		revision: 1,
		request,
		...(take.ownerHash ? { ownerHash: take.ownerHash } : {})
	};
	// The library entries first: a song that exists is always listed.
	await indexSong(store, record);
	// Both ways: the take finds its songs when it is deleted, a half-deleted song finds its take.
	await recordEdge(store, 'take', take.id, 'song', record.id);
	await recordEdge(store, 'song', record.id, 'take', take.id);
	await putJson(store, songRecordKey(record.id), record);
	return record;
}

/** The answer for a song that does not exist, and for one the asker may not see (the same, so they learn nothing). */
export function songNotFound(songId: string): StudioError {
	return new StudioError('song_not_found', 404, `No song with id ${JSON.stringify(songId)}.`);
}

export async function getSong(store: BlobStore, songId: string): Promise<SongRecord | null> {
	return isSongId(songId) ? await getJson<SongRecord>(store, songRecordKey(songId)) : null;
}

export async function requireSong(store: BlobStore, songId: string): Promise<SongRecord> {
	const record = await getSong(store, songId);
	if (!record) throw songNotFound(songId);
	return record;
}

/** An edit: the body merged over the latest request, as the next revision. */
export async function reviseSong(store: BlobStore, record: SongRecord, body: unknown): Promise<SongRecord> {
	let request: SongRequest;
	try {
		request = parseSongRequest(body, record.request);
	} catch (e) {
		asStudioError(e);
	}
	const next: SongRecord = { ...record, revision: record.revision + 1, request };
	await putJson(store, songRecordKey(record.id), next);
	return next;
}

export async function getComposedSong(store: BlobStore, songId: string, revision: number): Promise<ComposedSong | null> {
	return getJson<ComposedSong>(store, songRevisionKey(songId, revision));
}

/** The newest composed revision at or below the latest asked for (null before the first is composed). */
export async function latestComposedSong(store: BlobStore, record: SongRecord): Promise<ComposedSong | null> {
	for (let revision = record.revision; revision >= 1; revision--) {
		const composed = await getComposedSong(store, record.id, revision);
		if (composed) return composed;
	}
	return null;
}
