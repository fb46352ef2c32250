import { describe, expect, it } from 'vitest';
import { analyzeWorld } from '../../../src/lib/vocoder/analysis';
import { bandCount, d4c } from '../../../src/lib/vocoder/d4c';
import { loveTrainShares } from '../../../src/lib/vocoder/d4c-love-train';
import { sumOfLargest } from '../../../src/lib/vocoder/largest-sum';
import { frameCountOf } from '../../../src/lib/vocoder/types';
import { constantContour, uniformNoise } from '../../helpers/vocoder-signals';
import { meanAbsDiff } from '../../helpers/world-metrics';
import { HAS_WORLD_REFERENCE, loadWorldReference, type WorldReferenceName } from '../../helpers/world-reference';

const PERIOD = 0.005;

/** Unit pulses every fs / f0 samples. */
function pulseTrain(fs: number, f0Hz: number, seconds: number): Float64Array {
	const x = new Float64Array(Math.round(fs * seconds));
	for (let t = 0; t < x.length; t += fs / f0Hz) x[Math.round(t)] = 1;
	return x;
}

/** Harmonics with 1/h amplitudes (a speech-like tilt), optionally plus noise rising over time. */
function sawLike(fs: number, f0Hz: number, seconds: number, noiseLevel = 0): Float64Array {
	const x = new Float64Array(Math.round(fs * seconds));
	for (let h = 1; h * f0Hz < fs / 2; h++) {
		const w = (2 * Math.PI * h * f0Hz) / fs;
		for (let t = 0; t < x.length; t++) x[t] += Math.cos(w * t + 0.1 * h * h) / h;
	}
	if (noiseLevel > 0) {
		const n = uniformNoise(x.length, 7);
		for (let t = 0; t < x.length; t++) x[t] += noiseLevel * n[t] * (t / x.length);
	}
	return x;
}

describe('D4C helpers', () => {
	it('sumOfLargest equals the sum of the top values of a sorted copy', () => {
		const values = uniformNoise(300, 3).map((v, i) => (i % 4 === 0 ? Math.round(v * 4) : v));
		const sorted = Float64Array.from(values).sort();
		for (const count of [0, 1, 5, 60, 299, 300, 400]) {
			let ref = 0;
			for (let j = Math.max(0, sorted.length - count); j < sorted.length; j++) ref += sorted[j];
			expect(sumOfLargest(Float64Array.from(values), values.length, count)).toBeCloseTo(ref, 10);
		}
	});

	it('counts one 3 kHz band at 16 kHz, two at 22.05 kHz, five at 44.1 kHz and above', () => {
		expect(bandCount(16000)).toBe(1);
		expect(bandCount(22050)).toBe(2);
		expect(bandCount(44100)).toBe(5);
		expect(bandCount(96000)).toBe(5);
	});

	it('LoveTrain: a speech-like tilt is voiced, white noise and a flat pulse train are not, f0 = 0 scores 0', () => {
		const fs = 16000;
		const frames = 41;
		const f0 = new Float64Array(frames).fill(160);
		f0[0] = 0;
		const tilt = loveTrainShares(sawLike(fs, 160, 0.25), fs, PERIOD, f0, false);
		const flat = loveTrainShares(uniformNoise(4000), fs, PERIOD, f0, false);
		expect(tilt[0]).toBe(0);
		for (let i = 5; i < 35; i++) {
			expect(tilt[i]).toBeGreaterThan(0.85);
			expect(flat[i]).toBeLessThan(0.7);
		}
		// The fast grid reads the full grid's band edges: shares agree closely.
		const full = loveTrainShares(sawLike(fs, 160, 0.25), fs, PERIOD, f0, true);
		for (let i = 5; i < 35; i++) expect(Math.abs(full[i] - tilt[i])).toBeLessThan(0.01);
	});
});

