import { describe, expect, it } from 'vitest';
import { cheapTrick } from '../../../src/lib/vocoder/cheaptrick';
import { DcCorrection } from '../../../src/lib/vocoder/dc-correction';
import { BoxSmoother } from '../../../src/lib/vocoder/spectral-smoothing';
import { frameCountOf } from '../../../src/lib/vocoder/types';
import { constantContour, uniformNoise } from '../../helpers/vocoder-signals';
import { meanLsdDb } from '../../helpers/world-metrics';
import { HAS_WORLD_REFERENCE, loadWorldReference, type WorldReferenceName } from '../../helpers/world-reference';

const PERIOD = 0.005;

/** |H(f)| of a two-pole resonator at `centreHz` with bandwidth `bandwidthHz`. */
function resonatorGain(fs: number, centreHz: number, bandwidthHz: number): (hz: number) => number {
	const r = Math.exp((-Math.PI * bandwidthHz) / fs);
	const c = 2 * r * Math.cos((2 * Math.PI * centreHz) / fs);
	return (hz) => {
		const w = (2 * Math.PI * hz) / fs;
		const re = 1 - c * Math.cos(w) + r * r * Math.cos(2 * w);
		const im = c * Math.sin(w) - r * r * Math.sin(2 * w);
		return 1 / Math.hypot(re, im);
	};
}

/** A harmonic signal whose harmonic amplitudes follow `gain`, peak-normalised to 0.5. */
function harmonicSignal(fs: number, f0Hz: number, seconds: number, gain: (hz: number) => number): Float64Array {
	const n = Math.round(fs * seconds);
	const x = new Float64Array(n);
	for (let h = 1; h * f0Hz < fs / 2; h++) {
		const a = gain(h * f0Hz);
		const phase = 0.3 * h * h;
		const w = (2 * Math.PI * h * f0Hz) / fs;
		for (let t = 0; t < n; t++) x[t] += a * Math.cos(w * t + phase);
	}
	let peak = 0;
	for (const v of x) peak = Math.max(peak, Math.abs(v));
	for (let t = 0; t < n; t++) x[t] *= 0.5 / peak;
	return x;
}

describe('CheapTrick helpers', () => {
	it('BoxSmoother keeps a constant, averages a ramp to itself inside, and spreads an impulse over its width', () => {
		const bins = 101;
		const smoother = new BoxSmoother(bins, 20);
		const out = new Float64Array(bins);
		smoother.smooth(new Float64Array(bins).fill(3), 7.3, out);
		for (const v of out) expect(v).toBeCloseTo(3, 12);
		const ramp = Float64Array.from({ length: bins }, (_, k) => 2 * k + 1);
		smoother.smooth(ramp, 6.5, out);
		for (let k = 10; k < bins - 10; k++) expect(out[k]).toBeCloseTo(ramp[k], 10);
		const impulse = new Float64Array(bins);
		impulse[50] = 1;
		smoother.smooth(impulse, 5, out);
		// A 5-bin box centred on each bin covers bin 50 fully for k = 48 … 52.
		for (let k = 48; k <= 52; k++) expect(out[k]).toBeCloseTo(1 / 5, 12);
		expect(out[47]).toBeCloseTo(0, 12);
		expect(out[53]).toBeCloseTo(0, 12);
	});

	it('DcCorrection adds the power at f0 − f below f0 and leaves the rest', () => {
		const p = Float64Array.from({ length: 20 }, (_, k) => k);
		new DcCorrection(20).apply(p, 4.5);
		// Bin k ≤ 4 gains the (interpolated) value at 4.5 − k, which equals 4.5 − k here.
		for (let k = 0; k <= 4; k++) expect(p[k]).toBeCloseTo(k + (4.5 - k), 12);
		for (let k = 5; k < 20; k++) expect(p[k]).toBe(k);
	});
});

