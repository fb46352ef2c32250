/**
 * DIO: fast f0 estimation from the intervals of the fundamental component (WORLD: Morise, Yokomori &
 * Ozawa, IEICE Trans. Inf. & Syst. 2016, Sec. 3.1; Morise, Kawahara & Katayose, AES 35th Int. Conf.,
 * 2009). Steps:
 * 1. the signal, low-cut filtered (below ~50 Hz), is low-pass filtered by Nuttall windows two periods
 *    of each band edge long, for band edges log-spaced between the f0 floor and ceiling; a filter
 *    leaves a near-sinusoid when f0 lies between half its edge and its edge;
 * 2. per band and frame, four interval-based f0s (zero crossings both ways, peaks, dips) give an f0
 *    candidate (their mean) and a score (their spread relative to the mean; lower is better);
 * 3. per frame, the best-scoring candidate is chosen;
 * 4. the contour is cleaned: frames that jump by more than `allowedRange` from the previous one are
 *    dropped, voiced runs are eroded by about a period of the floor on each side (which removes the
 *    short ones), and the surviving runs are then regrown frame by frame through the candidate nearest
 *    to the contour's linear prediction, stopping at the first frame without one within range.
 */
import { BlockSpectra, CosineWindowResponse, decimate, decimationFor, NUTTALL_COEFFICIENTS, nuttallMainLobeRad, periodsLength } from './f0-filters';
import { checkF0Range, toSignal } from './analysis-input';
import { IntervalF0 } from './interval-f0';
import { frameCountOf, type F0Contour } from './types';
import { voicedRuns } from './voiced-runs';

export interface DioOptions {
	/** Seconds between frames. Default 0.005. */
	framePeriodSeconds?: number;
	/** Lowest f0 searched, Hz. Default 71. */
	f0FloorHz?: number;
	/** Highest f0 searched, Hz. Default 800. */
	f0CeilHz?: number;
	/** Band edges per octave. Default 2. */
	channelsInOctave?: number;
	/**
	 * Speed-up by coarser sampling, an integer 1 … 12. The band signals are analysed at 16 / speed times
	 * the highest band edge, but never below 8 times it (they hold nothing above twice the edge, so
	 * speed 1 is already far below fs). Default 1.
	 */
	speed?: number;
	/** Largest relative f0 change between adjacent frames kept as continuous. Default 0.1. */
	allowedRange?: number;
}

/** Low-cut corner of the pre-filter, Hz: the main-lobe half-width of its Hann window. */
const LOW_CUT_HZ = 50;
/** The band outputs are sampled at ≥ this many times the band edge (content ends at twice the edge). */
const BAND_RATE_FACTOR = 16;
/** Coarsest sampling `speed` may ask for, in multiples of the band edge. */
const MIN_RATE_FACTOR = 8;

/** f0 contour of `x` (sampled at `fs` Hz) on frames i · framePeriodSeconds; 0 marks unvoiced frames. */
export function dio(x: ArrayLike<number>, fs: number, options: DioOptions = {}): F0Contour {
	const framePeriodSeconds = options.framePeriodSeconds ?? 0.005;
	const f0FloorHz = options.f0FloorHz ?? 71;
	const f0CeilHz = options.f0CeilHz ?? 800;
	const channelsInOctave = options.channelsInOctave ?? 2;
	const speed = options.speed ?? 1;
	const allowedRange = options.allowedRange ?? 0.1;
	checkF0Range(fs, f0FloorHz, f0CeilHz, framePeriodSeconds);
	if (!Number.isFinite(channelsInOctave) || channelsInOctave <= 0 || channelsInOctave > 48) {
		throw new RangeError(`channelsInOctave must be in (0, 48]; got ${channelsInOctave}.`);
	}
	if (!Number.isInteger(speed) || speed < 1 || speed > 12) throw new RangeError(`speed must be an integer in [1, 12]; got ${speed}.`);
	if (!Number.isFinite(allowedRange) || allowedRange <= 0 || allowedRange >= 1) {
		throw new RangeError(`allowedRange must be in (0, 1); got ${allowedRange}.`);
	}
	const frames = frameCountOf(x.length, fs, framePeriodSeconds);
	const f0Hz = new Float64Array(frames);
	const signal = toSignal(x);
	if (signal.length === 0) return { framePeriodSeconds, f0Hz };

	const bandCount = 1 + Math.floor(Math.log2(f0CeilHz / f0FloorHz) * channelsInOctave);
	const bandEdgesHz = new Float64Array(bandCount);
	for (let b = 0; b < bandCount; b++) bandEdgesHz[b] = f0FloorHz * 2 ** ((b + 1) / channelsInOctave);
	// The band outputs hold nothing above twice the highest edge, so the analysis runs at the lowest
	// rate that samples them finely (BAND_RATE_FACTOR × the edge; coarser, down to 8×, with `speed`).
	const topEdgeHz = bandEdgesHz[bandCount - 1];
	const rateFactor = Math.max(MIN_RATE_FACTOR, BAND_RATE_FACTOR / speed);
	const decimation = Math.max(1, Math.floor(fs / (rateFactor * topEdgeHz)));
	const analysisFs = fs / decimation;
	const analysed = decimate(signal, fs, decimation, 2 * topEdgeHz);

	const candidates = bandCandidates(analysed, analysisFs, bandEdgesHz, framePeriodSeconds, frames, f0FloorHz, f0CeilHz);
	const best = bestCandidates(candidates, frames);
	// Shortest voiced run kept: an odd number of frames spanning about two periods of the floor.
	const voiceRangeMinimum = 2 * Math.round(1 / (framePeriodSeconds * f0FloorHz)) + 1;
	const step1 = removeJumps(best, voiceRangeMinimum, allowedRange);
	const step2 = erodeVoicedRuns(step1, (voiceRangeMinimum - 1) / 2);
	extendVoicedRuns(step2, candidates.f0Hz, allowedRange, f0Hz);
	return { framePeriodSeconds, f0Hz };
}

