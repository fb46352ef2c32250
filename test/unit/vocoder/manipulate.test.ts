/**
 * Parameter edits, checked on the synthesised sound where the answer is audible (pitch measured with
 * pYIN, noise against harmonics, clicks) and on the parameters where it is a property of the
 * envelope (formant peaks, mel-cepstral distortion).
 */
import { describe, expect, it } from 'vitest';
import { estimateF0 } from '../../../src/lib/pitch/pyin';
import {
	concatenateParameters,
	crossfade,
	replaceF0,
	scaleBreathiness,
	shiftFormants,
	shiftPitch,
	timeStretch
} from '../../../src/lib/vocoder/manipulate';
import { melCepstraOfFrames, melCepstralDistortion } from '../../../src/lib/vocoder/mel-cepstrum';
import { synthesisLengthSamples, synthesize } from '../../../src/lib/vocoder/synthesis';
import type { WorldParameters } from '../../../src/lib/vocoder/types';
import { hannPowerSpectrum } from '../../helpers/vocoder-signals';
import { HAS_WORLD_REFERENCE, loadWorldReference } from '../../helpers/world-reference';

const PERIOD = 0.005;
const FS = 16000;
const FFT = 1024;
const BINS = FFT / 2 + 1;
const cents = (a: number, b: number) => 1200 * Math.log2(a / b);

/** Vowel with formants (Hz), per-frame f0, aperiodicity rising with frequency. */
function vowel(frames: number, f0: (i: number) => number, formants = [600, 1700, 2600], apScale = 1): WorldParameters {
	const sp = new Float64Array(frames * BINS);
	const ap = new Float64Array(frames * BINS);
	const f0Hz = new Float64Array(frames);
	for (let i = 0; i < frames; i++) {
		f0Hz[i] = f0(i);
		for (let k = 0; k < BINS; k++) {
			const hz = (k * FS) / FFT;
			let v = 0.002;
			formants.forEach((fc, j) => {
				v += 1 / (1 + ((hz - fc) / (60 + 40 * j)) ** 2) / (j + 1);
			});
			sp[i * BINS + k] = 1e-4 * v;
			ap[i * BINS + k] = Math.min(0.95, apScale * (0.001 + (hz / (FS / 2)) ** 2));
		}
	}
	return { fs: FS, framePeriodSeconds: PERIOD, f0Hz, sp: { frames, fftSize: FFT, data: sp }, ap: { frames, fftSize: FFT, data: ap } };
}

/** 180 Hz rising 200 cents a second with 40-cent, 5 Hz vibrato. */
const sung = (i: number) => 180 * 2 ** ((40 * Math.sin(2 * Math.PI * 5 * i * PERIOD) + 200 * i * PERIOD) / 1200);

/** First `count` peaks of a power envelope row, Hz (parabolic in log power). */
function envelopePeaks(row: ArrayLike<number>, fs: number, fftSize: number, count = 2): number[] {
	const peaks: number[] = [];
	for (let k = 2; k < row.length - 2 && peaks.length < count; k++) {
		if (row[k] > row[k - 1] && row[k] >= row[k + 1] && row[k] > row[k - 2] && row[k] >= row[k + 2]) {
			const a = Math.log(row[k - 1]);
			const b = Math.log(row[k]);
			const c = Math.log(row[k + 1]);
			peaks.push(((k + (0.5 * (a - c)) / (a - 2 * b + c)) * fs) / fftSize);
		}
	}
	return peaks;
}

function maxStep(y: Float32Array, from: number, to: number): number {
	let m = 0;
	for (let i = Math.max(1, from); i < Math.min(to, y.length); i++) m = Math.max(m, Math.abs(y[i] - y[i - 1]));
	return m;
}

