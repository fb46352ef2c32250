import { describe, expect, it } from 'vitest';
import { biquadsMagnitudeDb } from '../../../src/lib/audio/biquad';
import { kWeightingSections } from '../../../src/lib/audio/k-weighting';
import { measureLoudness } from '../../../src/lib/audio/loudness';
import { concat, fromDb, tone } from './mastering-signals';

/** ITU-R BS.1770-4 Annex 1, Tables 1 and 2: the K-weighting sections at 48 kHz. */
const PUBLISHED_48K = [
	{ b0: 1.53512485958697, b1: -2.69169618940638, b2: 1.19839281085285, a1: -1.69065929318241, a2: 0.73248077421585 },
	{ b0: 1.0, b1: -2.0, b2: 1.0, a1: -1.99004745483398, a2: 0.99007225036621 }
];

/** Stereo: the same tone on both channels, as in EBU Tech 3341's stereo test signals. */
const stereo = (x: Float32Array) => [x, x];

/** A sequence of 1 kHz sine segments [level dBFS, seconds] at `fs`. */
function sequence(fs: number, segments: [dbfs: number, seconds: number][]): Float32Array {
	return concat(...segments.map(([db, s]) => tone(1000, fromDb(db), fs, s)));
}

describe('K-weighting (BS.1770-4 Annex 1 §2.1)', () => {
	it('designed at 48 kHz from the analog prototypes, matches the published coefficients within 1e-4', () => {
		const sections = kWeightingSections(48000);
		for (let s = 0; s < 2; s++) {
			for (const key of ['b0', 'b1', 'b2', 'a1', 'a2'] as const) {
				expect(Math.abs(sections[s][key] - PUBLISHED_48K[s][key]), `section ${s + 1} ${key}`).toBeLessThan(1e-4);
			}
		}
	});

	it('at 44.1 and 96 kHz has the 48 kHz response within 0.02 dB from 20 Hz to 16 kHz', () => {
		for (const fs of [44100, 96000]) {
			const sections = kWeightingSections(fs);
			for (const f of [20, 50, 100, 500, 1000, 1500, 2000, 4000, 8000, 12000, 16000]) {
				const reference = biquadsMagnitudeDb(PUBLISHED_48K, f, 48000);
				expect(Math.abs(biquadsMagnitudeDb(sections, f, fs) - reference), `${fs} Hz at ${f} Hz`).toBeLessThan(0.02);
			}
		}
	});

	it('gains +0.69 dB at 1 kHz (±0.01), which the −0.691 offset cancels (BS.1770-4 eq. 2), and ≈ +4 dB at 10 kHz', () => {
		const sections = kWeightingSections(48000);
		// The published filter itself gives 0.698 dB; the Recommendation rounds the offset to 0.691.
		expect(Math.abs(biquadsMagnitudeDb(sections, 1000, 48000) - 0.691)).toBeLessThan(0.01);
		expect(Math.abs(biquadsMagnitudeDb(sections, 10000, 48000) - 4)).toBeLessThan(0.1);
	});
});

