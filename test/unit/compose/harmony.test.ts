import { describe, expect, it } from 'vitest';
import { chordPitchClasses, mod12, numeralToChord } from '../../../src/lib/compose/chords';
import { harmonize } from '../../../src/lib/compose/harmony';
import { PPQ, STYLE_NAMES, type SongChord, type SongNote, type StyleName } from '../../../src/lib/song/types';
import { BAR_TICKS_44, generatedMelody, quarters } from './harmony-fixtures';

const C_MAJOR = { tonicPitchClass: 0, mode: 'major' } as const;
const A_MINOR = { tonicPitchClass: 9, mode: 'minor' } as const;
const FOUR_FOUR = { beatsPerBar: 4, beatUnit: 4 };

/** The chord sounding at `ticks`. */
function chordAt(chords: readonly SongChord[], ticks: number): SongChord {
	return chords.find((c) => c.startTicks <= ticks && ticks < c.startTicks + c.durationTicks)!;
}

/** Fraction of notes on beats 1 and 3 whose pitch class is in the chord under them. */
function strongBeatChordToneFraction(melody: readonly SongNote[], chords: readonly SongChord[]): number {
	const strong = melody.filter((n) => n.startTicks % (2 * PPQ) === 0);
	const hits = strong.filter((n) => {
		const c = chordAt(chords, n.startTicks);
		return chordPitchClasses(c.rootPitchClass, c.quality).includes(mod12(n.midiPitch));
	});
	return hits.length / strong.length;
}

