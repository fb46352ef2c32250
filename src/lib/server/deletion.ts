/**
 * Deletion that cascades (erasure on request): a take with everything derived from it, a song
 * with its renders, a voice with everything sung with it. What to delete is found in the
 * derived-from index (derived-index.ts), never by scanning storage.
 *
 * Nothing here is shared with another take or song, by construction: PCM, analysis and voice are
 * keyed by their take, vocals, backings and mixes by their song (or, for lyrics sung on the take,
 * by its voice). So a deletion deletes what it finds without counting references.
 *
 * Order, so that a crash midway leaves a re-run able to finish: first the root that makes the
 * thing gone for readers and writers (liveness.ts), then the leaves, then the index, whose edges
 * are the to-do list of a re-run. Every step is idempotent.
 */
import { childrenOf, forgetEdge, forgetNode, nodeFolder, recordEdge } from './derived-index';
import {
	analysisKey,
	backingAudioKey,
	backingScoreKey,
	backingSegmentKey,
	backingSegmentsKey,
	fullVocalKey,
	mixFolderKey,
	pcmKey,
	phraseAudioKey,
	profileKey,
	songFolderKey,
	songRecordKey,
	takeFolderKey,
	takeRecordKey,
	vocalPlanKey,
	voiceDeletedKey
} from './keys';
import { unindexSong, unindexTake } from './library-index';
import { revokeShare } from './shares';
import type { VocalPlan } from './sing-stage';
import type { SongRecord } from './songs';
import { getJson, putJson, type BlobStore } from './storage';
import type { TakeRecord } from '../take/types';
import { profileIdOf, VOICE_DELETED_REASON, type NoVoice } from './voice-stage';
import { VOICE_PROFILE_VERSION } from '../voice/profile';
import { deleteVoiceSources } from './voice-source';

async function hasAny(store: BlobStore, folders: string[]): Promise<boolean> {
	for (const folder of folders) if ((await store.list(folder)).length > 0) return true;
	return false;
}

/**
 * Deletes a take and everything derived from it: recording, PCM, analysis, voice, vocals and
 * their phrases, songs with their revisions, backings, mixes and exports. Returns false when
 * nothing of the take was there.
 */
export async function deleteTake(store: BlobStore, takeId: string, ownerHash?: string): Promise<boolean> {
	const found = await hasAny(store, [takeFolderKey(takeId), nodeFolder('take', takeId)]);
	const take = await getJson<TakeRecord>(store, takeRecordKey(takeId));
	await store.delete(takeRecordKey(takeId));
	const songs = new Set([...(await childrenOf(store, 'take', takeId, 'song')), ...(await childrenOf(store, 'take', takeId, 'deleting-song'))]);
	for (const songId of songs) await deleteSong(store, songId, takeId);
	for (const profileId of await childrenOf(store, 'take', takeId, 'profile')) {
		await eraseVoice(store, profileId);
		await store.delete(voiceDeletedKey(profileId));
	}
	for (const analysisId of await childrenOf(store, 'take', takeId, 'analysis')) await store.delete(analysisKey(analysisId));
	for (const pcmId of await childrenOf(store, 'take', takeId, 'pcm')) await store.delete(pcmKey(pcmId));
	await store.deleteFolder(takeFolderKey(takeId));
	await forgetNode(store, 'take', takeId);
	// The owner's library entry last (the library skips entries whose record is gone); a re-run
	// after the record went is told the owner by the route, which found the entry.
	await unindexTake(store, { id: takeId, ownerHash: take?.ownerHash ?? ownerHash });
	return found;
}

/**
 * Deletes a song: its record and revisions, its vocals (with their phrases), backings (with their
 * bar segments), mixes and exports. `takeId` when the caller knows it (a re-run may find the record already gone). Returns
 * false when nothing of the song was there.
 */
