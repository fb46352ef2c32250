/**
 * The vocoder's whole analysis of a recording: f0 (DIO + StoneMask for speech, fast; Harvest for
 * singing, robust), then the spectral envelope (CheapTrick) and band aperiodicity (D4C) on that f0.
 */
import { cheapTrick, type CheapTrickOptions } from './cheaptrick';
import { d4c, UNVOICED_APERIODICITY } from './d4c';
import { dio } from './dio';
import { harvest } from './harvest';
import { stoneMask } from './stonemask';
import type { F0Contour, SpectralFrames, WorldParameters } from './types';

export type F0Method = 'dio' | 'harvest';

export interface WorldAnalysisOptions {
	/** 'dio' (DIO + StoneMask, default) or 'harvest'. */
	f0Method?: F0Method;
	/** Seconds between frames (default 0.005). */
	framePeriodSeconds?: number;
	/** Lowest f0 searched, Hz (default 71). */
	f0FloorHz?: number;
	/** Highest f0 searched, Hz (default 800). */
	f0CeilHz?: number;
	/** Use this f0 instead of estimating one (e.g. a corrected contour). */
	f0?: F0Contour;
	/**
	 * CheapTrick's liftering (default 'spectral': the same lifters applied on the log spectrum, ~25%
	 * faster and within 0.05 dB of WORLD's envelopes; 'cepstral' reproduces WORLD to float precision).
	 */
	liftering?: CheapTrickOptions['liftering'];
	/**
	 * D4C on every n-th frame only, rows linearly interpolated between (default 1: every frame).
	 * Aperiodicity changes slowly, so 2 halves D4C's cost (the larger half of the analysis) for
	 * uses that keep it coarsely anyway, such as voice units' nine bands.
	 */
	aperiodicityEvery?: number;
}

/** f0 of `x` with the chosen estimator. */
export function estimateWorldF0(x: ArrayLike<number>, fs: number, options: WorldAnalysisOptions = {}): F0Contour {
	const { f0Method = 'dio', framePeriodSeconds = 0.005, f0FloorHz = 71, f0CeilHz = 800 } = options;
	if (f0Method === 'harvest') return harvest(x, fs, { framePeriodSeconds, f0FloorHz, f0CeilHz });
	return stoneMask(x, fs, dio(x, fs, { framePeriodSeconds, f0FloorHz, f0CeilHz }));
}

/** f0, envelope and aperiodicity of `x` (mono, at `fs`). */
export function analyzeWorld(x: ArrayLike<number>, fs: number, options: WorldAnalysisOptions = {}): WorldParameters {
	const f0 = options.f0 ?? estimateWorldF0(x, fs, options);
	const sp = cheapTrick(x, fs, f0, { f0FloorHz: options.f0FloorHz, liftering: options.liftering ?? 'spectral' });
	const every = options.aperiodicityEvery ?? 1;
	if (!Number.isInteger(every) || every < 1) throw new RangeError(`aperiodicityEvery must be a whole number ≥ 1; got ${every}.`);
	const ap = every === 1 ? d4c(x, fs, f0, { fftSize: sp.fftSize }) : sparseD4c(x, fs, f0, sp.fftSize, every);
	return { fs, framePeriodSeconds: f0.framePeriodSeconds, f0Hz: f0.f0Hz, sp, ap };
}

/** D4C on frames 0, n, 2n, …; voiced frames between take the blend of their neighbours, unvoiced ones stay aperiodic. */
function sparseD4c(x: ArrayLike<number>, fs: number, f0: F0Contour, fftSize: number, every: number): SpectralFrames {
	const frames = f0.f0Hz.length;
	const coarse = d4c(x, fs, { framePeriodSeconds: f0.framePeriodSeconds * every, f0Hz: f0.f0Hz.filter((_, i) => i % every === 0) }, { fftSize });
	const bins = fftSize / 2 + 1;
	const data = new Float64Array(frames * bins).fill(UNVOICED_APERIODICITY);
	for (let i = 0; i < frames; i++) {
		if (!(f0.f0Hz[i] > 0)) continue;
		const j = Math.floor(i / every);
		const k = Math.min(coarse.frames - 1, j + 1);
		const w = (i - j * every) / every;
		const a = j * bins;
		const b = k * bins;
		for (let q = 0; q < bins; q++) data[i * bins + q] = (1 - w) * coarse.data[a + q] + w * coarse.data[b + q];
	}
	return { frames, fftSize, data };
}
