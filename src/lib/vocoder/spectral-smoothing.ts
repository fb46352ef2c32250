/**
 * Rectangular smoothing of a spectrum along frequency (CheapTrick, Morise 2015; D4C uses the same
 * operator, Morise 2016). The moving average of width W Hz is taken on the spectrum as a
 * piecewise-constant function of frequency: the difference of its running integral at f ± W/2, with
 * the integral interpolated linearly between bin edges, so W need not be a whole number of bins. The
 * spectrum is mirrored about 0 Hz and about Nyquist, as a real signal's spectrum is.
 */

/** Bin that index j (possibly outside 0 … n − 1) mirrors to, reflecting about bin 0 and bin n − 1. */
export function mirroredBin(j: number, n: number): number {
	if (n === 1) return 0;
	const period = 2 * (n - 1);
	let m = j % period;
	if (m < 0) m += period;
	return m < n ? m : period - m;
}

export class BoxSmoother {
	/** Bins per spectrum: fftSize / 2 + 1. */
	readonly bins: number;
	private readonly integral: Float64Array;
	private readonly maxPad: number;

	/** `maxWidthBins`: the widest smoothing this instance will be asked for, in bins. */
	constructor(bins: number, maxWidthBins: number) {
		this.bins = bins;
		this.maxPad = Math.ceil(maxWidthBins / 2) + 2;
		this.integral = new Float64Array(bins + 2 * this.maxPad + 1);
	}

	/**
	 * output[k] = (1 / W) ∫ P(f) df over [f_k − W/2, f_k + W/2], W = widthBins bins. `output` may be
	 * `input`.
	 */
	smooth(input: Float64Array, widthBins: number, output: Float64Array): void {
		const n = this.bins;
		const pad = Math.ceil(widthBins / 2) + 2;
		if (pad > this.maxPad) throw new RangeError(`smoothing width ${widthBins} bins exceeds the ${2 * (this.maxPad - 2)} this smoother was sized for.`);
		const c = this.integral;
		// c[j] = integral up to the upper edge of extended bin j − 1 (c[0] = 0), extended bin e ↔ bin e − pad.
		let acc = 0;
		c[0] = 0;
		for (let e = 0; e < pad; e++) {
			acc += input[mirroredBin(e - pad, n)];
			c[e + 1] = acc;
		}
		for (let k = 0; k < n; k++) {
			acc += input[k];
			c[pad + k + 1] = acc;
		}
		for (let e = 1; e <= pad; e++) {
			acc += input[mirroredBin(n - 1 + e, n)];
			c[pad + n + e] = acc;
		}
		// Edge of bin k's upper side sits at c index pad + k + 1, i.e. frequency (k + 1/2) bins.
		// Upper limit k + W/2 ↔ c index pad + k + 1/2 + W/2.
		const hiPos = 0.5 + widthBins / 2;
		const loPos = 0.5 - widthBins / 2;
		const hiInt = Math.floor(hiPos);
		const loInt = Math.floor(loPos);
		const hiFrac = hiPos - hiInt;
		const loFrac = loPos - loInt;
		const inv = 1 / widthBins;
		for (let k = 0; k < n; k++) {
			const h = pad + k + hiInt;
			const l = pad + k + loInt;
			const hi = c[h] + hiFrac * (c[h + 1] - c[h]);
			const lo = c[l] + loFrac * (c[l + 1] - c[l]);
			output[k] = (hi - lo) * inv;
		}
	}
}
