/**
 * The vocoder's analysis of a reading as voice units take it, per 5 ms frame: f0 (DIO + StoneMask),
 * the envelope as mel-cepstra (CheapTrick) and the aperiodicity at the units' nine bands (D4C). Once
 * the f0 is known, the envelope and aperiodicity of each frame depend on that frame alone, so they
 * can be computed in frame ranges (on several threads) and joined: the result is the same to the bit
 * as the whole computed at once (`analyzeReadingFrames`).
 */
import { estimateWorldF0 } from '../vocoder/analysis';
import { toSignal } from '../vocoder/analysis-input';
import { cheapTrick } from '../vocoder/cheaptrick';
import { d4c, UNVOICED_APERIODICITY } from '../vocoder/d4c';
import { fftSizeFor, type F0Contour, type FrameRange } from '../vocoder/types';
import { UNIT_AP_BAND_HZ, UNIT_MEL_CEPSTRUM_ORDER, melCepstrumOfRows, sampleApBands, type ApBandsOfFrame, type MelCepstrumOfFrame } from './voice-units';

/**
 * Units keep aperiodicity coarsely (nine bands), so D4C runs on every other frame only (half its
 * cost) and a voiced frame between takes the blend of its neighbours' bands, as `analyzeWorld`'s
 * `aperiodicityEvery: 2` would give.
 */
export const APERIODICITY_EVERY = 2;

export interface ReadingFrames {
	fs: number;
	framePeriodSeconds: number;
	/** FFT size of the envelope rows the mel-cepstra were taken from. */
	fftSize: number;
	f0Hz: Float64Array;
	melCepstrumOf: MelCepstrumOfFrame;
	apBandsOf: ApBandsOfFrame;
}

/** The reading's f0: DIO + StoneMask, WORLD's fast estimator for speech. */
export function readingF0(reading: Float32Array | Float64Array, fs: number): F0Contour {
	return estimateWorldF0(reading, fs, { f0Method: 'dio' });
}

/** FFT size of the envelope and aperiodicity rows (CheapTrick's default for WORLD's 71 Hz floor). */
export function readingFftSize(fs: number): number {
	return fftSizeFor(fs);
}

/** Frames of the sparse (every other frame) contour D4C runs on, for `frames` frames. */
export function sparseFrameCount(frames: number): number {
	return Math.ceil(frames / APERIODICITY_EVERY);
}

/**
 * Mel-cepstra (order UNIT_MEL_CEPSTRUM_ORDER) of frames `range` of the reading, row-major. CheapTrick
 * keeps the envelope in log power: the mel-cepstra take the logarithm anyway.
 */
export function readingMelCepstra(reading: Float32Array | Float64Array, fs: number, f0: F0Contour, range: FrameRange): Float32Array {
	const sp = cheapTrick(reading, fs, f0, { liftering: 'spectral', output: 'logPower', fftSize: readingFftSize(fs), frames: range });
	const stride = UNIT_MEL_CEPSTRUM_ORDER + 1;
	const out = new Float32Array((range.to - range.from) * stride);
	const melCepstrumOf = melCepstrumOfRows(sp, fs, 'logPower', range.from);
	for (let i = range.from; i < range.to; i++) melCepstrumOf(i, out, (i - range.from) * stride);
	return out;
}

/** Aperiodicity at the unit bands of frames `range` of the sparse contour (`sparseFrameCount`), row-major. */
export function readingSparseApBands(reading: Float32Array | Float64Array, fs: number, f0: F0Contour, range: FrameRange): Float64Array {
	const sparse = { framePeriodSeconds: f0.framePeriodSeconds * APERIODICITY_EVERY, f0Hz: f0.f0Hz.filter((_, i) => i % APERIODICITY_EVERY === 0) };
	const fftSize = readingFftSize(fs);
	const ap = d4c(reading, fs, sparse, { fftSize, frames: range });
	const bins = fftSize / 2 + 1;
	const bands = UNIT_AP_BAND_HZ.length;
	const out = new Float64Array(ap.frames * bands);
	for (let j = 0; j < ap.frames; j++) sampleApBands(ap.data, j * bins, bins, fs, out, j * bands);
	return out;
}

/** Every frame's bands from the sparse rows: unvoiced frames fully aperiodic, voiced ones between two rows blended. */
export function apBandsFromSparse(f0Hz: Float64Array, sparseBands: Float64Array): ApBandsOfFrame {
	const bands = UNIT_AP_BAND_HZ.length;
	const every = APERIODICITY_EVERY;
	const sparseFrames = sparseBands.length / bands;
	return (i, out, offset) => {
		if (!(f0Hz[i] > 0)) {
			out.fill(UNVOICED_APERIODICITY, offset, offset + bands);
			return;
		}
		const j = Math.floor(i / every);
		const k = Math.min(sparseFrames - 1, j + 1);
		const w = (i - j * every) / every;
		for (let b = 0; b < bands; b++) out[offset + b] = (1 - w) * sparseBands[j * bands + b] + w * sparseBands[k * bands + b];
	};
}

/** Frames from mel-cepstra of every frame (`readingMelCepstra` over all of them, joined). */
export function readingFramesFrom(fs: number, f0: F0Contour, melCepstra: Float32Array, sparseBands: Float64Array): ReadingFrames {
	const stride = UNIT_MEL_CEPSTRUM_ORDER + 1;
	return {
		fs,
		framePeriodSeconds: f0.framePeriodSeconds,
		fftSize: readingFftSize(fs),
		f0Hz: f0.f0Hz,
		melCepstrumOf: (frame, out, offset) => out.set(melCepstra.subarray(frame * stride, (frame + 1) * stride), offset),
		apBandsOf: apBandsFromSparse(f0.f0Hz, sparseBands)
	};
}

/**
 * The whole analysis in this thread. The envelope rows are kept and coded into mel-cepstra only for
 * the frames the units ask for (pauses between words never are).
 */
export function analyzeReadingFrames(recorded: Float32Array, fs: number): ReadingFrames {
	// Converted once for the three analyses (each would otherwise copy it).
	const reading = toSignal(recorded);
	const f0 = readingF0(reading, fs);
	const frames = f0.f0Hz.length;
	const sp = cheapTrick(reading, fs, f0, { liftering: 'spectral', output: 'logPower', fftSize: readingFftSize(fs) });
	const sparseBands = readingSparseApBands(reading, fs, f0, { from: 0, to: sparseFrameCount(frames) });
	return {
		fs,
		framePeriodSeconds: f0.framePeriodSeconds,
		fftSize: sp.fftSize,
		f0Hz: f0.f0Hz,
		melCepstrumOf: melCepstrumOfRows(sp, fs, 'logPower'),
		apBandsOf: apBandsFromSparse(f0.f0Hz, sparseBands)
	};
}
