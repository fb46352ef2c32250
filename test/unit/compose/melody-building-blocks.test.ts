import { describe, expect, it } from 'vitest';
import { findRuleViolations, isAugmentedOrDiminished, violationAt } from '../../../src/lib/compose/melody-rules';
import { augmentCell, fragmentCell, invertCell, transposeCell, varyRhythm, type MotifCell } from '../../../src/lib/compose/motif-transform';
import { planMelody } from '../../../src/lib/compose/phrase-plan';
import { createRng, mixSeed } from '../../../src/lib/compose/random';
import { degreeToMidi, isInKey, midiToStep, nearestInKeyMidi, scaleDegreeOf, stepToMidi } from '../../../src/lib/compose/scale';
import type { SongKey } from '../../../src/lib/song/types';

const C_MAJOR: SongKey = { tonicPitchClass: 0, mode: 'major' };
const A_MINOR: SongKey = { tonicPitchClass: 9, mode: 'minor' };

describe('seeded random numbers', () => {
	it('repeats exactly for a seed and differs between seeds', () => {
		const a = createRng(42);
		const b = createRng(42);
		const first = Array.from({ length: 20 }, () => a.next());
		expect(Array.from({ length: 20 }, () => b.next())).toEqual(first);
		const c = createRng(43);
		expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(first);
		// Seeds that differ only above 2^32 still differ (Date.now()-style seeds).
		expect(createRng(2 ** 40).next()).not.toBe(createRng(2 ** 40 + 2 ** 32).next());
		expect(mixSeed(1, 2)).not.toBe(mixSeed(2, 1));
	});

	it('is uniform within 1 % over 100 000 draws (mean, die faces, weights)', () => {
		const rng = createRng(7);
		const n = 100_000;
		let sum = 0;
		const faces = new Array(6).fill(0);
		const weighted = [0, 0, 0];
		let low = 1;
		let high = 0;
		for (let i = 0; i < n; i++) {
			const x = rng.next();
			low = Math.min(low, x);
			high = Math.max(high, x);
			sum += x;
			faces[rng.int(1, 6) - 1]++;
			weighted[rng.weightedIndex([1, 2, 7])]++;
		}
		expect(low).toBeGreaterThanOrEqual(0);
		expect(high).toBeLessThan(1);
		expect(Math.abs(sum / n - 0.5)).toBeLessThan(0.01);
		for (const f of faces) expect(Math.abs(f / n - 1 / 6)).toBeLessThan(0.01);
		expect(Math.abs(weighted[0] / n - 0.1)).toBeLessThan(0.01);
		expect(Math.abs(weighted[2] / n - 0.7)).toBeLessThan(0.01);
	});

	it('rejects bad arguments with RangeErrors', () => {
		expect(() => createRng(Number.NaN)).toThrow(RangeError);
		expect(() => createRng(1).int(3, 2)).toThrow(/min <= max/);
		expect(() => createRng(1).pick([])).toThrow(RangeError);
		expect(() => createRng(1).weightedIndex([0, 0])).toThrow(RangeError);
	});
});

describe('scales and steps', () => {
	it('maps steps to MIDI and back in every key and mode', () => {
		for (let tonicPitchClass = 0; tonicPitchClass < 12; tonicPitchClass++) {
			for (const mode of ['major', 'minor'] as const) {
				const key = { tonicPitchClass, mode };
				let inKey = 0;
				for (let midi = 0; midi < 128; midi++) {
					const step = midiToStep(midi, key);
					if (step === null) continue;
					inKey++;
					expect(stepToMidi(step, key)).toBe(midi);
					expect(stepToMidi(step + 1, key)).toBeGreaterThan(midi);
				}
				// Seven of every twelve semitones.
				expect(Math.abs(inKey - (128 * 7) / 12)).toBeLessThanOrEqual(2);
			}
		}
		expect(stepToMidi(35, C_MAJOR)).toBe(60);
		expect(degreeToMidi(1, 4, C_MAJOR)).toBe(60);
		expect(degreeToMidi(5, 3, A_MINOR)).toBe(64);
		expect(scaleDegreeOf(67, C_MAJOR)).toBe(5);
		expect(scaleDegreeOf(72, A_MINOR)).toBe(3);
		expect(scaleDegreeOf(61, C_MAJOR)).toBeNull();
	});

	it('finds the nearest scale note and counts the raised 7th of minor as in key', () => {
		expect(nearestInKeyMidi(61.4, C_MAJOR)).toBe(62);
		expect(nearestInKeyMidi(60.6, C_MAJOR)).toBe(60);
		expect(nearestInKeyMidi(61, C_MAJOR)).toBe(60); // a tie goes down
		expect(nearestInKeyMidi(66.2, A_MINOR)).toBe(67); // F# is off A minor: G is nearer 66.2
		expect(nearestInKeyMidi(65.8, A_MINOR)).toBe(65); // … and F nearer 65.8
		expect(isInKey(68, A_MINOR)).toBe(true); // G#
		expect(isInKey(66, A_MINOR)).toBe(false); // F#
		expect(isInKey(66, C_MAJOR)).toBe(false);
	});
});

