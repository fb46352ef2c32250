/**
 * Fair shares of the song queues when many people ask at once (a class of thirty): everyone's
 * first phrase before anyone's second song, and nobody waits behind another person's whole song.
 *
 * BullMQ takes jobs with a lower `priority` first (1 is the highest it gives; equal priorities run
 * in the order they were added). A song's *rank* is how many of its owner's other songs, asked for
 * before it, are still being made: 0 for a first song (and for any song once the earlier ones are
 * done), 1 for a second song asked for while the first is still in the queues, and so on. Jobs of
 * rank r come after every job of rank r − 1, in the compose and mix queues and in the sing queue,
 * where a song's phrases also keep their order (phrase i before phrase i + 1) within their rank.
 * Pure: the server reads the owner's songs (src/lib/server/song-rank.ts).
 */

/** BullMQ's largest job priority (2^21). */
export const MAX_BULLMQ_PRIORITY = 2_097_152;

/** The priority of the first phrase of a rank-0 song: the top of the sing queue. */
export const FIRST_PHRASE_PRIORITY = 1;

/** Priorities one rank spans in the sing queue: one per phrase; phrases past this share the last. */
export const PHRASES_PER_RANK = 1000;

/** Ranks above this share it (a priority must stay ≤ MAX_BULLMQ_PRIORITY). */
export const MAX_SONG_RANK = 2000;

/** One of the owner's songs, as the ranking needs it. */
export interface OwnSong {
	id: string;
	/** When the song was first asked for, ms since the epoch. */
	createdAtMs: number;
	/** Its latest revision is neither mixed nor failed. */
	inFlight: boolean;
}

/** A song asked for before another: earlier, or at the same millisecond with the smaller id (a total order, so two songs never both rank first or both second). */
function before(a: { id: string; createdAtMs: number }, b: { id: string; createdAtMs: number }): boolean {
	return a.createdAtMs < b.createdAtMs || (a.createdAtMs === b.createdAtMs && a.id < b.id);
}

/** How many of the owner's other songs, asked for before `song`, are still being made. */
export function songRank(song: { id: string; createdAtMs: number }, ownSongs: readonly OwnSong[]): number {
	return ownSongs.filter((other) => other.id !== song.id && other.inFlight && before(other, song)).length;
}

function clampRank(rank: number): number {
	if (!Number.isInteger(rank) || rank < 0) throw new RangeError(`A song rank must be an integer ≥ 0, got ${rank}`);
	return Math.min(rank, MAX_SONG_RANK);
}

/** The priority of a compose, backing or mix job of a song of this rank. */
export function songJobPriority(rank: number): number {
	return 1 + clampRank(rank);
}

/** The priority of phrase `index` (0-based) of a song of this rank: rank by rank, and in order within a song. */
export function phrasePriority(rank: number, index: number): number {
	if (!Number.isInteger(index) || index < 0) throw new RangeError(`A phrase index must be an integer ≥ 0, got ${index}`);
	return FIRST_PHRASE_PRIORITY + clampRank(rank) * PHRASES_PER_RANK + Math.min(index, PHRASES_PER_RANK - 1);
}
