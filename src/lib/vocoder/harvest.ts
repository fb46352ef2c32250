/**
 * Harvest: a robust f0 estimator (Morise, "Harvest: A high-performance fundamental frequency
 * estimator from speech signals", Interspeech 2017). Two stages:
 *
 * 1. F0 candidates (Sec. 2.1–2.2). Band-pass filters (Nuttall windows modulated to their centre
 *    frequency; 40 per octave) extract the fundamental component: a band whose centre is near f0
 *    outputs a near-sinusoid at f0. The windows are three periods of the centre long, so that a strong
 *    second harmonic (common in singing) is 35 dB down rather than 14 dB with two periods. Per band and frame the four event intervals (zero
 *    crossings both ways, peaks, dips) give a basic f0, kept when it lies within ±10 % of the band
 *    centre. A true f0 is found by a run of adjacent bands; each long enough run gives one candidate.
 *    Candidates are shared with the neighbouring frames (overlap), refined by the instantaneous
 *    frequencies of the harmonics, scored by how well the harmonics agree, and dropped when no
 *    candidate in an adjacent frame is close (they are temporally local noise).
 * 2. Contour (Sec. 2.3). The best candidate per frame, with abrupt jumps and short voiced runs
 *    removed; the remaining runs are connected through the candidates that continue them (an f0
 *    contour does not jump within a few milliseconds), short gaps are bridged, and the contour is
 *    smoothed. The analysis runs on a 1 ms grid, sampled at the requested frame period at the end.
 */
import { BlockSpectra, CosineWindowResponse, decimate, decimationFor, NUTTALL_COEFFICIENTS, nuttallMainLobeRad, periodsLength } from './f0-filters';
import { checkF0Range, toSignal } from './analysis-input';
import { HarmonicAnalyzer } from './harmonic-if';
import { IntervalF0 } from './interval-f0';
import { frameCountOf, type F0Contour } from './types';
import { voicedRuns } from './voiced-runs';

export interface HarvestOptions {
	/** Seconds between output frames. Default 0.005. */
	framePeriodSeconds?: number;
	/** Lowest f0 searched, Hz. Default 71. */
	f0FloorHz?: number;
	/** Highest f0 searched, Hz. Default 800. */
	f0CeilHz?: number;
}

/** Band-pass filters per octave. */
const CHANNELS_IN_OCTAVE = 40;
/** Length of the band-pass filters' Nuttall windows, in periods of the band centre. */
const BAND_PERIODS = 3;
/** A band's basic f0 counts when within this fraction of the band centre. */
const BAND_TOLERANCE = 0.1;
/** Internal frame period, seconds. */
const BASIC_FRAME_PERIOD = 0.001;
/** The analysis runs at about this rate (fs divided by an integer). */
const TARGET_RATE_HZ = 8000;
/** Adjacent bands that must agree on an f0 for it to become a candidate. */
const MIN_RUN_BANDS = 10;
/** Candidates of frames up to this many frames away are refined in each frame too. */
const OVERLAP_FRAMES = 3;
/** Most candidates kept per frame from the band runs, and after the overlap. */
const MAX_OFFICIAL = 8;
const MAX_POOLED = 24;
/** Refinement that moves a candidate by more than this fraction rejects it. */
const MAX_REFINE_SHIFT = 0.1;
/** Harmonics used to refine a candidate. */
const REFINE_HARMONICS = 6;
/** Lowest score (1 / mean relative disagreement of the harmonics) a refined candidate needs. */
const MIN_SCORE = 2.5;
/** A candidate needs one in an adjacent frame within this relative distance. */
const NEIGHBOUR_TOLERANCE = 0.05;
/** Largest relative f0 change between adjacent 1 ms frames kept as continuous. */
const STEP_TOLERANCE = 0.008;
/** Relative distance from the contour within which a candidate continues it. */
const CONNECT_TOLERANCE = 0.05;
/** Frames a contour may go on without a continuing candidate before it ends. */
const CONNECT_MAX_GAP = 10;
/** Corner frequency of the contour smoothing, Hz (vibrato, at 5–8 Hz, passes untouched). */
const SMOOTHING_CUTOFF_HZ = 20;
/** Unvoiced gaps of at most this many frames between voiced runs are bridged. */
const BRIDGE_FRAMES = 9;

