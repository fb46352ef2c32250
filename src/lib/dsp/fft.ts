/**
 * In-place iterative radix-2 complex FFT (Cooley–Tukey, decimation in time) with
 * precomputed per-stage twiddles and a bit-reversal table, for the many small
 * same-size transforms the YIN difference function needs. The first two stages use
 * trivial twiddles (±1, ±i) and are done together as one radix-4 pass.
 */
export class ComplexFft {
	readonly size: number;
	/** Twiddles for stage with half-length h live at [h - 1, 2h - 1) (h = 4, 8, ...): cos / −sin of 2πk/(2h). */
	private readonly twRe: Float64Array;
	private readonly twIm: Float64Array;
	private readonly swapA: Uint32Array;
	private readonly swapB: Uint32Array;

	constructor(size: number) {
		if (!Number.isInteger(size) || size < 4 || (size & (size - 1)) !== 0) {
			throw new RangeError(`FFT size must be a power of two >= 4; got ${size}.`);
		}
		this.size = size;
		this.twRe = new Float64Array(size);
		this.twIm = new Float64Array(size);
		for (let h = 1; h < size; h <<= 1) {
			for (let k = 0; k < h; k++) {
				this.twRe[h - 1 + k] = Math.cos((Math.PI * k) / h);
				this.twIm[h - 1 + k] = -Math.sin((Math.PI * k) / h);
			}
		}
		const bits = Math.log2(size) | 0;
		const a: number[] = [];
		const b: number[] = [];
		for (let i = 0; i < size; i++) {
			let r = 0;
			for (let k = 0; k < bits; k++) r |= ((i >> k) & 1) << (bits - 1 - k);
			if (r > i) {
				a.push(i);
				b.push(r);
			}
		}
		this.swapA = Uint32Array.from(a);
		this.swapB = Uint32Array.from(b);
	}

	/** Forward transform (e^{−i2πkn/N}), in place. */
	forward(re: Float64Array, im: Float64Array): void {
		this.run(re, im, false);
	}

	/** Inverse transform, in place, scaled by 1/N. */
	inverse(re: Float64Array, im: Float64Array): void {
		this.run(re, im, true);
		const s = 1 / this.size;
		for (let i = 0; i < this.size; i++) {
			re[i] *= s;
			im[i] *= s;
		}
	}

	private run(re: Float64Array, im: Float64Array, inverse: boolean): void {
		const n = this.size;
		const sa = this.swapA;
		const sb = this.swapB;
		for (let s = 0; s < sa.length; s++) {
			const i = sa[s];
			const j = sb[s];
			const tr = re[i];
			re[i] = re[j];
			re[j] = tr;
			const ti = im[i];
			im[i] = im[j];
			im[j] = ti;
		}
		// Stages 1 and 2 (lengths 2 and 4) as one radix-4 butterfly.
		const sgn = inverse ? -1 : 1;
		for (let i = 0; i < n; i += 4) {
			const ar = re[i] + re[i + 1];
			const ai = im[i] + im[i + 1];
			const br = re[i] - re[i + 1];
			const bi = im[i] - im[i + 1];
			const cr = re[i + 2] + re[i + 3];
			const ci = im[i + 2] + im[i + 3];
			const dr = re[i + 2] - re[i + 3];
			const di = im[i + 2] - im[i + 3];
			// Multiply d by −i (forward) or +i (inverse).
			const dwr = sgn * di;
			const dwi = -sgn * dr;
			re[i] = ar + cr;
			im[i] = ai + ci;
			re[i + 2] = ar - cr;
			im[i + 2] = ai - ci;
			re[i + 1] = br + dwr;
			im[i + 1] = bi + dwi;
			re[i + 3] = br - dwr;
			im[i + 3] = bi - dwi;
		}
		const twRe = this.twRe;
		const twIm = this.twIm;
		// Block by block, twiddles read in order: contiguous memory in the inner loop.
		const conj = inverse ? -1 : 1;
		for (let h = 4; h < n; h <<= 1) {
			const len = h << 1;
			const t0 = h - 1;
			for (let base = 0; base < n; base += len) {
				for (let k = 0; k < h; k++) {
					const wr = twRe[t0 + k];
					const wi = conj * twIm[t0 + k];
					const a = base + k;
					const b = a + h;
					const br = re[b];
					const bi = im[b];
					const xr = br * wr - bi * wi;
					const xi = br * wi + bi * wr;
					const ar = re[a];
					const ai = im[a];
					re[b] = ar - xr;
					im[b] = ai - xi;
					re[a] = ar + xr;
					im[a] = ai + xi;
				}
			}
		}
	}
}