describe('EBU Tech 3341 "EBU Mode" loudness cases (signals generated here, 48 kHz stereo, tolerance ±0.1 LU)', () => {
	const fs = 48000;

	it('test 1: 1 kHz sine at −23 dBFS for 20 s reads −23.0 integrated, momentary and short-term', () => {
		const report = measureLoudness(stereo(tone(1000, fromDb(-23), fs, 20)), fs);
		expect(Math.abs(report.integratedLufs + 23)).toBeLessThanOrEqual(0.1);
		expect(Math.abs(report.momentaryMaxLufs + 23)).toBeLessThanOrEqual(0.1);
		expect(Math.abs(report.shortTermMaxLufs + 23)).toBeLessThanOrEqual(0.1);
	});

	it('test 2: 1 kHz sine at −33 dBFS for 20 s reads −33.0', () => {
		expect(Math.abs(measureLoudness(stereo(tone(1000, fromDb(-33), fs, 20)), fs).integratedLufs + 33)).toBeLessThanOrEqual(0.1);
	});

	it('test 3: −36 / −23 / −36 dBFS for 10 / 60 / 10 s reads −23.0 (the relative gate drops the −36 parts)', () => {
		const x = sequence(fs, [
			[-36, 10],
			[-23, 60],
			[-36, 10]
		]);
		expect(Math.abs(measureLoudness(stereo(x), fs).integratedLufs + 23)).toBeLessThanOrEqual(0.1);
	});

	it('test 4: −72 / −36 / −23 / −36 / −72 dBFS for 10 / 10 / 60 / 10 / 10 s reads −23.0 (absolute and relative gates)', () => {
		const x = sequence(fs, [
			[-72, 10],
			[-36, 10],
			[-23, 60],
			[-36, 10],
			[-72, 10]
		]);
		expect(Math.abs(measureLoudness(stereo(x), fs).integratedLufs + 23)).toBeLessThanOrEqual(0.1);
	});

	it('test 5: −26 / −20 / −26 dBFS for 20 / 20.1 / 20 s reads −23.0 (all parts pass the gates; power mean)', () => {
		// Derived: 10·log10((20·10^−2.6 + 20.1·10^−2 + 20·10^−2.6) / 60.1) = −22.99.
		const x = sequence(fs, [
			[-26, 20],
			[-20, 20.1],
			[-26, 20]
		]);
		expect(Math.abs(measureLoudness(stereo(x), fs).integratedLufs + 23)).toBeLessThanOrEqual(0.1);
	});

	it('test 9: 20 × (1.34 s at −20 dBFS, 1.66 s at −30 dBFS) holds short-term −23.0 (every 3 s window holds one period)', () => {
		// Derived: 10·log10((1.34·10^−2 + 1.66·10^−3) / 3) = −22.99 LUFS for any window of one period.
		const period = sequence(fs, [
			[-20, 1.34],
			[-30, 1.66]
		]);
		const x = concat(...Array.from({ length: 20 }, () => period));
		const report = measureLoudness(stereo(x), fs);
		expect(Math.abs(report.shortTermMaxLufs + 23)).toBeLessThanOrEqual(0.1);
		// Momentary max: a 400 ms window inside the −20 dBFS part reads −20.0.
		expect(Math.abs(report.momentaryMaxLufs + 20)).toBeLessThanOrEqual(0.1);
	});
});

describe('measureLoudness', () => {
	it('reads the same −23.0 LUFS for the test 1 tone at 44.1, 32 and 96 kHz', () => {
		for (const fs of [32000, 44100, 96000]) {
			const x = tone(1000, fromDb(-23), fs, 10);
			expect(Math.abs(measureLoudness(stereo(x), fs).integratedLufs + 23), `${fs} Hz`).toBeLessThanOrEqual(0.05);
		}
	});

	it('measures mono as one channel: 3.01 LU below the same tone on two channels', () => {
		const x = tone(1000, fromDb(-20), 44100, 5);
		const mono = measureLoudness([x], 44100).integratedLufs;
		const twin = measureLoudness(stereo(x), 44100).integratedLufs;
		expect(twin - mono).toBeCloseTo(10 * Math.log10(2), 3);
	});

	it('weights 100 Hz and 10 kHz by the K-curve: a mono −20 dBFS sine reads −0.691 + 10·log10(A²/2) + K-gain (±0.05 LU)', () => {
		const fs = 48000;
		const sections = kWeightingSections(fs);
		for (const f of [100, 10000]) {
			const amplitude = fromDb(-20);
			const expected = -0.691 + 10 * Math.log10((amplitude * amplitude) / 2) + biquadsMagnitudeDb(sections, f, fs);
			expect(Math.abs(measureLoudness([tone(f, amplitude, fs, 5)], fs).integratedLufs - expected), `${f} Hz`).toBeLessThan(0.05);
		}
	});

	it('returns −∞ for digital silence and for audio shorter than one 400 ms block', () => {
		expect(measureLoudness([new Float32Array(48000)], 48000).integratedLufs).toBe(-Infinity);
		const short = measureLoudness([tone(1000, 0.5, 48000, 0.3)], 48000);
		expect(short.integratedLufs).toBe(-Infinity);
		expect(short.blockCount).toBe(0);
	});

	it('rejects bad input with a RangeError naming the value and range', () => {
		expect(() => measureLoudness([new Float32Array(10)], 1000)).toThrow(/sampleRate must be in \[8000, 384000\] Hz; got 1000/);
		expect(() => measureLoudness([new Float32Array(10), new Float32Array(11)], 48000)).toThrow(RangeError);
		expect(() => measureLoudness([], 48000)).toThrow(/1 to 2 channels; got 0/);
	});
});