/** f0 contour of `x` (sampled at `fs` Hz) on frames i · framePeriodSeconds; 0 marks unvoiced frames. */
export function harvest(x: ArrayLike<number>, fs: number, options: HarvestOptions = {}): F0Contour {
	const framePeriodSeconds = options.framePeriodSeconds ?? 0.005;
	const f0FloorHz = options.f0FloorHz ?? 71;
	const f0CeilHz = options.f0CeilHz ?? 800;
	checkF0Range(fs, f0FloorHz, f0CeilHz, framePeriodSeconds);
	const frames = frameCountOf(x.length, fs, framePeriodSeconds);
	const f0Hz = new Float64Array(frames);
	const signal = toSignal(x);
	if (signal.length === 0) return { framePeriodSeconds, f0Hz };

	// Band centres reach 10 % beyond the search range so that its ends are covered by full runs.
	const lowestCentreHz = f0FloorHz / (1 + BAND_TOLERANCE);
	const highestCentreHz = f0CeilHz / (1 - BAND_TOLERANCE);
	const bandCount = Math.ceil(Math.log2(highestCentreHz / lowestCentreHz) * CHANNELS_IN_OCTAVE) + 1;
	const centresHz = new Float64Array(bandCount);
	for (let b = 0; b < bandCount; b++) centresHz[b] = lowestCentreHz * 2 ** (b / CHANNELS_IN_OCTAVE);

	// The band outputs hold nothing above three times the highest centre.
	const factor = Math.max(1, Math.min(Math.floor(fs / TARGET_RATE_HZ), Math.floor(fs / (8 * highestCentreHz))));
	const rateHz = fs / factor;
	const analysed = decimate(signal, fs, factor, Math.min(0.45 * rateHz, 3 * highestCentreHz));

	const basicFrames = frameCountOf(signal.length, fs, BASIC_FRAME_PERIOD);
	const raw = basicBandF0(analysed, rateHz, centresHz, basicFrames, f0FloorHz, f0CeilHz);
	const candidates = officialCandidates(raw, bandCount, basicFrames);
	const pool = overlapCandidates(candidates, basicFrames);
	const scored = refineCandidates(pool, analysed, rateHz, f0FloorHz, f0CeilHz);
	removeIsolatedCandidates(scored);
	const contour = connectContour(scored, f0FloorHz);
	smoothContour(contour);
	for (let i = 0; i < frames; i++) {
		const j = Math.min(basicFrames - 1, Math.round((i * framePeriodSeconds) / BASIC_FRAME_PERIOD));
		// Bridging and smoothing may overshoot the search range by a hair.
		f0Hz[i] = contour[j] > 0 ? Math.min(f0CeilHz, Math.max(f0FloorHz, contour[j])) : 0;
	}
	return { framePeriodSeconds, f0Hz };
}

/**
 * Per 1 ms frame and band (row-major frames × bands), the band's basic f0 in Hz, or 0 where the
 * band's interval f0 is not within ±10 % of its centre (or outside the search range).
 */
