/**
 * Gain staging: each signal is brought to a reference level where it enters a stage, so what a
 * stage does never depends on how loud the user's microphone was (a take may peak anywhere from
 * −40 to 0 dBFS). Audio is Float32 inside the studio, so a gain above full scale does not clip here;
 * the mastering limiter sets the final ceiling.
 *
 * - The take's spans (hum, reading) to a reference peak before pitch analysis and voice learning:
 *   the pitch tracker's silence gate and the voice's unit levels are absolute, in dBFS.
 * - The sung vocal to a reference loudness before the vocal chain, whose compressor threshold is
 *   absolute (−20 dBFS).
 * - The stems' balance gains, kept inside what the stem mixer accepts.
 */
import { measureLoudness } from './loudness';
import { STEM_GAIN_RANGE_DB } from './mix-stems';

export interface PeakStagingOptions {
	/** Peak the signal is scaled to (dBFS, −30 to 0). Default −6. */
	targetPeakDbfs?: number;
	/** Largest boost (dB, 0–80). Default 60: a take refused as silent peaks under −60 dBFS. */
	maxBoostDb?: number;
}

export interface LoudnessStagingOptions {
	/** Integrated loudness the signal is scaled to (LUFS, −40 to −5). Default −18 (a usual vocal track level). */
	targetLufs?: number;
	/** Largest boost (dB, 0–80). Default 60. */
	maxBoostDb?: number;
	/** Largest cut (dB, 0–80). Default 40. */
	maxCutDb?: number;
}

export interface Staged {
	signal: Float32Array;
	/** Gain applied (dB); 0 for digital silence, which is returned as is. */
	gainDb: number;
}

function checkRange(name: string, value: number, min: number, max: number, unit: string): void {
	if (!(Number.isFinite(value) && value >= min && value <= max)) throw new RangeError(`${name} must be in [${min}, ${max}] ${unit}; got ${value}.`);
}

/** `x` scaled by `gainDb` (a new array), or `x` itself when the gain is 0 dB. */
export function applyGainDb(x: Float32Array, gainDb: number): Float32Array {
	if (gainDb === 0) return x;
	const gain = 10 ** (gainDb / 20);
	const y = new Float32Array(x.length);
	for (let i = 0; i < x.length; i++) y[i] = gain * x[i];
	return y;
}

/** Largest |x| (linear, 1 = full scale). */
export function samplePeak(x: Float32Array): number {
	let peak = 0;
	for (let i = 0; i < x.length; i++) {
		const a = Math.abs(x[i]);
		if (a > peak) peak = a;
	}
	return peak;
}

/** Scales `x` so its sample peak is `targetPeakDbfs` (boost capped at `maxBoostDb`). */
export function stageToPeak(x: Float32Array, options: PeakStagingOptions = {}): Staged {
	const { targetPeakDbfs = -6, maxBoostDb = 60 } = options;
	checkRange('targetPeakDbfs', targetPeakDbfs, -30, 0, 'dBFS');
	checkRange('maxBoostDb', maxBoostDb, 0, 80, 'dB');
	const peak = samplePeak(x);
	if (!(peak > 0)) return { signal: x, gainDb: 0 };
	const gainDb = Math.min(maxBoostDb, targetPeakDbfs - 20 * Math.log10(peak));
	return { signal: applyGainDb(x, gainDb), gainDb };
}

/**
 * Scales the mono `x` at `sampleRate` (Hz) to `targetLufs` integrated (BS.1770-4, gated), the gain
 * limited to [−maxCutDb, +maxBoostDb]. Audio too short or quiet to measure is returned as is.
 */
export function stageToLoudness(x: Float32Array, sampleRate: number, options: LoudnessStagingOptions = {}): Staged {
	const { targetLufs = -18, maxBoostDb = 60, maxCutDb = 40 } = options;
	checkRange('targetLufs', targetLufs, -40, -5, 'LUFS');
	checkRange('maxBoostDb', maxBoostDb, 0, 80, 'dB');
	checkRange('maxCutDb', maxCutDb, 0, 80, 'dB');
	const measured = measureLoudness([x], sampleRate).integratedLufs;
	if (!Number.isFinite(measured)) return { signal: x, gainDb: 0 };
	const gainDb = Math.max(-maxCutDb, Math.min(maxBoostDb, targetLufs - measured));
	return { signal: applyGainDb(x, gainDb), gainDb };
}

/**
 * The gain of a stem in the mix (dB): from its measured loudness to its reference loudness, then
 * the user's fader, kept inside the stem mixer's range. An unmeasurable stem (silence) gets only the fader.
 */
export function balanceGainDb(measuredLufs: number, referenceLufs: number, faderDb: number): number {
	const toReference = Number.isFinite(measuredLufs) ? referenceLufs - measuredLufs : 0;
	const gainDb = toReference + (Number.isFinite(faderDb) ? faderDb : 0);
	return Math.max(STEM_GAIN_RANGE_DB.min, Math.min(STEM_GAIN_RANGE_DB.max, gainDb));
}
