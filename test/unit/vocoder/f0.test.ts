import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dio } from '../../../src/lib/vocoder/dio';
import { BlockSpectra, CosineWindowResponse, NUTTALL_COEFFICIENTS } from '../../../src/lib/vocoder/f0-filters';
import { HarmonicAnalyzer } from '../../../src/lib/vocoder/harmonic-if';
import { harvest } from '../../../src/lib/vocoder/harvest';
import { stoneMask } from '../../../src/lib/vocoder/stonemask';
import { frameCountOf, type F0Contour } from '../../../src/lib/vocoder/types';
import { contourRawPitchAccuracy, f0Agreement } from '../../helpers/world-metrics';
import { HAS_WORLD_REFERENCE, loadWorldReference, type WorldReferenceName } from '../../helpers/world-reference';
import { hasVocadito, readCsv, readWav16, VOCADITO_DIR } from '../pitch/real-data';

/** A sawtooth-like harmonic tone (harmonics 1/k below Nyquist) following `f0Hz(t)`. */
function harmonicTone(fs: number, seconds: number, f0Hz: (t: number) => number, amplitude = 0.3): Float64Array {
	const n = Math.round(fs * seconds);
	const x = new Float64Array(n);
	let phase = 0;
	for (let i = 0; i < n; i++) {
		const f = f0Hz(i / fs);
		phase += (2 * Math.PI * f) / fs;
		let v = 0;
		for (let k = 1; k <= 12 && k * f < fs / 2; k++) v += Math.sin(k * phase) / k;
		x[i] = amplitude * v;
	}
	return x;
}

/** Voiced fraction and largest relative f0 error over frames centred in [from, to] seconds. */
function glideError(contour: F0Contour, f0Hz: (t: number) => number, from: number, to: number): { voiced: number; maxError: number } {
	let frames = 0;
	let voiced = 0;
	let maxError = 0;
	contour.f0Hz.forEach((f, i) => {
		const t = i * contour.framePeriodSeconds;
		if (t < from || t > to) return;
		frames++;
		if (f > 0) {
			voiced++;
			maxError = Math.max(maxError, Math.abs(f / f0Hz(t) - 1));
		}
	});
	return { voiced: voiced / frames, maxError };
}

/** Deterministic uniform noise in [−amplitude, amplitude]. */
function noise(n: number, amplitude: number, seed = 1): Float64Array {
	let state = seed;
	return Float64Array.from({ length: n }, () => {
		state = (state * 1103515245 + 12345) % 2147483648;
		return amplitude * (2 * (state / 2147483648) - 1);
	});
}

const glideHz = (t: number): number => 150 * (250 / 150) ** t;

describe('f0 filters', () => {
	it('gives the Nuttall window response in closed form', () => {
		const length = 41;
		const response = new CosineWindowResponse(NUTTALL_COEFFICIENTS, length);
		const w = Array.from({ length }, (_, n) =>
			NUTTALL_COEFFICIENTS.reduce((sum, a, m) => sum + (m % 2 ? -1 : 1) * a * Math.cos((2 * Math.PI * m * n) / (length - 1)), 0)
		);
		for (const theta of [0, 0.01, 0.1, 0.3, 1, Math.PI]) {
			const direct = w.reduce((sum, v, n) => sum + v * Math.cos(theta * (n - (length - 1) / 2)), 0);
			expect(response.at(theta)).toBeCloseTo(direct, 9);
		}
	});

	it('filters block-wise without seams (all-pass gain returns the signal)', () => {
		const x = noise(5000, 1);
		const spectra = new BlockSpectra(x, 100, 1);
		const gain = new Float64Array(spectra.blockSize / 2 + 1).fill(1);
		const y = spectra.filtered(gain, gain.length, 1);
		expect(y.length).toBe(x.length);
		let worst = 0;
		for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(y[i] - x[i]));
		expect(worst).toBeLessThan(1e-9);
	});

	it('measures the instantaneous frequency of a harmonic away from the analysis frequency', () => {
		const fs = 16000;
		const x = Float64Array.from({ length: 4000 }, (_, i) => Math.sin((2 * Math.PI * 201.3 * i) / fs) + 0.5 * Math.sin((2 * Math.PI * 402.6 * i) / fs + 1));
		const analyzer = new HarmonicAnalyzer(x, fs);
		// Six periods: the two harmonics' main lobes do not overlap.
		analyzer.analyse(2000, 240, 195, 2);
		// Analysed 3 % (6 Hz, 12 Hz) off, the estimates land within 0.05 % of the true frequencies.
		expect(Math.abs(analyzer.frequencyHz[0] / 201.3 - 1)).toBeLessThan(5e-4);
		expect(Math.abs(analyzer.frequencyHz[1] / 402.6 - 1)).toBeLessThan(5e-4);
		expect(analyzer.amplitude[0]).toBeGreaterThan(analyzer.amplitude[1]);
	});
});

