/**
 * Deleting a take or a song as its owner asks. The record goes first, so from that moment every
 * route answers 404; then what hangs off it (songs, share links, names, index entries).
 * (The full cascade through derived artifacts — voice, vocals, mixes — is built on the `deletion` branch.)
 */
import { songRecordKey, takeRecordKey } from './keys';
import { takeSongIds, unindexSong, unindexTake } from './library-index';
import { revokeShare } from './shares';
import { getSong, type SongRecord } from './songs';
import type { BlobStore } from './storage';
import type { TakeRecord } from '../take/types';

export async function deleteSong(store: BlobStore, record: SongRecord): Promise<void> {
	await store.delete(songRecordKey(record.id));
	await revokeShare(store, record.id);
	await store.deleteFolder(`songs/${record.id}`);
	await unindexSong(store, record);
}

export async function deleteTake(store: BlobStore, take: TakeRecord): Promise<void> {
	await store.delete(takeRecordKey(take.id));
	for (const songId of await takeSongIds(store, take.id)) {
		const record = await getSong(store, songId);
		if (record) await deleteSong(store, record);
	}
	await store.deleteFolder(`takes/${take.id}`);
	await unindexTake(store, take);
}
