/**
 * Mastering to a loudness target under a true-peak ceiling: a static gain, then the look-ahead
 * limiter of ./limiter driven by the true-peak envelope of ./true-peak, and both corrected by
 * measurement until the result meets the target.
 *
 * Why iterate: limiting removes loudness, more the harder it works, so the gain that reaches the
 * target after limiting is found by a safeguarded secant search on f(gain) = loudness(out) − target
 * (monotone in the gain); and a gain curve applied to a signal changes its inter-sample peaks a
 * little, so the output's true peak is measured with the meter and, if it is over the ceiling, the
 * limiter's internal ceiling is lowered by the excess and the search repeated. Loudness is
 * measured by BS.1770-4 (./loudness), the true peak by its Annex 2 (./true-peak).
 */

import { limiterGainCurve } from './limiter';
import { measureLoudness, type Lufs } from './loudness';
import { measureTruePeak, truePeakEnvelope, type Dbtp, type TruePeakOptions } from './true-peak';

export interface MasterOptions {
	/** Integrated loudness to reach (LUFS, −40 to −5). Default −14 (common streaming target). */
	targetLufs?: number;
	/** True-peak ceiling (dBTP, −12 to 0). Default −1 (EBU R 128 s1 / AES TD1004 advice for lossy delivery). */
	ceilingDbtp?: number;
	/** How close to the target the output must measure (LU, 0.01–0.2). Default 0.05. */
	toleranceLu?: number;
	/** Largest gain applied before the limiter (dB, 0–80). Default 48: quieter input is left short of the target. */
	maxGainDb?: number;
	/** Limiter look-ahead = attack ramp (s). Default 0.005. */
	lookaheadSeconds?: number;
	/** Limiter release time constant (s). Default 0.1. */
	releaseSeconds?: number;
	/** Loudness evaluations allowed per search. Default 20. */
	maxIterations?: number;
	/**
	 * Options of the true-peak meter used both as the limiter's detector and for the final check.
	 * Default: the meter's defaults with `refine: true` (crests refined between grid points), which
	 * reads at or above the plain BS.1770-4 Annex 2 measurement.
	 */
	truePeak?: TruePeakOptions;
}

export interface MasterReport {
	/** Integrated loudness of the input (LUFS). */
	inputLufs: Lufs;
	/** Integrated loudness of the output (LUFS). */
	outputLufs: Lufs;
	/** True peak of the output (dBTP), by the detector's meter (refined: at or above the plain Annex 2 reading). */
	truePeakDbtp: Dbtp;
	/** Static gain applied before the limiter (dB). */
	gainDb: number;
	/** Deepest gain reduction of the limiter (dB, ≥ 0). */
	maxReductionDb: number;
	/** Loudness evaluations made. */
	iterations: number;
	/** True when the output is within the tolerance of the target and at or under the ceiling. */
	converged: boolean;
}

export interface MasterResult {
	channels: Float32Array[];
	report: MasterReport;
}

/** Rounds of "measure the true peak, lower the internal ceiling by the excess, search again". */
const MAX_CEILING_ROUNDS = 6;
/** Extra headroom added to each ceiling correction (dB), so a round does not land a hair over again. */
const CEILING_CORRECTION_MARGIN_DB = 0.01;

function checkRange(name: string, value: number, min: number, max: number, unit: string): void {
	if (!(Number.isFinite(value) && value >= min && value <= max)) throw new RangeError(`${name} must be in [${min}, ${max}] ${unit}; got ${value}.`);
}

interface Rendered {
	channels: Float32Array[];
	loudness: Lufs;
	minGain: number;
}

/**
 * Masters mono or stereo `channels` at `sampleRate` (Hz) to `targetLufs` with true peaks at or
 * under `ceilingDbtp`; see the file comment. Digital silence (or audio under 400 ms) comes back
 * unchanged with converged = false.
 */
