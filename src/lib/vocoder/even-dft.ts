import { ComplexFft } from '../dsp/fft';

/**
 * The DFT of a real even sequence of length N (v[n] = v[N − n]) from its half v[0 … N/2]: the
 * type-I discrete cosine transform, V[k] = v[0] + (−1)^k v[M] + 2 Σ_{j=1}^{M−1} v[j] cos(πjk/M),
 * M = N/2, k = 0 … M. Log spectra and cepstra of real signals are such sequences, so CheapTrick's
 * trip to the cepstrum and back (Morise 2015, liftering step) needs two of these, not two N-point
 * FFTs.
 *
 * With y[j] = (v[j] + v[M−j])/2 − sin(πj/M)(v[j] − v[M−j]) and Y = DFT_M(y), the even outputs are
 * V[2k] = 2 Re Y[k] and the odd ones follow from V[2k+1] = V[2k−1] − 2 Im Y[k], started from V[1]
 * computed directly. Y, the DFT of a real sequence, comes from one complex FFT of M/2 points (even
 * samples as the real part, odd as the imaginary), split as usual; packing and splitting are fused
 * into the cosine transform's own passes.
 */
export class EvenDft {
	/** N, the length of the even sequence (power of two ≥ 16). */
	readonly size: number;
	private readonly half: number;
	private readonly fft: ComplexFft;
	private readonly zr: Float64Array;
	private readonly zi: Float64Array;
	/** sin(πj/M), cos(πj/M), j = 0 … M − 1. */
	private readonly sinHalf: Float64Array;
	private readonly cosHalf: Float64Array;

	constructor(size: number) {
		if (!Number.isInteger(size) || size < 16 || (size & (size - 1)) !== 0) {
			throw new RangeError(`even DFT size must be a power of two >= 16; got ${size}.`);
		}
		this.size = size;
		const m = size / 2;
		this.half = m;
		this.fft = new ComplexFft(m / 2);
		this.zr = new Float64Array(m / 2);
		this.zi = new Float64Array(m / 2);
		this.sinHalf = new Float64Array(m);
		this.cosHalf = new Float64Array(m);
		for (let j = 0; j < m; j++) {
			this.sinHalf[j] = Math.sin((Math.PI * j) / m);
			this.cosHalf[j] = Math.cos((Math.PI * j) / m);
		}
	}

	/** out[k] = V[k] for k = 0 … N/2 from v[0 … N/2]; `out` may be `v`. */
	transform(v: Float64Array, out: Float64Array): void {
		const m = this.half;
		const h = m >> 1;
		const zr = this.zr;
		const zi = this.zi;
		const sn = this.sinHalf;
		const cs = this.cosHalf;
		// y[j] packed as z[j/2] (even j real, odd j imaginary).
		let odd = 0.5 * (v[0] - v[m]);
		zr[0] = 0.5 * (v[0] + v[m]);
		for (let j = 1; j < m; j++) {
			const a = v[j];
			const b = v[m - j];
			const y = 0.5 * (a + b) - sn[j] * (a - b);
			if ((j & 1) === 0) zr[j >> 1] = y;
			else zi[j >> 1] = y;
			odd += a * cs[j];
		}
		this.fft.forward(zr, zi);
		// Y[k] = E[k] + e^{−2πik/M} O[k], E and O the DFTs of y's even and odd samples.
		// e^{−2πik/M} = cos(π·2k/M) − i sin(π·2k/M), from the half-angle tables.
		odd *= 2;
		out[1] = odd;
		for (let k = 0; k <= h; k++) {
			const a = k === h ? 0 : k;
			const b = k === 0 ? 0 : h - k;
			const er = 0.5 * (zr[a] + zr[b]);
			const ei = 0.5 * (zi[a] - zi[b]);
			const or = 0.5 * (zi[a] + zi[b]);
			const oi = -0.5 * (zr[a] - zr[b]);
			const c = k === h ? -1 : cs[2 * k];
			const s = k === h ? 0 : sn[2 * k];
			out[2 * k] = 2 * (er + c * or + s * oi);
			if (k > 0 && k < h) {
				odd -= 2 * (ei + c * oi - s * or);
				out[2 * k + 1] = odd;
			}
		}
	}
}