describe('cheapTrick on frame ranges', () => {
	it('gives each frame of a range the row the whole analysis gives it, to the bit, in both lifterings', () => {
		const fs = 16000;
		const x = harmonicSignal(fs, 180, 0.6, resonatorGain(fs, 700, 120));
		const frames = frameCountOf(x.length, fs, PERIOD);
		// A gliding f0 with unvoiced stretches: frames differ in window length and smoothing width.
		const f0 = { framePeriodSeconds: PERIOD, f0Hz: Float64Array.from({ length: frames }, (_, i) => (i % 17 < 3 ? 0 : 150 + 60 * Math.sin(i / 9))) };
		for (const liftering of ['cepstral', 'spectral'] as const) {
			const whole = cheapTrick(x, fs, f0, { liftering });
			const bins = whole.fftSize / 2 + 1;
			for (const [from, to] of [
				[0, 40],
				[40, frames],
				[57, 58],
				[10, 10]
			]) {
				const part = cheapTrick(x, fs, f0, { liftering, frames: { from, to } });
				expect(part.frames).toBe(to - from);
				expect(Array.from(part.data)).toEqual(Array.from(whole.data.subarray(from * bins, to * bins)));
			}
		}
	});

	it('refuses a range outside the contour with RangeError', () => {
		const x = uniformNoise(8000);
		const f0 = constantContour(frameCountOf(x.length, 16000, PERIOD), 200);
		expect(() => cheapTrick(x, 16000, f0, { frames: { from: 5, to: 4 } })).toThrow(RangeError);
		expect(() => cheapTrick(x, 16000, f0, { frames: { from: 0, to: f0.f0Hz.length + 1 } })).toThrow(RangeError);
		expect(() => cheapTrick(x, 16000, f0, { frames: { from: 0.5, to: 3 } })).toThrow(RangeError);
	});
});

describe('cheapTrick on generated signals', () => {
	const fs = 16000;

	it('returns frames × (fftSize / 2 + 1) positive values, fftSize 1024 at 16 kHz by default', () => {
		const x = uniformNoise(fs / 2);
		const frames = frameCountOf(x.length, fs, PERIOD);
		const sp = cheapTrick(x, fs, constantContour(frames, 0));
		expect(sp.fftSize).toBe(1024);
		expect(sp.frames).toBe(frames);
		expect(sp.data.length).toBe(frames * 513);
		expect(sp.data.every((v) => v > 0 && Number.isFinite(v))).toBe(true);
		expect(cheapTrick(x, 44100, constantContour(3, 200)).fftSize).toBe(2048);
		expect(cheapTrick(x, fs, constantContour(3, 200), { fftSize: 2048 }).data.length).toBe(3 * 1025);
	});

	it('follows a resonance: the envelope of a harmonic signal through a 1 kHz resonator peaks there and matches |H|² at the harmonics', () => {
		const f0Hz = 150;
		const gain = resonatorGain(fs, 1000, 100);
		const x = harmonicSignal(fs, f0Hz, 1, gain);
		const frames = frameCountOf(x.length, fs, PERIOD);
		const sp = cheapTrick(x, fs, constantContour(frames, f0Hz));
		const bins = 513;
		const binHz = fs / 1024;
		for (const i of [50, 100, 150]) {
			let peak = 0;
			for (let k = 1; k < bins; k++) if (sp.data[i * bins + k] > sp.data[i * bins + peak]) peak = k;
			expect(Math.abs(peak * binHz - 1000)).toBeLessThan(f0Hz / 2);
			// At the harmonics the envelope is the harmonic power (CheapTrick's consistency), up to a constant.
			const dev: number[] = [];
			for (let h = 1; h * f0Hz < 7000; h++) {
				const k = Math.round((h * f0Hz) / binHz);
				dev.push(10 * Math.log10(sp.data[i * bins + k]) - 20 * Math.log10(gain(h * f0Hz)));
			}
			const mean = dev.reduce((a, b) => a + b) / dev.length;
			for (const d of dev) expect(Math.abs(d - mean)).toBeLessThan(2);
		}
	});

	it('scales with the signal power and is flat on average for white noise', () => {
		const x = uniformNoise(fs);
		const frames = frameCountOf(x.length, fs, PERIOD);
		const sp = cheapTrick(x, fs, constantContour(frames, 0));
		const louder = cheapTrick(
			x.map((v) => 3 * v),
			fs,
			constantContour(frames, 0)
		);
		for (let j = 0; j < sp.data.length; j += 97) expect(louder.data[j] / sp.data[j]).toBeCloseTo(9, 6);
		const bins = 513;
		const mean = new Float64Array(bins);
		for (let i = 10; i < frames - 10; i++) for (let k = 0; k < bins; k++) mean[k] += sp.data[i * bins + k];
		const db = Array.from(mean, (v) => 10 * Math.log10(v));
		const avg = db.reduce((a, b) => a + b) / bins;
		for (let k = 5; k < bins - 5; k++) expect(Math.abs(db[k] - avg)).toBeLessThan(3);
	});

	it("'spectral' liftering stays within a tenth of a dB of the cepstral result", () => {
		const x = harmonicSignal(fs, 180, 0.5, resonatorGain(fs, 700, 80));
		const frames = frameCountOf(x.length, fs, PERIOD);
		const f0 = constantContour(frames, 180);
		const cepstral = cheapTrick(x, fs, f0);
		const spectral = cheapTrick(x, fs, f0, { liftering: 'spectral' });
		const all = Array.from({ length: frames }, (_, i) => i);
		expect(meanLsdDb(spectral.data, cepstral.data, 513, all)).toBeLessThan(0.1);
	});

	it('refuses invalid input with RangeError', () => {
		const x = uniformNoise(1000);
		expect(() => cheapTrick(x, 0, constantContour(3, 100))).toThrow(RangeError);
		expect(() => cheapTrick(x, Number.NaN, constantContour(3, 100))).toThrow(RangeError);
		expect(() => cheapTrick([], fs, constantContour(3, 100))).toThrow(RangeError);
		expect(() => cheapTrick([0.1, Number.NaN, 0.2], fs, constantContour(3, 100))).toThrow(RangeError);
		expect(() => cheapTrick(x, fs, constantContour(3, -5))).toThrow(RangeError);
		expect(() => cheapTrick(x, fs, constantContour(3, 9000))).toThrow(RangeError);
		expect(() => cheapTrick(x, fs, { framePeriodSeconds: 0, f0Hz: new Float64Array(3) })).toThrow(RangeError);
		expect(() => cheapTrick(x, fs, { framePeriodSeconds: PERIOD, f0Hz: new Float64Array(0) })).toThrow(RangeError);
		expect(() => cheapTrick(x, fs, constantContour(3, 100), { fftSize: 1000 })).toThrow(RangeError);
		expect(() => cheapTrick(x, fs, constantContour(3, 100), { q1: 2 })).toThrow(RangeError);
		expect(() => cheapTrick(x, fs, constantContour(3, 100), { f0FloorHz: 0 })).toThrow(RangeError);
		expect(() => cheapTrick(x, fs, constantContour(3, 100), { unvoicedF0Hz: 10 })).toThrow(RangeError);
		expect(() => cheapTrick(x, fs, constantContour(3, 100), { liftering: 'other' as 'cepstral' })).toThrow(RangeError);
	});
});

