/**
 * The studio's FFTs, all on Float64Array and power-of-two sizes, with twiddles and permutations
 * precomputed per size (many small same-size transforms: YIN, WORLD analysis and synthesis):
 *   - `ComplexFft`: radix-4 Cooley–Tukey (decimation in time; one radix-2 stage first when log2 n
 *     is odd), the bit-reversal permutation fused into the first stage's reads. Measured faster than
 *     radix-2 at every size the studio uses.
 *   - `RealFft`: real signals of length n through one complex FFT of n/2.
 *   - `EvenDft`: the DFT of a real even sequence (a DCT-I) through one real FFT of half the length.
 * Inverses use the same forward code: IDFT(x) = swap(DFT(swap(x))) / N, swap exchanging real and
 * imaginary parts; this is exactly the forward transform with conjugated twiddles.
 */

function checkPowerOfTwo(size: number, least: number, what: string): void {
	if (!Number.isInteger(size) || size < least || (size & (size - 1)) !== 0) {
		throw new RangeError(`${what} size must be a power of two >= ${least}; got ${size}.`);
	}
}

/** cos and sin of 2πk/period for k = 0 … count − 1. */
function unitCircle(period: number, count: number): { cos: Float64Array; sin: Float64Array } {
	const cos = new Float64Array(count);
	const sin = new Float64Array(count);
	for (let k = 0; k < count; k++) {
		cos[k] = Math.cos((2 * Math.PI * k) / period);
		sin[k] = Math.sin((2 * Math.PI * k) / period);
	}
	return { cos, sin };
}

/**
 * The radix-4 butterfly on inputs already multiplied by their twiddles, in bit-reversed order
 * (a, b = the one taking W^2k, c = W^k, d = W^3k): s = a ± b, t = c ± d, then a ← s0 + t0,
 * c ← s0 − t0, b ← s1 − i·t1, d ← s1 + i·t1. Small enough for V8 to inline into both callers.
 */
function butterfly4(
	re: Float64Array,
	im: Float64Array,
	a: number,
	b: number,
	c: number,
	d: number,
	ar: number,
	ai: number,
	br: number,
	bi: number,
	cr: number,
	ci: number,
	dr: number,
	di: number
): void {
	const s0r = ar + br;
	const s0i = ai + bi;
	const s1r = ar - br;
	const s1i = ai - bi;
	const t0r = cr + dr;
	const t0i = ci + di;
	const t1r = cr - dr;
	const t1i = ci - di;
	re[a] = s0r + t0r;
	im[a] = s0i + t0i;
	re[c] = s0r - t0r;
	im[c] = s0i - t0i;
	re[b] = s1r + t1i;
	im[b] = s1i - t1r;
	re[d] = s1r - t1i;
	im[d] = s1i + t1r;
}

/** Bin k of the spectra of two real sequences a and b, separated from the spectrum Z of a + i·b. */
export interface SeparatedBin {
	aRe: number;
	aIm: number;
	bRe: number;
	bIm: number;
}

/**
 * A[k] = (Z[k] + conj Z[N−k]) / 2 and B[k] = (Z[k] − conj Z[N−k]) / 2i, `mirror` = (N − k) mod N.
 * The object is meant to be taken apart at once: V8 then keeps its fields in registers.
 */
export function separateBin(zr: Float64Array, zi: Float64Array, k: number, mirror: number): SeparatedBin {
	return {
		aRe: 0.5 * (zr[k] + zr[mirror]),
		aIm: 0.5 * (zi[k] - zi[mirror]),
		bRe: 0.5 * (zi[k] + zi[mirror]),
		bIm: -0.5 * (zr[k] - zr[mirror])
	};
}

/** Complex FFT of a power-of-two size ≥ 4 (forward e^{−i2πkn/N}; inverse scaled by 1/N). */
export class ComplexFft {
	readonly size: number;
	/** Bit-reversal permutation, applied while reading the input in the first stage. */
	private readonly reversed: Uint32Array;
	private readonly oddStage: boolean;
	/** Per radix-4 stage of quarter length h: for k < h, W^k, W^2k, W^3k (W = e^{−2πi/4h}) as re, im pairs. */
	private readonly twiddles: Float64Array;
	private readonly stageOffsets: Int32Array;
	/** The input's copy for the in-place calls: the transform reads one pair of arrays and writes another. */
	private readonly scratchRe: Float64Array;
	private readonly scratchIm: Float64Array;

