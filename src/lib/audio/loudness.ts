/**
 * Programme loudness by ITU-R BS.1770-4 Annex 1 ("LKFS", called LUFS by EBU R 128 — the same unit),
 * with the momentary (400 ms) and short-term (3 s) maxima of EBU Tech 3341 ("EBU Mode").
 *
 * Each channel is K-weighted (./k-weighting), its energy summed over 100 ms sub-blocks, and the
 * gating blocks of 400 ms with 75 % overlap are built from four consecutive sub-blocks (§2.3, eq. 3).
 * A block's loudness is l_j = −0.691 + 10·log10(Σ_c G_c·z_cj) (eq. 4) with G = 1 for left, right
 * or a single channel (mono is measured as one channel, as the Recommendation defines it; it is
 * not doubled as "dual mono"). Gating (eq. 5–7): blocks above the absolute gate of −70 LKFS set a
 * relative gate 10 LU below their mean loudness; the integrated loudness is the mean over blocks
 * above both gates. Only complete blocks count; a signal shorter than 400 ms measures −∞.
 */

import { kWeightedSegmentEnergy } from './k-weighting';

/** Loudness unit: LUFS (= LKFS), 1 LU = 1 dB. −∞ for digital silence. */
export type Lufs = number;

export interface LoudnessReport {
	/** Gated integrated loudness, BS.1770-4 (LUFS); −∞ if no block passes the gates. */
	integratedLufs: Lufs;
	/** Largest momentary loudness (400 ms window, every 100 ms), EBU Tech 3341 (LUFS). */
	momentaryMaxLufs: Lufs;
	/** Largest short-term loudness (3 s window, every 100 ms); −∞ if the signal is under 3 s (LUFS). */
	shortTermMaxLufs: Lufs;
	/** The relative gate that was applied (LUFS); −∞ when no block passed the absolute gate. */
	relativeGateLufs: Lufs;
	/** Number of complete 400 ms gating blocks, and how many passed both gates. */
	blockCount: number;
	gatedBlockCount: number;
}

export interface LoudnessOptions {
	/** Absolute gate Γa (LUFS). Default −70 (BS.1770-4 §2.3). */
	absoluteGateLufs?: number;
	/** Relative gate below the absolute-gated loudness (LU). Default 10 (BS.1770-4 §2.3). */
	relativeGateLu?: number;
}

/** −0.691 dB cancels the K-filter's gain at 1 kHz, so a 1 kHz sine reads its RMS level (eq. 2). */
const K_WEIGHTING_OFFSET_DB = -0.691;
/** Sub-block (gating step) length: 400 ms blocks with 75 % overlap step by 100 ms. */
const STEP_SECONDS = 0.1;
const MOMENTARY_STEPS = 4;
const SHORT_TERM_STEPS = 30;

export const MIN_SAMPLE_RATE = 8000;
export const MAX_SAMPLE_RATE = 384000;

/** Validates channels (1 or 2, equal length, Float32Array) and the rate; shared by the meters. */
export function checkChannels(channels: readonly Float32Array[], sampleRate: number, maxChannels = 2): number {
	if (!(Number.isFinite(sampleRate) && sampleRate >= MIN_SAMPLE_RATE && sampleRate <= MAX_SAMPLE_RATE)) {
		throw new RangeError(`sampleRate must be in [${MIN_SAMPLE_RATE}, ${MAX_SAMPLE_RATE}] Hz; got ${sampleRate}.`);
	}
	if (channels.length < 1 || channels.length > maxChannels) {
		throw new RangeError(`expected 1 to ${maxChannels} channels; got ${channels.length}.`);
	}
	const length = channels[0].length;
	for (const ch of channels) {
		if (ch.length !== length) throw new RangeError(`channels must have equal lengths; got ${channels.map((c) => c.length).join(' and ')} samples.`);
	}
	return length;
}

