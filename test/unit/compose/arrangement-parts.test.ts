import { describe, expect, it } from 'vitest';
import { planForm } from '../../../src/lib/compose/arrangement-form';
import { seededRandom } from '../../../src/lib/compose/arrangement-random';
import { chordPitchClasses, mod12, numeralToChord } from '../../../src/lib/compose/chords';
import { closeVoicings, voiceChord, voiceLeadingDistance, voiceProgression } from '../../../src/lib/compose/chord-voicing';
import { fitPattern, parsePattern, swungStep } from '../../../src/lib/compose/groove';
import { styleTempoBpm, ARRANGEMENT_STYLES } from '../../../src/lib/compose/styles';
import { STYLE_NAMES, type SongChord } from '../../../src/lib/song/types';

describe('groove patterns', () => {
	it('reads onsets, holds and rests of a one-bar line', () => {
		expect(parsePattern('R-----R-5-.-..A-')).toEqual([
			{ step: 0, lengthSteps: 6, token: 'R' },
			{ step: 6, lengthSteps: 2, token: 'R' },
			{ step: 8, lengthSteps: 2, token: '5' },
			{ step: 14, lengthSteps: 2, token: 'A' }
		]);
		expect(() => parsePattern('-x')).toThrow(RangeError);
		expect(fitPattern('x-..', 6)).toBe('x-..x-');
		expect(fitPattern('x-------o-------', 12)).toBe('x-------o---');
	});

	it('delays the off-beat of each swung pair to the swing ratio', () => {
		expect(swungStep(0, { ratio: 0.58, unitSteps: 1 })).toBe(0);
		expect(swungStep(1, { ratio: 0.58, unitSteps: 1 })).toBeCloseTo(1.16, 12);
		expect(swungStep(3, { ratio: 0.58, unitSteps: 1 })).toBeCloseTo(3.16, 12);
		expect(swungStep(2, { ratio: 2 / 3, unitSteps: 2 })).toBeCloseTo(8 / 3, 12);
		expect(swungStep(4, { ratio: 2 / 3, unitSteps: 2 })).toBe(4);
		expect(swungStep(5, { ratio: 0.5, unitSteps: 1 })).toBe(5);
	});

	it('writes every style\'s 4/4 lines one bar long', () => {
		for (const style of STYLE_NAMES) {
			const s = ARRANGEMENT_STYLES[style];
			for (const bar of [s.drums.light, s.drums.full, s.drums.variation, s.drums.fill]) for (const line of Object.values(bar)) expect(line, style).toHaveLength(16);
			for (const line of [s.bass.light, s.bass.full, s.chords.light, s.chords.full]) expect(line, style).toHaveLength(16);
		}
	});
});

describe('chord voicing', () => {
	it('lists close voicings of every inversion inside the range', () => {
		const voicings = closeVoicings([0, 4, 7], 52, 74);
		expect(voicings).toContainEqual([60, 64, 67]);
		expect(voicings).toContainEqual([52, 55, 60]);
		expect(voicings).toContainEqual([55, 60, 64]);
		for (const v of voicings) {
			expect(v[0]).toBeGreaterThanOrEqual(52);
			expect(v.at(-1)!).toBeLessThanOrEqual(74);
			expect(v.at(-1)! - v[0]).toBeLessThan(12);
		}
	});

	it('moves G–B–D to C in second inversion (G–C–E): the common tone kept, the others a step', () => {
		expect(voiceChord(0, 'major', [55, 59, 62])).toEqual([55, 60, 64]);
		expect(voiceLeadingDistance([55, 59, 62], [55, 60, 64])).toBe(3);
	});

	it('leads a long progression by ≤ 3 semitones per voice on average, around C4, every chord complete', () => {
		const key = { tonicPitchClass: 0, mode: 'major' } as const;
		const numerals = ['I', 'vi', 'IV', 'V', 'I', 'iii', 'vi', 'ii7', 'V7', 'Imaj7', 'IVmaj7', 'iii7', 'vi7', 'ii', 'Vsus4', 'V', 'I'];
		const chords = numerals.map((n) => numeralToChord(key, n));
		const voicings = voiceProgression(chords);
		let motion = 0;
		let voices = 0;
		voicings.forEach((v, i) => {
			expect(new Set(v.map(mod12))).toEqual(new Set(chordPitchClasses(chords[i].rootPitchClass, chords[i].quality)));
			for (const p of v) {
				expect(p).toBeGreaterThanOrEqual(52);
				expect(p).toBeLessThanOrEqual(74);
			}
			if (i === 0) return;
			for (const p of v) motion += Math.min(...voicings[i - 1].map((q) => Math.abs(p - q)));
			voices += v.length;
		});
		const mean = voicings.flat().reduce((a, b) => a + b, 0) / voicings.flat().length;
		console.log(`voicing.meanMotion ${(motion / voices).toFixed(2)} semitones/voice, mean pitch ${mean.toFixed(1)} MIDI`);
		expect(motion / voices).toBeLessThanOrEqual(3);
		expect(Math.abs(mean - 62)).toBeLessThan(4);
	});

	it('rejects a range narrower than an octave', () => {
		expect(() => voiceChord(0, 'major', null, { lowMidi: 60, highMidi: 66, centreMidi: 62 })).toThrow(RangeError);
	});
});