function basicBandF0(signal: Float64Array, rateHz: number, centresHz: Float64Array, frames: number, f0FloorHz: number, f0CeilHz: number): Float32Array {
	const bands = centresHz.length;
	const out = new Float32Array(frames * bands);
	const longest = periodsLength(rateHz, centresHz[0], BAND_PERIODS);
	const maxDecimation = 16;
	const spectra = new BlockSpectra(signal, (longest - 1) / 2, maxDecimation);
	const n = spectra.blockSize;
	const estimator = new IntervalF0(frames);
	const mean = new Float64Array(frames);
	const spread = new Float64Array(frames);
	const gain = new Float64Array(n / 2 + 1);
	const dTheta = (2 * Math.PI) / n;
	for (let b = 0; b < bands; b++) {
		const centreHz = centresHz[b];
		const length = periodsLength(rateHz, centreHz, BAND_PERIODS);
		const window = new CosineWindowResponse(NUTTALL_COEFFICIENTS, length);
		const norm = 1 / window.at(0);
		const centreRad = (2 * Math.PI * centreHz) / rateHz;
		// Modulating the window by cos(θc u) shifts its response to ±θc; beyond the main lobe it is ~0.
		const edgeRad = centreRad + nuttallMainLobeRad(length);
		const bins = Math.min(n / 2, Math.ceil(edgeRad / dTheta) + 1);
		for (let k = 0; k < bins; k++) {
			const theta = k * dTheta;
			gain[k] = (window.at(theta - centreRad) + window.at(theta + centreRad)) * norm;
		}
		const contentHz = (bins / n) * rateHz;
		const decimation = decimationFor(rateHz, Math.max(8 * centreHz, 2.2 * contentHz), Math.min(maxDecimation, n / (2 * bins)));
		const y = spectra.filtered(gain, bins, decimation);
		estimator.estimate(y, rateHz / decimation, BASIC_FRAME_PERIOD, mean, spread);
		const lowHz = Math.max(centreHz * (1 - BAND_TOLERANCE), f0FloorHz);
		const highHz = Math.min(centreHz * (1 + BAND_TOLERANCE), f0CeilHz);
		for (let f = 0; f < frames; f++) {
			const m = mean[f];
			if (m >= lowHz && m <= highHz) out[f * bands + b] = m;
		}
	}
	return out;
}

/** Up to `slots` candidates per frame, row-major (0 = empty slot), with scores once refined. */
interface CandidateTable {
	frames: number;
	slots: number;
	f0Hz: Float64Array;
	score: Float64Array;
}

function newTable(frames: number, slots: number): CandidateTable {
	return { frames, slots, f0Hz: new Float64Array(frames * slots), score: new Float64Array(frames * slots) };
}

/** One candidate per run of ≥ MIN_RUN_BANDS adjacent bands with a basic f0: the run's mean. */
function officialCandidates(raw: Float32Array, bands: number, frames: number): CandidateTable {
	const slots = MAX_OFFICIAL;
	const table = newTable(frames, slots);
	for (let f = 0; f < frames; f++) {
		const row = f * bands;
		let count = 0;
		let runLength = 0;
		let runSum = 0;
		for (let b = 0; b <= bands; b++) {
			const v = b < bands ? raw[row + b] : 0;
			if (v > 0) {
				runLength++;
				runSum += v;
				continue;
			}
			if (runLength >= MIN_RUN_BANDS && count < slots) table.f0Hz[f * slots + count++] = runSum / runLength;
			runLength = 0;
			runSum = 0;
		}
	}
	return table;
}

/** Each frame's candidates plus those of the frames within ±OVERLAP_FRAMES (near-duplicates merged). */
function overlapCandidates(table: CandidateTable, frames: number): CandidateTable {
	const slots = MAX_POOLED;
	const out = newTable(frames, slots);
	for (let f = 0; f < frames; f++) {
		let count = 0;
		// Own frame first, then outwards, so that a full pool drops the farthest.
		for (let d = 0; d <= 2 * OVERLAP_FRAMES; d++) {
			const g = f + (d % 2 ? (d + 1) / 2 : -d / 2);
			if (g < 0 || g >= frames) continue;
			for (let s = 0; s < table.slots; s++) {
				const c = table.f0Hz[g * table.slots + s];
				if (!(c > 0)) continue;
				let duplicate = false;
				for (let t = 0; t < count; t++) {
					if (Math.abs(out.f0Hz[f * slots + t] - c) < 0.01 * c) {
						duplicate = true;
						break;
					}
				}
				if (!duplicate && count < slots) out.f0Hz[f * slots + count++] = c;
			}
		}
	}
	return out;
}

/**
 * Refines every candidate at its frame by the harmonics' instantaneous frequencies (as StoneMask) and
 * scores it by 1 / (amplitude-weighted mean of |IF_k / k − f0| / f0); rejects candidates that leave
 * the search range, move more than MAX_REFINE_SHIFT, or score below MIN_SCORE.
 */