describe('harmonize', () => {
	// C E G E | F A C A | G B D B | C: the arpeggios name the chords.
	const arpeggios = quarters([60, 64, 67, 64, 65, 69, 72, 69, 67, 71, 74, 71, 72, 72, 72, 72]);

	it('gives I–IV–V–I to a C-major melody outlining C, F, G, C one bar each', () => {
		for (const style of ['pop-ballad', 'upbeat-pop', 'childrens-song'] as StyleName[]) {
			const chords = harmonize(arpeggios, C_MAJOR, FOUR_FOUR, style);
			expect(chords.map((c) => c.numeral), style).toEqual(['I', 'IV', 'V', 'I']);
			expect(chords.map((c) => c.rootPitchClass)).toEqual([0, 5, 7, 0]);
			expect(chords.map((c) => c.startTicks)).toEqual([0, 1, 2, 3].map((b) => b * BAR_TICKS_44));
		}
	});

	it('keeps the roots for lo-fi, which colours them with sevenths', () => {
		const chords = harmonize(arpeggios, C_MAJOR, FOUR_FOUR, 'lo-fi');
		expect(chords.map((c) => c.rootPitchClass)).toEqual([0, 5, 7, 0]);
		expect(chords.filter((c) => /7/.test(c.numeral)).length).toBeGreaterThanOrEqual(3);
	});

	it('gives minor-key chords (i–iv–V–i) to an A-minor melody outlining Am, Dm, E, Am', () => {
		const melody = quarters([69, 72, 76, 72, 74, 77, 81, 77, 76, 80, 83, 80, 81, 81, 81, 81]);
		for (const style of ['pop-ballad', 'upbeat-pop', 'childrens-song', 'cantopop-ballad'] as StyleName[]) {
			const chords = harmonize(melody, A_MINOR, FOUR_FOUR, style, { chordsPerBar: 1 });
			expect(chords.map((c) => c.numeral), style).toEqual(['i', 'iv', 'V', 'i']);
			expect(chords.map((c) => c.quality)).toEqual(['minor', 'minor', 'major', 'minor']);
			expect(chords.map((c) => c.rootPitchClass)).toEqual([9, 2, 4, 9]);
		}
	});

	it('starts on the tonic and ends with a dominant then the tonic, in every style, mode and key', () => {
		for (const style of STYLE_NAMES) {
			for (let seed = 0; seed < 6; seed++) {
				const { key, melody } = generatedMelody(seed, 8, seed % 2 === 0 ? 'major' : 'minor');
				const chords = harmonize(melody, key, FOUR_FOUR, style);
				const last = chords.at(-1)!;
				const penultimate = chords.at(-2)!;
				expect(chords[0].rootPitchClass).toBe(key.tonicPitchClass);
				expect(last.rootPitchClass).toBe(key.tonicPitchClass);
				expect(last.numeral).toMatch(key.mode === 'major' ? /^I(maj7)?$/ : /^i7?$/);
				expect(last.startTicks).toBe(7 * BAR_TICKS_44);
				expect(penultimate.rootPitchClass).toBe(mod12(key.tonicPitchClass + 7));
				expect(penultimate.numeral).toMatch(/^V7?$/);
			}
		}
	});

	it('covers every bar without gaps, each bar starting with a chord, numerals matching roots and qualities', () => {
		for (const style of STYLE_NAMES) {
			const { key, melody } = generatedMelody(11, 8);
			const chords = harmonize(melody, key, FOUR_FOUR, style, { bars: 10 });
			expect(chords[0].startTicks).toBe(0);
			chords.slice(1).forEach((c, i) => expect(c.startTicks).toBe(chords[i].startTicks + chords[i].durationTicks));
			expect(chords.at(-1)!.startTicks + chords.at(-1)!.durationTicks).toBe(10 * BAR_TICKS_44);
			for (let bar = 0; bar < 10; bar++) expect(chords.some((c) => c.startTicks === bar * BAR_TICKS_44)).toBe(true);
			for (const c of chords) {
				const read = numeralToChord(key, c.numeral);
				expect([read.rootPitchClass, read.quality]).toEqual([c.rootPitchClass, c.quality]);
			}
		}
	});

	it('puts chord tones under ≥ 80 % of strong-beat notes of melodies written over known progressions', () => {
		const figures: string[] = [];
		for (const style of STYLE_NAMES) {
			let fraction = 0;
			let agreement = 0;
			const runs = 24;
			for (let seed = 0; seed < runs; seed++) {
				const { key, progression, melody } = generatedMelody(100 + seed, 8, seed % 3 === 2 ? 'minor' : 'major');
				const chords = harmonize(melody, key, FOUR_FOUR, style);
				fraction += strongBeatChordToneFraction(melody, chords) / runs;
				agreement += progression.filter((p, bar) => chordAt(chords, bar * BAR_TICKS_44).rootPitchClass === p.rootPitchClass).length / progression.length / runs;
			}
			figures.push(`harmony.strongBeatChordTones.${style} ${(100 * fraction).toFixed(1)} % (roots as written ${(100 * agreement).toFixed(1)} %)`);
			expect(fraction, style).toBeGreaterThanOrEqual(0.8);
		}
		console.log(figures.join('\n'));
	});

	it('changes the progression statistics with the style', () => {
		const stats = (style: StyleName) => {
			let chordsPerBar = 0;
			let primary = 0;
			let sevenths = 0;
			let total = 0;
			const runs = 16;
			for (let seed = 0; seed < runs; seed++) {
				// Sparse melodies (half notes) leave the style room to speak.
				const { key, melody } = generatedMelody(300 + seed, 8);
				const sparse = melody.filter((n) => n.startTicks % (2 * PPQ) === 0).map((n) => ({ ...n, durationTicks: 2 * PPQ }));
				const chords = harmonize(sparse, key, FOUR_FOUR, style);
				chordsPerBar += chords.length / 8 / runs;
				primary += chords.filter((c) => ['I', 'IV', 'V', 'V7'].includes(c.numeral)).length;
				sevenths += chords.filter((c) => /7/.test(c.numeral)).length;
				total += chords.length;
			}
			return { chordsPerBar, primary: primary / total, sevenths: sevenths / total };
		};
		const pop = stats('upbeat-pop');
		const children = stats('childrens-song');
		const lofi = stats('lo-fi');
		const cantopop = stats('cantopop-ballad');
		console.log(
			[pop, children, lofi, cantopop]
				.map((s, i) => `harmony.style.${['upbeat-pop', 'childrens-song', 'lo-fi', 'cantopop-ballad'][i]} chordsPerBar ${s.chordsPerBar.toFixed(2)} I/IV/V ${(100 * s.primary).toFixed(0)} % sevenths ${(100 * s.sevenths).toFixed(0)} %`)
				.join('\n')
		);
		expect(children.primary).toBeGreaterThan(pop.primary + 0.1);
		expect(children.primary).toBeGreaterThan(0.8);
		expect(lofi.sevenths).toBeGreaterThan(0.6);
		expect(pop.sevenths).toBeLessThan(0.3);
		expect(cantopop.chordsPerBar).toBeGreaterThan(pop.chordsPerBar + 0.2);
	});

	it('harmonises two chords a bar when asked, and a 3/4 melody bar by bar', () => {
		const two = harmonize(arpeggios, C_MAJOR, FOUR_FOUR, 'pop-ballad', { chordsPerBar: 2 });
		expect(two.every((c) => c.durationTicks === BAR_TICKS_44 || c.durationTicks === BAR_TICKS_44 / 2)).toBe(true);
		expect(chordAt(two, BAR_TICKS_44).rootPitchClass).toBe(5);

		const waltz = quarters([60, 64, 67, 65, 69, 72, 67, 71, 74, 72, 67, 64]);
		const chords = harmonize(waltz, C_MAJOR, { beatsPerBar: 3, beatUnit: 4 }, 'childrens-song');
		expect(chords.map((c) => c.startTicks)).toEqual([0, 1, 2, 3].map((b) => b * 3 * PPQ));
		expect(chords.map((c) => c.rootPitchClass)).toEqual([0, 5, 7, 0]);
	});

	it('gives a silent stretch the style\'s defaults and still covers it', () => {
		const chords = harmonize([], C_MAJOR, FOUR_FOUR, 'upbeat-pop', { bars: 4 });
		expect(chords.at(-1)!.numeral).toBe('I');
		expect(chords.at(-2)!.numeral).toMatch(/^V7?$/);
		expect(chords[0].numeral).toBe('I');
	});

	it('rejects options and keys out of range with RangeError', () => {
		expect(() => harmonize(arpeggios, C_MAJOR, FOUR_FOUR, 'lo-fi', { chordsPerBar: 3 as 1 })).toThrow(RangeError);
		expect(() => harmonize(arpeggios, C_MAJOR, FOUR_FOUR, 'lo-fi', { bars: 0 })).toThrow(/bars 0/);
		expect(() => harmonize(arpeggios, { tonicPitchClass: 12, mode: 'major' }, FOUR_FOUR, 'lo-fi')).toThrow(/tonicPitchClass 12/);
		expect(() => harmonize(arpeggios, C_MAJOR, { beatsPerBar: 4, beatUnit: 3 }, 'lo-fi')).toThrow(RangeError);
		expect(() => harmonize(arpeggios, C_MAJOR, FOUR_FOUR, 'polka' as StyleName)).toThrow(/polka/);
	});
});

