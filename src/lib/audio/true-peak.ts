/**
 * True-peak level by ITU-R BS.1770-4 Annex 2: oversample, take absolute values, keep the maximum,
 * report in dBTP (dB relative to full scale of the reconstructed waveform, not of the samples).
 *
 * Oversampling is ×4 below 88.2 kHz and ×2 from 88.2 kHz up (Annex 2 §1 asks for at least ×4 at
 * 48 kHz; the higher rates already carry the band to be reconstructed). The interpolator is a
 * polyphase FIR designed here, a Kaiser-windowed sinc (Kaiser, "Nonrecursive digital filter design
 * using the I0-sinh window function", 1974) with its cut-off at the input Nyquist frequency:
 * phase 0 is then the identity (the sinc's zeros fall on the input samples), so the sample peak
 * is always part of the reading. Each phase is scaled to unit DC gain. With the defaults (64 taps
 * per phase, 70 dB stopband) the transition band is fs/2 ± 0.034·fs, so the pass band is flat
 * within ~0.005 dB up to 0.466·fs (20.5 kHz at 44.1 kHz). The Annex 2 example filter has 12 taps
 * per phase and a wider transition. Content in the transition band (the last ~1.5 kHz below
 * Nyquist) is where any finite interpolator is uncertain: longer filters reconstruct more of it.
 * The filter's dot products run in the studio's shared polyphase kernel (./simd/polyphase-fir).
 */

import { checkChannels } from './loudness';
import { polyphaseFir } from './simd/polyphase-fir';

/** dB relative to the full-scale of the continuous (interpolated) signal. */
export type Dbtp = number;

export interface TruePeakOptions {
	/** Oversampling factor L (1–16). Default 4 below 88.2 kHz, 2 from 88.2 kHz (BS.1770-4 Annex 2). */
	oversampling?: number;
	/** Taps per polyphase branch (a multiple of 8, 8–256). Default 64. */
	tapsPerPhase?: number;
	/** Stopband attenuation the Kaiser window aims for (dB, 20–140). Default 70. */
	stopbandDb?: number;
	/** Use the WebAssembly SIMD kernel where the runtime has one (default true; the scalar loop agrees to ~1e-6). */
	simd?: boolean;
	/**
	 * Refine each crest on the oversampled grid by a parabola (see `accumulatePeakEnvelope`). Default
	 * false: the plain Annex 2 measurement. The mastering limiter turns it on as its detector.
	 */
	refine?: boolean;
}

export interface TruePeakReport {
	/** The largest true peak over all channels (dBTP); −∞ for digital silence. */
	truePeakDbtp: Dbtp;
	/** The same as a linear amplitude (1 = full scale). */
	truePeakLinear: number;
	/** True peak per channel (dBTP). */
	channelDbtp: Dbtp[];
	/** The oversampling factor used. */
	oversampling: number;
}

/** The interpolator: `phases[p]` holds the taps for the instant n + p/L, applied to x[n − H + 1 … n + H]. */
export interface PolyphaseInterpolator {
	oversampling: number;
	/** Half the taps per phase, H. */
	halfTaps: number;
	phases: Float64Array[];
}

/** Zeroth-order modified Bessel function of the first kind, by its power series. */
function besselI0(x: number): number {
	let sum = 1;
	let term = 1;
	const q = (x * x) / 4;
	for (let k = 1; k < 500; k++) {
		term *= q / (k * k);
		sum += term;
		if (term < sum * 1e-17) break;
	}
	return sum;
}

/** Kaiser's β for a stopband attenuation of `stopbandDb` (Kaiser 1974, as given by Oppenheim & Schafer eq. 7.75). */
function kaiserBeta(stopbandDb: number): number {
	if (stopbandDb > 50) return 0.1102 * (stopbandDb - 8.7);
	if (stopbandDb >= 21) return 0.5842 * (stopbandDb - 21) ** 0.4 + 0.07886 * (stopbandDb - 21);
	return 0;
}

