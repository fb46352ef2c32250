/** The vibrato habit measured from hummed notes' pitch-bend curves, and vowel formants: the profile's statistics. */
import { describe, expect, it } from 'vitest';
import { formantsOf } from '../../../src/lib/voice/formants';
import { vibratoHabit, vibratoOf } from '../../../src/lib/voice/vibrato-habit';

const STEP = 0.02;
const curve = (seconds: number, f: (t: number) => number) => Array.from({ length: Math.round(seconds / STEP) }, (_, i) => f(i * STEP));

describe('vibratoOf / vibratoHabit', () => {
	it('measures rate and depth of a sung vibrato, ignoring a slow glide under it', () => {
		for (const [rate, depth] of [
			[5.5, 40],
			[4.2, 25],
			[7, 60]
		]) {
			const v = vibratoOf(curve(1.2, (t) => depth * Math.sin(2 * Math.PI * rate * t + 0.3) + 30 * t));
			expect(v).not.toBeNull();
			expect(v!.rateHz).toBeCloseTo(rate, 0);
			expect(Math.abs(v!.depthCents - depth)).toBeLessThan(0.12 * depth);
		}
	});

	it('finds none in a straight or a gliding note, or in noise-like wobble', () => {
		expect(vibratoOf(curve(1, () => 3))).toBeNull();
		expect(vibratoOf(curve(1, (t) => 100 * t))).toBeNull();
		let seed = 7;
		const noise = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 20;
		expect(vibratoOf(curve(1, noise))).toBeNull();
	});

	it('takes the median over the long notes, and depth 0 for a singer who mostly hums straight', () => {
		const note = (rate: number, depth: number) => ({ onsetSeconds: 0, offsetSeconds: 1, bendCents: curve(1, (t) => depth * Math.sin(2 * Math.PI * rate * t)) });
		const habit = vibratoHabit([note(5, 30), note(6, 40), note(5.5, 35), { onsetSeconds: 0, offsetSeconds: 0.3, bendCents: curve(0.3, () => 0) }]);
		expect(habit.notesMeasured).toBe(3);
		expect(habit.notesWithVibrato).toBe(3);
		expect(habit.rateHz).toBeCloseTo(5.5, 0);
		expect(habit.depthCents).toBeGreaterThan(30);
		const straight = vibratoHabit([note(5, 0), note(5, 0), note(5, 0), note(5.5, 35)]);
		expect(straight.depthCents).toBe(0);
	});
});

describe('formantsOf', () => {
	it('finds the first two resonances of an envelope within 2 %', () => {
		const fs = 44100;
		const bins = 1025;
		for (const [f1, f2] of [
			[700, 1200],
			[300, 2300],
			[500, 900]
		]) {
			const power = Float64Array.from({ length: bins }, (_, k) => {
				const hz = (k * fs) / 2 / (bins - 1);
				const res = (fc: number, bw: number) => 1 / (1 + ((hz - fc) / bw) ** 2);
				return res(f1, 80) + 0.5 * res(f2, 100) + 0.2 * res(2900, 150) + 0.001;
			});
			const [a, b] = formantsOf(power, fs);
			expect(Math.abs(a / f1 - 1)).toBeLessThan(0.02);
			expect(Math.abs(b / f2 - 1)).toBeLessThan(0.02);
		}
	});
});