describe('singability rules', () => {
	it('flags augmented and diminished intervals by spelling', () => {
		expect(isAugmentedOrDiminished(65, 71, C_MAJOR)).toBe(true); // F–B, augmented fourth
		expect(isAugmentedOrDiminished(71, 77, C_MAJOR)).toBe(true); // B–F, diminished fifth
		expect(isAugmentedOrDiminished(65, 68, A_MINOR)).toBe(true); // F–G#, augmented second
		expect(isAugmentedOrDiminished(60, 68, A_MINOR)).toBe(true); // C–G#, augmented fifth
		expect(isAugmentedOrDiminished(64, 68, A_MINOR)).toBe(false); // E–G#, major third
		expect(isAugmentedOrDiminished(60, 65, A_MINOR)).toBe(false); // C–F, perfect fourth
		expect(isAugmentedOrDiminished(60, 61, C_MAJOR)).toBe(false); // chromatic passing tone
	});

	it('checks leap size, sevenths and leap recovery', () => {
		expect(findRuleViolations([60, 69, 67], C_MAJOR)).toEqual([]);
		expect(violationAt([60, 69, 71], 2, C_MAJOR)).toBe('unrecovered-leap');
		expect(violationAt([60, 69, 69], 2, C_MAJOR)).toBe('unrecovered-leap');
		expect(violationAt([60, 69, 64], 2, C_MAJOR)).toBe('unrecovered-leap'); // back, but by a leap
		expect(violationAt([60, 74], 1, C_MAJOR)).toBe('leap-too-large');
		expect(violationAt([60, 71], 1, C_MAJOR)).toBe('seventh-leap');
		expect(violationAt([60, 71], 1, C_MAJOR, { allowSevenths: true })).toBeNull();
		expect(violationAt([60, 72, 71], 2, C_MAJOR)).toBeNull();
		// A line may not end on a leap larger than a fifth.
		expect(findRuleViolations([64, 60, 69], C_MAJOR)).toEqual([{ index: 2, rule: 'unrecovered-leap' }]);
		expect(findRuleViolations([60, 61, 62, 64], C_MAJOR)).toEqual([]);
	});
});

describe('motif transformations', () => {
	// C D E G | E (q, e, e, q, q) as steps in C major from C4 (step 35).
	const cell: MotifCell = {
		lengthTicks: 1920,
		notes: [
			{ offsetTicks: 0, durationTicks: 480, step: 35 },
			{ offsetTicks: 480, durationTicks: 240, step: 36 },
			{ offsetTicks: 720, durationTicks: 240, step: 37 },
			{ offsetTicks: 960, durationTicks: 480, step: 39 },
			{ offsetTicks: 1440, durationTicks: 480, step: 37 }
		]
	};
	const pitches = (c: MotifCell) => c.notes.map((n) => stepToMidi(n.step, C_MAJOR));

	it('transposes diatonically, inverts about the first note and augments', () => {
		expect(pitches(transposeCell(cell, 1))).toEqual([62, 64, 65, 69, 65]); // D E F A F: a sequence, in key
		expect(pitches(invertCell(cell))).toEqual([60, 59, 57, 53, 57]); // C B A F A
		const long = augmentCell(cell);
		expect(long.lengthTicks).toBe(3840);
		expect(long.notes.map((n) => [n.offsetTicks, n.durationTicks])).toEqual([[0, 960], [960, 480], [1440, 480], [1920, 960], [2880, 960]]);
		const head = fragmentCell(cell, 960)!;
		expect(pitches(head)).toEqual([60, 62, 64]);
		expect(head.notes[2].offsetTicks + head.notes[2].durationTicks).toBe(960);
	});

	it('varies the rhythm but keeps the pitch sequence (repeats aside), the slot and the grid', () => {
		for (let seed = 0; seed < 20; seed++) {
			const varied = varyRhythm(cell, createRng(seed), { minNoteTicks: 120 })!;
			expect(varied.lengthTicks).toBe(1920);
			const distinct = pitches(varied).filter((p, i, all) => i === 0 || p !== all[i - 1]);
			expect(distinct).toEqual([60, 62, 64, 67, 64]);
			expect(varied.notes.map((n) => [n.offsetTicks, n.durationTicks])).not.toEqual(cell.notes.map((n) => [n.offsetTicks, n.durationTicks]));
			let end = 0;
			for (const n of varied.notes) {
				expect(n.offsetTicks).toBeGreaterThanOrEqual(end);
				expect(n.durationTicks).toBeGreaterThanOrEqual(120);
				expect(n.offsetTicks % 120).toBe(0);
				end = n.offsetTicks + n.durationTicks;
			}
		}
	});
});

describe('phrase plan', () => {
	it('splits 8–16 bars into verse + chorus of 2- and 4-bar phrases ending in a final cadence', () => {
		for (const bars of [8, 10, 12, 14, 16]) {
			for (let seed = 0; seed < 30; seed++) {
				const plan = planMelody(bars, createRng(seed));
				const [verse, chorus] = plan.sections;
				expect(verse.bars + chorus.bars).toBe(bars);
				expect(verse.bars).toBe(bars === 16 ? 8 : bars === 8 ? 4 : verse.bars);
				let bar = 0;
				for (const p of plan.phrases) {
					expect(p.startBar).toBe(bar);
					expect([2, 4]).toContain(p.bars);
					bar += p.bars;
				}
				expect(bar).toBe(bars);
				expect(plan.phrases.filter((p) => p.cadence === 'final')).toEqual([plan.phrases[plan.phrases.length - 1]]);
				// Every section ends closed; half cadences only inside a section.
				for (const s of plan.sections) {
					const last = plan.phrases.filter((p) => p.startBar < s.startBar + s.bars && p.startBar >= s.startBar).pop()!;
					expect(last.cadence).not.toBe('half');
				}
				// The chorus's first phrase is its climax and sits higher than the verse's first.
				const climax = plan.phrases.find((p) => p.climax)!;
				expect(climax.startBar).toBe(chorus.startBar);
				expect(climax.registerTarget).toBeGreaterThan(plan.phrases[0].registerTarget);
			}
		}
		expect(() => planMelody(9, createRng(1))).toThrow(/even integer in \[8, 16\], got 9/);
	});
});
