/**
 * Chord suggestions for one bar, from the harmoniser's model: the bar's melody and its neighbours
 * decide the ranking, and the bar's section style picks the vocabulary.
 */
import { describe, expect, it } from 'vitest';
import { suggestBarChords, styleOfBar } from '../../../src/lib/compose/chord-suggestions';
import { numeralToChord } from '../../../src/lib/compose/chords';
import { HARMONY_STYLES } from '../../../src/lib/compose/harmony-styles';
import { setBarChord, setSectionStyle } from '../../../src/lib/song/edit/song-edits';
import { PPQ, ticksPerBar, type Song, type SongNote } from '../../../src/lib/song/types';
import { composedSong } from '../../helpers/composed-song';

/** Bar `bar` of `song` with its melody replaced by quarter notes of these pitches. */
function withBarMelody(song: Song, bar: number, pitches: number[]): Song {
	const tpb = ticksPerBar(song.timeSignature);
	const notes: SongNote[] = pitches.map((midiPitch, k) => ({ startTicks: bar * tpb + k * PPQ, durationTicks: PPQ, midiPitch, syllable: null, phrase: 0 }));
	const outside = song.melody.filter((n) => n.startTicks + n.durationTicks <= bar * tpb || n.startTicks >= (bar + 1) * tpb);
	return { ...song, melody: [...outside, ...notes].sort((a, b) => a.startTicks - b.startTicks) };
}

describe('chord suggestions', () => {
	// D major, pop: D = 62.
	const song = composedSong('cmn');
	const bar = 2;

	it('ranks first the chord whose tones the bar\'s melody sings', () => {
		// G B D G: the IV chord (G major) in D.
		const onIV = withBarMelody(song, bar, [67, 71, 74, 67]);
		expect(suggestBarChords(onIV, bar)[0].numeral).toBe('IV');
		// A C♯ E A: V.
		const onV = withBarMelody(song, bar, [69, 73, 76, 69]);
		expect(suggestBarChords(onV, bar)[0].numeral).toMatch(/^V7?$/);
		// B D F♯ B: vi.
		const onVi = withBarMelody(song, bar, [71, 74, 78, 71]);
		expect(suggestBarChords(onVi, bar)[0].numeral).toMatch(/^vi7?$/);
	});

	it('lets the neighbours decide a bar the melody leaves open: after V comes I', () => {
		const silent = { ...song, melody: song.melody.filter((n) => n.startTicks + n.durationTicks <= bar * ticksPerBar(song.timeSignature) || n.startTicks >= (bar + 1) * ticksPerBar(song.timeSignature)) };
		const afterV = setBarChord(setBarChord(silent, bar - 1, 'V'), bar + 1, 'IV');
		const afterIV = setBarChord(setBarChord(silent, bar - 1, 'IV'), bar + 1, 'IV');
		const top = (s: Song) => suggestBarChords(s, bar, 3).map((c) => c.numeral);
		expect(top(afterV)[0]).toBe('I');
		// The ranking moves with the neighbours: the model's transitions are used.
		expect(top(afterV)).not.toEqual(top(afterIV));
	});

	it('offers a few chords of the bar\'s style, each readable in the key, with probabilities that rank them', () => {
		const suggestions = suggestBarChords(song, bar);
		expect(suggestions).toHaveLength(4);
		for (const s of suggestions) {
			const chord = numeralToChord(song.key, s.numeral);
			expect([chord.rootPitchClass, chord.quality]).toEqual([s.rootPitchClass, s.quality]);
			expect(Object.keys(HARMONY_STYLES[styleOfBar(song, bar)].vocabulary.major).concat('V')).toContain(s.numeral);
		}
		expect(suggestions.map((s) => s.probability)).toEqual([...suggestions.map((s) => s.probability)].sort((a, b) => b - a));
		expect(suggestions.reduce((sum, s) => sum + s.probability, 0)).toBeLessThanOrEqual(1 + 1e-9);
		expect(() => suggestBarChords(song, 999)).toThrow(RangeError);
	});

	it('takes the vocabulary of the bar\'s own section style', () => {
		const section = song.sections.findIndex((s) => bar >= s.startBar && bar < s.startBar + s.bars);
		const other = song.style === 'lo-fi' ? 'pop-ballad' : 'lo-fi';
		const styled = setSectionStyle(song, section, other);
		expect(styleOfBar(styled, bar)).toBe(other);
		const vocabulary = Object.keys(HARMONY_STYLES[other].vocabulary.major).concat('V');
		for (const s of suggestBarChords(styled, bar, 20)) expect(vocabulary).toContain(s.numeral);
	});
});