describe('DIO + StoneMask on generated signals', () => {
	it('tracks a harmonic glide (150 → 250 Hz) to 0.1 % at 16 and 44.1 kHz', () => {
		for (const fs of [16000, 44100]) {
			const x = harmonicTone(fs, 1, glideHz);
			const coarse = dio(x, fs);
			expect(coarse.f0Hz.length).toBe(frameCountOf(x.length, fs, 0.005));
			const refined = stoneMask(x, fs, coarse);
			const { voiced, maxError } = glideError(refined, glideHz, 0.05, 0.95);
			expect(voiced).toBe(1);
			expect(maxError).toBeLessThan(0.001);
		}
	});

	it('gives the same contour, within 0.1 %, at speed 4', () => {
		const fs = 44100;
		const x = harmonicTone(fs, 1, glideHz);
		const { voiced, maxError } = glideError(stoneMask(x, fs, dio(x, fs, { speed: 4 })), glideHz, 0.05, 0.95);
		expect(voiced).toBe(1);
		expect(maxError).toBeLessThan(0.001);
	});

	it('calls silence, noise and the gap between two notes unvoiced', () => {
		const fs = 16000;
		expect(dio(new Float64Array(fs), fs).f0Hz.every((f) => f === 0)).toBe(true);
		expect(dio(noise(fs, 0.1), fs).f0Hz.every((f) => f === 0)).toBe(true);
		const note = harmonicTone(fs, 0.5, () => 200);
		const x = new Float64Array(fs * 1.5);
		x.set(note, 0);
		x.set(note, fs);
		const contour = stoneMask(x, fs, dio(x, fs));
		contour.f0Hz.forEach((f, i) => {
			const t = i * 0.005;
			if (t > 0.55 && t < 0.95) expect(f).toBe(0);
			if ((t > 0.05 && t < 0.45) || (t > 1.05 && t < 1.45)) expect(Math.abs(f / 200 - 1)).toBeLessThan(0.001);
		});
	});

	it('StoneMask pulls a 3 % off contour onto the harmonics and keeps unvoiced frames at 0', () => {
		const fs = 22050;
		const x = harmonicTone(fs, 0.6, () => 180);
		const frames = frameCountOf(x.length, fs, 0.005);
		const f0Hz = new Float64Array(frames);
		for (let i = 10; i < frames - 10; i++) f0Hz[i] = i % 7 === 0 ? 0 : 180 * 1.03;
		const refined = stoneMask(x, fs, { framePeriodSeconds: 0.005, f0Hz });
		refined.f0Hz.forEach((f, i) => {
			if (f0Hz[i] === 0) expect(f).toBe(0);
			else expect(Math.abs(f / 180 - 1)).toBeLessThan(0.002);
		});
	});

	it('returns all-zero contours of the right length for empty input', () => {
		expect(Array.from(dio([], 16000).f0Hz)).toEqual([0]);
		expect(Array.from(harvest([], 16000).f0Hz)).toEqual([0]);
		expect(Array.from(stoneMask([], 16000, { framePeriodSeconds: 0.005, f0Hz: new Float64Array(3) }).f0Hz)).toEqual([0, 0, 0]);
	});

	it('rejects invalid arguments with RangeError', () => {
		const x = new Float64Array(1000);
		expect(() => dio(x, 0)).toThrow(RangeError);
		expect(() => dio(x, 16000, { f0FloorHz: 500, f0CeilHz: 400 })).toThrow(RangeError);
		expect(() => dio(x, 16000, { framePeriodSeconds: 0 })).toThrow(RangeError);
		expect(() => dio(x, 16000, { speed: 13 })).toThrow(RangeError);
		expect(() => dio(x, 16000, { allowedRange: 0 })).toThrow(RangeError);
		expect(() => dio([0, Number.NaN], 16000)).toThrow(RangeError);
		expect(() => harvest(x, -1)).toThrow(RangeError);
		expect(() => harvest(x, 16000, { f0CeilHz: 5000 })).toThrow(RangeError);
		expect(() => stoneMask(x, 16000, { framePeriodSeconds: 0.005, f0Hz: Float64Array.of(-1) })).toThrow(RangeError);
	});
});