describe('song form', () => {
	const chords: SongChord[] = Array.from({ length: 12 }, (_, bar) => ({ startTicks: bar * 1920, durationTicks: 1920, rootPitchClass: 0, quality: 'major', numeral: 'I' }));

	it('marks crashes on section starts (not the intro), fills before new sections and before the final chord', () => {
		const form = planForm(chords, [
			{ kind: 'intro', label: 'Intro', startBar: 0, bars: 2 },
			{ kind: 'verse', label: 'Verse', startBar: 2, bars: 4 },
			{ kind: 'chorus', label: 'Chorus', startBar: 6, bars: 6 }
		], { beatsPerBar: 4, beatUnit: 4 });
		expect(form.stepsPerBar).toBe(16);
		expect(form.endTicks).toBe(12 * 1920);
		expect(form.finalChordStartTicks).toBe(11 * 1920);
		expect(form.bars.filter((b) => b.crash).map((b) => b.bar)).toEqual([2, 6]);
		expect(form.bars.filter((b) => b.fill).map((b) => b.bar)).toEqual([1, 5, 10]);
		expect(form.bars[7]).toMatchObject({ section: 'chorus', barInSection: 1, sectionBars: 6, energy: 'full' });
	});

	it('plays bars no section covers as the section before them (a verse before any)', () => {
		const form = planForm(chords, [{ kind: 'chorus', label: 'Chorus', startBar: 4, bars: 2 }], { beatsPerBar: 4, beatUnit: 4 });
		expect(form.bars.map((b) => b.section)).toEqual(['verse', 'verse', 'verse', 'verse', ...new Array(8).fill('chorus')]);
		expect(form.bars.filter((b) => b.crash).map((b) => b.bar)).toEqual([0, 4]);
	});
});

describe('seeded random and style tempo', () => {
	it('repeats for a seed and spreads evenly over [0, 1)', () => {
		const a = seededRandom(12);
		const b = seededRandom(12);
		const xs = Array.from({ length: 4000 }, () => a());
		expect(Array.from({ length: 4000 }, () => b())).toEqual(xs);
		const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
		expect(mean).toBeGreaterThan(0.47);
		expect(mean).toBeLessThan(0.53);
		expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
		expect(Math.max(...xs)).toBeLessThan(1);
	});

	it('halves or doubles a hummed tempo into the style\'s range', () => {
		expect(styleTempoBpm(150, 'pop-ballad')).toBe(75);
		expect(styleTempoBpm(60, 'upbeat-pop')).toBe(120);
		expect(styleTempoBpm(80, 'lo-fi')).toBe(80);
		expect(styleTempoBpm(200, 'childrens-song')).toBe(100);
		expect(() => styleTempoBpm(0, 'lo-fi')).toThrow(/hummedBpm 0/);
	});
});