function refineCandidates(table: CandidateTable, signal: Float64Array, rateHz: number, f0FloorHz: number, f0CeilHz: number): CandidateTable {
	const analyzer = new HarmonicAnalyzer(signal, rateHz);
	const out = newTable(table.frames, table.slots);
	for (let f = 0; f < table.frames; f++) {
		const centre = Math.round(f * BASIC_FRAME_PERIOD * rateHz);
		for (let s = 0; s < table.slots; s++) {
			const i = f * table.slots + s;
			const c = table.f0Hz[i];
			if (!(c > 0)) continue;
			const halfLength = Math.floor((1.5 * rateHz) / c + 1);
			const harmonics = Math.min(REFINE_HARMONICS, Math.floor((0.45 * rateHz) / c));
			if (harmonics < 1) continue;
			analyzer.analyse(centre, halfLength, c, harmonics);
			let numerator = 0;
			let denominator = 0;
			let amplitudeSum = 0;
			for (let k = 0; k < harmonics; k++) {
				numerator += analyzer.amplitude[k] * analyzer.frequencyHz[k];
				denominator += analyzer.amplitude[k] * (k + 1);
				amplitudeSum += analyzer.amplitude[k];
			}
			const refined = numerator / denominator;
			if (!(refined >= f0FloorHz && refined <= f0CeilHz) || Math.abs(refined - c) > MAX_REFINE_SHIFT * c) continue;
			let disagreement = 0;
			for (let k = 0; k < harmonics; k++) {
				disagreement += analyzer.amplitude[k] * Math.abs(analyzer.frequencyHz[k] / (k + 1) - refined);
			}
			const score = (amplitudeSum * refined) / (disagreement + 1e-12 * amplitudeSum * refined);
			if (!(score >= MIN_SCORE)) continue;
			out.f0Hz[i] = refined;
			out.score[i] = score;
		}
	}
	return out;
}

/** Relative distance from `f0` to the nearest candidate of frame `g` (∞ if none). */
function nearestDistance(table: CandidateTable, g: number, f0: number): number {
	let best = Number.POSITIVE_INFINITY;
	if (g < 0 || g >= table.frames) return best;
	for (let s = 0; s < table.slots; s++) {
		const c = table.f0Hz[g * table.slots + s];
		if (c > 0) best = Math.min(best, Math.abs(c - f0) / f0);
	}
	return best;
}

/** Drops candidates with no close candidate in either adjacent frame (temporally local noise). */
function removeIsolatedCandidates(table: CandidateTable): void {
	const keep = new Uint8Array(table.f0Hz.length);
	for (let f = 0; f < table.frames; f++) {
		for (let s = 0; s < table.slots; s++) {
			const c = table.f0Hz[f * table.slots + s];
			if (!(c > 0)) continue;
			if (Math.min(nearestDistance(table, f - 1, c), nearestDistance(table, f + 1, c)) <= NEIGHBOUR_TOLERANCE) keep[f * table.slots + s] = 1;
		}
	}
	for (let i = 0; i < keep.length; i++) {
		if (!keep[i]) {
			table.f0Hz[i] = 0;
			table.score[i] = 0;
		}
	}
}

/** The candidate of frame `f` nearest to `referenceHz` within `tolerance` (relative), or 0. */
function nearestCandidate(table: CandidateTable, f: number, referenceHz: number, tolerance: number): number {
	let best = 0;
	let bestError = tolerance;
	for (let s = 0; s < table.slots; s++) {
		const c = table.f0Hz[f * table.slots + s];
		if (!(c > 0)) continue;
		const error = Math.abs(c - referenceHz) / referenceHz;
		if (error <= bestError) {
			bestError = error;
			best = c;
		}
	}
	return best;
}