/**
 * FFT of real signals of even length n via one complex FFT of n/2 points (even samples as the real
 * part, odd as the imaginary, then split with the twiddles e^{−2πik/n}). Spectra are the n/2 + 1
 * non-negative-frequency bins; the rest is their conjugate mirror.
 */
export class RealFft {
	readonly size: number;
	private readonly half: ComplexFft;
	private readonly cos: Float64Array;
	private readonly sin: Float64Array;
	private readonly zr: Float64Array;
	private readonly zi: Float64Array;

	constructor(size: number) {
		if (!Number.isInteger(size) || size < 8 || (size & (size - 1)) !== 0) {
			throw new RangeError(`real FFT size must be a power of two >= 8; got ${size}.`);
		}
		this.size = size;
		const h = size / 2;
		this.half = new ComplexFft(h);
		this.cos = new Float64Array(h + 1);
		this.sin = new Float64Array(h + 1);
		for (let k = 0; k <= h; k++) {
			this.cos[k] = Math.cos((2 * Math.PI * k) / size);
			this.sin[k] = Math.sin((2 * Math.PI * k) / size);
		}
		this.zr = new Float64Array(h);
		this.zi = new Float64Array(h);
	}

	/** X[k] = Σ x[t] e^{−2πikt/n}, k = 0 … n/2, into `re` and `im` (each at least n/2 + 1 long). */
	forward(x: ArrayLike<number>, re: Float64Array, im: Float64Array): void {
		const h = this.size / 2;
		const zr = this.zr;
		const zi = this.zi;
		for (let k = 0; k < h; k++) {
			zr[k] = x[2 * k];
			zi[k] = x[2 * k + 1];
		}
		this.half.forward(zr, zi);
		for (let k = 0; k <= h; k++) {
			const a = k === h ? 0 : k;
			const b = k === 0 ? 0 : h - k;
			// Even part E = (Z[k] + conj Z[h−k]) / 2, odd part O = (Z[k] − conj Z[h−k]) / 2i.
			const er = 0.5 * (zr[a] + zr[b]);
			const ei = 0.5 * (zi[a] - zi[b]);
			const or = 0.5 * (zi[a] + zi[b]);
			const oi = -0.5 * (zr[a] - zr[b]);
			// X[k] = E + e^{−2πik/n} · O
			const c = this.cos[k];
			const s = this.sin[k];
			re[k] = er + c * or + s * oi;
			im[k] = ei + c * oi - s * or;
		}
	}

	/** x[t] = (1/n) Σ X[k] e^{2πikt/n} from the n/2 + 1 bins (imaginary parts of bins 0 and n/2 ignored). */
	inverse(re: ArrayLike<number>, im: ArrayLike<number>, x: Float64Array): void {
		const h = this.size / 2;
		const zr = this.zr;
		const zi = this.zi;
		for (let k = 0; k < h; k++) {
			const xr = re[k];
			const xi = k === 0 ? 0 : im[k];
			const yr = re[h - k];
			const yi = k === 0 ? 0 : -im[h - k];
			// E = (X[k] + conj X[h−k]) / 2, O = (X[k] − conj X[h−k]) / 2 · e^{2πik/n}
			const er = 0.5 * (xr + yr);
			const ei = 0.5 * (xi + yi);
			const dr = 0.5 * (xr - yr);
			const di = 0.5 * (xi - yi);
			const c = this.cos[k];
			const s = this.sin[k];
			const or = dr * c - di * s;
			const oi = dr * s + di * c;
			// Z = E + i·O
			zr[k] = er - oi;
			zi[k] = ei + or;
		}
		this.half.inverse(zr, zi);
		for (let k = 0; k < h; k++) {
			x[2 * k] = zr[k];
			x[2 * k + 1] = zi[k];
		}
	}
}