export function defaultOversampling(sampleRate: number): number {
	return sampleRate >= 88200 ? 2 : 4;
}

/** Designs the windowed-sinc polyphase interpolator; see the file comment. */
export function designInterpolator(oversampling: number, tapsPerPhase = 64, stopbandDb = 70): PolyphaseInterpolator {
	if (!(Number.isInteger(oversampling) && oversampling >= 1 && oversampling <= 16)) {
		throw new RangeError(`oversampling must be a whole number in [1, 16]; got ${oversampling}.`);
	}
	if (!(Number.isInteger(tapsPerPhase) && tapsPerPhase % 8 === 0 && tapsPerPhase >= 8 && tapsPerPhase <= 256)) {
		throw new RangeError(`tapsPerPhase must be a multiple of 8 in [8, 256]; got ${tapsPerPhase}.`);
	}
	if (!(stopbandDb >= 20 && stopbandDb <= 140)) throw new RangeError(`stopbandDb must be in [20, 140] dB; got ${stopbandDb}.`);
	const halfTaps = tapsPerPhase / 2;
	const beta = kaiserBeta(stopbandDb);
	const i0Beta = besselI0(beta);
	const phases: Float64Array[] = [];
	for (let p = 0; p < oversampling; p++) {
		const row = new Float64Array(tapsPerPhase);
		let sum = 0;
		for (let i = 0; i < tapsPerPhase; i++) {
			// Tap i multiplies x[n + k] with k = i − H + 1; the kernel is evaluated at t = p/L − k.
			const t = p / oversampling - (i - halfTaps + 1);
			const r = t / halfTaps;
			const window = besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / i0Beta;
			const sinc = t === 0 ? 1 : Math.sin(Math.PI * t) / (Math.PI * t);
			row[i] = sinc * window;
			sum += row[i];
		}
		for (let i = 0; i < tapsPerPhase; i++) row[i] /= sum;
		phases.push(row);
	}
	return { oversampling, halfTaps, phases };
}

/** Input samples per block of `accumulatePeakEnvelope`: bounds its memory (~4 MB at ×4) whatever the length. */
const BLOCK_SAMPLES = 1 << 16;

/** The interpolator's phases as one row-major Float32 table, the layout of ./simd/polyphase-fir. */
function phaseTable(interpolator: PolyphaseInterpolator): Float32Array {
	const taps = 2 * interpolator.halfTaps;
	const table = new Float32Array(interpolator.oversampling * taps);
	interpolator.phases.forEach((row, p) => table.set(row, p * taps));
	return table;
}

/**
 * Oversampled values y[m] for m = first … first + count − 1, where y[n·L + p] is x reconstructed
 * at the instant n + p/L (samples outside x count as zero; m may lie outside 0 … N·L − 1). The dot
 * products run in the studio's shared polyphase kernel (./simd/polyphase-fir: WebAssembly SIMD
 * where available, a scalar loop elsewhere).
 */
function oversampledRange(x: Float32Array, interpolator: PolyphaseInterpolator, table: Float32Array, first: number, count: number, simd: boolean): Float32Array {
	const factor = interpolator.oversampling;
	const n0 = Math.floor(first / factor);
	// Output n·L + p reads x[n − H + 1 …] with row p: the phase steps by one, carrying into n.
	const plan = {
		table,
		stride: 2 * interpolator.halfTaps,
		upFactor: factor,
		stepWhole: factor === 1 ? 1 : 0,
		stepPhase: factor === 1 ? 0 : 1,
		firstStart: n0 + 1 - interpolator.halfTaps,
		firstPhase: first - n0 * factor
	};
	return polyphaseFir(x, plan, count, { simd });
}

/** The whole oversampled signal, y[n·L + p] = x reconstructed at n + p/L (length N·L). */
export function oversample(x: Float32Array, interpolator: PolyphaseInterpolator, options: { simd?: boolean } = {}): Float32Array {
	return oversampledRange(x, interpolator, phaseTable(interpolator), 0, x.length * interpolator.oversampling, options.simd ?? true);
}