describe.skipIf(!HAS_WORLD_REFERENCE)('cheapTrick against C++ WORLD (reference f0 as input)', () => {
	for (const name of ['vaiueo2d', 'p225_003'] as WorldReferenceName[]) {
		it(`${name}: mean log-spectral distance ≤ 1 dB over voiced frames`, () => {
			const ref = loadWorldReference(name);
			const f0 = { framePeriodSeconds: ref.framePeriodSeconds, f0Hz: Float64Array.from(ref.f0Hz) };
			const sp = cheapTrick(ref.x, ref.fs, f0);
			expect(sp.frames).toBe(ref.frames);
			expect(sp.fftSize).toBe(ref.fftSize);
			const all = Array.from({ length: ref.frames }, (_, i) => i);
			const voiced = all.filter((i) => ref.f0Hz[i] > 0);
			const lsdVoiced = meanLsdDb(sp.data, ref.sp, ref.bins, voiced);
			const lsdAll = meanLsdDb(sp.data, ref.sp, ref.bins, all);
			const spectral = cheapTrick(ref.x, ref.fs, f0, { liftering: 'spectral' });
			const lsdSpectral = meanLsdDb(spectral.data, ref.sp, ref.bins, voiced);
			console.log(
				`CheapTrick ${name}: LSD voiced ${lsdVoiced.toExponential(2)} dB, all ${lsdAll.toExponential(2)} dB ` +
					`(${voiced.length}/${ref.frames} voiced); 'spectral' liftering voiced ${lsdSpectral.toFixed(3)} dB`
			);
			expect(lsdVoiced).toBeLessThanOrEqual(1);
			expect(lsdAll).toBeLessThanOrEqual(1);
			expect(lsdSpectral).toBeLessThanOrEqual(1);
		});
	}
});
