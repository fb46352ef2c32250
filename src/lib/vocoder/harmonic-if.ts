/**
 * Instantaneous frequency and amplitude of the first harmonics at one instant, for f0 refinement
 * (StoneMask: WORLD, Morise et al., IEICE 2016, Sec. 3.1; Harvest: Morise, Interspeech 2017,
 * Sec. 2.2). A Blackman window (about three periods long) is centred on the instant; the short-time
 * spectra X(ω) with the window w and Y(ω) with its time derivative w' give the instantaneous
 * frequency ω − Im(Y / X) (the rate of change of the phase: for a steady sinusoid it is the
 * sinusoid's frequency wherever ω sits in its main lobe). Only a few harmonics are needed, so X and Y
 * are evaluated by Goertzel recursions at k · f0 (or at the FFT bin nearest to it) instead of by a
 * whole FFT.
 */

/** Largest number of harmonics one analysis returns. */
export const MAX_HARMONICS = 16;

export class HarmonicAnalyzer {
	private windowed: Float64Array;
	private derivative: Float64Array;
	/** Instantaneous frequency (Hz) of harmonics 1 … count, after `analyse`. */
	readonly frequencyHz = new Float64Array(MAX_HARMONICS);
	/** |X| at harmonics 1 … count, after `analyse`. */
	readonly amplitude = new Float64Array(MAX_HARMONICS);

	constructor(
		private readonly signal: Float64Array,
		private readonly fs: number
	) {
		this.windowed = new Float64Array(0);
		this.derivative = new Float64Array(0);
	}

	/**
	 * Analyses harmonics 1 … `count` (≤ MAX_HARMONICS) of `f0Hz` with a Blackman window over samples
	 * `centreSample` ± `halfLength` (samples outside the signal count as zero). With `binHz` > 0 each
	 * harmonic is analysed at the nearest multiple of `binHz` (the bin an FFT of fs / binHz points would
	 * use), otherwise exactly at k · f0.
	 */
	analyse(centreSample: number, halfLength: number, f0Hz: number, count: number, binHz = 0): void {
		if (!(count >= 1 && count <= MAX_HARMONICS)) throw new RangeError(`count must be in [1, ${MAX_HARMONICS}]; got ${count}.`);
		const fs = this.fs;
		const x = this.signal;
		const first = centreSample - halfLength;
		const length = 2 * halfLength + 1;
		if (this.windowed.length < length) {
			this.windowed = new Float64Array(length);
			this.derivative = new Float64Array(length);
		}
		const wx = this.windowed;
		const dx = this.derivative;
		// Blackman window 0.42 + 0.5 cos α + 0.08 cos 2α with α = 2πτ / (window duration), and its
		// τ-derivative (per second); α is advanced by rotation.
		const step = (2 * Math.PI) / length;
		let c = Math.cos(-halfLength * step);
		let s = Math.sin(-halfLength * step);
		const cs = Math.cos(step);
		const ss = Math.sin(step);
		const derivativeScale = -step * fs;
		for (let m = 0; m < length; m++) {
			const n = first + m;
			const v = n >= 0 && n < x.length ? x[n] : 0;
			const c2 = 2 * c * c - 1;
			const s2 = 2 * s * c;
			wx[m] = v * (0.42 + 0.5 * c + 0.08 * c2);
			dx[m] = v * derivativeScale * (0.5 * s + 0.16 * s2);
			const nc = c * cs - s * ss;
			s = s * cs + c * ss;
			c = nc;
		}
		for (let k = 1; k <= count; k++) {
			const fk = binHz > 0 ? Math.round((k * f0Hz) / binHz) * binHz : k * f0Hz;
			const theta = (2 * Math.PI * fk) / fs;
			const coeff = 2 * Math.cos(theta);
			let a1 = 0;
			let a2 = 0;
			let b1 = 0;
			let b2 = 0;
			for (let m = 0; m < length; m++) {
				const a0 = wx[m] + coeff * a1 - a2;
				a2 = a1;
				a1 = a0;
				const b0 = dx[m] + coeff * b1 - b2;
				b2 = b1;
				b1 = b0;
			}
			// Both spectra up to the same phase factor: s[M−1] − e^{−iθ} s[M−2].
			const ct = Math.cos(theta);
			const st = Math.sin(theta);
			const xr = a1 - ct * a2;
			const xi = st * a2;
			const yr = b1 - ct * b2;
			const yi = st * b2;
			const power = xr * xr + xi * xi;
			// Im(Y / X) = Im(Y · conj X) / |X|², in rad/s.
			const phaseRate = power > 0 ? (yi * xr - yr * xi) / power : 0;
			this.frequencyHz[k - 1] = fk - phaseRate / (2 * Math.PI);
			this.amplitude[k - 1] = Math.sqrt(power);
		}
	}
}
