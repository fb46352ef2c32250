/**
 * Share links: a random token per song that lets its holder listen to the finished mix and
 * download it, nothing else (rights.ts). Storage keeps only the token's hash, on the song's side
 * (`songs/<id>/share.json`, kept apart from the song record so sharing never races with an edit)
 * and as the way back from a token to its song (`shares/<hash>.json`).
 */
import { shareKey, songShareKey } from './keys';
import { mintSecret, secretHash } from './owner-key';
import { getJson, putJson, type BlobStore } from './storage';

interface SongShare {
	tokenHash: string;
}
interface ShareTarget {
	songId: string;
}

/** The hash of the song's current share token, or null when it is not shared. */
export async function songShareHash(store: BlobStore, songId: string): Promise<string | null> {
	return (await getJson<SongShare>(store, songShareKey(songId)))?.tokenHash ?? null;
}

/** The song a share token's hash opens, or null. */
export async function sharedSongId(store: BlobStore, tokenHash: string): Promise<string | null> {
	return (await getJson<ShareTarget>(store, shareKey(tokenHash)))?.songId ?? null;
}

/** Shares a song with a new token, revoking any earlier one (only its hash was kept, so it cannot be shown again). Returns the token. */
export async function shareSong(store: BlobStore, songId: string): Promise<string> {
	await revokeShare(store, songId);
	const token = mintSecret();
	const tokenHash = secretHash(token);
	await putJson(store, shareKey(tokenHash), { songId } satisfies ShareTarget);
	await putJson(store, songShareKey(songId), { tokenHash } satisfies SongShare);
	return token;
}

/** Stops the song's share link from working. */
export async function revokeShare(store: BlobStore, songId: string): Promise<void> {
	const tokenHash = await songShareHash(store, songId);
	await store.delete(songShareKey(songId));
	if (tokenHash) await store.delete(shareKey(tokenHash));
}
