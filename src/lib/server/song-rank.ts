/**
 * A song's rank in the queues (src/lib/scheduling/fair-priority.ts), read from storage: the owner's
 * songs from their library index, each in flight until its latest revision is mixed or failed.
 */
import { songRank, type OwnSong } from '../scheduling';
import { mixFileKey } from './keys';
import { ownerSongIds } from './library-index';
import { getSongFailure } from './song-failures';
import { MIX_FILE } from './song-status';
import { getComposedSong, getSong, type SongRecord } from './songs';
import type { BlobStore } from './storage';

async function isInFlight(store: BlobStore, record: SongRecord): Promise<boolean> {
	if (await getSongFailure(store, record.id, record.revision)) return false;
	const composed = await getComposedSong(store, record.id, record.revision);
	return !composed || !(await store.has(mixFileKey(composed.mixId, MIX_FILE.report)));
}

/** 0 for a song without an owner (nothing to share fairly among); else how many of the owner's earlier songs are still being made. */
export async function songQueueRank(store: BlobStore, record: SongRecord): Promise<number> {
	if (!record.ownerHash) return 0;
	const createdAtMs = Date.parse(record.createdAt);
	const others = await Promise.all(
		(await ownerSongIds(store, record.ownerHash))
			.filter((id) => id !== record.id)
			.map(async (id): Promise<OwnSong | null> => {
				const other = await getSong(store, id);
				// Only songs asked for earlier can count: the in-flight check is skipped for the rest.
				if (!other || Date.parse(other.createdAt) > createdAtMs) return null;
				return { id, createdAtMs: Date.parse(other.createdAt), inFlight: await isInFlight(store, other) };
			})
	);
	return songRank({ id: record.id, createdAtMs }, others.filter((s): s is OwnSong => s !== null));
}
