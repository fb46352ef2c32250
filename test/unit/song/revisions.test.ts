import { describe, expect, it } from 'vitest';
import { otherSide, switchPositionSeconds } from '../../../src/lib/song/ab-compare';
import { changedRequestFields, parseRevisionNumber, revisionEntries, type StoredRevision } from '../../../src/lib/song/revisions';
import { defaultSongRequest, type SongRequest } from '../../../src/lib/song/song-request';

const base: SongRequest = defaultSongRequest('en', 7);
const CARRIED = 'Change the arrangement or mix';

function stored(revision: number, over: Partial<StoredRevision> = {}, request: SongRequest | null = base): StoredRevision {
	return { revision, composed: request ? { request, composedAt: `2026-12-06T0${revision}:00:00.000Z` } : null, edit: null, name: null, mixReady: true, failed: false, ...over };
}

describe('what changed between two requests', () => {
	it('names each field whose value differs, in the panel\'s order, and nothing for an equal request', () => {
		expect(changedRequestFields(base, { ...base })).toEqual([]);
		expect(changedRequestFields(base, { ...base, mix: { ...base.mix, backingGainDb: -6 }, lyrics: 'new words', style: 'lo-fi' })).toEqual(['lyrics', 'style', 'mix']);
	});

	it('treats an absent vibrato as absent only: setting it is a change, leaving it out twice is not', () => {
		const { vibrato: _v, ...withoutVibrato } = base;
		expect(changedRequestFields(withoutVibrato as SongRequest, withoutVibrato as SongRequest)).toEqual([]);
		expect(changedRequestFields(withoutVibrato as SongRequest, { ...base, vibrato: 2 })).toEqual(['vibrato']);
	});
});

describe('the versions list', () => {
	it('lists newest first with the fields each request revision changed against the one below it', () => {
		const entries = revisionEntries([stored(1), stored(2, {}, { ...base, style: 'lo-fi' }), stored(3, {}, { ...base, style: 'lo-fi', candidate: 1 })], CARRIED);
		expect(entries.map((e) => [e.revision, e.changedFields])).toEqual([
			[3, ['candidate']],
			[2, ['style']],
			[1, []]
		]);
		expect(entries[2].composedAt).toBe('2026-12-06T01:00:00.000Z');
	});

	it('keeps edit labels, drops the carried-forward label (its fields say it), and a restore says only where it came from', () => {
		const entries = revisionEntries(
			[
				stored(1),
				stored(2, { edit: { labels: ['Move 2 notes', 'Chord of bar 3'] } }),
				stored(3, { edit: { labels: [CARRIED] } }, { ...base, mix: { vocalGainDb: 2, backingGainDb: 0 } }),
				stored(4, { edit: { labels: ['Restore version 1'], restoredFrom: 1 } })
			],
			CARRIED
		);
		const byRevision = Object.fromEntries(entries.map((e) => [e.revision, e]));
		expect(byRevision[2].labels).toEqual(['Move 2 notes', 'Chord of bar 3']);
		expect([byRevision[3].labels, byRevision[3].changedFields]).toEqual([[], ['mix']]);
		expect([byRevision[4].restoredFrom, byRevision[4].labels, byRevision[4].changedFields]).toEqual([1, [], []]);
		expect(byRevision[1].restoredFrom).toBeNull();
	});

	it('gives each revision its state: mix ready, being rendered, being composed or failed', () => {
		const entries = revisionEntries([stored(1), stored(2, { mixReady: false }), stored(3, { mixReady: false, failed: true }), stored(4, { mixReady: false }, null)], CARRIED);
		expect(entries.map((e) => [e.revision, e.state])).toEqual([
			[4, 'composing'],
			[3, 'failed'],
			[2, 'rendering'],
			[1, 'mixed']
		]);
		// Not composed: no time and no fields (the request it was made from is not kept).
		expect([entries[0].composedAt, entries[0].changedFields]).toEqual([null, []]);
	});
});

describe('revision numbers in URLs', () => {
	it('reads whole numbers only', () => {
		expect(parseRevisionNumber('3')).toBe(3);
		expect(parseRevisionNumber('0')).toBe(0);
		for (const bad of ['', '-1', '1.5', 'abc', '3a', '1e3', '9999999999', ' 3']) expect(parseRevisionNumber(bad), bad).toBeNull();
	});
});

describe('A/B switching', () => {
	it('starts the other mix at the same second, or at its end when it is shorter', () => {
		expect(switchPositionSeconds(12.5, 180)).toBe(12.5);
		expect(switchPositionSeconds(95, 90)).toBe(90);
		expect(switchPositionSeconds(-1, 90)).toBe(0);
		expect(switchPositionSeconds(Number.NaN, 90)).toBe(0);
		// A length not known yet leaves the position as it is.
		expect(switchPositionSeconds(12.5, Number.NaN)).toBe(12.5);
		expect([otherSide('a'), otherSide('b')]).toEqual(['b', 'a']);
	});
});
