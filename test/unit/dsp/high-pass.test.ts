/**
 * The linear-phase high-pass (high-pass.ts): stops what lies below the band edge, passes what lies
 * above it unchanged and in time (no delay), filters a span as it filters the whole signal, and
 * refuses a cutoff or length it cannot use.
 */
import { describe, expect, it } from 'vitest';
import { highPass } from '../../../src/lib/dsp/high-pass';

const RATE = 44100;
const sine = (hz: number, length = RATE / 2) => Float32Array.from({ length }, (_, i) => Math.sin((2 * Math.PI * hz * i) / RATE));
const rms = (x: ArrayLike<number>, from: number, to: number) => {
	let s = 0;
	for (let i = from; i < to; i++) s += x[i] ** 2;
	return Math.sqrt(s / (to - from));
};

describe('highPass', () => {
	it('stops 500 Hz by 60 dB or more and passes 5 kHz within 0.05 dB, sample for sample in time', () => {
		const low = highPass(sine(500), RATE, 2000);
		expect(20 * Math.log10(rms(low, 2000, 20000) / rms(sine(500), 2000, 20000))).toBeLessThan(-60);
		const x = sine(5000);
		const high = highPass(x, RATE, 2000);
		expect(Math.abs(20 * Math.log10(rms(high, 2000, 20000) / rms(x, 2000, 20000)))).toBeLessThan(0.05);
		// No delay: the output is the input, not a shifted copy of it.
		let worst = 0;
		for (let i = 2000; i < 20000; i++) worst = Math.max(worst, Math.abs(high[i] - x[i]));
		expect(worst).toBeLessThan(0.01);
	});

	it('filters a span as it filters the whole signal, reading the samples either side', () => {
		const x = Float32Array.from({ length: 8000 }, (_, i) => Math.sin(i * 0.37) + 0.5 * Math.sin(i * 0.05));
		const whole = highPass(x, RATE, 2000);
		const span = highPass(x, RATE, 2000, 3000, 3500);
		expect(span.length).toBe(500);
		for (let i = 0; i < 500; i++) expect(span[i]).toBeCloseTo(whole[3000 + i], 6);
	});

	it('refuses a cutoff outside (0, fs/2) and an even number of taps', () => {
		expect(() => highPass(sine(500), RATE, 0)).toThrow(/cutoff/);
		expect(() => highPass(sine(500), RATE, 30000)).toThrow(/cutoff/);
		expect(() => highPass(sine(500), RATE, 2000, 0, 100, 128)).toThrow(/odd/);
	});
});