describe('pitch', () => {
	it('shiftPitch +7 semitones: the synthesised pitch is within 10 cents of the target on ≥ 95 % of frames', () => {
		const p = vowel(301, sung);
		const shifted = shiftPitch(p, 7);
		const track = estimateF0(synthesize(shifted), FS);
		let voiced = 0;
		let within = 0;
		let worst = 0;
		for (let i = 0; i < 301; i++) {
			if (!track.voiced[i]) continue;
			voiced++;
			const error = Math.abs(cents(track.f0Hz[i], sung(i) * 2 ** (7 / 12)));
			worst = Math.max(worst, error);
			if (error < 10) within++;
		}
		console.log(`shiftPitch +7: ${((100 * within) / voiced).toFixed(1)} % of ${voiced} voiced frames within 10 cents of target (worst ${worst.toFixed(1)} cents)`);
		expect(voiced).toBeGreaterThan(280);
		expect(within / voiced).toBeGreaterThanOrEqual(0.95);
		expect(shifted.sp.data).toEqual(p.sp.data);
	});

	it('replaceF0 takes voicing from a mask or from the new contour', () => {
		const p = vowel(10, () => 200);
		const contour = Float64Array.from({ length: 10 }, (_, i) => 100 + i);
		const mask = Uint8Array.from({ length: 10 }, (_, i) => (i < 5 ? 1 : 0));
		expect(Array.from(replaceF0(p, contour, { voicedMask: mask }).f0Hz)).toEqual([100, 101, 102, 103, 104, 0, 0, 0, 0, 0]);
		contour[3] = 0;
		expect(replaceF0(p, contour).f0Hz[3]).toBe(0);
		expect(() => replaceF0(p, contour, { voicedMask: mask })).toThrow(/f0Hz\[3\]/);
		expect(() => replaceF0(p, contour.subarray(1))).toThrow(RangeError);
		expect(() => shiftPitch(p, 60)).toThrow(RangeError);
	});
});

describe('timeStretch', () => {
	it('×1.5: duration ×1.5 within a frame, pitch unchanged within 10 cents, envelope unchanged', () => {
		const p = vowel(201, sung);
		const stretched = timeStretch(p, 1.5);
		expect(stretched.f0Hz.length).toBe(301);
		const y = synthesize(stretched);
		const original = synthesisLengthSamples(201, PERIOD, FS);
		expect(Math.abs(y.length - 1.5 * original)).toBeLessThanOrEqual(PERIOD * FS);
		const track = estimateF0(y, FS);
		let voiced = 0;
		let within = 0;
		for (let j = 0; j < stretched.f0Hz.length; j++) {
			if (!track.voiced[j]) continue;
			voiced++;
			if (Math.abs(cents(track.f0Hz[j], sung(j / 1.5))) < 10) within++;
		}
		console.log(`timeStretch ×1.5: ${y.length} samples for ${original} (×${(y.length / original).toFixed(3)}), f0 within 10 cents of the original at the mapped time on ${((100 * within) / voiced).toFixed(1)} % of ${voiced} frames`);
		expect(within / voiced).toBeGreaterThanOrEqual(0.95);
		// Every third output frame lands on an input frame; those carry its envelope exactly.
		const a = melCepstraOfFrames(p.sp, FS);
		const b = melCepstraOfFrames(stretched.sp, FS);
		expect(melCepstralDistortion(a.filter((_, i) => i % 2 === 0), b.filter((_, j) => j % 3 === 0))).toBeLessThan(1e-9);
	});

	it.skipIf(!HAS_WORLD_REFERENCE)('×1.5 on speech (p225_003): ×1.5 frames, envelopes copied on the grid and lying between their neighbours off it', () => {
		const ref = loadWorldReference('p225_003');
		const p: WorldParameters = {
			fs: ref.fs,
			framePeriodSeconds: PERIOD,
			f0Hz: Float64Array.from(ref.f0Hz),
			sp: { frames: ref.frames, fftSize: ref.fftSize, data: Float64Array.from(ref.sp) },
			ap: { frames: ref.frames, fftSize: ref.fftSize, data: Float64Array.from(ref.ap) }
		};
		const stretched = timeStretch(p, 1.5);
		expect(Math.abs(stretched.f0Hz.length - 1.5 * (ref.frames - 1) - 1)).toBeLessThanOrEqual(1);
		// Parameter level: frames at integer input positions are copies; in between, log-sp interpolation.
		const a = melCepstraOfFrames(p.sp, ref.fs);
		const b = melCepstraOfFrames(stretched.sp, ref.fs);
		const onGrid = melCepstralDistortion(a.filter((_, i) => i % 2 === 0), b.filter((_, j) => j % 3 === 0));
		const between: number[] = [];
		for (let j = 1; j < stretched.f0Hz.length - 1; j += 3) {
			const x = j / 1.5;
			const i = Math.floor(x);
			// An interpolated frame lies between its neighbours: its MCD to the nearer is at most theirs.
			between.push(melCepstralDistortion([b[j]], [x - i < 0.5 ? a[i] : a[i + 1]]));
		}
		const neighbours = melCepstralDistortion(a.slice(0, -1), a.slice(1));
		const meanBetween = between.reduce((s, v) => s + v, 0) / between.length;
		console.log(`timeStretch p225_003: ${ref.frames} → ${stretched.f0Hz.length} frames; MCD on-grid ${onGrid.toExponential(1)} dB, interpolated frames vs nearest input ${meanBetween.toFixed(3)} dB (adjacent input frames differ by ${neighbours.toFixed(3)} dB)`);
		expect(onGrid).toBeLessThan(1e-9);
		expect(meanBetween).toBeLessThan(neighbours);
	});

	it('keeps chosen frame ranges at their own speed', () => {
		const p = vowel(101, (i) => 150 + i);
		const kept = timeStretch(p, 2, { keepRanges: [{ startFrame: 40, endFrame: 61 }] });
		// 40 frames ×2 + 20 kept + 40 ×2 = 180 frame steps.
		expect(kept.f0Hz.length).toBe(181);
		// The kept stretch is copied 1:1 (f0 150 + i, one frame per frame).
		const start = 80;
		for (let j = 0; j <= 20; j++) expect(kept.f0Hz[start + j]).toBeCloseTo(190 + j, 9);
		expect(() => timeStretch(p, 2, { keepRanges: [{ startFrame: 50, endFrame: 40 }] })).toThrow(/keepRanges\[0\]/);
		expect(() => timeStretch(p, 0)).toThrow(/factor/);
	});
});

