/**
 * D4C: band aperiodicity of speech (Morise, "D4C, a band-aperiodicity estimator for high-quality
 * speech synthesis", Speech Communication 84, 2016; WORLD, Morise et al., IEICE 2016). Per voiced
 * frame:
 * 1. the group delay of two four-period Blackman windows placed T0/4 before and after the frame
 *    centre, summed: the temporally static group delay. For a periodic signal the harmonics' ripple
 *    in the two cancels; for noise it does not;
 * 2. divided by the smoothed power spectrum (four-period Hanning window), smoothed over f0/2, and
 *    with its own f0-wide trend removed, it is flat where the signal is periodic;
 * 3. in bands 6 kHz wide centred every 3 kHz, the windowed group delay's Fourier transform: the share
 *    of its power outside its strongest components is the band's (coarse) aperiodicity;
 * 4. the coarse values in dB, pinned to −60 dB at 0 Hz and 0 dB at Nyquist, are interpolated to every
 *    bin. Frames that are unvoiced, or that the LoveTrain check calls unvoiced, are fully aperiodic.
 */
import { RealFft } from '../dsp/fft';
import { F0AdaptiveWindow, nearestSample } from './adaptive-window';
import { checkAnalysisInput, resolveFftSize, resolveFrameRange } from './analysis-input';
import { loveTrainShares } from './d4c-love-train';
import { DcCorrection } from './dc-correction';
import { sumOfLargest } from './largest-sum';
import { BoxSmoother } from './spectral-smoothing';
import type { F0Contour, FrameRange, SpectralFrames } from './types';

export interface D4COptions {
	/**
	 * LoveTrain voicing threshold: frames whose low-band power share is at or below it are treated as
	 * unvoiced (aperiodicity 1). Default 0.85; 0 trusts the f0 contour alone.
	 */
	threshold?: number;
	/** Lowest f0 the default FFT must hold three periods of, Hz (as CheapTrick). Default 71. */
	f0FloorHz?: number;
	/** FFT size of the output rows, a power of two. Default `fftSizeFor(fs, f0FloorHz)`, as CheapTrick. */
	fftSize?: number;
	/**
	 * Analyse every frame on the frequency grid of the lowest f0 (47 Hz), as WORLD does. Default false:
	 * each frame uses the smallest FFT that holds its windows, several times faster at speech and
	 * singing f0s; on the WORLD reference recordings the two differ by about 0.002 on average.
	 */
	fullResolution?: boolean;
	/** Analyse only these frames of `f0` (default all); row r is frame from + r, equal to its row in the whole. */
	frames?: FrameRange;
}

/** Lowest f0 D4C analyses at, Hz; lower f0s are raised to it. */
const LOWEST_F0_HZ = 47;
/** Band spacing, Hz; each band is twice as wide. */
const BAND_HZ = 3000;
/** Highest band centre, Hz. */
const HIGHEST_BAND_HZ = 15000;
/** Coarse aperiodicity pinned at 0 Hz, dB. */
const DC_APERIODICITY_DB = -60;
/** Aperiodicity of unvoiced frames: 1 less a hair, so that 1 − ap stays positive. */
export const UNVOICED_APERIODICITY = 1 - 1e-12;

/** Number of 3 kHz bands analysed at `fs`: centres up to 15 kHz whose band stays below Nyquist. */
export function bandCount(fs: number): number {
	return Math.max(0, Math.floor(Math.min(HIGHEST_BAND_HZ, fs / 2 - BAND_HZ) / BAND_HZ));
}

/** Smallest power of two ≥ n. */
function powerOfTwoAtLeast(n: number): number {
	return 2 ** Math.ceil(Math.log2(n));
}

/**
 * Aperiodicity in [0, 1] per frame and bin, frames × (fftSize / 2 + 1), for the frames of `f0`, or
 * for the range `options.frames` of them.
 */
