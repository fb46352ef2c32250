import { describe, expect, it } from 'vitest';
import { FIRST_PHRASE_PRIORITY, MAX_BULLMQ_PRIORITY, MAX_SONG_RANK, PHRASES_PER_RANK, phrasePriority, songJobPriority, songRank, type OwnSong } from '../../../src/lib/scheduling';

/** Jobs as BullMQ takes them from one queue: lower priority first, then the order they were added. */
function takeOrder<T extends { priority: number }>(jobs: T[]): T[] {
	return jobs.map((job, added) => ({ job, added })).sort((a, b) => a.job.priority - b.job.priority || a.added - b.added).map(({ job }) => job);
}

describe('a song\'s rank', () => {
	const song = (id: string, createdAtMs: number, inFlight = true): OwnSong => ({ id, createdAtMs, inFlight });

	it('is 0 for a first song, 1 for a second asked for while the first is still being made, 2 for a third', () => {
		const songs = [song('a', 1000), song('b', 2000), song('c', 3000)];
		expect(songs.map((s) => songRank(s, songs))).toEqual([0, 1, 2]);
	});

	it('does not count an earlier song that is already mixed or failed', () => {
		const songs = [song('a', 1000, false), song('b', 2000), song('c', 3000)];
		expect(songRank(songs[1], songs)).toBe(0);
		expect(songRank(songs[2], songs)).toBe(1);
	});

	it('does not count songs asked for later, so an edit of a first song keeps it first', () => {
		const songs = [song('a', 1000), song('b', 2000), song('c', 3000)];
		expect(songRank(songs[0], songs)).toBe(0);
	});

	it('puts one of two songs asked for in the same millisecond behind the other', () => {
		const songs = [song('y', 1000), song('x', 1000)];
		expect(songs.map((s) => songRank(s, songs)).sort()).toEqual([0, 1]);
	});
});

describe('priorities', () => {
	it('give the first phrase of a first song the top of the sing queue, and keep a song\'s phrases in order', () => {
		expect(phrasePriority(0, 0)).toBe(FIRST_PHRASE_PRIORITY);
		expect(phrasePriority(0, 0)).toBe(1);
		expect(phrasePriority(0, 1)).toBeLessThan(phrasePriority(0, 2));
		expect(phrasePriority(1, 0)).toBeLessThan(phrasePriority(1, 1));
	});

	it('put every phrase of every first song before the first phrase of anyone\'s second song', () => {
		expect(phrasePriority(0, PHRASES_PER_RANK - 1)).toBeLessThan(phrasePriority(1, 0));
		expect(songJobPriority(0)).toBeLessThan(songJobPriority(1));
	});

	it('give thirty students\' first songs every first phrase before anyone\'s second phrase, and a second song after all of them', () => {
		const PHRASES = 12;
		type Job = { student: number; song: number; phrase: number; priority: number };
		const jobs: Job[] = [];
		// Student 0 asks for a second song before the others' phrases are even queued.
		for (let phrase = 0; phrase < PHRASES; phrase++) jobs.push({ student: 0, song: 0, phrase, priority: phrasePriority(0, phrase) });
		for (let phrase = 0; phrase < PHRASES; phrase++) jobs.push({ student: 0, song: 1, phrase, priority: phrasePriority(1, phrase) });
		for (let student = 1; student < 30; student++) {
			for (let phrase = 0; phrase < PHRASES; phrase++) jobs.push({ student, song: 0, phrase, priority: phrasePriority(0, phrase) });
		}
		const order = takeOrder(jobs);
		expect(order.slice(0, 30).map((j) => [j.song, j.phrase])).toEqual(Array.from({ length: 30 }, () => [0, 0]));
		expect(new Set(order.slice(0, 30).map((j) => j.student)).size).toBe(30);
		const firstOfSecondSong = order.findIndex((j) => j.song === 1);
		expect(firstOfSecondSong).toBe(30 * PHRASES);
		// Within a rank, phrase i of everyone before phrase i + 1 of anyone: nobody waits behind a whole song.
		const firstSongs = order.slice(0, 30 * PHRASES).map((j) => j.phrase);
		expect(firstSongs).toEqual([...firstSongs].sort((a, b) => a - b));
	});

	it('stay within BullMQ\'s range for any rank and phrase, and refuse a rank or index that is not a whole number ≥ 0', () => {
		expect(phrasePriority(10 ** 6, 10 ** 6)).toBeLessThanOrEqual(MAX_BULLMQ_PRIORITY);
		expect(phrasePriority(MAX_SONG_RANK + 5, 0)).toBe(phrasePriority(MAX_SONG_RANK, 0));
		expect(songJobPriority(10 ** 6)).toBeLessThanOrEqual(MAX_BULLMQ_PRIORITY);
		expect(() => phrasePriority(-1, 0)).toThrow(RangeError);
		expect(() => phrasePriority(0, 1.5)).toThrow(RangeError);
		expect(() => songJobPriority(Number.NaN)).toThrow(RangeError);
	});
});
