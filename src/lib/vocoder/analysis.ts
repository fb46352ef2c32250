/**
 * The vocoder's whole analysis of a recording: f0 (DIO + StoneMask for speech, fast; Harvest for
 * singing, robust), then the spectral envelope (CheapTrick) and band aperiodicity (D4C) on that f0.
 */
import { cheapTrick, type CheapTrickOptions } from './cheaptrick';
import { d4c } from './d4c';
import { dio } from './dio';
import { harvest } from './harvest';
import { stoneMask } from './stonemask';
import type { F0Contour, WorldParameters } from './types';

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
	const ap = d4c(x, fs, f0, { fftSize: sp.fftSize });
	return { fs, framePeriodSeconds: f0.framePeriodSeconds, f0Hz: f0.f0Hz, sp, ap };
}
