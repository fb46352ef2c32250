/**
 * CheapTrick: the power spectral envelope of speech (Morise, "CheapTrick, a spectral envelope
 * estimator for high-quality speech synthesis", Speech Communication 67, 2015; its place in WORLD:
 * Morise et al., IEICE Trans. Inf. & Syst. 2016). Per frame:
 * 1. F0-adaptive windowing: a Hanning window three periods long makes the power spectrum temporally
 *    stable, followed by the DC correction that restores the lowest harmonic's energy below f0;
 * 2. rectangular smoothing over 2/3 f0 along frequency, which removes the harmonic ripple the window
 *    leaves;
 * 3. liftering in the cepstral domain: the smoothing lifter sin(πf0τ)/(πf0τ) (a log-domain moving
 *    average over f0) times the compensation lifter (1 − 2q1) + 2q1 cos(2πτf0), which recovers the
 *    peaks that the two smoothings flattened.
 */
import { EvenDft, RealFft } from '../dsp/fft';
import { F0AdaptiveWindow, nearestSample } from './adaptive-window';
import { DcCorrection } from './dc-correction';
import { BoxSmoother, mirroredBin } from './spectral-smoothing';
import { checkAnalysisInput, resolveFftSize, resolveFrameRange } from './analysis-input';
import type { F0Contour, FrameRange, SpectralFrames } from './types';

export interface CheapTrickOptions {
	/** Compensation-lifter coefficient q1 (step 3). Default −0.15, the paper's value. */
	q1?: number;
	/** Lowest f0 the default FFT must hold three periods of, Hz. Default 71 (WORLD's f0 floor). */
	f0FloorHz?: number;
	/**
	 * f0 at which unvoiced frames (f0 = 0) and frames below what `fftSize` can hold are analysed, Hz.
	 * Default 500, WORLD's default f0: a short window, so noise frames get a smooth envelope.
	 */
	unvoicedF0Hz?: number;
	/** FFT size, a power of two. Default `fftSizeFor(fs, f0FloorHz)`. */
	fftSize?: number;
	/**
	 * Where step 3 runs. 'cepstral' (default): the two lifters applied to the cepstrum, as the paper
	 * and WORLD implement it. 'spectral': the operations the lifters stand for, applied to the log
	 * spectrum directly: a moving average over f0 (the sinc lifter) and the three-tap recovery
	 * (1 − 2q1) L(f) + q1 L(f − f0) + q1 L(f + f0) (the cosine lifter). It skips both transforms (about
	 * a third faster) and differs from the cepstral result by hundredths of a dB (the sinc lifter's
	 * truncation at half the FFT size).
	 */
	liftering?: 'cepstral' | 'spectral';
	/**
	 * 'power' (default): rows of power. 'logPower': their natural logarithm, as computed before the
	 * last step, for callers that take the logarithm again (mel-cepstra): it saves an exp and a log a bin.
	 */
	output?: 'power' | 'logPower';
	/** Analyse only these frames of `f0` (default all); row r is frame from + r, equal to its row in the whole. */
	frames?: FrameRange;
}

/** Tiny power added before the logarithm so silent bins stay finite (about WORLD's floor). */
const POWER_FLOOR = 2.220446049250313e-16;

/** Lowest f0 (Hz) whose three-period window fits in `fftSize` samples. */
export function lowestF0ForFftSize(fs: number, fftSize: number): number {
	return (3 * fs) / (fftSize - 3);
}

/**
 * Power spectral envelope per frame, frames × (fftSize / 2 + 1), for the frames of `f0` (frame i
 * centred at i · framePeriodSeconds), or for the range `options.frames` of them.
 */
