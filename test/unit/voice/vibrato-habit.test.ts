/** The vibrato habit measured from hummed notes' pitch-bend curves. */
import { describe, expect, it } from 'vitest';
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
