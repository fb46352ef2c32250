/**
 * The time signature as a song-level edit: the notes keep their times byte for byte, sections move
 * to the nearest new bar line, each new bar takes the chord heard longest in it, the backing plays
 * the new metre, the server takes the result, and undo gives the song back exactly.
 */
import { describe, expect, it } from 'vitest';
import { arrange } from '../../../../src/lib/compose/arrangement';
import { checkEditedSong, EditedSongError } from '../../../../src/lib/song/edit/check-edited-song';
import { EditError } from '../../../../src/lib/song/edit/edit-error';
import { execute, startHistory, undo } from '../../../../src/lib/song/edit/edit-history';
import { commandBetween } from '../../../../src/lib/song/edit/song-command';
import { setTimeSignature, TIME_SIGNATURES } from '../../../../src/lib/song/edit/song-edits';
import { ticksPerBar, type Song, type SongChord } from '../../../../src/lib/song/types';
import { composedSong } from '../../../helpers/composed-song';

const WALTZ = { beatsPerBar: 3, beatUnit: 4 };
const SIX_EIGHT = { beatsPerBar: 6, beatUnit: 8 };
const bars = (song: Song) => song.sections.reduce((n, s) => n + s.bars, 0);
/** The chord heard longest in ticks [from, to) of `chords`. */
function longestIn(chords: readonly SongChord[], from: number, to: number): SongChord | undefined {
	return [...chords].sort((a, b) => Math.min(to, b.startTicks + b.durationTicks) - Math.max(from, b.startTicks) - (Math.min(to, a.startTicks + a.durationTicks) - Math.max(from, a.startTicks)) || a.startTicks - b.startTicks)[0];
}

describe('changing the time signature', () => {
	const song = composedSong('en');

	it.each([WALTZ, SIX_EIGHT])('to %o: the notes keep their times, the sections move to the nearest bar line, each bar takes the chord heard longest in it', (ts) => {
		const edited = setTimeSignature(song, ts);
		const tpb = ticksPerBar(ts);
		expect(edited.timeSignature).toEqual(ts);
		expect(JSON.stringify(edited.melody)).toBe(JSON.stringify(song.melody));
		expect(edited.melody).toBe(song.melody);
		// Sections follow one another from bar 0, each starting at the new bar nearest its old start.
		let bar = 0;
		edited.sections.forEach((s, k) => {
			expect(s.startBar).toBe(bar);
			expect(s.startBar).toBe(Math.round((song.sections[k].startBar * ticksPerBar(song.timeSignature)) / tpb));
			expect([s.kind, s.label]).toEqual([song.sections[k].kind, song.sections[k].label]);
			bar += s.bars;
		});
		// Long enough for every note and the old song.
		expect(bars(edited) * tpb).toBeGreaterThanOrEqual(bars(song) * ticksPerBar(song.timeSignature));
		// One chord per bar, the one heard longest there before.
		expect(edited.chords).toHaveLength(bars(edited));
		edited.chords.forEach((c, b) => {
			expect([c.startTicks, c.durationTicks]).toEqual([b * tpb, tpb]);
			const was = longestIn(song.chords, b * tpb, (b + 1) * tpb)!;
			expect([c.rootPitchClass, c.quality, c.numeral]).toEqual([was.rootPitchClass, was.quality, was.numeral]);
		});
		// The backing plays it (the arranger has grooves for the metre), the server takes it, undo is exact.
		expect(arrange(edited, { seed: 3 }).tracks.length).toBeGreaterThan(0);
		expect(() => checkEditedSong(edited, song)).not.toThrow();
		const history = execute(startHistory(song), commandBetween('3/4', song, edited));
		expect(JSON.stringify(undo(history).song)).toBe(JSON.stringify(song));
	});

	it('back to 4/4 puts the sections where they were', () => {
		for (const ts of [WALTZ, SIX_EIGHT]) expect(setTimeSignature(setTimeSignature(song, ts), { beatsPerBar: 4, beatUnit: 4 }).sections).toEqual(song.sections);
	});

	it('changes nothing for the same signature, and refuses one the studio cannot play, here and on the server', () => {
		expect(setTimeSignature(song, { beatsPerBar: 4, beatUnit: 4 })).toBe(song);
		expect(TIME_SIGNATURES.map((ts) => `${ts.beatsPerBar}/${ts.beatUnit}`)).toEqual(['3/4', '4/4', '6/8']);
		expect(() => setTimeSignature(song, { beatsPerBar: 5, beatUnit: 4 })).toThrowError(EditError);
		expect(() => setTimeSignature(song, { beatsPerBar: 5, beatUnit: 4 })).toThrowError(/3\/4, 4\/4, 6\/8; got 5\/4/);
		expect(() => checkEditedSong({ ...song, timeSignature: { beatsPerBar: 5, beatUnit: 4 } }, song)).toThrowError(EditedSongError);
	});
});