interface BandCandidates {
	/** Per band, per frame: f0 candidate in Hz (0 = none). */
	f0Hz: Float64Array[];
	/** Per band, per frame: spread of the interval f0s relative to the candidate (∞ = none). */
	score: Float64Array[];
}

/** Steps 1–2: per band, the filtered fundamental component and its interval-based candidates. */
function bandCandidates(
	signal: Float64Array,
	fs: number,
	bandEdgesHz: Float64Array,
	framePeriodSeconds: number,
	frames: number,
	f0FloorHz: number,
	f0CeilHz: number
): BandCandidates {
	const lowCutLength = 2 * Math.round(fs / LOW_CUT_HZ) + 3;
	const longestBand = periodsLength(fs, bandEdgesHz[0]);
	const maxDecimation = 16;
	const spectra = new BlockSpectra(signal, (lowCutLength - 1) / 2 + (longestBand - 1) / 2, maxDecimation);
	const n = spectra.blockSize;
	const lowCut = new CosineWindowResponse([0.5, 0.5], lowCutLength);
	const lowCutSum = lowCut.at(0);
	const estimator = new IntervalF0(frames);
	const f0Hz: Float64Array[] = [];
	const score: Float64Array[] = [];
	for (let b = 0; b < bandEdgesHz.length; b++) {
		const edgeHz = bandEdgesHz[b];
		const length = periodsLength(fs, edgeHz);
		const lowPass = new CosineWindowResponse(NUTTALL_COEFFICIENTS, length);
		const lowPassSum = lowPass.at(0);
		// Beyond the main lobe the Nuttall response is below −90 dB: treat it as zero.
		const bins = Math.min(n / 2, Math.ceil((nuttallMainLobeRad(length) / (2 * Math.PI)) * n) + 1);
		const contentHz = (bins / n) * fs;
		const decimation = decimationFor(fs, Math.max(BAND_RATE_FACTOR * edgeHz, 4 * contentHz), Math.min(maxDecimation, n / (2 * bins)));
		const gain = new Float64Array(bins);
		const dTheta = (2 * Math.PI) / n;
		for (let k = 0; k < bins; k++) {
			const theta = k * dTheta;
			gain[k] = (lowPass.at(theta) / lowPassSum) * (1 - lowCut.at(theta) / lowCutSum);
		}
		const y = spectra.filtered(gain, bins, decimation);
		const mean = new Float64Array(frames);
		const spread = new Float64Array(frames);
		estimator.estimate(y, fs / decimation, framePeriodSeconds, mean, spread);
		// A low-pass at the edge leaves a clean fundamental only for f0 in (edge / 2, edge).
		const lowHz = Math.max(0.5 * edgeHz, f0FloorHz);
		const highHz = Math.min(edgeHz, f0CeilHz);
		for (let f = 0; f < frames; f++) {
			const m = mean[f];
			if (m > 0 && m >= lowHz && m <= highHz) {
				spread[f] /= m;
			} else {
				mean[f] = 0;
				spread[f] = Number.POSITIVE_INFINITY;
			}
		}
		f0Hz.push(mean);
		score.push(spread);
	}
	return { f0Hz, score };
}

