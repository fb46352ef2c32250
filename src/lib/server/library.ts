/**
 * An owner's library: their takes and songs, newest first, with the name, language, length and
 * status the home page lists, read from the marker-file indexes (library-index.ts) and the records.
 * An entry whose record is gone (deleted between the listing and the read) is left out.
 */
import { STYLE_LABELS } from '../client/song-labels';
import type { StyleName } from '../song/types';
import { songLengthSeconds } from '../song/song-length';
import type { Library, LibrarySong, LibraryTake } from '../take/library-types';
import type { AnalysisStatus, TakeRecord } from '../take/types';
import { ownerSongIds, ownerTakeIds, takeSongIds } from './library-index';
import { mixFileKey } from './keys';
import { songName, takeName } from './names';
import { MIX_FILE, type JobFailure } from './song-status';
import { getSong, latestComposedSong, type SongRecord } from './songs';
import type { BlobStore } from './storage';
import { getTake } from './takes';

export type { Library, LibrarySong, LibrarySongStatus, LibraryTake } from '../take/library-types';

/** How the listing learns what only the queue knows: a take's analysis status and a song job's failure. */
export interface LibraryStatusSources {
	takeStatus(take: TakeRecord): Promise<AnalysisStatus>;
	songFailure: JobFailure;
}

const newestFirst = (a: { createdAt: string }, b: { createdAt: string }) => b.createdAt.localeCompare(a.createdAt);

function present<T>(items: (T | null)[]): T[] {
	return items.filter((item): item is T => item !== null);
}

export async function libraryTake(store: BlobStore, take: TakeRecord, sources: LibraryStatusSources): Promise<LibraryTake> {
	return {
		id: take.id,
		name: (await takeName(store, take.id)) ?? take.originalName,
		language: take.language,
		durationSeconds: take.durationSeconds,
		status: await sources.takeStatus(take),
		createdAt: take.createdAt
	};
}

/** "Upbeat pop song", "Classroom / children's song": a song without lyrics or a name of its own, by its style. */
function defaultSongName(style: StyleName): string {
	const label = STYLE_LABELS[style];
	return /song$/i.test(label) ? label : `${label} song`;
}

export async function librarySong(store: BlobStore, record: SongRecord, sources: LibraryStatusSources): Promise<LibrarySong> {
	const composed = await latestComposedSong(store, record);
	const mixed = composed !== null && composed.revision === record.revision && (await store.has(mixFileKey(composed.mixId, MIX_FILE.report)));
	const failed = !mixed && (await sources.songFailure(composed?.revision === record.revision ? 'mix' : 'compose', record.id, record.revision)) !== null;
	const firstLine = record.request.lyrics?.split('\n').find((line) => line.trim() !== '')?.trim();
	return {
		id: record.id,
		takeId: record.takeId,
		name: (await songName(store, record.id)) ?? (firstLine ? firstLine.slice(0, 60) : defaultSongName(record.request.style)),
		language: record.request.language,
		durationSeconds: composed ? songLengthSeconds(composed.song) : null,
		status: mixed ? 'ready' : failed ? 'failed' : 'working',
		createdAt: record.createdAt
	};
}

async function songsOf(store: BlobStore, songIds: string[], sources: LibraryStatusSources, keep: (record: SongRecord) => boolean): Promise<LibrarySong[]> {
	const records = present(await Promise.all(songIds.map((id) => getSong(store, id)))).filter(keep);
	return (await Promise.all(records.map((record) => librarySong(store, record, sources)))).sort(newestFirst);
}

export async function ownerLibrary(store: BlobStore, ownerHash: string, sources: LibraryStatusSources): Promise<Library> {
	const [takeIds, songIds] = await Promise.all([ownerTakeIds(store, ownerHash), ownerSongIds(store, ownerHash)]);
	const takes = present(await Promise.all(takeIds.map((id) => getTake(store, id)))).filter((take) => take.ownerHash === ownerHash);
	return {
		takes: (await Promise.all(takes.map((take) => libraryTake(store, take, sources)))).sort(newestFirst),
		songs: await songsOf(store, songIds, sources, (record) => record.ownerHash === ownerHash)
	};
}

/** The songs made from one take, newest first (the take's page lists them). */
export async function songsOfTake(store: BlobStore, takeId: string, sources: LibraryStatusSources): Promise<LibrarySong[]> {
	return songsOf(store, await takeSongIds(store, takeId), sources, (record) => record.takeId === takeId);
}