	constructor(size: number) {
		checkPowerOfTwo(size, 4, 'FFT');
		this.size = size;
		const bits = Math.round(Math.log2(size));
		this.oddStage = (bits & 1) === 1;
		this.reversed = new Uint32Array(size);
		for (let i = 0; i < size; i++) {
			let r = 0;
			for (let k = 0; k < bits; k++) r |= ((i >> k) & 1) << (bits - 1 - k);
			this.reversed[i] = r;
		}
		// The first stage (radix 2, or radix 4 with unit twiddles) is fused with the permutation.
		const first = this.oddStage ? 2 : 4;
		const offsets: number[] = [];
		let total = 0;
		for (let h = first; 4 * h <= size; h *= 4) {
			offsets.push(total);
			total += 6 * h;
		}
		this.stageOffsets = Int32Array.from(offsets);
		this.twiddles = new Float64Array(total);
		let s = 0;
		for (let h = first; 4 * h <= size; h *= 4, s++) {
			for (let k = 0; k < h; k++) {
				for (let m = 1; m <= 3; m++) {
					const angle = (-2 * Math.PI * m * k) / (4 * h);
					this.twiddles[offsets[s] + 6 * k + 2 * (m - 1)] = Math.cos(angle);
					this.twiddles[offsets[s] + 6 * k + 2 * (m - 1) + 1] = Math.sin(angle);
				}
			}
		}
		this.scratchRe = new Float64Array(size);
		this.scratchIm = new Float64Array(size);
	}

	/** Forward transform, in place on re[0 … N), im[0 … N). */
	forward(re: Float64Array, im: Float64Array): void {
		const n = this.size;
		const cr = this.scratchRe;
		const ci = this.scratchIm;
		cr.set(re.length === n ? re : re.subarray(0, n));
		ci.set(im.length === n ? im : im.subarray(0, n));
		this.forwardTo(cr, ci, re, im);
	}

	/** Inverse transform, in place, scaled by 1/N. */
	inverse(re: Float64Array, im: Float64Array): void {
		this.forward(im, re);
		const s = 1 / this.size;
		for (let i = 0; i < this.size; i++) {
			re[i] *= s;
			im[i] *= s;
		}
	}

	/**
	 * Forward transform, unnormalised, out of place: (outRe, outIm) = DFT(inRe, inIm). The input is
	 * left as it was; input and output must be different arrays. Called with the real and imaginary
	 * arrays swapped on both sides it computes N times the inverse.
	 */
	forwardTo(inRe: Float64Array, inIm: Float64Array, re: Float64Array, im: Float64Array): void {
		const n = this.size;
		const rev = this.reversed;
		let h: number;
		if (this.oddStage) {
			for (let i = 0; i < n; i += 2) {
				const a = rev[i];
				const b = rev[i + 1];
				const ar = inRe[a];
				const ai = inIm[a];
				const br = inRe[b];
				const bi = inIm[b];
				re[i] = ar + br;
				im[i] = ai + bi;
				re[i + 1] = ar - br;
				im[i + 1] = ai - bi;
			}
			h = 2;
		} else {
			for (let i = 0; i < n; i += 4) {
				const a = rev[i];
				const b = rev[i + 1];
				const c = rev[i + 2];
				const d = rev[i + 3];
				butterfly4(re, im, i, i + 1, i + 2, i + 3, inRe[a], inIm[a], inRe[b], inIm[b], inRe[c], inIm[c], inRe[d], inIm[d]);
			}
			h = 4;
		}
		const tw = this.twiddles;
		let s = 0;
		for (; 4 * h <= n; h *= 4, s++) {
			const base = this.stageOffsets[s];
			const step = 4 * h;
			for (let k = 0; k < h; k++) {
				const t = base + 6 * k;
				const w1r = tw[t];
				const w1i = tw[t + 1];
				const w2r = tw[t + 2];
				const w2i = tw[t + 3];
				const w3r = tw[t + 4];
				const w3i = tw[t + 5];
				for (let a = k; a < n; a += step) {
					const b = a + h;
					const c = b + h;
					const d = c + h;
					// Bit-reversed inputs: the one at +h takes W^2k, +2h takes W^k, +3h takes W^3k.
					const br = re[b];
					const bi = im[b];
					const cr = re[c];
					const ci = im[c];
					const dr = re[d];
					const di = im[d];
					butterfly4(
						re,
						im,
						a,
						b,
						c,
						d,
						re[a],
						im[a],
						br * w2r - bi * w2i,
						br * w2i + bi * w2r,
						cr * w1r - ci * w1i,
						cr * w1i + ci * w1r,
						dr * w3r - di * w3i,
						dr * w3i + di * w3r
					);
				}
			}
		}
	}
}