/** Step 3: the lowest-spread candidate per frame (0 where no band has one). */
function bestCandidates(candidates: BandCandidates, frames: number): Float64Array {
	const best = new Float64Array(frames);
	for (let f = 0; f < frames; f++) {
		let bestScore = Number.POSITIVE_INFINITY;
		for (let b = 0; b < candidates.f0Hz.length; b++) {
			const s = candidates.score[b][f];
			if (s < bestScore) {
				bestScore = s;
				best[f] = candidates.f0Hz[b][f];
			}
		}
	}
	return best;
}

/**
 * Step 4a: keeps a frame only where it and the frame before it are voiced and within `allowedRange`
 * of each other; the first and last `edgeFrames` frames are dropped (their filters run off the signal).
 */
function removeJumps(f0Hz: Float64Array, edgeFrames: number, allowedRange: number): Float64Array {
	const frames = f0Hz.length;
	const out = new Float64Array(frames);
	for (let i = Math.max(edgeFrames, 1); i < frames - edgeFrames; i++) {
		const a = f0Hz[i];
		const b = f0Hz[i - 1];
		if (a > 0 && b > 0 && Math.abs(a - b) < allowedRange * a) out[i] = a;
	}
	return out;
}

/** Step 4b: keeps a frame only if every frame within ±`halfWidth` is voiced (drops short runs). */
function erodeVoicedRuns(f0Hz: Float64Array, halfWidth: number): Float64Array {
	const frames = f0Hz.length;
	const out = new Float64Array(frames);
	let unvoicedUntil = -1; // index of the last unvoiced frame seen
	// Sliding window: frame i is kept when the last unvoiced frame up to i + halfWidth is before i − halfWidth.
	for (let j = 0; j < frames; j++) {
		if (!(f0Hz[j] > 0)) unvoicedUntil = j;
		const i = j - halfWidth;
		if (i >= halfWidth && unvoicedUntil < i - halfWidth) out[i] = f0Hz[i];
	}
	return out;
}

/**
 * The candidate at `frame` nearest to the f0 predicted linearly from the two frames before it
 * (`lastHz`, then `beforeLastHz`; 0 = none, which predicts 1.5 · lastHz), or 0 when the nearest is
 * more than `allowedRange` (relative) away from the prediction.
 */
function continueContour(candidates: Float64Array[], frame: number, lastHz: number, beforeLastHz: number, allowedRange: number): number {
	const predictedHz = 1.5 * lastHz - 0.5 * beforeLastHz;
	let best = 0;
	let bestError = Number.POSITIVE_INFINITY;
	for (let b = 0; b < candidates.length; b++) {
		const error = Math.abs(candidates[b][frame] - predictedHz);
		if (error < bestError) {
			bestError = error;
			best = candidates[b][frame];
		}
	}
	return Math.abs(1 - best / predictedHz) <= allowedRange ? best : 0;
}

/**
 * Step 4c: grows each voiced run forwards (up to the end of the next run), then each run backwards
 * (down to the start of the previous one), one frame at a time through the band candidate nearest to
 * the linear prediction from the two frames behind, stopping at the first frame without a match.
 */
function extendVoicedRuns(f0Hz: Float64Array, candidates: Float64Array[], allowedRange: number, out: Float64Array): void {
	const frames = f0Hz.length;
	out.set(f0Hz);
	const runs = voicedRuns(f0Hz);
	const starts = runs.map((run) => run[0]);
	const ends = runs.map((run) => run[1]);
	for (let r = 0; r < ends.length; r++) {
		const limit = r + 1 < ends.length ? ends[r + 1] : frames - 1;
		for (let j = ends[r]; j < limit; j++) {
			out[j + 1] = continueContour(candidates, j + 1, out[j], j > 0 ? out[j - 1] : 0, allowedRange);
			if (out[j + 1] === 0) break;
		}
	}
	for (let r = starts.length - 1; r >= 0; r--) {
		const limit = r > 0 ? starts[r - 1] : 0;
		for (let j = starts[r]; j > limit; j--) {
			out[j - 1] = continueContour(candidates, j - 1, out[j], j + 1 < frames ? out[j + 1] : 0, allowedRange);
			if (out[j - 1] === 0) break;
		}
	}
}