describe('numeralToChord', () => {
	it('reads numerals relative to the key\'s own scale', () => {
		const d = { tonicPitchClass: 2, mode: 'major' } as const;
		expect(numeralToChord(d, 'IV')).toMatchObject({ rootPitchClass: 7, quality: 'major', functionKey: 'IV' });
		expect(numeralToChord(d, 'vi7')).toMatchObject({ rootPitchClass: 11, quality: 'minor7', functionKey: 'vi' });
		expect(numeralToChord(d, 'V7').pitchClasses).toEqual([9, 1, 4, 7]);
		expect(numeralToChord(d, '♭VII')).toMatchObject({ rootPitchClass: 0, quality: 'major' });
		expect(numeralToChord(d, 'vii°')).toMatchObject({ rootPitchClass: 1, quality: 'diminished' });
		expect(numeralToChord(A_MINOR, 'VI')).toMatchObject({ rootPitchClass: 5, quality: 'major' });
		expect(numeralToChord(A_MINOR, 'V')).toMatchObject({ rootPitchClass: 4, quality: 'major' });
		expect(numeralToChord(A_MINOR, 'ii°').pitchClasses).toEqual([11, 2, 5]);
		expect(() => numeralToChord(C_MAJOR, 'IIX')).toThrow(/IIX/);
		expect(() => numeralToChord(C_MAJOR, 'v°7')).toThrow(RangeError);
	});
});