export function masterToLoudness(channels: readonly Float32Array[], sampleRate: number, options: MasterOptions = {}): MasterResult {
	const {
		targetLufs = -14,
		ceilingDbtp = -1,
		toleranceLu = 0.05,
		maxGainDb = 48,
		lookaheadSeconds = 0.005,
		releaseSeconds = 0.1,
		maxIterations = 20
	} = options;
	const truePeak: TruePeakOptions = { refine: true, ...options.truePeak };
	checkRange('targetLufs', targetLufs, -40, -5, 'LUFS');
	checkRange('ceilingDbtp', ceilingDbtp, -12, 0, 'dBTP');
	checkRange('toleranceLu', toleranceLu, 0.01, 0.2, 'LU');
	checkRange('maxGainDb', maxGainDb, 0, 80, 'dB');
	checkRange('maxIterations', maxIterations, 2, 100, 'evaluations');

	channels.forEach((ch, c) => {
		for (let i = 0; i < ch.length; i++) {
			if (!Number.isFinite(ch[i])) throw new RangeError(`samples must be finite numbers; channel ${c} holds ${ch[i]} at sample ${i}.`);
		}
	});
	const inputLufs = measureLoudness(channels, sampleRate).integratedLufs;
	if (!Number.isFinite(inputLufs)) {
		const copy = channels.map((ch) => ch.slice());
		const tp = measureTruePeak(copy, sampleRate, truePeak).truePeakDbtp;
		return { channels: copy, report: { inputLufs, outputLufs: inputLufs, truePeakDbtp: tp, gainDb: 0, maxReductionDb: 0, iterations: 0, converged: false } };
	}
	// The detector: the input's true-peak envelope, computed once (a static gain only scales it).
	const envelope = truePeakEnvelope(channels, sampleRate, truePeak);
	const length = envelope.length;

	let iterations = 0;
	const render = (gainDb: number, ceilingLinear: number): Rendered => {
		iterations++;
		const gain = 10 ** (gainDb / 20);
		const required = new Float32Array(length);
		for (let i = 0; i < length; i++) {
			const peak = gain * envelope[i];
			required[i] = peak > ceilingLinear ? ceilingLinear / peak : 1;
		}
		const curve = limiterGainCurve(required, sampleRate, { lookaheadSeconds, releaseSeconds });
		let minGain = 1;
		for (let i = 0; i < length; i++) if (curve[i] < minGain) minGain = curve[i];
		const out = channels.map((ch) => {
			const y = new Float32Array(length);
			for (let i = 0; i < length; i++) y[i] = gain * curve[i] * ch[i];
			return y;
		});
		return { channels: out, loudness: measureLoudness(out, sampleRate).integratedLufs, minGain };
	};

	/** Safeguarded secant search for the gain whose limited output measures the target. */
	const solve = (startDb: number, ceilingLinear: number): { gainDb: number; result: Rendered } => {
		let x0 = Math.min(maxGainDb, startDb);
		let r0 = render(x0, ceilingLinear);
		let f0 = r0.loudness - targetLufs;
		let best = { gainDb: x0, result: r0, error: Math.abs(f0) };
		// Bracket [lo, hi] with f(lo) < 0 < f(hi), widened as evaluations come in.
		let lo = f0 < 0 ? x0 : -Infinity;
		let hi = f0 > 0 ? x0 : Infinity;
		let x1 = Math.min(maxGainDb, x0 - f0);
		for (let k = 1; k < maxIterations && best.error > toleranceLu; k++) {
			if (x1 === x0) break; // at maxGainDb and still short: the target is out of reach
			const r1 = render(x1, ceilingLinear);
			const f1 = r1.loudness - targetLufs;
			if (Math.abs(f1) < best.error) best = { gainDb: x1, result: r1, error: Math.abs(f1) };
			if (f1 < 0) lo = Math.max(lo, x1);
			else hi = Math.min(hi, x1);
			// Secant step; fall back to bisection when it leaves the bracket or the slope is degenerate.
			const slope = (f1 - f0) / (x1 - x0);
			let next = slope > 1e-3 ? x1 - f1 / slope : x1 - f1;
			if (Number.isFinite(lo) && Number.isFinite(hi) && !(next > lo && next < hi)) next = (lo + hi) / 2;
			x0 = x1;
			f0 = f1;
			x1 = Math.min(maxGainDb, next);
		}
		return { gainDb: best.gainDb, result: best.result };
	};

	const ceilingLinear = 10 ** (ceilingDbtp / 20);
	let internalCeiling = ceilingLinear;
	let { gainDb, result } = solve(targetLufs - inputLufs, internalCeiling);
	let truePeakDbtp = measureTruePeak(result.channels, sampleRate, truePeak).truePeakDbtp;
	for (let round = 0; round < MAX_CEILING_ROUNDS && truePeakDbtp > ceilingDbtp; round++) {
		internalCeiling *= 10 ** (-(truePeakDbtp - ceilingDbtp + CEILING_CORRECTION_MARGIN_DB) / 20);
		({ gainDb, result } = solve(gainDb, internalCeiling));
		truePeakDbtp = measureTruePeak(result.channels, sampleRate, truePeak).truePeakDbtp;
	}
	const outputLufs = result.loudness;
	return {
		channels: result.channels,
		report: {
			inputLufs,
			outputLufs,
			truePeakDbtp,
			gainDb,
			maxReductionDb: -20 * Math.log10(result.minGain),
			iterations,
			converged: Math.abs(outputLufs - targetLufs) <= toleranceLu && truePeakDbtp <= ceilingDbtp
		}
	};
}
