/**
 * The vocoder's parameters (WORLD: Morise, Yokomori & Ozawa, IEICE Trans. Inf. & Syst. 2016).
 * Glossary as in WORLD: `x` input signal, `y` output, `fs` sampling rate (Hz), `f0` fundamental
 * frequency (Hz, 0 = unvoiced), `sp` power spectral envelope, `ap` band aperiodicity (0 = periodic,
 * 1 = noise). Frame i is centred at i · framePeriodSeconds from the start of the signal.
 */

/** An f0 contour on a regular frame grid. */
export interface F0Contour {
	/** Seconds between frames (WORLD default 0.005). */
	framePeriodSeconds: number;
	/** Hz per frame; 0 where unvoiced. */
	f0Hz: Float64Array;
}

/**
 * Frames [from, to) of a contour. The envelope and aperiodicity estimators analyse each frame on its
 * own, so a long recording can be analysed in ranges (e.g. on several threads) and the rows joined:
 * they equal the rows of the whole.
 */
export interface FrameRange {
	from: number;
	to: number;
}

/** A frames × bins matrix, row-major; bins = fftSize / 2 + 1. */
export interface SpectralFrames {
	frames: number;
	/** FFT size the rows were computed with (power of two). */
	fftSize: number;
	/** frames × (fftSize / 2 + 1) values, row-major. */
	data: Float64Array;
}

/** Everything synthesis needs. */
export interface WorldParameters {
	/** Sampling rate of the analysed signal, Hz. */
	fs: number;
	framePeriodSeconds: number;
	/** Hz per frame, 0 = unvoiced. */
	f0Hz: Float64Array;
	/** Power spectral envelope (CheapTrick), frames × bins. */
	sp: SpectralFrames;
	/** Band aperiodicity (D4C) in [0, 1], frames × bins, same shape as `sp`. */
	ap: SpectralFrames;
}

/** Number of frames WORLD uses for `samples` of audio: one every frame period, including t = 0. */
export function frameCountOf(samples: number, fs: number, framePeriodSeconds: number): number {
	return Math.floor(samples / fs / framePeriodSeconds) + 1;
}

/**
 * FFT size for envelope and aperiodicity rows: the smallest power of two holding three periods of
 * the lowest f0, doubled (CheapTrick's window spans three periods). 1024 at 16 kHz, 2048 at 44.1 kHz
 * for the 71 Hz default floor.
 */
export function fftSizeFor(fs: number, f0FloorHz = 71): number {
	return 2 ** (1 + Math.floor(Math.log2((3 * fs) / f0FloorHz)));
}
