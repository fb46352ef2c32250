/**
 * Mel-cepstra: α per sampling rate, exact round trips where the envelope is a mel-cepstrum, the
 * round-trip error on real CheapTrick envelopes (orders 24 and 40), and the MCD formula.
 */
import { describe, expect, it } from 'vitest';
import {
	allPassAlphaFor,
	melCepstraOfFrames,
	melCepstralDistortion,
	melCepstralDistortionOfFrame,
	melCepstrumFromPowerEnvelope,
	powerEnvelopeBySum,
	powerEnvelopeFromMelCepstrum,
	warpFrequency
} from '../../../src/lib/vocoder/mel-cepstrum';
import { HAS_WORLD_REFERENCE, loadWorldReference } from '../../helpers/world-reference';

/** Mean and max |10·log10(b/a)| over bins, dB. */
function dbError(a: ArrayLike<number>, b: ArrayLike<number>): { mean: number; max: number } {
	let sum = 0;
	let max = 0;
	for (let k = 0; k < a.length; k++) {
		const d = Math.abs(10 * Math.log10(b[k] / a[k]));
		sum += d;
		max = Math.max(max, d);
	}
	return { mean: sum / a.length, max };
}

describe('all-pass constant and warping', () => {
	it('uses the usual α: 0.42 at 16 kHz, 0.455 at 22.05 kHz, 0.544 at 44.1 kHz, monotonic in between', () => {
		expect(allPassAlphaFor(16000)).toBeCloseTo(0.42, 6);
		expect(allPassAlphaFor(22050)).toBeCloseTo(0.455, 6);
		expect(allPassAlphaFor(44100)).toBeCloseTo(0.544, 6);
		expect(allPassAlphaFor(48000)).toBeCloseTo(0.554, 6);
		let previous = 0;
		for (let fs = 8000; fs <= 48000; fs += 1000) {
			const a = allPassAlphaFor(fs);
			expect(a).toBeGreaterThan(previous);
			previous = a;
		}
		expect(() => allPassAlphaFor(0)).toThrow(RangeError);
	});

	it('warps 0 → 0 and π → π and stretches low frequencies by (1 + α)/(1 − α)', () => {
		const alpha = 0.42;
		expect(warpFrequency(0, alpha)).toBe(0);
		expect(warpFrequency(Math.PI, alpha)).toBeCloseTo(Math.PI, 12);
		expect(warpFrequency(1e-6, alpha) / 1e-6).toBeCloseTo((1 + alpha) / (1 - alpha), 5);
		// The inverse warp is the same all-pass with −α.
		expect(warpFrequency(warpFrequency(1.234, alpha), -alpha)).toBeCloseTo(1.234, 12);
	});
});