describe('d4c on frame ranges', () => {
	it('gives each frame of a range the row the whole analysis gives it, to the bit (LoveTrain included)', () => {
		const fs = 16000;
		// Noise rising over time: LoveTrain passes the early frames and turns the late ones unvoiced.
		const x = sawLike(fs, 160, 0.6, 3);
		const frames = frameCountOf(x.length, fs, PERIOD);
		const f0 = { framePeriodSeconds: PERIOD, f0Hz: Float64Array.from({ length: frames }, (_, i) => (i % 23 < 2 ? 0 : 140 + 50 * Math.sin(i / 11))) };
		const whole = d4c(x, fs, f0);
		const bins = whole.fftSize / 2 + 1;
		for (const [from, to] of [
			[0, 45],
			[45, frames],
			[70, 71]
		]) {
			const part = d4c(x, fs, f0, { frames: { from, to } });
			expect(part.frames).toBe(to - from);
			expect(Array.from(part.data)).toEqual(Array.from(whole.data.subarray(from * bins, to * bins)));
		}
		// The signal does hold both kinds of frames, so the ranges test both paths.
		const periodic = (i: number) => whole.data[i * bins + 10] < 0.5;
		expect(Array.from({ length: frames }, (_, i) => i).some(periodic)).toBe(true);
		expect(Array.from({ length: frames }, (_, i) => i).some((i) => f0.f0Hz[i] > 0 && !periodic(i))).toBe(true);
	});
});

describe('d4c on generated signals', () => {
	it('returns frames × (fftSize / 2 + 1) values in [0, 1], −60 dB at DC and 1 at Nyquist for voiced frames', () => {
		const fs = 16000;
		const x = sawLike(fs, 200, 0.3);
		const frames = frameCountOf(x.length, fs, PERIOD);
		const ap = d4c(x, fs, constantContour(frames, 200));
		expect(ap.fftSize).toBe(1024);
		expect(ap.frames).toBe(frames);
		expect(ap.data.length).toBe(frames * 513);
		expect(ap.data.every((v) => v >= 0 && v <= 1)).toBe(true);
		const i = 30;
		expect(ap.data[i * 513]).toBeCloseTo(0.001, 6);
		expect(ap.data[i * 513 + 512]).toBeCloseTo(1, 6);
		expect(d4c(x, 44100, constantContour(3, 200)).fftSize).toBe(2048);
	});

	it('unvoiced frames (f0 = 0) are fully aperiodic', () => {
		const fs = 16000;
		const x = sawLike(fs, 200, 0.2);
		const ap = d4c(x, fs, constantContour(frameCountOf(x.length, fs, PERIOD), 0));
		expect(ap.data.every((v) => v === 1 - 1e-12)).toBe(true);
	});

	it('a pulse train is periodic: aperiodicity near 0 in the low bands', () => {
		const fs = 16000;
		const x = pulseTrain(fs, 160, 1);
		const frames = frameCountOf(x.length, fs, PERIOD);
		// A flat pulse train fails LoveTrain's low-band test, so the check is switched off here.
		const ap = d4c(x, fs, constantContour(frames, 160), { threshold: 0 });
		const binHz = fs / 1024;
		for (let i = 20; i < frames - 20; i += 10) {
			for (let k = 0; k * binHz <= 3000; k++) expect(ap.data[i * 513 + k]).toBeLessThan(0.05);
		}
	});

	it('white noise is aperiodic: LoveTrain calls it unvoiced, and without the check the band is near 1', () => {
		const fs = 16000;
		const x = uniformNoise(fs);
		const frames = frameCountOf(x.length, fs, PERIOD);
		const checked = d4c(x, fs, constantContour(frames, 150));
		expect(checked.data.every((v) => v === 1 - 1e-12)).toBe(true);
		const unchecked = d4c(x, fs, constantContour(frames, 150), { threshold: 0 });
		const k3 = Math.round(3000 / (fs / 1024));
		let mean = 0;
		for (let i = 10; i < frames - 10; i++) mean += unchecked.data[i * 513 + k3] / (frames - 20);
		expect(mean).toBeGreaterThan(0.6);
	});

	it('rises with added noise, and the adaptive grid agrees with the full one (44.1 kHz)', () => {
		const fs = 44100;
		const x = sawLike(fs, 220, 1, 0.3);
		const frames = frameCountOf(x.length, fs, PERIOD);
		const f0 = constantContour(frames, 220);
		const fast = d4c(x, fs, f0);
		const full = d4c(x, fs, f0, { fullResolution: true });
		expect(meanAbsDiff(fast.data, full.data)).toBeLessThan(0.01);
		const bins = fast.fftSize / 2 + 1;
		const k9 = Math.round(9000 / (fs / fast.fftSize));
		// Noise grows from nothing to 0.3 over the signal.
		expect(fast.data[(frames - 20) * bins + k9]).toBeGreaterThan(fast.data[20 * bins + k9] + 0.1);
	});

	it('refuses invalid input with RangeError', () => {
		const fs = 16000;
		const x = uniformNoise(1000);
		expect(() => d4c(x, -1, constantContour(3, 100))).toThrow(RangeError);
		expect(() => d4c([], fs, constantContour(3, 100))).toThrow(RangeError);
		expect(() => d4c([0, Number.POSITIVE_INFINITY], fs, constantContour(3, 100))).toThrow(RangeError);
		expect(() => d4c(x, fs, constantContour(3, Number.NaN))).toThrow(RangeError);
		expect(() => d4c(x, fs, { framePeriodSeconds: -0.005, f0Hz: new Float64Array(3) })).toThrow(RangeError);
		expect(() => d4c(x, fs, constantContour(3, 100), { threshold: 1.5 })).toThrow(RangeError);
		expect(() => d4c(x, fs, constantContour(3, 100), { fftSize: 3000 })).toThrow(RangeError);
	});
});

