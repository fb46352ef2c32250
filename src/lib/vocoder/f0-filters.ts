/**
 * Zero-phase filtering of whole signals for the f0 estimators (DIO: WORLD, Morise et al., IEICE 2016,
 * Sec. 3.1; Harvest: Morise, Interspeech 2017, Sec. 2.1). The signal is transformed once, in
 * overlapping blocks; each filter is then a product with a closed-form frequency response (Nuttall
 * and Hann windows are sums of cosines), and its output is brought back at a reduced rate by inverse
 * FFTs of only the bins below the new Nyquist frequency. That is exact as long as the response is
 * zero above that frequency, which holds for the narrow low-pass and band-pass filters (Nuttall
 * windows a few periods long) that extract the fundamental component.
 */
import { RealFft } from '../dsp/fft';

/** Four-term Nuttall window with a continuous first derivative (the window DIO and Harvest use). */
export const NUTTALL_COEFFICIENTS: readonly number[] = [0.355768, 0.487396, 0.144232, 0.012604];

/** Half-width of the Nuttall main lobe, radians per sample, for a window of `lengthSamples`. */
export function nuttallMainLobeRad(lengthSamples: number): number {
	return (8 * Math.PI) / (lengthSamples - 1);
}

/**
 * Zero-phase frequency response (real) of the symmetric cosine-sum window
 * w[n] = Σ_m (−1)^m a_m cos(2πmn / (L − 1)), n = 0 … L − 1. Centred on (L − 1)/2 the window is
 * Σ_m a_m cos(2πmu / (L − 1)), so its response is a sum of Dirichlet kernels
 * D(θ) = sin(Lθ/2) / sin(θ/2) shifted by ±2πm / (L − 1); the shifts are applied with the angle-sum
 * identities, so one response costs four trigonometric calls whatever the number of terms.
 */
export class CosineWindowResponse {
	private readonly half: number;
	private readonly weights: Float64Array;
	/** cos / sin of L·s/2 and of s/2 for each shift s = 2πm / (L − 1). */
	private readonly cosLs: Float64Array;
	private readonly sinLs: Float64Array;
	private readonly cosS: Float64Array;
	private readonly sinS: Float64Array;

	constructor(
		coefficients: readonly number[],
		readonly lengthSamples: number
	) {
		const terms = coefficients.length;
		this.half = 0.5 * lengthSamples;
		this.weights = Float64Array.from(coefficients);
		this.cosLs = new Float64Array(terms);
		this.sinLs = new Float64Array(terms);
		this.cosS = new Float64Array(terms);
		this.sinS = new Float64Array(terms);
		for (let m = 0; m < terms; m++) {
			const s = (2 * Math.PI * m) / (lengthSamples - 1);
			this.cosLs[m] = Math.cos(this.half * s);
			this.sinLs[m] = Math.sin(this.half * s);
			this.cosS[m] = Math.cos(0.5 * s);
			this.sinS[m] = Math.sin(0.5 * s);
		}
	}

	/** Response at θ rad/sample (DC gain = sum of the window). */
	at(theta: number): number {
		const L = this.lengthSamples;
		const sA = Math.sin(this.half * theta);
		const cA = Math.cos(this.half * theta);
		const sB = Math.sin(0.5 * theta);
		const cB = Math.cos(0.5 * theta);
		let sum = this.weights[0] * (Math.abs(sB) < 1e-12 ? L : sA / sB);
		for (let m = 1; m < this.weights.length; m++) {
			const cl = this.cosLs[m];
			const sl = this.sinLs[m];
			const cs = this.cosS[m];
			const ss = this.sinS[m];
			// D(θ − s) and D(θ + s).
			const denMinus = sB * cs - cB * ss;
			const denPlus = sB * cs + cB * ss;
			const minus = Math.abs(denMinus) < 1e-12 ? L : (sA * cl - cA * sl) / denMinus;
			const plus = Math.abs(denPlus) < 1e-12 ? L : (sA * cl + cA * sl) / denPlus;
			sum += 0.5 * this.weights[m] * (minus + plus);
		}
		return sum;
	}
}

/** Length in samples (odd) of a Nuttall window `periods` periods of `bandHz` long (DIO's low-pass: 2). */
export function periodsLength(fs: number, bandHz: number, periods = 2): number {
	return 2 * Math.round((periods * fs) / bandHz / 2) + 1;
}

const fftCache = new Map<number, RealFft>();
/**
 * A shared real FFT of `size`. Its tables are fixed and its scratch buffers are only used within one
 * synchronous call, so sharing is safe.
 */
export function realFftOf(size: number): RealFft {
	let fft = fftCache.get(size);
	if (!fft) {
		fft = new RealFft(size);
		fftCache.set(size, fft);
	}
	return fft;
}

/** Smallest power of two ≥ n (at least 16). */
export function nextPowerOfTwo(n: number): number {
	let size = 16;
	while (size < n) size *= 2;
	return size;
}

/**
 * Block spectra of a signal for zero-phase FIR filtering by overlap-save: blocks of `blockSize`
 * samples overlap by twice the longest filter half-length, so the middle `hop` samples of each
 * circular convolution equal the linear one. Moderate blocks keep the FFTs in cache, which is several
 * times faster than one transform of the whole signal.
 */
export class BlockSpectra {
	readonly blockSize: number;
	/** Samples of output each block contributes (a multiple of every decimation up to `maxDecimation`). */
	readonly hop: number;
	readonly halfLength: number;
	readonly signalLength: number;
	private readonly blocks: number;
	/** blocks × (blockSize / 2 + 1) bins, row-major. */
	private readonly re: Float64Array;
	private readonly im: Float64Array;