export function cheapTrick(x: ArrayLike<number>, fs: number, f0: F0Contour, options: CheapTrickOptions = {}): SpectralFrames {
	const signal = checkAnalysisInput(x, fs, f0);
	const q1 = options.q1 ?? -0.15;
	if (!Number.isFinite(q1) || q1 < -1 || q1 > 1) throw new RangeError(`q1 must be in [-1, 1]; got ${q1}.`);
	const fftSize = resolveFftSize(fs, options.f0FloorHz ?? 71, options.fftSize);
	const lowestF0Hz = lowestF0ForFftSize(fs, fftSize);
	const unvoicedF0Hz = options.unvoicedF0Hz ?? 500;
	if (!Number.isFinite(unvoicedF0Hz) || unvoicedF0Hz <= lowestF0Hz || unvoicedF0Hz >= fs / 2) {
		throw new RangeError(`unvoicedF0Hz must be in (${lowestF0Hz}, ${fs / 2}) Hz for fftSize ${fftSize}; got ${unvoicedF0Hz}.`);
	}

	const liftering = options.liftering ?? 'cepstral';
	if (liftering !== 'cepstral' && liftering !== 'spectral') {
		throw new RangeError(`liftering must be 'cepstral' or 'spectral'; got ${String(liftering)}.`);
	}
	const logOutput = (options.output ?? 'power') === 'logPower';
	if (options.output !== undefined && options.output !== 'power' && options.output !== 'logPower') {
		throw new RangeError(`output must be 'power' or 'logPower'; got ${String(options.output)}.`);
	}
	const { from, to } = resolveFrameRange(options.frames, f0.f0Hz.length);
	const frames = f0.f0Hz.length;
	const bins = fftSize / 2 + 1;
	const binHz = fs / fftSize;
	const data = new Float64Array((to - from) * bins);
	const window = new F0AdaptiveWindow('hanning', 3, fs, fftSize, true);
	const fft = new RealFft(fftSize);
	const even = new EvenDft(fftSize);
	const dc = new DcCorrection(bins);
	// Widest smoothing: 2/3 of the highest f0 of the whole contour (buffer sizes only; a range's rows stay those of the whole).
	let maxF0Hz = unvoicedF0Hz;
	for (let i = 0; i < frames; i++) if (f0.f0Hz[i] > maxF0Hz) maxF0Hz = f0.f0Hz[i];
	const smoother = new BoxSmoother(bins, maxF0Hz / binHz);
	const frame = new Float64Array(fftSize);
	const re = new Float64Array(bins);
	const im = new Float64Array(bins);
	const lifter = new Float64Array(bins);
	let lifterF0Hz = Number.NaN;
	const recovery = liftering === 'spectral' ? new SpectralRecovery(bins, maxF0Hz / binHz) : null;

	for (let i = from; i < to; i++) {
		const raw = f0.f0Hz[i];
		const f0Hz = raw > lowestF0Hz ? raw : unvoicedF0Hz;
		window.cut(signal, nearestSample(i * f0.framePeriodSeconds, fs), f0Hz, frame, fftSize);
		fft.forward(frame, re, im);
		const power = re;
		for (let k = 0; k < bins; k++) power[k] = re[k] * re[k] + im[k] * im[k];
		dc.apply(power, f0Hz / binHz);
		smoother.smooth(power, ((2 / 3) * f0Hz) / binHz, power);
		for (let k = 0; k < bins; k++) {
			const p = power[k];
			power[k] = Math.log((p > 0 ? p : 0) + POWER_FLOOR);
		}
		if (recovery !== null) {
			smoother.smooth(power, f0Hz / binHz, power);
			recovery.apply(power, f0Hz / binHz, q1);
		} else {
			// Cepstrum (times fftSize) of the log spectrum, liftered, then back to the log spectrum.
			even.transform(power, power);
			if (f0Hz !== lifterF0Hz) {
				designLifter(lifter, f0Hz, fs, q1, fftSize);
				lifterF0Hz = f0Hz;
			}
			for (let k = 0; k < bins; k++) power[k] *= lifter[k];
			even.transform(power, power);
		}
		const row = (i - from) * bins;
		if (logOutput) data.set(power.subarray(0, bins), row);
		else for (let k = 0; k < bins; k++) data[row + k] = Math.exp(power[k]);
	}
	return { frames: to - from, fftSize, data };
}

/**
 * Smoothing × compensation lifter over quefrency τ = q / fs (step 3), with the 1 / fftSize of the
 * inverse transform folded in.
 */
function designLifter(lifter: Float64Array, f0Hz: number, fs: number, q1: number, fftSize: number): void {
	const step = (Math.PI * f0Hz) / fs;
	const cs = Math.cos(step);
	const sn = Math.sin(step);
	let c = 1;
	let s = 0;
	const scale = 1 / fftSize;
	lifter[0] = scale;
	for (let q = 1; q < lifter.length; q++) {
		const nc = c * cs - s * sn;
		s = s * cs + c * sn;
		c = nc;
		// s = sin(πf0τ), c = cos(πf0τ); cos(2πf0τ) = 1 − 2 sin²(πf0τ).
		const smoothing = s / (step * q);
		const compensation = 1 - 2 * q1 + 2 * q1 * (1 - 2 * s * s);
		lifter[q] = smoothing * compensation * scale;
	}
}

/**
 * The compensation lifter's spectral counterpart: L(f) ← (1 − 2q1) L(f) + q1 (L(f − f0) + L(f + f0)),
 * with L read between bins by linear interpolation and mirrored about 0 Hz and Nyquist.
 */
class SpectralRecovery {
	private readonly extended: Float64Array;
	private readonly pad: number;

	constructor(bins: number, maxShiftBins: number) {
		this.pad = Math.ceil(maxShiftBins) + 2;
		this.extended = new Float64Array(bins + 2 * this.pad);
	}

	apply(logSpectrum: Float64Array, shiftBins: number, q1: number): void {
		const n = logSpectrum.length;
		const pad = this.pad;
		const e = this.extended;
		for (let j = 0; j < pad; j++) e[j] = logSpectrum[mirroredBin(j - pad, n)];
		for (let k = 0; k < n; k++) e[pad + k] = logSpectrum[k];
		for (let j = 1; j <= pad; j++) e[pad + n - 1 + j] = logSpectrum[mirroredBin(n - 1 + j, n)];
		const whole = Math.floor(shiftBins);
		const frac = shiftBins - whole;
		const centre = 1 - 2 * q1;
		for (let k = 0; k < n; k++) {
			const c = pad + k;
			const up = e[c + whole] + frac * (e[c + whole + 1] - e[c + whole]);
			const down = e[c - whole] + frac * (e[c - whole - 1] - e[c - whole]);
			logSpectrum[k] = centre * e[c] + q1 * (up + down);
		}
	}
}
