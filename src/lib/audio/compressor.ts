/**
 * Feed-forward RMS compressor, after Giannoulis, Massberg & Reiss, "Digital dynamic range
 * compressor design — a tutorial and analysis", JAES 60(6), 2012:
 *
 *   - level detector: mean square by a one-pole average over `rmsSeconds`, in dB (RMS level);
 *   - gain computer with a soft knee of width `kneeDb` (their eq. 4): below the knee unity,
 *     above it the level rises 1/ratio dB per dB, a quadratic blend inside the knee;
 *   - gain smoothing in the dB domain with separate attack and release ("smooth branching",
 *     their §3.2), applied after the gain computer (their "log-domain, decoupled" placement);
 *   - make-up gain.
 *
 * Levels are dBFS RMS: a full-scale sine reads −3.01 dB.
 */

export interface CompressorOptions {
	/** RMS level where compression starts (dBFS, −80–0). Default −20. */
	thresholdDb?: number;
	/** Input dB per output dB above the threshold (1–100). Default 3. */
	ratio?: number;
	/** Time constant of the gain reduction growing (s, 0.0001–1). Default 0.01. */
	attackSeconds?: number;
	/** Time constant of the gain reduction recovering (s, 0.001–5). Default 0.12. */
	releaseSeconds?: number;
	/** Width of the soft knee centred on the threshold (dB, 0–24). Default 6. */
	kneeDb?: number;
	/** Gain added after compression (dB, −24–+24). Default 0. */
	makeupGainDb?: number;
	/** Averaging time of the RMS detector (s, 0.001–0.3). Default 0.02. */
	rmsSeconds?: number;
}

export interface CompressorResult {
	output: Float32Array;
	/** Deepest gain reduction applied (dB, ≥ 0; make-up gain not included). */
	maxReductionDb: number;
}

function checkRange(name: string, value: number, min: number, max: number, unit: string): void {
	if (!(Number.isFinite(value) && value >= min && value <= max)) throw new RangeError(`${name} must be in [${min}, ${max}] ${unit}; got ${value}.`);
}

/** The static curve: gain change (dB, ≤ 0) for an input level `levelDb` (Giannoulis et al. 2012, eq. 4). */
export function compressorGainDb(levelDb: number, thresholdDb: number, ratio: number, kneeDb: number): number {
	const over = levelDb - thresholdDb;
	if (2 * over <= -kneeDb) return 0;
	if (2 * Math.abs(over) < kneeDb) return ((1 / ratio - 1) * (over + kneeDb / 2) ** 2) / (2 * kneeDb);
	return (1 / ratio - 1) * over;
}

/** Compresses the mono signal `x` at `sampleRate` (Hz); see the file comment. */
export function compress(x: Float32Array, sampleRate: number, options: CompressorOptions = {}): CompressorResult {
	const {
		thresholdDb = -20,
		ratio = 3,
		attackSeconds = 0.01,
		releaseSeconds = 0.12,
		kneeDb = 6,
		makeupGainDb = 0,
		rmsSeconds = 0.02
	} = options;
	checkRange('sampleRate', sampleRate, 1000, 1_000_000, 'Hz');
	checkRange('thresholdDb', thresholdDb, -80, 0, 'dBFS');
	checkRange('ratio', ratio, 1, 100, '');
	checkRange('attackSeconds', attackSeconds, 0.0001, 1, 's');
	checkRange('releaseSeconds', releaseSeconds, 0.001, 5, 's');
	checkRange('kneeDb', kneeDb, 0, 24, 'dB');
	checkRange('makeupGainDb', makeupGainDb, -24, 24, 'dB');
	checkRange('rmsSeconds', rmsSeconds, 0.001, 0.3, 's');

	const detector = 1 - Math.exp(-1 / (rmsSeconds * sampleRate));
	const attack = Math.exp(-1 / (attackSeconds * sampleRate));
	const release = Math.exp(-1 / (releaseSeconds * sampleRate));
	const output = new Float32Array(x.length);
	let meanSquare = 0;
	let smoothedDb = 0;
	let deepest = 0;
	for (let n = 0; n < x.length; n++) {
		meanSquare += detector * (x[n] * x[n] - meanSquare);
		const levelDb = 10 * Math.log10(meanSquare + 1e-30);
		const targetDb = compressorGainDb(levelDb, thresholdDb, ratio, kneeDb);
		// More reduction (a more negative gain) follows the attack constant, less the release one.
		const coefficient = targetDb < smoothedDb ? attack : release;
		smoothedDb = coefficient * smoothedDb + (1 - coefficient) * targetDb;
		if (smoothedDb < deepest) deepest = smoothedDb;
		output[n] = x[n] * 10 ** ((smoothedDb + makeupGainDb) / 20);
	}
	return { output, maxReductionDb: -deepest };
}