describe('mel-cepstrum ↔ power envelope', () => {
	it('recovers a mel-cepstrum from the envelope it defines', () => {
		for (const [fs, fftSize, order] of [
			[16000, 1024, 24],
			[44100, 2048, 40]
		] as const) {
			const mc = Float64Array.from({ length: order + 1 }, (_, m) => (m === 0 ? -4 : (0.8 * Math.sin(1.3 * m)) / m));
			const envelope = powerEnvelopeFromMelCepstrum(mc, fs, fftSize);
			expect(envelope.length).toBe(fftSize / 2 + 1);
			const back = melCepstrumFromPowerEnvelope(envelope, fs, { order });
			let worst = 0;
			for (let m = 0; m <= order; m++) worst = Math.max(worst, Math.abs(back[m] - mc[m]));
			const error = dbError(envelope, powerEnvelopeFromMelCepstrum(back, fs, fftSize));
			console.log(`mel-cepstrum ${fs} Hz order ${order}: coefficient error ${worst.toExponential(2)}, envelope round trip ${error.mean.toFixed(4)} dB mean, ${error.max.toFixed(4)} dB max`);
			expect(worst).toBeLessThan(0.01);
			expect(error.max).toBeLessThan(0.05);
		}
	});

	it('c̃₀ carries the level and α = 0 gives the plain cepstrum of a flat spectrum', () => {
		const flat = new Float64Array(513).fill(4);
		const mc = melCepstrumFromPowerEnvelope(flat, 16000);
		expect(mc.length).toBe(25);
		expect(mc[0]).toBeCloseTo(0.5 * Math.log(4), 12);
		for (let m = 1; m < mc.length; m++) expect(Math.abs(mc[m])).toBeLessThan(1e-12);
		// log|H| = c₁ cos ω with α = 0: H = exp(c₁ z⁻¹).
		const c1 = 0.3;
		const envelope = powerEnvelopeFromMelCepstrum([0, c1], 16000, 1024, { alpha: 0 });
		expect(Math.log(envelope[0]) / 2).toBeCloseTo(c1, 12);
		expect(Math.log(envelope[512]) / 2).toBeCloseTo(-c1, 12);
		expect(melCepstrumFromPowerEnvelope(envelope, 16000, { order: 3, alpha: 0 })[1]).toBeCloseTo(c1, 4);
	});

	it('codes a formant envelope at order 24 within a dB or two, better at order 40', () => {
		const fs = 22050;
		const fftSize = 1024;
		const envelope = Float64Array.from({ length: fftSize / 2 + 1 }, (_, k) => {
			const hz = (k * fs) / fftSize;
			let v = 0.001;
			[700, 1200, 2600, 3500].forEach((fc, j) => {
				v += 1 / (1 + ((hz - fc) / (80 + 30 * j)) ** 2) / (j + 1);
			});
			return 1e-3 * v;
		});
		const e24 = dbError(envelope, powerEnvelopeFromMelCepstrum(melCepstrumFromPowerEnvelope(envelope, fs, { order: 24 }), fs, fftSize));
		const e40 = dbError(envelope, powerEnvelopeFromMelCepstrum(melCepstrumFromPowerEnvelope(envelope, fs, { order: 40 }), fs, fftSize));
		console.log(`mel-cepstrum formant envelope round trip: order 24 ${e24.mean.toFixed(3)} dB mean (${e24.max.toFixed(2)} max), order 40 ${e40.mean.toFixed(3)} dB (${e40.max.toFixed(2)} max)`);
		expect(e24.mean).toBeLessThan(1.5);
		expect(e40.mean).toBeLessThan(e24.mean);
	});

	it.skipIf(!HAS_WORLD_REFERENCE)('round-trips the CheapTrick envelopes of vaiueo2d and p225_003 (orders 24 and 40)', () => {
		for (const name of ['vaiueo2d', 'p225_003'] as const) {
			const ref = loadWorldReference(name);
			const summary: string[] = [];
			const means: number[] = [];
			for (const order of [24, 40]) {
				let sum = 0;
				let squares = 0;
				let count = 0;
				for (let i = 0; i < ref.frames; i++) {
					const row = Float64Array.from(ref.sp.subarray(i * ref.bins, (i + 1) * ref.bins));
					const back = powerEnvelopeFromMelCepstrum(melCepstrumFromPowerEnvelope(row, ref.fs, { order }), ref.fs, ref.fftSize);
					for (let k = 0; k < ref.bins; k++) {
						const d = 10 * Math.log10(back[k] / row[k]);
						sum += Math.abs(d);
						squares += d * d;
						count++;
					}
				}
				means.push(sum / count);
				summary.push(`order ${order}: ${(sum / count).toFixed(2)} dB mean abs, ${Math.sqrt(squares / count).toFixed(2)} dB rms`);
			}
			console.log(`mel-cepstrum round trip ${name} (${ref.fs} Hz, all ${ref.frames} frames): ${summary.join('; ')}`);
			// Order 24 cannot follow CheapTrick's sharpest high-frequency valleys; order 40 does better.
			expect(means[0]).toBeLessThan(3);
			expect(means[1]).toBeLessThan(means[0]);
			expect(means[1]).toBeLessThan(2);
		}
	});

	it('codes every row of a frames × bins matrix', () => {
		const frames = { frames: 3, fftSize: 64, data: Float64Array.from({ length: 3 * 33 }, (_, i) => 1 + (i % 33) / 10) };
		const mc = melCepstraOfFrames(frames, 16000, { order: 8 });
		expect(mc.length).toBe(3);
		expect(mc[0]).toEqual(mc[2]);
		expect(() => melCepstraOfFrames({ ...frames, frames: 4 }, 16000)).toThrow(RangeError);
		expect(() => melCepstrumFromPowerEnvelope(new Float64Array(33).fill(-1), 16000)).toThrow(/power\[0\]/);
		expect(() => melCepstrumFromPowerEnvelope(new Float64Array(33).fill(1), 16000, { alpha: 1 })).toThrow(/alpha/);
	});
});

