/**
 * How the studio's vocoder is compared with the C++ WORLD references (tests and `npm run bench`):
 * f0 agreement, log-spectral distance of envelopes, and the mel-cepstral distortion of copy
 * synthesis, each measured one way for every party.
 */
import { rawPitchAccuracy, sampleTrackAt } from '../../src/lib/pitch/evaluate';
import type { F0Track } from '../../src/lib/pitch/types';
import { analyzeWorld } from '../../src/lib/vocoder/analysis';
import { cheapTrick } from '../../src/lib/vocoder/cheaptrick';
import { melCepstraOfFrames, melCepstralDistortion } from '../../src/lib/vocoder/mel-cepstrum';
import { synthesize } from '../../src/lib/vocoder/synthesis';
import type { F0Contour, SpectralFrames } from '../../src/lib/vocoder/types';
import type { WorldReference } from './world-reference';

/** The reference's f0 as a contour (to measure envelope and aperiodicity estimators alone). */
export function referenceF0(ref: WorldReference): F0Contour {
	return { framePeriodSeconds: ref.framePeriodSeconds, f0Hz: Float64Array.from(ref.f0Hz) };
}

export interface F0Agreement {
	/** Share of frames where both say voiced or both say unvoiced. */
	voicingAgreement: number;
	/** Share of frames voiced in both with |ours / ref − 1| ≤ 1%. */
	within1Percent: number;
	voicedInBoth: number;
}

export function f0Agreement(oursHz: ArrayLike<number>, refHz: ArrayLike<number>): F0Agreement {
	const n = Math.min(oursHz.length, refHz.length);
	let agree = 0;
	let both = 0;
	let close = 0;
	for (let i = 0; i < n; i++) {
		const a = oursHz[i] > 0;
		const b = refHz[i] > 0;
		if (a === b) agree++;
		if (a && b) {
			both++;
			if (Math.abs(oursHz[i] / refHz[i] - 1) <= 0.01) close++;
		}
	}
	return { voicingAgreement: agree / n, within1Percent: both ? close / both : 0, voicedInBoth: both };
}

/** Mean over `frames` of the per-frame log-spectral distance √(mean over bins (10·log10(a / b))²), dB. */
export function meanLsdDb(a: ArrayLike<number>, b: ArrayLike<number>, bins: number, frames: Iterable<number>): number {
	let total = 0;
	let count = 0;
	for (const i of frames) {
		let sum = 0;
		for (let k = 0; k < bins; k++) {
			const d = 10 * Math.log10(a[i * bins + k] / b[i * bins + k]);
			sum += d * d;
		}
		total += Math.sqrt(sum / bins);
		count++;
	}
	return total / count;
}

/** Log-spectral distance of an envelope to the reference's, mean over reference-voiced frames, dB. */
export function envelopeLsdDb(ours: SpectralFrames, refSp: Float32Array, refF0Hz: ArrayLike<number>): number {
	const voiced = Array.from({ length: ours.frames }, (_, i) => i).filter((i) => refF0Hz[i] > 0);
	return meanLsdDb(ours.data, refSp, ours.fftSize / 2 + 1, voiced);
}

/** Mean absolute difference of two equally long arrays. */
export function meanAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
	let sum = 0;
	for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
	return sum / a.length;
}

export interface CopySynthesisMcd {
	/** Our analysis + synthesis vs the original, dB. */
	oursDb: number;
	/** C++ WORLD's own resynthesis vs the original, dB. */
	worldDb: number;
}

/**
 * Mel-cepstral distortion to the original of (a) our copy synthesis (DIO + StoneMask, CheapTrick,
 * D4C, synthesis) and (b) WORLD's resynthesis, both measured the same way: CheapTrick envelopes
 * on the reference f0, mel-cepstra of order 24, mean over frames voiced in the reference.
 */
export function copySynthesisMcd(ref: WorldReference): CopySynthesisMcd {
	const params = analyzeWorld(ref.x, ref.fs);
	const ours = synthesize(params);
	const f0 = referenceF0(ref);
	const cepstra = (signal: Float32Array) => melCepstraOfFrames(cheapTrick(signal, ref.fs, f0, { fftSize: ref.fftSize }), ref.fs);
	const voiced = (c: Float64Array[]) => c.filter((_, i) => ref.f0Hz[i] > 0);
	const original = voiced(cepstra(ref.x));
	const fit = (signal: Float32Array) => {
		const padded = new Float32Array(ref.x.length);
		padded.set(signal.subarray(0, ref.x.length));
		return voiced(cepstra(padded));
	};
	return { oursDb: melCepstralDistortion(fit(ours), original), worldDb: melCepstralDistortion(fit(ref.resynth), original) };
}

/** A vocoder f0 contour as the pitch domain's F0Track (voiced where f0 > 0). */
export function contourAsTrack(contour: F0Contour): F0Track {
	const voiced = Uint8Array.from(contour.f0Hz, (f) => (f > 0 ? 1 : 0));
	return { hopSeconds: contour.framePeriodSeconds, f0Hz: Float32Array.from(contour.f0Hz), voiced, voicedProb: Float32Array.from(voiced) };
}

/** Raw pitch accuracy (±50 cents) of `contour` against annotation rows [time s, f0 Hz (0 = unvoiced)]. */
export function contourRawPitchAccuracy(contour: F0Contour, rows: readonly number[][]): number {
	const sampled = sampleTrackAt(contourAsTrack(contour), rows.map((r) => r[0]));
	return rawPitchAccuracy(rows.map((r) => r[1]), sampled.f0Hz);
}