export function d4c(x: ArrayLike<number>, fs: number, f0: F0Contour, options: D4COptions = {}): SpectralFrames {
	const signal = checkAnalysisInput(x, fs, f0);
	const threshold = options.threshold ?? 0.85;
	if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1) {
		throw new RangeError(`threshold must be in [0, 1]; got ${threshold}.`);
	}
	const fftSize = resolveFftSize(fs, options.f0FloorHz ?? 71, options.fftSize);
	const fullResolution = options.fullResolution ?? false;
	const { from, to } = resolveFrameRange(options.frames, f0.f0Hz.length);
	const bins = fftSize / 2 + 1;
	const data = new Float64Array((to - from) * bins).fill(UNVOICED_APERIODICITY);

	const shares = threshold > 0 ? loveTrainShares(signal, fs, f0.framePeriodSeconds, f0.f0Hz, fullResolution, { from, to }) : null;
	// Four periods of the lowest f0, doubled (CheapTrick's size rule with D4C's window).
	const fullSize = 2 ** (1 + Math.floor(Math.log2((4 * fs) / LOWEST_F0_HZ + 1)));
	const analysers = new Map<number, FrameAnalyser>();
	const bands = bandCount(fs);
	// Coarse axis: 0 Hz, the band centres, Nyquist.
	const coarseHz = new Float64Array(bands + 2);
	const coarseDb = new Float64Array(bands + 2);
	for (let b = 0; b <= bands; b++) coarseHz[b] = b * BAND_HZ;
	coarseHz[bands + 1] = fs / 2;
	coarseDb[0] = DC_APERIODICITY_DB;
	coarseDb[bands + 1] = 0;

	for (let i = from; i < to; i++) {
		const raw = f0.f0Hz[i];
		if (raw === 0 || (shares !== null && shares[i] <= threshold)) continue;
		const f0Hz = Math.max(raw, LOWEST_F0_HZ);
		// The group-delay spectra need a grid no finer than their four-period window can resolve.
		const windowLength = 2 * Math.round((2 * fs) / f0Hz) + 1;
		const size = fullResolution ? fullSize : Math.min(fullSize, powerOfTwoAtLeast(windowLength));
		let analyser = analysers.get(size);
		if (analyser === undefined) {
			analyser = new FrameAnalyser(signal, fs, size, bands, fullResolution);
			analysers.set(size, analyser);
		}
		if (!analyser.analyse(i * f0.framePeriodSeconds, f0Hz, coarseDb)) continue;
		// WORLD's f0 correction: +1 dB per 50 Hz above 100 Hz, never above 0 dB.
		for (let b = 1; b <= bands; b++) coarseDb[b] = Math.min(0, coarseDb[b] + (f0Hz - 100) / 50);
		interpolateDb(coarseHz, coarseDb, fs / fftSize, data, (i - from) * bins, bins);
	}
	return { frames: to - from, fftSize, data };
}

/**
 * Piecewise-linear interpolation of (Hz, dB) points to every bin, written as amplitude ratios
 * 10^(dB/20). Linear in dB is geometric in ratio, so each segment costs two powers, not one per bin.
 */
function interpolateDb(hz: Float64Array, db: Float64Array, binHz: number, out: Float64Array, offset: number, bins: number): void {
	let k = 0;
	for (let seg = 0; seg < hz.length - 1 && k < bins; seg++) {
		const slopeDbPerBin = ((db[seg + 1] - db[seg]) / (hz[seg + 1] - hz[seg])) * binHz;
		const last = seg === hz.length - 2 ? bins - 1 : Math.min(bins - 1, Math.floor(hz[seg + 1] / binHz));
		if (k > last) continue;
		let value = Math.pow(10, (db[seg] + ((k * binHz - hz[seg]) / binHz) * slopeDbPerBin) / 20);
		const ratio = Math.pow(10, slopeDbPerBin / 20);
		for (; k <= last; k++) {
			// The dB values are ≤ 0; the recursion's rounding must not lift a ratio above 1.
			out[offset + k] = value < 1 ? value : 1;
			value *= ratio;
		}
	}
}

/** Steps 1–3 for one FFT size, with its transforms and buffers. */
class FrameAnalyser {
	private readonly signal: Float64Array;
	private readonly fs: number;
	private readonly fftSize: number;
	private readonly bins: number;
	private readonly binHz: number;
	private readonly bands: number;
	private readonly fft: RealFft;
	private readonly blackman: F0AdaptiveWindow;
	private readonly hanning: F0AdaptiveWindow;
	private readonly dc: DcCorrection;
	private readonly smoother: BoxSmoother;
	private readonly frame: Float64Array;
	private readonly re: Float64Array;
	private readonly im: Float64Array;
	private readonly re2: Float64Array;
	private readonly im2: Float64Array;
	private readonly delay: Float64Array;
	private readonly power: Float64Array;
	private readonly trend: Float64Array;
	private readonly bandWindow: Float64Array;
	private readonly bandFftSize: number;
	private readonly bandFft: RealFft;
	/** Strongest transform bins per band that count as periodic structure. */
	private readonly keep: number;