/** Stage 2: the f0 contour on the 1 ms grid from the scored candidates. */
function connectContour(table: CandidateTable, f0FloorHz: number): Float64Array {
	const frames = table.frames;
	// Best-scoring candidate per frame.
	const base = new Float64Array(frames);
	for (let f = 0; f < frames; f++) {
		let bestScore = 0;
		for (let s = 0; s < table.slots; s++) {
			const i = f * table.slots + s;
			if (table.f0Hz[i] > 0 && table.score[i] > bestScore) {
				bestScore = table.score[i];
				base[f] = table.f0Hz[i];
			}
		}
	}
	// Abrupt jumps between adjacent frames are not an f0 contour.
	const steady = new Float64Array(frames);
	for (let f = 1; f < frames; f++) {
		const a = base[f];
		const b = base[f - 1];
		if (a > 0 && b > 0 && Math.abs(a - b) <= STEP_TOLERANCE * a) steady[f] = a;
	}
	// Voiced runs shorter than about two periods of the floor are dropped.
	const minRun = 2 * Math.round(1 / (BASIC_FRAME_PERIOD * f0FloorHz)) + 1;
	const runs = voicedRuns(steady);
	for (const [start, end] of runs) if (end - start + 1 < minRun) steady.fill(0, start, end + 1);
	// Runs grow in both directions through the candidates that continue them.
	const contour = Float64Array.from(steady);
	for (const direction of [1, -1]) {
		const source = Float64Array.from(contour);
		for (let f = 0; f < frames; f++) {
			const next = f + direction;
			if (!(source[f] > 0) || next < 0 || next >= frames || source[next] > 0) continue;
			let reference = source[f];
			let gap = 0;
			for (let g = next; g >= 0 && g < frames; g += direction) {
				if (source[g] > 0) break;
				const c = nearestCandidate(table, g, reference, CONNECT_TOLERANCE);
				if (c > 0) {
					contour[g] = c;
					reference = c;
					gap = 0;
				} else if (++gap > CONNECT_MAX_GAP) {
					break;
				}
			}
		}
	}
	bridgeGaps(contour, BRIDGE_FRAMES);
	return contour;
}

/** Fills unvoiced gaps of at most `maxGap` frames between voiced frames, geometrically interpolated. */
function bridgeGaps(f0Hz: Float64Array, maxGap: number): void {
	const runs = voicedRuns(f0Hz);
	for (let r = 1; r < runs.length; r++) {
		const from = runs[r - 1][1];
		const to = runs[r][0];
		if (to - from - 1 > maxGap) continue;
		const a = Math.log(f0Hz[from]);
		const b = Math.log(f0Hz[to]);
		for (let g = from + 1; g < to; g++) f0Hz[g] = Math.exp(a + ((b - a) * (g - from)) / (to - from));
	}
}

/**
 * Zero-phase smoothing of each voiced run: a second-order Butterworth low-pass run forwards and
 * backwards, which removes frame-to-frame jitter of the candidates but keeps vibrato.
 */
function smoothContour(f0Hz: Float64Array): void {
	const cutoffHz = SMOOTHING_CUTOFF_HZ;
	const k = Math.tan((Math.PI * cutoffHz * BASIC_FRAME_PERIOD));
	const norm = 1 / (1 + Math.SQRT2 * k + k * k);
	const b0 = k * k * norm;
	const b1 = 2 * b0;
	const a1 = 2 * (k * k - 1) * norm;
	const a2 = (1 - Math.SQRT2 * k + k * k) * norm;
	for (const [start, end] of voicedRuns(f0Hz)) {
		const length = end - start + 1;
		// Pad with the end values so the filter starts and ends settled.
		const pad = 32;
		const buffer = new Float64Array(length + 2 * pad);
		for (let i = 0; i < buffer.length; i++) buffer[i] = f0Hz[Math.min(end, Math.max(start, start + i - pad))];
		for (const pass of [0, 1]) {
			let x1 = buffer[pass ? buffer.length - 1 : 0];
			let x2 = x1;
			let y1 = x1;
			let y2 = x1;
			for (let n = 0; n < buffer.length; n++) {
				const i = pass ? buffer.length - 1 - n : n;
				const x0 = buffer[i];
				const y0 = b0 * x0 + b1 * x1 + b0 * x2 - a1 * y1 - a2 * y2;
				x2 = x1;
				x1 = x0;
				y2 = y1;
				y1 = y0;
				buffer[i] = y0;
			}
		}
		for (let i = 0; i < length; i++) f0Hz[start + i] = buffer[pad + i];
	}
}
