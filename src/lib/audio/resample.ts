/**
 * Band-limited sample-rate conversion by windowed-sinc interpolation (Smith & Gossett, "A flexible
 * sampling-rate conversion method", ICASSP 1984), with a Kaiser window sized by Kaiser's formulas
 * (Kaiser, "Nonrecursive digital filter design using the I0-sinh window function", 1974).
 *
 * y[n] = Σ_k x[k] · g(t_n − k), t_n = n · fromRate / toRate (in input samples), where g is a
 * lowpass whose cutoff sits below the lower of the two Nyquist frequencies. For rational ratios
 * L/M (e.g. 48000 → 44100 = 147/160) every t_n falls on one of L sub-sample phases, so the kernel
 * is precomputed once per phase (a polyphase table) and each output is one dot product, computed by
 * the SIMD kernel of `simd/polyphase-fir.ts`. For other
 * ratios the kernel is tabulated on a fine grid and interpolated linearly between phases.
 * Samples outside the signal count as zero. The filter is symmetric: no delay is added.
 */

import { polyphaseFir } from './simd/polyphase-fir';

export interface ResampleOptions {
	/** Stopband attenuation the Kaiser design aims for (dB). Default 90, which measures ≥ 80 dB. */
	stopbandDb?: number;
	/**
	 * Width of the transition band as a fraction of the lower Nyquist frequency. The passband ends at
	 * (1 − transitionWidth) · Nyquist and the stopband starts at the Nyquist frequency itself, so
	 * nothing aliases. Default 0.15: at 44.1 kHz the passband is flat to 18.7 kHz.
	 */
	transitionWidth?: number;
	/** Largest rational-ratio numerator that gets an exact polyphase table. Default 4096. */
	maxPhases?: number;
	/** Table phases per input sample for irrational ratios (linearly interpolated). Default 1024. */
	interpolatedPhases?: number;
	/** Rational ratios: use the WebAssembly SIMD kernel where available (default true). */
	simd?: boolean;
}

/** Zeroth-order modified Bessel function of the first kind, by its power series. */
function besselI0(x: number): number {
	let sum = 1;
	let term = 1;
	const q = (x * x) / 4;
	for (let k = 1; k < 200; k++) {
		term *= q / (k * k);
		sum += term;
		if (term < sum * 1e-16) break;
	}
	return sum;
}

function greatestCommonDivisor(a: number, b: number): number {
	while (b !== 0) [a, b] = [b, a % b];
	return a;
}

interface KernelDesign {
	/** Cutoff (−6 dB point) in cycles per input sample. */
	cutoff: number;
	/** Half-width of the kernel in input samples. */
	halfWidth: number;
	beta: number;
	i0Beta: number;
}

function designKernel(fromRate: number, toRate: number, stopbandDb: number, transitionWidth: number): KernelDesign {
	const nyquistRatio = Math.min(1, toRate / fromRate);
	// All frequencies in cycles per input sample; the lower Nyquist frequency is 0.5 · nyquistRatio.
	const stopEdge = 0.5 * nyquistRatio;
	const transition = transitionWidth * stopEdge;
	const cutoff = stopEdge - transition / 2;
	// Kaiser (1974): β from the attenuation, length N = (A − 8) / (2.285 Δω).
	const a = stopbandDb;
	const beta = a > 50 ? 0.1102 * (a - 8.7) : a >= 21 ? 0.5842 * (a - 21) ** 0.4 + 0.07886 * (a - 21) : 0;
	const length = (a - 8) / (2.285 * 2 * Math.PI * transition);
	return { cutoff, halfWidth: length / 2, beta, i0Beta: besselI0(beta) };
}

/** The continuous kernel g(t): a Kaiser-windowed sinc with DC gain 1 (t in input samples). */
function kernelAt(design: KernelDesign, t: number): number {
	const r = t / design.halfWidth;
	if (r <= -1 || r >= 1) return 0;
	const window = besselI0(design.beta * Math.sqrt(1 - r * r)) / design.i0Beta;
	const u = 2 * design.cutoff * t;
	const sinc = u === 0 ? 1 : Math.sin(Math.PI * u) / (Math.PI * u);
	return 2 * design.cutoff * sinc * window;
}