describe('shiftFormants', () => {
	it('moves the first two envelope peaks by the ratio (±5 %) and leaves pitch and aperiodicity alone', () => {
		const p = vowel(3, () => 150);
		for (const ratio of [1.1, 0.9]) {
			const q = shiftFormants(p, ratio);
			const before = envelopePeaks(p.sp.data.subarray(BINS, 2 * BINS), FS, FFT);
			const after = envelopePeaks(q.sp.data.subarray(BINS, 2 * BINS), FS, FFT);
			console.log(`shiftFormants ${ratio}: F1 ${before[0].toFixed(0)} → ${after[0].toFixed(1)} Hz, F2 ${before[1].toFixed(0)} → ${after[1].toFixed(1)} Hz`);
			for (let f = 0; f < 2; f++) expect(Math.abs(after[f] / before[f] / ratio - 1)).toBeLessThan(0.05);
			expect(q.f0Hz).toEqual(p.f0Hz);
			expect(q.ap.data).toEqual(p.ap.data);
		}
		expect(() => shiftFormants(p, 0)).toThrow(/ratio/);
	});

	it.skipIf(!HAS_WORLD_REFERENCE)('on CheapTrick envelopes of real vowels (vaiueo2d) the first two peaks move by the ratio ±5 %', () => {
		const ref = loadWorldReference('vaiueo2d');
		const worst = { 1.1: 0, 0.9: 0 };
		for (const frame of [30, 50, 70, 90, 110, 130]) {
			const row = Float64Array.from(ref.sp.subarray(frame * ref.bins, (frame + 1) * ref.bins));
			const one: WorldParameters = {
				fs: ref.fs,
				framePeriodSeconds: PERIOD,
				f0Hz: Float64Array.of(ref.f0Hz[frame]),
				sp: { frames: 1, fftSize: ref.fftSize, data: row },
				ap: { frames: 1, fftSize: ref.fftSize, data: new Float64Array(ref.bins) }
			};
			const before = envelopePeaks(row, ref.fs, ref.fftSize);
			for (const ratio of [1.1, 0.9] as const) {
				const after = envelopePeaks(shiftFormants(one, ratio).sp.data, ref.fs, ref.fftSize);
				for (let f = 0; f < 2; f++) worst[ratio] = Math.max(worst[ratio], Math.abs(after[f] / before[f] / ratio - 1));
			}
		}
		console.log(`shiftFormants on vaiueo2d: worst peak-ratio error ${(100 * worst[1.1]).toFixed(2)} % (×1.1), ${(100 * worst[0.9]).toFixed(2)} % (×0.9)`);
		expect(worst[1.1]).toBeLessThan(0.05);
		expect(worst[0.9]).toBeLessThan(0.05);
	});
});