export async function deleteSong(store: BlobStore, songId: string, takeId?: string, ownerHash?: string): Promise<boolean> {
	const record = await getJson<SongRecord>(store, songRecordKey(songId));
	const found = record !== null || (await hasAny(store, [songFolderKey(songId), nodeFolder('song', songId)]));
	const ownerTakeId = takeId ?? record?.takeId ?? (await childrenOf(store, 'song', songId, 'take'))[0];
	// The root: from here on the song is not live for any writer (liveness.ts).
	if (ownerTakeId) await recordEdge(store, 'take', ownerTakeId, 'deleting-song', songId);
	await store.delete(songRecordKey(songId));
	await revokeShare(store, songId);
	for (const vocalId of await childrenOf(store, 'song', songId, 'vocal')) await deleteVocal(store, vocalId);
	for (const backingId of await childrenOf(store, 'song', songId, 'backing')) {
		await store.delete(backingAudioKey(backingId));
		await store.delete(backingSegmentsKey(backingId));
		await store.delete(backingScoreKey(backingId));
	}
	for (const segmentId of await childrenOf(store, 'song', songId, 'backing-segment')) await store.delete(backingSegmentKey(segmentId));
	for (const mixId of await childrenOf(store, 'song', songId, 'mix')) await store.deleteFolder(mixFolderKey(mixId));
	await store.deleteFolder(songFolderKey(songId));
	await forgetNode(store, 'song', songId);
	if (ownerTakeId) {
		await forgetEdge(store, 'take', ownerTakeId, 'song', songId);
		await forgetEdge(store, 'take', ownerTakeId, 'deleting-song', songId);
	}
	await unindexSong(store, { id: songId, takeId: ownerTakeId, ownerHash: record?.ownerHash ?? ownerHash });
	return found;
}

/**
 * Deletes the voice learned from a take (and those learned from recordings uploaded for it, with
 * those recordings) and everything sung with it: its vocals, their phrases and the mixes of the
 * songs that used them. A note that it was deleted stays in its place (it is
 * never learned again; singing is refused with the reason) until the take itself is deleted.
 */
export async function deleteVoiceProfile(store: BlobStore, take: TakeRecord): Promise<void> {
	const profileIds = new Set([profileIdOf(take), ...(await childrenOf(store, 'take', take.id, 'profile'))]);
	for (const profileId of profileIds) {
		await recordEdge(store, 'take', take.id, 'profile', profileId);
		await putJson(store, voiceDeletedKey(profileId), { version: VOICE_PROFILE_VERSION, kind: 'deleted', reason: VOICE_DELETED_REASON } satisfies NoVoice);
		await eraseVoice(store, profileId);
	}
	// The recordings it was learned from go with it (the take keeps its own recording).
	await deleteVoiceSources(store, take.id);
}

/** The profile's vocals, then its units, then its index. */
async function eraseVoice(store: BlobStore, profileId: string): Promise<void> {
	for (const vocalId of await childrenOf(store, 'profile', profileId, 'vocal')) await deleteVocal(store, vocalId);
	await store.delete(profileKey(profileId));
	await forgetNode(store, 'profile', profileId);
}

/**
 * A vocal's phrases, its full mix and the song mixes it was sung in; then its plan (which lists the
 * phrases), and only then the edges that lead to it, so a re-run still finds what is left. An edge
 * left by a crash after the plan is gone leads to nothing and goes with its parent.
 */
async function deleteVocal(store: BlobStore, vocalId: string): Promise<void> {
	const plan = await getJson<VocalPlan>(store, vocalPlanKey(vocalId));
	for (const phrase of plan?.phrases ?? []) await store.delete(phraseAudioKey(phrase.id));
	await store.delete(fullVocalKey(vocalId));
	for (const mixId of await childrenOf(store, 'vocal', vocalId, 'mix')) await store.deleteFolder(mixFolderKey(mixId));
	await forgetNode(store, 'vocal', vocalId);
	await store.delete(vocalPlanKey(vocalId));
	if (plan) {
		await forgetEdge(store, 'profile', plan.profileId, 'vocal', vocalId);
		if (plan.songId) await forgetEdge(store, 'song', plan.songId, 'vocal', vocalId);
	}
}