describe('melCepstralDistortion', () => {
	it('is 0 for identical mel-cepstra and ignores c̃₀', () => {
		const a = [Float64Array.of(1, 0.5, -0.2, 0.1), Float64Array.of(-3, 0.1, 0.2, 0.3)];
		expect(melCepstralDistortion(a, a)).toBe(0);
		const louder = a.map((f) => Float64Array.of(f[0] + 5, ...f.subarray(1)));
		expect(melCepstralDistortion(a, louder)).toBe(0);
	});

	it('matches (10/ln 10)·√(2 Σ (a_d − b_d)²), averaged over frames', () => {
		// One coefficient off by 1: 10·√2 / ln 10 = 6.14185 dB.
		expect(melCepstralDistortionOfFrame([0, 1, 0], [0, 0, 0])).toBeCloseTo((10 * Math.SQRT2) / Math.LN10, 12);
		expect(melCepstralDistortionOfFrame([0, 1, 0], [0, 0, 0])).toBeCloseTo(6.14185, 4);
		// Differences 0.3 and 0.4: √(2 · 0.25) · 10/ln 10 = 3.0709 dB; mean with a 0 dB frame = 1.5355.
		expect(melCepstralDistortion([[0, 0.3, 0.4], [1, 1, 1]], [[0, 0, 0], [1, 1, 1]])).toBeCloseTo((10 / Math.LN10) * Math.sqrt(0.5) / 2, 12);
		expect(() => melCepstralDistortion([[0, 1]], [[0, 1, 2]])).toThrow(RangeError);
		expect(() => melCepstralDistortion([], [])).toThrow(RangeError);
	});
});

describe('mel-cepstra from log power (CheapTrick output: logPower)', () => {
	it("CheapTrick's log rows are the log of its power rows, and give the same mel-cepstra to 1e-9", async () => {
		const { cheapTrick } = await import('../../../src/lib/vocoder/cheaptrick');
		const { melCepstrumFromLogPowerEnvelope, melCepstrumFromPowerEnvelope: fromPower } = await import('../../../src/lib/vocoder/mel-cepstrum');
		const fs = 16000;
		const x = Float64Array.from({ length: fs / 2 }, (_, i) => Math.sin((2 * Math.PI * 150 * i) / fs) + 0.5 * Math.sin((2 * Math.PI * 450 * i) / fs) + 0.01 * Math.sin(i * 1.7));
		const f0 = { framePeriodSeconds: 0.005, f0Hz: Float64Array.from({ length: 101 }, (_, i) => (i % 10 === 0 ? 0 : 150)) };
		const power = cheapTrick(x, fs, f0, { liftering: 'spectral' });
		const log = cheapTrick(x, fs, f0, { liftering: 'spectral', output: 'logPower' });
		const bins = power.fftSize / 2 + 1;
		let worst = 0;
		for (let i = 0; i < power.frames; i++) {
			const row = power.data.subarray(i * bins, (i + 1) * bins);
			const logRow = log.data.subarray(i * bins, (i + 1) * bins);
			for (let k = 0; k < bins; k++) worst = Math.max(worst, Math.abs(Math.log(row[k]) - logRow[k]));
			const a = fromPower(row, fs, { order: 40 });
			const b = melCepstrumFromLogPowerEnvelope(logRow, fs, { order: 40 });
			for (let q = 0; q <= 40; q++) expect(Math.abs(a[q] - b[q])).toBeLessThan(1e-9);
		}
		expect(worst).toBeLessThan(1e-9);
	});

	it('floors a row 120 dB under its peak, as from power', async () => {
		const { melCepstrumFromLogPowerEnvelope, melCepstrumFromPowerEnvelope: fromPower } = await import('../../../src/lib/vocoder/mel-cepstrum');
		const power = Float64Array.from({ length: 257 }, (_, k) => (k < 100 ? 1 : 0));
		const a = fromPower(power, 16000, { order: 24 });
		const b = melCepstrumFromLogPowerEnvelope(Float64Array.from(power, (p) => Math.log(p)), 16000, { order: 24 });
		for (let q = 0; q <= 24; q++) expect(b[q]).toBeCloseTo(a[q], 9);
		expect(() => melCepstrumFromLogPowerEnvelope(Float64Array.from({ length: 257 }, () => NaN), 16000)).toThrow(RangeError);
	});
});

describe('decoding a mel-cepstrum on a grid', () => {
	it('gives the direct cosine sum within 0.01 dB at every bin, for orders 24, 40 and 60 and the studio’s sampling rates', () => {
		let seed = 7;
		const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5;
		let worst = 0;
		for (const [fs, fftSize] of [[44100, 2048], [22050, 1024], [16000, 1024]] as const) {
			for (const order of [24, 40, 60]) {
				for (let trial = 0; trial < 20; trial++) {
					// Decaying like real envelopes' coefficients, with sharp formants' worth of high-order energy.
					const mc = Float64Array.from({ length: order + 1 }, (_, q) => (q === 0 ? -4 : (2 * random()) / Math.sqrt(q)));
					const grid = powerEnvelopeFromMelCepstrum(mc, fs, fftSize);
					const sum = powerEnvelopeBySum(mc, fftSize / 2 + 1, allPassAlphaFor(fs));
					worst = Math.max(worst, dbError(sum, grid).max);
				}
			}
		}
		console.log(`grid decode against the direct sum: worst ${worst.toExponential(2)} dB`);
		expect(worst).toBeLessThan(0.01);
	});
});
