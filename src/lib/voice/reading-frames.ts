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
import { framesIn } from './frame-runs';
import { UNIT_AP_BAND_HZ, UNIT_MEL_CEPSTRUM_ORDER, melCepstrumOfRows, sampleApBands, type ApBandsOfFrame, type MelCepstrumOfFrame } from './voice-units';

/**
 * Units keep aperiodicity coarsely (nine bands), and a sung vowel holds it for several times its
 * spoken length, so D4C runs on every fourth frame only (20 ms apart: a quarter of its cost) and a
 * voiced frame between takes the blend of its neighbours' bands, as `analyzeWorld`'s
 * `aperiodicityEvery: 4` would give (unvoiced frames are aperiodic whatever D4C says). Against
 * every other frame, measured on the 11 real voices (real-voice-singing.test.ts): onsets within
 * ±4 dB of the reading 92 % both, naming 0.79 → 0.80, gliding diphthongs 32 → 31 of 58, VCTK MCD
 * 8.14–8.29 → 8.13–8.37 dB, speaker identification 16/16 both; the Mandarin song-bench take's
 * analysis 3.46 → 2.96 s (median of six).
 */
export const APERIODICITY_EVERY = 4;

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

/** Frames of the sparse (every APERIODICITY_EVERY-th frame) contour D4C runs on, for `frames` frames. */
export function sparseFrameCount(frames: number): number {
	return Math.ceil(frames / APERIODICITY_EVERY);
}

/**
 * Mel-cepstra (order UNIT_MEL_CEPSTRUM_ORDER) of the frames of `ranges` of the reading, row-major,
 * one range after another. CheapTrick keeps the envelope in log power: the mel-cepstra take the
 * logarithm anyway.
 */
export function readingMelCepstra(reading: Float32Array | Float64Array, fs: number, f0: F0Contour, ranges: FrameRange[]): Float32Array {
	const stride = UNIT_MEL_CEPSTRUM_ORDER + 1;
	const out = new Float32Array(framesIn(ranges) * stride);
	let row = 0;
	for (const range of ranges) {
		const sp = cheapTrick(reading, fs, f0, { liftering: 'spectral', output: 'logPower', fftSize: readingFftSize(fs), frames: range });
		const melCepstrumOf = melCepstrumOfRows(sp, fs, 'logPower', range.from);
		for (let i = range.from; i < range.to; i++, row++) melCepstrumOf(i, out, row * stride);
	}
	return out;
}

/** Aperiodicity at the unit bands of the frames of `ranges` of the sparse contour (`sparseFrameCount`), row-major, one range after another. */
export function readingSparseApBands(reading: Float32Array | Float64Array, fs: number, f0: F0Contour, ranges: FrameRange[]): Float64Array {
	const sparse = { framePeriodSeconds: f0.framePeriodSeconds * APERIODICITY_EVERY, f0Hz: f0.f0Hz.filter((_, i) => i % APERIODICITY_EVERY === 0) };
	const fftSize = readingFftSize(fs);
	const bins = fftSize / 2 + 1;
	const bands = UNIT_AP_BAND_HZ.length;
	const out = new Float64Array(framesIn(ranges) * bands);
	let row = 0;
	for (const range of ranges) {
		const ap = d4c(reading, fs, sparse, { fftSize, frames: range });
		for (let j = 0; j < ap.frames; j++, row++) sampleApBands(ap.data, j * bins, bins, fs, out, row * bands);
	}
	return out;
}

/** The sparse rows (`sparseFrameCount`) that frames `range` of the full contour read their bands from (`apBandsFromSparse`). */
export function sparseRangeOf(range: FrameRange, frames: number): FrameRange {
	if (range.to <= range.from) return { from: 0, to: 0 };
	return { from: Math.floor(range.from / APERIODICITY_EVERY), to: Math.min(sparseFrameCount(frames), Math.floor((range.to - 1) / APERIODICITY_EVERY) + 2) };
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

/**
 * Frames from rows computed for some frames only: `melCepstra` holds the rows of `ranges` one after
 * another, `sparseBands` those of `sparseRanges` (of the sparse contour). The units may read only
 * frames inside `ranges` (and their bands only from rows inside `sparseRanges`); the rest are zero.
 */
export function readingFramesFrom(fs: number, f0: F0Contour, ranges: FrameRange[], melCepstra: Float32Array, sparseRanges: FrameRange[], sparseBands: Float64Array): ReadingFrames {
	const stride = UNIT_MEL_CEPSTRUM_ORDER + 1;
	const bands = UNIT_AP_BAND_HZ.length;
	const frames = f0.f0Hz.length;
	const placed = placedRows(melCepstra, ranges, frames, stride, Float32Array);
	return {
		fs,
		framePeriodSeconds: f0.framePeriodSeconds,
		fftSize: readingFftSize(fs),
		f0Hz: f0.f0Hz,
		melCepstrumOf: (frame, out, offset) => out.set(placed.subarray(frame * stride, (frame + 1) * stride), offset),
		apBandsOf: apBandsFromSparse(f0.f0Hz, placedRows(sparseBands, sparseRanges, sparseFrameCount(frames), bands, Float64Array))
	};
}

/** Rows of `ranges`, one after another in `rows`, placed at their frames in a matrix of `frames` rows (zero elsewhere). */
function placedRows<T extends Float32Array | Float64Array>(rows: T, ranges: FrameRange[], frames: number, stride: number, make: new (length: number) => T): T {
	const out = new make(frames * stride);
	let row = 0;
	for (const r of ranges) {
		out.set(rows.subarray(row * stride, (row + r.to - r.from) * stride), r.from * stride);
		row += r.to - r.from;
	}
	return out;
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
	const sparseBands = readingSparseApBands(reading, fs, f0, [{ from: 0, to: sparseFrameCount(frames) }]);
	return {
		fs,
		framePeriodSeconds: f0.framePeriodSeconds,
		fftSize: sp.fftSize,
		f0Hz: f0.f0Hz,
		melCepstrumOf: melCepstrumOfRows(sp, fs, 'logPower'),
		apBandsOf: apBandsFromSparse(f0.f0Hz, sparseBands)
	};
}