describe('scaleBreathiness', () => {
	/** Energy at the harmonics of 200 Hz over energy between them, dB, below 6 kHz. */
	function harmonicToNoiseDb(y: Float32Array): number {
		const n = 8192;
		const power = hannPowerSpectrum(y, 4000, n);
		let harmonic = 0;
		let between = 0;
		for (let k = 1; (k * FS) / n < 6000; k++) {
			const hz = (k * FS) / n;
			const offset = Math.abs(hz / 200 - Math.round(hz / 200)) * 200;
			if (offset < 20) harmonic += power[k];
			else if (offset > 50) between += power[k];
		}
		return 10 * Math.log10(harmonic / between);
	}

	it('scales aperiodicity (clamped to [0, 1]) and the sound gets noisier step by step', () => {
		const base = vowel(201, () => 200, [600, 1700, 2600], 0);
		base.ap.data.fill(0.1);
		const hnr: number[] = [];
		for (const factor of [0.5, 1, 2, 4, 20]) {
			const q = scaleBreathiness(base, factor);
			expect(q.ap.data[1000]).toBeCloseTo(Math.min(1, 0.1 * factor), 12);
			hnr.push(harmonicToNoiseDb(synthesize(q)));
		}
		console.log(`scaleBreathiness ×0.5, ×1, ×2, ×4, ×20: harmonic-to-noise ${hnr.map((v) => v.toFixed(1)).join(', ')} dB`);
		for (let i = 1; i < hnr.length; i++) expect(hnr[i]).toBeLessThan(hnr[i - 1] - 3);
		expect(() => scaleBreathiness(base, -1)).toThrow(/factor/);
	});
});

describe('joining phrases', () => {
	function tone(frames: number, f0: number, formant: number): WorldParameters {
		const p = vowel(frames, () => f0, [formant]);
		p.ap.data.fill(0.05);
		return p;
	}

	for (const curve of ['equal-power', 'log'] as const) {
		it(`crossfade (${curve}) glides f0 in equal log steps and joins without a click`, () => {
			const a = tone(101, 200, 700);
			const b = tone(101, 300, 1200);
			const x = crossfade(a, b, 20, { curve });
			expect(x.f0Hz.length).toBe(182);
			let worstStep = 0;
			for (let i = 1; i < x.f0Hz.length; i++) worstStep = Math.max(worstStep, Math.abs(cents(x.f0Hz[i], x.f0Hz[i - 1])));
			const ideal = cents(300, 200) / 21;
			expect(worstStep).toBeCloseTo(ideal, 6);
			// Each envelope bin moves monotonically from a's value to b's across the overlap.
			for (const k of [45, 77, 200]) {
				const values = Array.from({ length: 22 }, (_, j) => x.sp.data[(80 + j) * BINS + k]);
				const rising = values[21] > values[0];
				for (let j = 1; j < 22; j++) expect(rising ? values[j] >= values[j - 1] - 1e-18 : values[j] <= values[j - 1] + 1e-18).toBe(true);
			}
			const y = synthesize(x);
			const fadeFrom = 81 * PERIOD * FS;
			const fadeTo = 101 * PERIOD * FS;
			const inFade = maxStep(y, fadeFrom, fadeTo);
			const outside = Math.max(maxStep(y, 0, fadeFrom), maxStep(y, fadeTo, y.length));
			console.log(`crossfade ${curve}: f0 steps ${worstStep.toFixed(2)} cents (ideal ${ideal.toFixed(2)}), max sample step in the fade ${inFade.toFixed(4)}, outside ${outside.toFixed(4)}`);
			// The largest step moves by a few per cent with where pulses fall between samples (the fade's
			// 20 frames hold as many pulses as the rest); a click would stand well above the signal's own steps.
			expect(inFade).toBeLessThanOrEqual(outside * 1.05);
		});
	}

	it('crossfade with equal inputs changes nothing; concatenation keeps every frame', () => {
		const a = tone(30, 220, 800);
		const x = crossfade(a, a, 10);
		for (let j = 20; j < 30; j++) {
			expect(x.f0Hz[j]).toBeCloseTo(220, 9);
			for (const k of [10, 100, 400]) {
				expect(x.sp.data[j * BINS + k] / a.sp.data[k]).toBeCloseTo(1, 9);
				expect(x.ap.data[j * BINS + k]).toBeCloseTo(0.05, 9);
			}
		}
		const c = concatenateParameters([a, tone(5, 300, 900)]);
		expect(c.f0Hz.length).toBe(35);
		expect(c.f0Hz[34]).toBe(300);
		expect(() => crossfade(a, tone(5, 300, 900), 10)).toThrow(/overlapFrames/);
		expect(() => crossfade(a, { ...a, fs: 22050 }, 5)).toThrow(/fs/);
	});
});