	constructor(signal: Float64Array, fs: number, fftSize: number, bands: number, fullResolution: boolean) {
		this.signal = signal;
		this.fs = fs;
		this.fftSize = fftSize;
		const bins = fftSize / 2 + 1;
		this.bins = bins;
		this.binHz = fs / fftSize;
		this.bands = bands;
		this.fft = new RealFft(fftSize);
		this.blackman = new F0AdaptiveWindow('blackman', 4, fs, fftSize, false);
		this.hanning = new F0AdaptiveWindow('hanning', 4, fs, fftSize, false);
		this.dc = new DcCorrection(bins);
		this.smoother = new BoxSmoother(bins, bins);
		this.frame = new Float64Array(fftSize);
		this.re = new Float64Array(bins);
		this.im = new Float64Array(bins);
		this.re2 = new Float64Array(bins);
		this.im2 = new Float64Array(bins);
		this.delay = new Float64Array(bins);
		this.power = new Float64Array(bins);
		this.trend = new Float64Array(bins);
		// Band window: Nuttall's four-term cosine window, 2 × 3 kHz wide.
		const length = 2 * Math.floor(BAND_HZ / this.binHz) + 1;
		this.bandWindow = new Float64Array(length);
		for (let j = 0; j < length; j++) {
			const a = (2 * Math.PI * j) / (length - 1);
			this.bandWindow[j] = 0.355768 - 0.487396 * Math.cos(a) + 0.144232 * Math.cos(2 * a) - 0.012604 * Math.cos(3 * a);
		}
		// The band transform's bins sit 1/fs apart in quefrency whatever its size, so twice the window
		// length (no wrap-around of its power) measures the same share as the full grid.
		this.bandFftSize = fullResolution ? fftSize : Math.min(fftSize, powerOfTwoAtLeast(2 * length));
		this.bandFft = this.bandFftSize === fftSize ? this.fft : new RealFft(this.bandFftSize);
		// About the main lobes of the band window's transform: 8 bins per window length of oversampling.
		this.keep = Math.round((this.bandFftSize * 8) / length) + 1;
	}

	/**
	 * Coarse aperiodicity (dB) of each band into coarseDb[1 … bands] for the frame at `seconds`. False
	 * when the frame is digital silence (nothing to analyse; it stays aperiodic).
	 */
	analyse(seconds: number, f0Hz: number, coarseDb: Float64Array): boolean {
		const { bins, re, im, power, delay, trend, frame } = this;
		const f0Bins = f0Hz / this.binHz;
		// Step 1: static group delay's numerator, Re(X* · FFT(n x)), for windows at t ∓ T0/4.
		delay.fill(0);
		if (!this.addCentroid(seconds - 0.25 / f0Hz, f0Hz)) return false;
		if (!this.addCentroid(seconds + 0.25 / f0Hz, f0Hz)) return false;
		this.dc.apply(delay, f0Bins);
		// Step 2: divide by the smoothed power spectrum, smooth over f0/2, remove the f0-wide trend.
		this.hanning.cut(this.signal, nearestSample(seconds, this.fs), f0Hz, frame, this.fftSize);
		this.fft.forward(frame, re, im);
		for (let k = 0; k < bins; k++) power[k] = re[k] * re[k] + im[k] * im[k];
		this.dc.apply(power, f0Bins);
		this.smoother.smooth(power, f0Bins, power);
		for (let k = 0; k < bins; k++) delay[k] /= power[k];
		this.smoother.smooth(delay, f0Bins / 2, delay);
		this.smoother.smooth(delay, f0Bins, trend);
		for (let k = 0; k < bins; k++) delay[k] -= trend[k];
		// Step 3: per band, the share of the windowed group delay's power outside its strongest bins.
		const w = this.bandWindow;
		const length = w.length;
		const half = (length - 1) / 2;
		const bandBins = this.bandFftSize / 2 + 1;
		for (let b = 1; b <= this.bands; b++) {
			const start = Math.floor((BAND_HZ * b) / this.binHz) - half;
			for (let j = 0; j < length; j++) frame[j] = delay[start + j] * w[j];
			frame.fill(0, length, this.bandFftSize);
			this.bandFft.forward(frame, re, im);
			let total = 0;
			for (let k = 0; k < bandBins; k++) {
				const p = re[k] * re[k] + im[k] * im[k];
				power[k] = p;
				total += p;
			}
			const strong = sumOfLargest(power, bandBins, this.keep);
			const share = (total - strong) / total;
			// All power in the strongest bins (share 0, or below it by rounding) is perfectly periodic.
			coarseDb[b] = share > 0 ? 10 * Math.log10(share) : share <= 0 ? DC_APERIODICITY_DB : 0;
		}
		return true;
	}

	/**
	 * Adds Re(X* Y) for the four-period Blackman window centred at `seconds`: X of the unit-energy
	 * segment, Y of the segment times n + 1 (the group delay's numerator). False for a silent segment.
	 */
	private addCentroid(seconds: number, f0Hz: number): boolean {
		const { frame, re, im, re2, im2, bins } = this;
		const length = this.blackman.cut(this.signal, nearestSample(seconds, this.fs), f0Hz, frame, this.fftSize);
		const energy = this.blackman.lastEnergy;
		if (!(energy > 0)) return false;
		this.fft.forward(frame, re2, im2);
		for (let n = 0; n < length; n++) frame[n] *= n + 1;
		this.fft.forward(frame, re, im);
		// Both transforms scale with the segment, so the unit-energy normalisation is 1 / energy here.
		const g = 1 / energy;
		const delay = this.delay;
		for (let k = 0; k < bins; k++) delay[k] += (re[k] * re2[k] + im[k] * im2[k]) * g;
		return true;
	}
}
