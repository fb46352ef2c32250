/**
 * Writes that lose the race with a deletion undo themselves. A job (or a request) may have read
 * its inputs before its take, song or voice was deleted; its results must not outlive them.
 *
 * Each deletion first flips one "root" that no writer ever restores (the take record is removed,
 * the song gets a `deleting-song` edge, the voice a deleted note), then deletes every artifact
 * it can find. A guarded write checks the owner before and after: a write that finished before
 * the flip is found and deleted by the deletion (its index edge was written before it); one that
 * sees the flip afterwards deletes itself. Either way nothing is left.
 */
import { hasEdge } from './derived-index';
import { StudioError } from './errors';
import { takeRecordKey, voiceDeletedKey } from './keys';
import type { BlobStore } from './storage';

/** What a write belongs to: a take, and maybe one of its songs and the voice it sings with. */
export interface Owner {
	takeId: string;
	songId?: string | null;
	profileId?: string | null;
}

export function deletedError(): StudioError {
	return new StudioError('deleted', 410, 'This was deleted by its owner while the studio was working on it; nothing of it was kept.');
}

/** Whether nothing the write belongs to has been (or is being) deleted. */
export async function isLive(store: BlobStore, owner: Owner): Promise<boolean> {
	if (!(await store.has(takeRecordKey(owner.takeId)))) return false;
	if (owner.songId) {
		// The take's edge to the song is written before the song record and removed after it, and a
		// song being deleted carries a `deleting-song` edge from the deletion's first step to its last.
		if (!(await hasEdge(store, 'take', owner.takeId, 'song', owner.songId))) return false;
		if (await hasEdge(store, 'take', owner.takeId, 'deleting-song', owner.songId)) return false;
	}
	if (owner.profileId && (await store.has(voiceDeletedKey(owner.profileId)))) return false;
	return true;
}

/** The store, with every write kept only while `owner` is live (see above); reads pass through. */
export function writesWhileLive(store: BlobStore, owner: Owner): BlobStore {
	return {
		get: (key) => store.get(key),
		has: (key) => store.has(key),
		delete: (key) => store.delete(key),
		list: (folder) => store.list(folder),
		deleteFolder: (folder) => store.deleteFolder(folder),
		async put(key, bytes) {
			if (!(await isLive(store, owner))) throw deletedError();
			await store.put(key, bytes);
			if (!(await isLive(store, owner))) {
				await store.delete(key);
				throw deletedError();
			}
		}
	};
}

/** `writesWhileLive` for a job, refused at once (before any work) when its owner is already gone. */
export async function liveStoreFor(store: BlobStore, owner: Owner): Promise<BlobStore> {
	if (!(await isLive(store, owner))) throw deletedError();
	return writesWhileLive(store, owner);
}