describe('Harvest on generated signals', () => {
	it('tracks a harmonic glide (150 → 250 Hz) to 0.1 % at 16 and 44.1 kHz', () => {
		for (const fs of [16000, 44100]) {
			const x = harmonicTone(fs, 1, glideHz);
			const contour = harvest(x, fs);
			expect(contour.f0Hz.length).toBe(frameCountOf(x.length, fs, 0.005));
			const { voiced, maxError } = glideError(contour, glideHz, 0.05, 0.95);
			expect(voiced).toBe(1);
			expect(maxError).toBeLessThan(0.001);
		}
	});

	it('follows sung vibrato (220 Hz ± 50 cents at 5.5 Hz) within 10 cents', () => {
		const fs = 44100;
		const vibratoHz = (t: number): number => 220 * 2 ** ((50 / 1200) * Math.sin(2 * Math.PI * 5.5 * t));
		const contour = harvest(harmonicTone(fs, 1.5, vibratoHz), fs);
		const { voiced, maxError } = glideError(contour, vibratoHz, 0.05, 1.45);
		expect(voiced).toBe(1);
		expect(maxError).toBeLessThan(2 ** (10 / 1200) - 1);
	});

	it('calls silence, noise and the gap between two notes unvoiced', () => {
		const fs = 16000;
		expect(harvest(new Float64Array(fs), fs).f0Hz.every((f) => f === 0)).toBe(true);
		expect(harvest(noise(fs, 0.1), fs).f0Hz.every((f) => f === 0)).toBe(true);
		const note = harmonicTone(fs, 0.5, () => 200);
		const x = new Float64Array(fs * 1.5);
		x.set(note, 0);
		x.set(note, fs);
		const contour = harvest(x, fs);
		contour.f0Hz.forEach((f, i) => {
			const t = i * 0.005;
			if (t > 0.55 && t < 0.95) expect(f).toBe(0);
			if ((t > 0.05 && t < 0.45) || (t > 1.05 && t < 1.45)) expect(Math.abs(f / 200 - 1)).toBeLessThan(0.001);
		});
	});
});

describe.skipIf(!HAS_WORLD_REFERENCE)('DIO + StoneMask against C++ WORLD', () => {
	for (const name of ['vaiueo2d', 'p225_003'] as WorldReferenceName[]) {
		it(`${name}: voicing agrees on ≥ 97 % of frames, f0 within 1 % on ≥ 97 % of voiced frames`, () => {
			const ref = loadWorldReference(name);
			const contour = stoneMask(ref.x, ref.fs, dio(ref.x, ref.fs, { framePeriodSeconds: ref.framePeriodSeconds }));
			expect(contour.f0Hz.length).toBe(ref.frames);
			const { voicingAgreement: voicing, within1Percent: accuracy, voicedInBoth: both } = f0Agreement(contour.f0Hz, ref.f0Hz);
			console.log(`DIO+StoneMask ${name}: voicing agreement ${(100 * voicing).toFixed(2)} %, f0 within 1 % on ${(100 * accuracy).toFixed(2)} % of ${both} frames voiced in both`);
			expect(voicing).toBeGreaterThanOrEqual(0.97);
			expect(accuracy).toBeGreaterThanOrEqual(0.97);
		});
	}
});

describe.skipIf(!hasVocadito)('Harvest on sung vocals (vocadito_1)', () => {
	it('raw pitch accuracy (±50 cents) ≥ 0.95 on annotated voiced frames', () => {
		const { pcm, sampleRate } = readWav16(path.join(VOCADITO_DIR, 'vocadito_1.wav'));
		const rows = readCsv(path.join(VOCADITO_DIR, 'vocadito_1_f0.csv'));
		const contour = harvest(pcm, sampleRate);
		const rpa = contourRawPitchAccuracy(contour, rows);
		console.log(`Harvest vocadito_1: raw pitch accuracy ${rpa.toFixed(4)}`);
		expect(rpa).toBeGreaterThanOrEqual(0.95);
	});
});
