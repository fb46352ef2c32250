/**
 * F0-adaptive windowing (CheapTrick, Morise 2015; D4C, Morise 2016): a window whose length is a
 * fixed number of fundamental periods, centred on a sample of the signal. With a Hanning window of
 * three periods the power spectrum becomes temporally stable (CheapTrick); D4C uses four-period
 * Blackman and Hanning windows, and a three-period Blackman one for its voicing check.
 */

export type WindowShape = 'hanning' | 'blackman';

/** Nearest sample to `seconds`, halves rounded up (tolerant of the float error in i · period · fs). */
export function nearestSample(seconds: number, fs: number): number {
	return Math.floor(seconds * fs + 0.5 + 1e-7);
}

/**
 * Cuts windowed segments out of a signal. The window for the last f0 is kept, so a run of frames at
 * the same f0 costs no trigonometry; a new f0 costs one complex rotation per sample.
 */
export class F0AdaptiveWindow {
	readonly shape: WindowShape;
	/** Window length in fundamental periods. */
	readonly periods: number;
	readonly fs: number;
	/** Largest segment this instance can produce, samples. */
	readonly capacity: number;
	/** Scale the window to unit energy (CheapTrick's power spectrum then does not depend on f0). */
	readonly unitEnergy: boolean;
	private readonly window: Float64Array;
	private windowF0Hz = Number.NaN;
	private halfLength = 0;
	private windowSum = 0;
	/** Energy (sum of squares) of the segment the last `cut` produced. */
	lastEnergy = 0;

	constructor(shape: WindowShape, periods: number, fs: number, capacity: number, unitEnergy: boolean) {
		this.shape = shape;
		this.periods = periods;
		this.fs = fs;
		this.capacity = capacity;
		this.unitEnergy = unitEnergy;
		this.window = new Float64Array(capacity);
	}

	/** Half length (samples) of the window at `f0Hz`: the window spans −h … h around the centre. */
	halfLengthFor(f0Hz: number): number {
		return Math.round((this.periods * this.fs) / (2 * f0Hz));
	}

	/**
	 * Writes the windowed segment of `x` centred on sample `centre` into out[0 … 2h] and zeros out up to
	 * `zeroTo`. Samples beyond the signal's ends repeat the edge sample. The windowed mean (the
	 * window-weighted DC) is removed, so the DC bin carries no offset of the recording. Returns 2h + 1;
	 * the segment's energy is left in `lastEnergy`.
	 */
	cut(x: ArrayLike<number>, centre: number, f0Hz: number, out: Float64Array, zeroTo: number): number {
		if (f0Hz !== this.windowF0Hz) this.design(f0Hz);
		const h = this.halfLength;
		const length = 2 * h + 1;
		const w = this.window;
		const last = x.length - 1;
		let sum = 0;
		const start = centre - h;
		if (start >= 0 && start + length - 1 <= last) {
			for (let i = 0; i < length; i++) {
				const v = x[start + i] * w[i];
				out[i] = v;
				sum += v;
			}
		} else {
			for (let i = 0; i < length; i++) {
				let j = start + i;
				j = j < 0 ? 0 : j > last ? last : j;
				const v = x[j] * w[i];
				out[i] = v;
				sum += v;
			}
		}
		const dc = sum / this.windowSum;
		let energy = 0;
		for (let i = 0; i < length; i++) {
			const v = out[i] - dc * w[i];
			out[i] = v;
			energy += v * v;
		}
		this.lastEnergy = energy;
		for (let i = length; i < zeroTo; i++) out[i] = 0;
		return length;
	}

	private design(f0Hz: number): void {
		const h = this.halfLengthFor(f0Hz);
		if (2 * h + 1 > this.capacity) {
			throw new RangeError(`f0 ${f0Hz} Hz needs a ${2 * h + 1}-sample window; at most ${this.capacity} fit.`);
		}
		const w = this.window;
		// The window reaches zero `periods / 2` periods from its centre: phase step 2π f0 / (periods · fs).
		const step = (2 * Math.PI * f0Hz) / (this.periods * this.fs);
		const cs = Math.cos(step);
		const sn = Math.sin(step);
		let c = 1;
		let s = 0;
		const blackman = this.shape === 'blackman';
		for (let n = 0; n <= h; n++) {
			// cos(2θ) = 2cos²θ − 1 for Blackman's second term.
			const v = blackman ? 0.42 + 0.5 * c + 0.08 * (2 * c * c - 1) : 0.5 + 0.5 * c;
			w[h + n] = v;
			w[h - n] = v;
			const nc = c * cs - s * sn;
			s = s * cs + c * sn;
			c = nc;
		}
		const length = 2 * h + 1;
		if (this.unitEnergy) {
			let energy = 0;
			for (let i = 0; i < length; i++) energy += w[i] * w[i];
			const g = 1 / Math.sqrt(energy);
			for (let i = 0; i < length; i++) w[i] *= g;
		}
		let sum = 0;
		for (let i = 0; i < length; i++) sum += w[i];
		this.windowSum = sum;
		this.halfLength = h;
		this.windowF0Hz = f0Hz;
	}
}
