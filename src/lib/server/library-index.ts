/**
 * The library's indexes as marker files: `owners/<ownerHash>/takes/<takeId>`,
 * `owners/<ownerHash>/songs/<songId>` and `takes/<takeId>/songs/<songId>`. Each entry is its own
 * empty file, so concurrent uploads and songs never lose each other's entries (no read-modify-write
 * of a shared list), and listing a folder is the index.
 */
import { ownerSongsFolder, ownerTakesFolder, takeSongsFolder } from './keys';
import type { BlobStore } from './storage';

const MARKER = new Uint8Array(0);

export async function indexTake(store: BlobStore, ownerHash: string, takeId: string): Promise<void> {
	await store.put(`${ownerTakesFolder(ownerHash)}/${takeId}`, MARKER);
}

export async function indexSong(store: BlobStore, song: { id: string; takeId: string; ownerHash?: string }): Promise<void> {
	await store.put(`${takeSongsFolder(song.takeId)}/${song.id}`, MARKER);
	if (song.ownerHash) await store.put(`${ownerSongsFolder(song.ownerHash)}/${song.id}`, MARKER);
}

export async function unindexTake(store: BlobStore, take: { id: string; ownerHash?: string }): Promise<void> {
	if (take.ownerHash) await store.delete(`${ownerTakesFolder(take.ownerHash)}/${take.id}`);
}

export async function unindexSong(store: BlobStore, song: { id: string; takeId?: string; ownerHash?: string }): Promise<void> {
	if (song.ownerHash) await store.delete(`${ownerSongsFolder(song.ownerHash)}/${song.id}`);
	if (song.takeId) await store.delete(`${takeSongsFolder(song.takeId)}/${song.id}`);
}

export const ownerTakeIds = (store: BlobStore, ownerHash: string): Promise<string[]> => store.list(ownerTakesFolder(ownerHash));
export const ownerSongIds = (store: BlobStore, ownerHash: string): Promise<string[]> => store.list(ownerSongsFolder(ownerHash));
export const takeSongIds = (store: BlobStore, takeId: string): Promise<string[]> => store.list(takeSongsFolder(takeId));

/** Whether the owner's library still lists the take or song: after a deletion stopped midway (record gone, entry not yet), this proves the asker owned it. */
export const ownerListsTake = (store: BlobStore, ownerHash: string, takeId: string): Promise<boolean> => store.has(`${ownerTakesFolder(ownerHash)}/${takeId}`);
export const ownerListsSong = (store: BlobStore, ownerHash: string, songId: string): Promise<boolean> => store.has(`${ownerSongsFolder(ownerHash)}/${songId}`);
