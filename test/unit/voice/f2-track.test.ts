/**
 * The F2 tracker the real-voice test measures diphthongs with (test/helpers/syllable-acoustics.ts),
 * on cases with a known answer: the vocoder renders one envelope trajectory (an all-pole vocal
 * tract whose F2 glides 1.1 → 2.3 kHz while F1 falls, as in "ai") at a low speaking pitch, a fifth
 * and an octave above it; the tracker must find the F2 that was put in, the same at every pitch.
 * (Two octaves up, 440 Hz, one harmonic per formant bandwidth is too few: r 0.94, median error 10 %.)
 */
import { describe, expect, it } from 'vitest';
import { synthesize } from '../../../src/lib/vocoder/synthesis';
import { correlation, f2Track, forFormants, trackTimes } from '../../helpers/syllable-acoustics';

const FS = 44100;
const FFT_SIZE = 2048;
const FRAME_SECONDS = 0.005;
/** Steady vowel before and after the glide, s; the glide itself, s. */
const HOLD_SECONDS = 0.1;
const GLIDE_SECONDS = 0.5;

/** Formants (Hz) at glide position x ∈ [0, 1]: F1 700 → 350, F2 1100 → 2300, F3 2900, F4 3800. */
const formantsAt = (x: number) => [700 - 350 * x, 1100 + 1200 * x, 2900, 3800];
const BANDWIDTHS_HZ = [80, 100, 150, 200];

/** Power envelope of the all-pole tract with those formants, times a −6 dB/octave source-and-radiation slope above 100 Hz. */
function tractEnvelope(formantsHz: number[]): Float64Array {
	const bins = FFT_SIZE / 2 + 1;
	const out = new Float64Array(bins);
	for (let k = 0; k < bins; k++) {
		const hz = (k * FS) / FFT_SIZE;
		const w = (2 * Math.PI * hz) / FS;
		let power = 1 / (1 + (hz / 100) ** 2) ** 0.5;
		formantsHz.forEach((f, i) => {
			const r = Math.exp((-Math.PI * BANDWIDTHS_HZ[i]) / FS);
			const theta = (2 * Math.PI * f) / FS;
			// |1 − 2r cos θ e^{−jω} + r² e^{−2jω}|²
			const re = 1 - 2 * r * Math.cos(theta) * Math.cos(w) + r * r * Math.cos(2 * w);
			const im = 2 * r * Math.cos(theta) * Math.sin(w) - r * r * Math.sin(2 * w);
			power /= re * re + im * im;
		});
		out[k] = power * 1e-6;
	}
	return out;
}

function render(f0Hz: number): Float32Array {
	const frames = Math.round((2 * HOLD_SECONDS + GLIDE_SECONDS) / FRAME_SECONDS) + 1;
	const bins = FFT_SIZE / 2 + 1;
	const sp = new Float64Array(frames * bins);
	for (let t = 0; t < frames; t++) {
		const x = Math.max(0, Math.min(1, (t * FRAME_SECONDS - HOLD_SECONDS) / GLIDE_SECONDS));
		sp.set(tractEnvelope(formantsAt(x)), t * bins);
	}
	const ap = new Float64Array(frames * bins).fill(0.001);
	return synthesize({ fs: FS, framePeriodSeconds: FRAME_SECONDS, f0Hz: new Float64Array(frames).fill(f0Hz), sp: { frames, fftSize: FFT_SIZE, data: sp }, ap: { frames, fftSize: FFT_SIZE, data: ap } }, { fs: FS, seed: 1 });
}

describe('F2 tracker on a known glide', () => {
	const truth = trackTimes(0, 1, 12).map((x) => formantsAt(x)[1]);
	it.each([110, 165, 220])('finds the F2 glide put in, rendered at f0 %i Hz', (f0Hz) => {
		const track = f2Track(forFormants(render(f0Hz), FS), HOLD_SECONDS, HOLD_SECONDS + GLIDE_SECONDS);
		const errors = track.map((v, i) => Math.abs(v - truth[i]) / truth[i]).sort((a, b) => a - b);
		console.log(`f0 ${f0Hz} Hz: ${track.map((v) => Math.round(v)).join(' ')} (truth ${truth.map((v) => Math.round(v)).join(' ')})`);
		expect(correlation(track, truth)).toBeGreaterThan(0.9);
		expect(errors[errors.length >> 1]).toBeLessThan(0.08);
	});
	it('gives the same track an octave apart', () => {
		const [low, high] = [110, 220].map((f0Hz) => f2Track(forFormants(render(f0Hz), FS), HOLD_SECONDS, HOLD_SECONDS + GLIDE_SECONDS));
		expect(correlation(low, high)).toBeGreaterThan(0.9);
	});
});