/**
 * Tabulates the kernel for `phases` equally spaced fractional offsets d = p / phases (plus one
 * extra row at d = 1 for interpolation). Row p holds g(d − j) for j = −K+1 … K, each row scaled to
 * sum to 1 so that every phase passes DC with unit gain (no phase-dependent gain ripple).
 */
function buildTable(design: KernelDesign, phases: number, rows: number, halfTaps: number): Float32Array {
	const taps = 2 * halfTaps;
	const table = new Float32Array(rows * taps);
	const row = new Float64Array(taps);
	for (let p = 0; p < rows; p++) {
		const d = p / phases;
		let sum = 0;
		for (let tap = 0; tap < taps; tap++) {
			const j = tap - halfTaps + 1;
			row[tap] = kernelAt(design, d - j);
			sum += row[tap];
		}
		for (let tap = 0; tap < taps; tap++) table[p * taps + tap] = row[tap] / sum;
	}
	return table;
}

/** Any ratio: the phase is interpolated linearly between the two nearest table rows. */
function resampleInterpolated(
	x: Float32Array,
	y: Float32Array,
	table: Float32Array,
	halfTaps: number,
	phases: number,
	step: number
): void {
	const n = x.length;
	const taps = 2 * halfTaps;
	for (let o = 0; o < y.length; o++) {
		const t = o * step;
		const i = Math.floor(t);
		const position = (t - i) * phases;
		const p = Math.min(phases - 1, Math.floor(position));
		const a = position - p;
		const base0 = p * taps;
		const base1 = base0 + taps;
		const start = i - halfTaps + 1;
		const j0 = start < 0 ? -start : 0;
		const j1 = Math.min(taps, n - start);
		let acc0 = 0;
		let acc1 = 0;
		for (let j = j0; j < j1; j++) {
			const v = x[start + j];
			acc0 += v * table[base0 + j];
			acc1 += v * table[base1 + j];
		}
		y[o] = acc0 + a * (acc1 - acc0);
	}
}

/**
 * Resamples `x` from `fromRate` to `toRate` (Hz). The output has round(n · toRate / fromRate)
 * samples and the same time origin. Equal rates return a copy.
 */
export function resample(x: Float32Array, fromRate: number, toRate: number, options: ResampleOptions = {}): Float32Array {
	const { stopbandDb = 90, transitionWidth = 0.15, maxPhases = 4096, interpolatedPhases = 1024 } = options;
	if (!(fromRate > 0) || !(toRate > 0) || !Number.isFinite(fromRate) || !Number.isFinite(toRate)) {
		throw new RangeError(`resample: rates must be positive and finite (got ${fromRate} Hz → ${toRate} Hz).`);
	}
	if (!(transitionWidth > 0 && transitionWidth < 1)) {
		throw new RangeError(`resample: transitionWidth ${transitionWidth} must lie in (0, 1).`);
	}
	if (fromRate === toRate) return x.slice();
	const outputLength = Math.round((x.length * toRate) / fromRate);
	if (x.length === 0 || outputLength === 0) return new Float32Array(outputLength);

	const design = designKernel(fromRate, toRate, stopbandDb, transitionWidth);
	// A multiple of 4 so that 2 · halfTaps is a multiple of 8 for the SIMD kernel; extra taps are zero.
	const halfTaps = 4 * Math.ceil(design.halfWidth / 4);
	if (Number.isInteger(fromRate) && Number.isInteger(toRate)) {
		const g = greatestCommonDivisor(fromRate, toRate);
		const upFactor = toRate / g;
		const downFactor = fromRate / g;
		if (upFactor <= maxPhases) {
			// Output o reads from ⌊o·M/L⌋ − K + 1 with phase (o·M) mod L: M/L input samples per output.
			const table = buildTable(design, upFactor, upFactor, halfTaps);
			const plan = { table, stride: 2 * halfTaps, upFactor, stepWhole: Math.floor(downFactor / upFactor), stepPhase: downFactor % upFactor, firstStart: 1 - halfTaps };
			return polyphaseFir(x, plan, outputLength, { simd: options.simd });
		}
	}
	const y = new Float32Array(outputLength);
	const table = buildTable(design, interpolatedPhases, interpolatedPhases + 1, halfTaps);
	resampleInterpolated(x, y, table, halfTaps, interpolatedPhases, fromRate / toRate);
	return y;
}