	/**
	 * `halfLength`: the longest zero-phase impulse response spans −halfLength … halfLength samples.
	 * `maxDecimation`: the largest decimation `filtered` will be asked for (a power of two).
	 */
	constructor(x: Float64Array, halfLength: number, maxDecimation: number) {
		this.signalLength = x.length;
		this.halfLength = Math.ceil(halfLength / maxDecimation) * maxDecimation;
		this.blockSize = nextPowerOfTwo(Math.max(8 * 2 * this.halfLength, 256));
		this.hop = this.blockSize - 2 * this.halfLength;
		this.blocks = Math.max(1, Math.ceil(x.length / this.hop));
		const bins = this.blockSize / 2 + 1;
		this.re = new Float64Array(this.blocks * bins);
		this.im = new Float64Array(this.blocks * bins);
		const fft = realFftOf(this.blockSize);
		const buffer = new Float64Array(this.blockSize);
		const re = new Float64Array(bins);
		const im = new Float64Array(bins);
		for (let b = 0; b < this.blocks; b++) {
			// Block b covers input samples b · hop − halfLength … + blockSize − 1 (zero outside the signal).
			const start = b * this.hop - this.halfLength;
			buffer.fill(0);
			const from = Math.max(0, start);
			const to = Math.min(x.length, start + this.blockSize);
			if (to > from) buffer.set(x.subarray(from, to), from - start);
			fft.forward(buffer, re, im);
			this.re.set(re, b * bins);
			this.im.set(im, b * bins);
		}
	}

	/**
	 * The signal filtered by the zero-phase response `gain[k]` (k on the block's bin grid,
	 * θ = 2πk / blockSize; zero from bin `bins` up), sampled at fs / `decimation` (a power of two no
	 * larger than the constructor's, with `bins` ≤ blockSize / (2 · decimation) + 1). Returns
	 * ceil(signalLength / decimation) samples; sample j is at original sample j · decimation.
	 */
	filtered(gain: Float64Array, bins: number, decimation: number): Float64Array {
		const size = this.blockSize / decimation;
		const half = size / 2;
		if (bins > half + 1) throw new RangeError(`bins must be <= ${half + 1} for decimation ${decimation}; got ${bins}.`);
		const stride = this.blockSize / 2 + 1;
		const re = new Float64Array(half + 1);
		const im = new Float64Array(half + 1);
		const block = new Float64Array(size);
		const fft = realFftOf(size);
		const out = new Float64Array(Math.ceil(this.signalLength / decimation));
		const skip = this.halfLength / decimation;
		const hop = this.hop / decimation;
		// The smaller inverse scales by 1 / size, not 1 / blockSize.
		const scale = 1 / decimation;
		for (let b = 0; b < this.blocks; b++) {
			const row = b * stride;
			for (let k = 0; k < bins; k++) {
				const g = gain[k] * scale;
				re[k] = this.re[row + k] * g;
				im[k] = this.im[row + k] * g;
			}
			fft.inverse(re, im, block);
			const at = b * hop;
			const count = Math.min(hop, out.length - at);
			if (count > 0) out.set(block.subarray(skip, skip + count), at);
		}
		return out;
	}
}

/**
 * Largest power-of-two decimation (≤ `maxDecimation`) whose rate fs / d keeps at least
 * `minRateHz`, so a filtered copy with content below minRateHz / 2 is sampled without aliasing.
 */
export function decimationFor(fs: number, minRateHz: number, maxDecimation: number): number {
	let d = 1;
	while (d * 2 <= maxDecimation && fs / (d * 2) >= minRateHz) d *= 2;
	return d;
}

/**
 * Keeps every `factor`-th sample after a Nuttall-windowed-sinc low-pass (cut-off at the new Nyquist
 * frequency), long enough that everything below `passbandHz` passes unchanged (within the window's
 * −90 dB side lobes) and nothing that would alias below it survives. Sample j of the result is
 * sample j · factor of `x`.
 */
export function decimate(x: Float64Array, fs: number, factor: number, passbandHz: number): Float64Array {
	if (factor === 1) return x;
	const nyquistHz = fs / (2 * factor);
	const transitionHz = nyquistHz - passbandHz;
	if (!(transitionHz > 0)) throw new RangeError(`passbandHz must be below fs / (2 · factor) = ${nyquistHz}; got ${passbandHz}.`);
	// Main-lobe half-width 4 · fs / (L − 1) must fit in the transition band.
	const half = Math.ceil((2 * fs) / transitionHz);
	const length = 2 * half + 1;
	const taps = new Float64Array(length);
	const cutoff = nyquistHz / fs;
	let sum = 0;
	for (let k = -half; k <= half; k++) {
		const phase = (2 * Math.PI * (k + half)) / (length - 1);
		let w = 0;
		for (let m = 0; m < NUTTALL_COEFFICIENTS.length; m++) w += (m % 2 ? -1 : 1) * NUTTALL_COEFFICIENTS[m] * Math.cos(m * phase);
		const sinc = k === 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * k) / (Math.PI * k);
		taps[k + half] = w * sinc;
		sum += w * sinc;
	}
	for (let k = 0; k < length; k++) taps[k] /= sum;
	const out = new Float64Array(Math.ceil(x.length / factor));
	const n = x.length;
	for (let j = 0; j < out.length; j++) {
		const start = j * factor - half;
		let acc = 0;
		if (start >= 0 && start + length <= n) {
			for (let k = 0; k < length; k++) acc += taps[k] * x[start + k];
		} else {
			for (let k = 0; k < length; k++) {
				const idx = start + k;
				if (idx >= 0 && idx < n) acc += taps[k] * x[idx];
			}
		}
		out[j] = acc;
	}
	return out;
}