/**
 * FFT of real signals of length n via one complex FFT of n/2 points (even samples as the real
 * part, odd as the imaginary, then split with the twiddles e^{−2πik/n}). Spectra are the n/2 + 1
 * non-negative-frequency bins; the rest is their conjugate mirror.
 */
export class RealFft {
	readonly size: number;
	private readonly half: ComplexFft;
	/** cos, sin of 2πk/n, k = 0 … n/2. */
	private readonly cos: Float64Array;
	private readonly sin: Float64Array;
	/** Input of the half-size transform, and its output. */
	private readonly packedRe: Float64Array;
	private readonly packedIm: Float64Array;
	private readonly zr: Float64Array;
	private readonly zi: Float64Array;
	/** Packed entries [0, packedDirty) may be nonzero from the last call. */
	private packedDirty = 0;

	constructor(size: number) {
		checkPowerOfTwo(size, 8, 'real FFT');
		this.size = size;
		const h = size / 2;
		this.half = new ComplexFft(h);
		({ cos: this.cos, sin: this.sin } = unitCircle(size, h + 1));
		this.packedRe = new Float64Array(h);
		this.packedIm = new Float64Array(h);
		this.zr = new Float64Array(h);
		this.zi = new Float64Array(h);
	}

	/**
	 * X[k] = Σ x[t] e^{−2πikt/n}, k = 0 … n/2, into `re` and `im` (each at least n/2 + 1 long).
	 * With `length`, x[t] for t ≥ length is taken as zero and not read: a short signal in a long
	 * transform needs no zero padding and is packed only as far as it goes.
	 */
	forward(x: ArrayLike<number>, re: Float64Array, im: Float64Array, length = this.size): void {
		const h = this.size / 2;
		const pr = this.packedRe;
		const pi = this.packedIm;
		const pairs = Math.min(h, length >> 1);
		for (let m = 0; m < pairs; m++) {
			pr[m] = x[2 * m];
			pi[m] = x[2 * m + 1];
		}
		let used = pairs;
		if (pairs < h && (length & 1) === 1) {
			pr[used] = x[2 * used];
			pi[used++] = 0;
		}
		if (this.packedDirty > used) {
			pr.fill(0, used, this.packedDirty);
			pi.fill(0, used, this.packedDirty);
		}
		this.packedDirty = used;
		const zr = this.zr;
		const zi = this.zi;
		this.half.forwardTo(pr, pi, zr, zi);
		const cs = this.cos;
		const sn = this.sin;
		for (let k = 0; k <= h; k++) {
			// The spectra of the even samples, E, and of the odd ones, O (period h); X[k] = E + e^{−2πik/n} · O.
			const { aRe: er, aIm: ei, bRe: or, bIm: oi } = separateBin(zr, zi, k === h ? 0 : k, k === 0 ? 0 : h - k);
			const c = cs[k];
			const s = sn[k];
			re[k] = er + c * or + s * oi;
			im[k] = ei + c * oi - s * or;
		}
	}

	/** x[t] = (1/n) Σ X[k] e^{2πikt/n}, t < n, from the n/2 + 1 bins (imaginary parts of bins 0 and n/2 ignored). */
	inverse(re: ArrayLike<number>, im: ArrayLike<number>, x: Float64Array): void {
		x.fill(0, 0, this.size);
		this.inverseAdd(re, im, x, 0);
	}

	/** acc[offset + t] += x[t], t < n, x the inverse transform as in `inverse` (overlap-add without a scratch signal). */
	inverseAdd(re: ArrayLike<number>, im: ArrayLike<number>, acc: Float64Array, offset: number): void {
		this.inverseHalf(re, im);
		const h = this.size / 2;
		const zr = this.zr;
		const zi = this.zi;
		const scale = 1 / h;
		for (let m = 0; m < h; m++) {
			acc[offset + 2 * m] += zi[m] * scale;
			acc[offset + 2 * m + 1] += zr[m] * scale;
		}
	}