describe.skipIf(!HAS_WORLD_REFERENCE)('d4c against C++ WORLD (reference f0 as input)', () => {
	for (const name of ['vaiueo2d', 'p225_003'] as WorldReferenceName[]) {
		it(`${name}: mean absolute difference ≤ 0.05 over all frames and bins`, () => {
			const ref = loadWorldReference(name);
			const f0 = { framePeriodSeconds: ref.framePeriodSeconds, f0Hz: Float64Array.from(ref.f0Hz) };
			const ap = d4c(ref.x, ref.fs, f0);
			expect(ap.frames).toBe(ref.frames);
			expect(ap.fftSize).toBe(ref.fftSize);
			const full = d4c(ref.x, ref.fs, f0, { fullResolution: true });
			const mad = meanAbsDiff(ap.data, ref.ap);
			const madFull = meanAbsDiff(full.data, ref.ap);
			let voicedRef = 0;
			let voicedOurs = 0;
			for (let i = 0; i < ref.frames; i++) {
				if (ref.ap[i * ref.bins] < 0.5) voicedRef++;
				if (ap.data[i * ref.bins] < 0.5) voicedOurs++;
			}
			console.log(
				`D4C ${name}: mean |ap − ref| ${mad.toExponential(2)} (fullResolution ${madFull.toExponential(2)}); ` +
					`frames analysed as voiced ${voicedOurs} (reference ${voicedRef}) of ${ref.frames}`
			);
			expect(mad).toBeLessThanOrEqual(0.05);
			expect(madFull).toBeLessThanOrEqual(0.05);
			expect(voicedOurs).toBe(voicedRef);
		});
	}
});

describe('analyzeWorld with D4C on every other frame', () => {
	it('interpolates aperiodicity within 0.03 of the full analysis on voiced frames, and keeps unvoiced frames aperiodic', () => {
		const fs = 16000;
		const x = sawLike(fs, 140, 1.2, 0.4);
		for (let t = Math.round(0.9 * fs); t < x.length; t++) x[t] = 0.05 * Math.sin(t * 1.7) * ((t * 7919) % 13) / 13;
		const full = analyzeWorld(x, fs);
		const sparse = analyzeWorld(x, fs, { aperiodicityEvery: 2 });
		const bins = full.ap.fftSize / 2 + 1;
		let sum = 0;
		let count = 0;
		for (let i = 0; i < full.f0Hz.length; i++) {
			if (!(full.f0Hz[i] > 0)) {
				expect(sparse.ap.data[i * bins]).toBeGreaterThan(0.999);
				continue;
			}
			for (let q = 0; q < bins; q++) sum += Math.abs(full.ap.data[i * bins + q] - sparse.ap.data[i * bins + q]);
			count += bins;
		}
		expect(count).toBeGreaterThan(100 * bins);
		expect(sum / count).toBeLessThan(0.03);
		expect(() => analyzeWorld(x, fs, { aperiodicityEvery: 0 })).toThrow(RangeError);
	});
});