/**
 * Raises `envelope[n]` to the largest |x| on the oversampled grid in [n, n + 1). With `refine`,
 * each local maximum of |y| on the grid is replaced by the vertex of the parabola through it and
 * its two neighbours: the grid misses a crest by up to half a step (0.6 dB for a tone near Nyquist
 * at ×4), the parabola by under 0.07 dB, and it never reads below the grid value. Works in blocks
 * of BLOCK_SAMPLES, each with one grid value of context on either side.
 */
export function accumulatePeakEnvelope(
	x: Float32Array,
	interpolator: PolyphaseInterpolator,
	envelope: Float32Array,
	{ refine = false, simd = true }: { refine?: boolean; simd?: boolean } = {}
): void {
	const factor = interpolator.oversampling;
	const table = phaseTable(interpolator);
	for (let block = 0; block < x.length; block += BLOCK_SAMPLES) {
		const blockLength = Math.min(BLOCK_SAMPLES, x.length - block);
		// y[k] is grid value m = block·L − 1 + k; k = 1 … blockLength·L belong to this block.
		const y = oversampledRange(x, interpolator, table, block * factor - 1, blockLength * factor + 2, simd);
		for (let k = 1; k <= blockLength * factor; k++) {
			let a = Math.abs(y[k]);
			if (refine) {
				// Orient so the centre is positive; a crest is a local maximum of the oriented values.
				const sign = y[k] < 0 ? -1 : 1;
				const before = sign * y[k - 1];
				const after = sign * y[k + 1];
				const curvature = before - 2 * a + after;
				if (a >= before && a >= after && curvature < 0) a -= ((after - before) * (after - before)) / (8 * curvature);
			}
			const i = block + (((k - 1) / factor) | 0);
			if (a > envelope[i]) envelope[i] = a;
		}
	}
}

function resolveInterpolator(sampleRate: number, options: TruePeakOptions): PolyphaseInterpolator {
	const { oversampling = defaultOversampling(sampleRate), tapsPerPhase = 64, stopbandDb = 70 } = options;
	return designInterpolator(oversampling, tapsPerPhase, stopbandDb);
}

/**
 * Per-sample true-peak envelope of `channels`: for each sample index n, the largest absolute value
 * of any channel's reconstructed waveform in [n, n + 1) (on the oversampled grid). Its maximum is
 * the true peak.
 */
export function truePeakEnvelope(channels: readonly Float32Array[], sampleRate: number, options: TruePeakOptions = {}): Float32Array {
	const length = checkChannels(channels, sampleRate);
	const interpolator = resolveInterpolator(sampleRate, options);
	const envelope = new Float32Array(length);
	for (const ch of channels) accumulatePeakEnvelope(ch, interpolator, envelope, options);
	return envelope;
}

const toDbtp = (linear: number): Dbtp => 20 * Math.log10(linear);

/** True peak of mono or stereo `channels` at `sampleRate` (Hz), BS.1770-4 Annex 2. */
export function measureTruePeak(channels: readonly Float32Array[], sampleRate: number, options: TruePeakOptions = {}): TruePeakReport {
	const length = checkChannels(channels, sampleRate);
	const interpolator = resolveInterpolator(sampleRate, options);
	const channelDbtp: Dbtp[] = [];
	let overall = 0;
	for (const ch of channels) {
		const envelope = new Float32Array(length);
		accumulatePeakEnvelope(ch, interpolator, envelope, options);
		let peak = 0;
		for (let i = 0; i < length; i++) if (envelope[i] > peak) peak = envelope[i];
		channelDbtp.push(toDbtp(peak));
		overall = Math.max(overall, peak);
	}
	return { truePeakDbtp: toDbtp(overall), truePeakLinear: overall, channelDbtp, oversampling: interpolator.oversampling };
}