	/** n/2 times the packed inverse z (x[2m] + i·x[2m+1] = z[m]), left in (zi, zr): real and imaginary swapped. */
	private inverseHalf(re: ArrayLike<number>, im: ArrayLike<number>): void {
		const h = this.size / 2;
		const pr = this.packedRe;
		const pi = this.packedIm;
		const cs = this.cos;
		const sn = this.sin;
		for (let k = 0; k < h; k++) {
			const ar = re[k];
			const ai = k === 0 ? 0 : im[k];
			const br = re[h - k];
			const bi = k === 0 ? 0 : -im[h - k];
			// E = (X[k] + conj X[h−k]) / 2, O = (X[k] − conj X[h−k]) / 2 · e^{2πik/n}
			const er = 0.5 * (ar + br);
			const ei = 0.5 * (ai + bi);
			const dr = 0.5 * (ar - br);
			const di = 0.5 * (ai - bi);
			const c = cs[k];
			const s = sn[k];
			const or = dr * c - di * s;
			const oi = dr * s + di * c;
			// Z = E + i·O, stored swapped so the forward transform computes the inverse.
			pi[k] = er - oi;
			pr[k] = ei + or;
		}
		this.packedDirty = h;
		this.half.forwardTo(pr, pi, this.zr, this.zi);
	}
}

/**
 * The DFT of a real even sequence of length N (v[n] = v[N − n]) from its half v[0 … N/2]: the
 * type-I discrete cosine transform, V[k] = v[0] + (−1)^k v[M] + 2 Σ_{j=1}^{M−1} v[j] cos(πjk/M),
 * M = N/2, k = 0 … M. Log spectra and cepstra of real signals are such sequences, so a trip to the
 * cepstrum and back (CheapTrick's liftering, Morise 2015) needs two of these, not two N-point FFTs.
 *
 * With y[j] = (v[j] + v[M−j])/2 − sin(πj/M)(v[j] − v[M−j]) and Y = DFT_M(y) (a real FFT of M
 * points), the even outputs are V[2k] = 2 Re Y[k] and the odd ones follow from
 * V[2k+1] = V[2k−1] − 2 Im Y[k], started from V[1] computed directly.
 */
export class EvenDft {
	/** N, the length of the even sequence (power of two ≥ 16). */
	readonly size: number;
	private readonly fft: RealFft;
	/** y, then its spectrum Y in bins 0 … M/2. */
	private readonly work: { y: Float64Array; re: Float64Array; im: Float64Array };
	/** cos and sin of πj/M, j = 0 … M − 1. */
	private readonly halfTurn: { cos: Float64Array; sin: Float64Array };

	constructor(size: number) {
		checkPowerOfTwo(size, 16, 'even DFT');
		this.size = size;
		const m = size / 2;
		this.fft = new RealFft(m);
		this.work = { y: new Float64Array(m), re: new Float64Array(m / 2 + 1), im: new Float64Array(m / 2 + 1) };
		this.halfTurn = unitCircle(size, m);
	}

	/** out[k] = V[k] for k = 0 … N/2 from v[0 … N/2]; `out` may be `v`. */
	transform(v: Float64Array, out: Float64Array): void {
		const m = this.size / 2;
		const h = m / 2;
		const { y, re: yr, im: yi } = this.work;
		const { cos: cs, sin: sn } = this.halfTurn;
		let odd = 0.5 * (v[0] - v[m]);
		y[0] = 0.5 * (v[0] + v[m]);
		for (let j = 1; j < m; j++) {
			const a = v[j];
			const b = v[m - j];
			y[j] = 0.5 * (a + b) - sn[j] * (a - b);
			odd += a * cs[j];
		}
		this.fft.forward(y, yr, yi);
		odd *= 2;
		out[1] = odd;
		for (let k = 0; k <= h; k++) {
			out[2 * k] = 2 * yr[k];
			if (k > 0 && k < h) {
				odd -= 2 * yi[k];
				out[2 * k + 1] = odd;
			}
		}
	}
}