const toLufs = (meanSquare: number): Lufs => K_WEIGHTING_OFFSET_DB + 10 * Math.log10(meanSquare);

/** Measures `channels` (mono or stereo, `sampleRate` Hz) by BS.1770-4; see the file comment. */
export function measureLoudness(channels: readonly Float32Array[], sampleRate: number, options: LoudnessOptions = {}): LoudnessReport {
	const { absoluteGateLufs = -70, relativeGateLu = 10 } = options;
	if (!Number.isFinite(absoluteGateLufs)) throw new RangeError(`absoluteGateLufs must be finite; got ${absoluteGateLufs}.`);
	if (!(relativeGateLu >= 0 && relativeGateLu <= 60)) throw new RangeError(`relativeGateLu must be in [0, 60] LU; got ${relativeGateLu}.`);
	const length = checkChannels(channels, sampleRate);

	// Sub-block boundaries at round(k · 100 ms): exact for rates that are multiples of 10 Hz and
	// within half a sample otherwise.
	const stepCount = Math.floor(length / (STEP_SECONDS * sampleRate) + 1e-9);
	const boundaries: number[] = [];
	for (let k = 0; k <= stepCount; k++) boundaries.push(Math.min(length, Math.round(k * STEP_SECONDS * sampleRate)));
	// Energy per sub-block summed over channels (all G_c = 1).
	const energy = new Float64Array(stepCount);
	for (const ch of channels) {
		const e = kWeightedSegmentEnergy(ch, sampleRate, boundaries);
		for (let k = 0; k < stepCount; k++) energy[k] += e[k];
	}
	// Prefix sums make every window one subtraction.
	const cumulative = new Float64Array(stepCount + 1);
	for (let k = 0; k < stepCount; k++) cumulative[k + 1] = cumulative[k] + energy[k];
	const windowMeanSquare = (first: number, steps: number) =>
		(cumulative[first + steps] - cumulative[first]) / (boundaries[first + steps] - boundaries[first]);

	const blockCount = Math.max(0, stepCount - MOMENTARY_STEPS + 1);
	const blockPower = new Float64Array(blockCount);
	let momentaryMax = 0;
	for (let j = 0; j < blockCount; j++) {
		blockPower[j] = windowMeanSquare(j, MOMENTARY_STEPS);
		momentaryMax = Math.max(momentaryMax, blockPower[j]);
	}
	let shortTermMax = 0;
	for (let j = 0; j + SHORT_TERM_STEPS <= stepCount; j++) shortTermMax = Math.max(shortTermMax, windowMeanSquare(j, SHORT_TERM_STEPS));

	// Gates compared in the power domain: l_j > Γ ⇔ z_j > 10^((Γ + 0.691)/10).
	const absolutePower = 10 ** ((absoluteGateLufs - K_WEIGHTING_OFFSET_DB) / 10);
	let sum = 0;
	let count = 0;
	for (let j = 0; j < blockCount; j++) {
		if (blockPower[j] > absolutePower) {
			sum += blockPower[j];
			count++;
		}
	}
	let relativeGateLufs = -Infinity;
	let integrated = 0;
	let gatedBlockCount = 0;
	if (count > 0) {
		relativeGateLufs = toLufs(sum / count) - relativeGateLu;
		const relativePower = 10 ** ((relativeGateLufs - K_WEIGHTING_OFFSET_DB) / 10);
		let gatedSum = 0;
		for (let j = 0; j < blockCount; j++) {
			if (blockPower[j] > absolutePower && blockPower[j] > relativePower) {
				gatedSum += blockPower[j];
				gatedBlockCount++;
			}
		}
		integrated = gatedBlockCount > 0 ? gatedSum / gatedBlockCount : 0;
	}
	return {
		integratedLufs: toLufs(integrated),
		momentaryMaxLufs: toLufs(momentaryMax),
		shortTermMaxLufs: toLufs(shortTermMax),
		relativeGateLufs,
		blockCount,
		gatedBlockCount
	};
}
