/**
 * WORLD-style synthesis (Morise, Yokomori & Ozawa, IEICE Trans. Inf. & Syst. 2016, section on
 * synthesis): the f0 contour is interpolated to the output sample grid and integrated into a phase;
 * a vocal-fold pulse is placed wherever the phase completes a cycle (unvoiced stretches get
 * noise-only pulses at a fixed rate). Each pulse contributes, overlap-added around its time,
 *   - a periodic response: the minimum-phase impulse response of sp · (1 − ap²), delayed by the
 *     pulse's fractional sample offset (a linear phase) and stripped of its DC, scaled by √period;
 *   - an aperiodic response: one pulse period of seeded white noise filtered by the minimum-phase
 *     response of sp · ap² (the whole sp where unvoiced).
 * So the output power per sample is the mean of sp over the FFT bins, as in WORLD.
 *
 * Design choices made here (not from WORLD's code):
 *   - Minimum phase comes from the folded real cepstrum, computed once per analysis frame (amplitude
 *     √power and minimum phase per bin). A pulse between two frames interpolates amplitude and phase
 *     linearly: exactly minimum phase at frame times, a smooth blend of two minimum-phase responses in
 *     between. (Interpolating log amplitude instead gives the exact minimum phase of the log-power
 *     interpolated envelope, since the Hilbert transform is linear, but needs an exp per bin per
 *     pulse: about 15 % slower, and 0.1–0.2 dB MCD from this on the reference speech.) Frames of
 *     different voicing are not blended: a pulse takes the nearer frame, which also decides its voicing.
 *   - The response buffer spans fftSize samples centred on the pulse (the pulse at index fftSize/2),
 *     so fractional-delay ringing and late tails have room on both sides.
 *   - The periodic DC is removed by subtracting a Hann window over the buffer (zero at its ends)
 *     scaled to cancel the response's sum: in the frequency domain, bin 0 → 0 and bin 1 += bin 0 / 2.
 *   - Noise segments tile the time axis (pulse n owns the samples up to pulse n + 1), drawn in order
 *     from one seeded generator, so any chunking gives the same samples.
 *   - Output at another rate maps each output bin to its frequency on the analysed envelope, scaled
 *     by fs_out / fs_in so the power spectral density (and loudness) is kept. Above the analysed
 *     Nyquist the envelope is 120 dB below the frame's peak; when rendering at a higher rate the top
 *     5 % of the analysed band fades out (a cliff would ring past the response buffer).
 *   - f0 below 2·fs/fftSize is raised to it (a period must fit half the response buffer).
 *
 * `PulseSynthesizer` is the incremental engine; `synthesize` runs it over a whole parameter set and
 * `StreamingSynthesizer` (streaming-synthesis.ts) in chunks, with identical arithmetic.
 */
import type { WorldParameters } from './types';

/** Pulse rate used through unvoiced stretches, Hz (noise only; WORLD uses the same default). */
export const UNVOICED_PULSE_HZ = 500;
/** Envelope floor relative to the frame's peak power (−120 dB): keeps logarithms finite. */
const ENVELOPE_FLOOR_RELATIVE = 1e-12;
const ABSOLUTE_FLOOR = 1e-300;
/** Fraction of the analysed band faded out when synthesising above its Nyquist frequency. */
const UPPER_BAND_FADE = 0.05;

export interface SynthesisOptions {
	/** Output sampling rate, Hz (default: the parameters' `fs`). */
	fs?: number;
	/** Integer seed of the noise generator (default 1); the same seed gives the same output. */
	seed?: number;
}

// ---------------------------------------------------------------------------------------------
// Fast transforms for the per-pulse work: radix-4 complex FFT (one radix-2 stage when log2 n is
// odd) and a real FFT through a half-size complex one. Twiddles and permutation are precomputed.
// ---------------------------------------------------------------------------------------------

class Radix4Fft {
	readonly size: number;
	/** Bit-reversal permutation, applied while reading the input in the first stage. */
	private readonly reversed: Uint32Array;
	private readonly oddStage: boolean;
	/** Per radix-4 stage of quarter length h: for k < h, W^k, W^2k, W^3k (W = e^{−2πi/4h}) as re, im pairs. */
	private readonly twiddles: Float64Array;
	private readonly stageOffsets: Int32Array;

	constructor(size: number) {
		if (!Number.isInteger(size) || size < 4 || (size & (size - 1)) !== 0) {
			throw new RangeError(`FFT size must be a power of two >= 4; got ${size}.`);
		}
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
	}

	/**
	 * Forward transform (e^{−i2πkn/N}), unnormalised, out of place: input element j is
	 * (inRe[j·stride + offset], inIm[j·stride + offset]) — stride 2 reads a real signal's even or
	 * odd samples. The inverse is the forward transform with re and im swapped, divided by N.
	 */
	transform(inRe: Float64Array, inIm: Float64Array, re: Float64Array, im: Float64Array): void {
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
				const ia = rev[i];
				const ib = rev[i + 1];
				const ic = rev[i + 2];
				const id = rev[i + 3];
				const ar = inRe[ia];
				const ai = inIm[ia];
				const br = inRe[ib];
				const bi = inIm[ib];
				const cr = inRe[ic];
				const ci = inIm[ic];
				const dr = inRe[id];
				const di = inIm[id];
				const s0r = ar + br;
				const s0i = ai + bi;
				const s1r = ar - br;
				const s1i = ai - bi;
				const t0r = cr + dr;
				const t0i = ci + di;
				const t1r = cr - dr;
				const t1i = ci - di;
				re[i] = s0r + t0r;
				im[i] = s0i + t0i;
				re[i + 2] = s0r - t0r;
				im[i + 2] = s0i - t0i;
				re[i + 1] = s1r + t1i;
				im[i + 1] = s1i - t1r;
				re[i + 3] = s1r - t1i;
				im[i + 3] = s1i + t1r;
			}
			h = 4;
		}
		this.stages(re, im, h);
	}

	/** Remaining radix-4 stages, in place, from quarter length h. */
	private stages(re: Float64Array, im: Float64Array, firstH: number): void {
		const n = this.size;
		const tw = this.twiddles;
		let s = 0;
		for (let h = firstH; 4 * h <= n; h *= 4, s++) {
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
					const br0 = re[b];
					const bi0 = im[b];
					const cr0 = re[c];
					const ci0 = im[c];
					const dr0 = re[d];
					const di0 = im[d];
					const br = br0 * w2r - bi0 * w2i;
					const bi = br0 * w2i + bi0 * w2r;
					const cr = cr0 * w1r - ci0 * w1i;
					const ci = cr0 * w1i + ci0 * w1r;
					const dr = dr0 * w3r - di0 * w3i;
					const di = dr0 * w3i + di0 * w3r;
					const ar = re[a];
					const ai = im[a];
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
			}
		}
	}
}

/** Real FFT of size n through one complex FFT of n/2 (even samples real, odd imaginary). */
class HalfSizeRealFft {
	readonly size: number;
	private readonly half: Radix4Fft;
	private readonly cos: Float64Array;
	private readonly sin: Float64Array;
	private readonly xr: Float64Array;
	private readonly xi: Float64Array;
	private readonly zr: Float64Array;
	private readonly zi: Float64Array;
	/** Packed input entries [0, dirty) may be nonzero from the last forward(). */
	private dirty = 0;

	constructor(size: number) {
		this.size = size;
		const h = size / 2;
		this.half = new Radix4Fft(h);
		this.cos = new Float64Array(h + 1);
		this.sin = new Float64Array(h + 1);
		for (let k = 0; k <= h; k++) {
			this.cos[k] = Math.cos((2 * Math.PI * k) / size);
			this.sin[k] = Math.sin((2 * Math.PI * k) / size);
		}
		this.xr = new Float64Array(h);
		this.xi = new Float64Array(h);
		this.zr = new Float64Array(h);
		this.zi = new Float64Array(h);
	}

	/** X[k] = Σ x[t] e^{−2πikt/n}, k = 0 … n/2, for x nonzero only in [0, length). */
	forward(x: Float64Array, length: number, re: Float64Array, im: Float64Array): void {
		const h = this.size / 2;
		const xr = this.xr;
		const xi = this.xi;
		const used = Math.min(h, (length + 1) >> 1);
		for (let m = 0; m < used; m++) {
			xr[m] = x[2 * m];
			xi[m] = x[2 * m + 1];
		}
		if (this.dirty > used) {
			xr.fill(0, used, this.dirty);
			xi.fill(0, used, this.dirty);
		}
		const zr = this.zr;
		const zi = this.zi;
		this.half.transform(xr, xi, zr, zi);
		this.dirty = used;
		const cs = this.cos;
		const sn = this.sin;
		for (let k = 0; k <= h; k++) {
			const a = k === h ? 0 : k;
			const b = k === 0 ? 0 : h - k;
			// E = (Z[k] + conj Z[h−k]) / 2, O = (Z[k] − conj Z[h−k]) / 2i, X = E + e^{−2πik/n} O.
			const er = 0.5 * (zr[a] + zr[b]);
			const ei = 0.5 * (zi[a] - zi[b]);
			const or = 0.5 * (zi[a] + zi[b]);
			const oi = -0.5 * (zr[a] - zr[b]);
			const c = cs[k];
			const s = sn[k];
			re[k] = er + c * or + s * oi;
			im[k] = ei + c * oi - s * or;
		}
	}

	/** acc[offset + t] += (1/n) Σ X[k] e^{2πikt/n}, t < n, from bins 0 … n/2 (imaginary parts of bins 0 and n/2 ignored). */
	inverseAdd(re: Float64Array, im: Float64Array, acc: Float64Array, offset: number): void {
		const h = this.size / 2;
		const xr = this.xr;
		const xi = this.xi;
		const cs = this.cos;
		const sn = this.sin;
		for (let k = 0; k < h; k++) {
			const ar = re[k];
			const ai = k === 0 ? 0 : im[k];
			const br = re[h - k];
			const bi = k === 0 ? 0 : -im[h - k];
			const er = 0.5 * (ar + br);
			const ei = 0.5 * (ai + bi);
			const dr = 0.5 * (ar - br);
			const di = 0.5 * (ai - bi);
			const c = cs[k];
			const s = sn[k];
			const or = dr * c - di * s;
			const oi = dr * s + di * c;
			// Z = E + i·O, fed with re and im swapped so the forward transform computes the inverse.
			xi[k] = er - oi;
			xr[k] = ei + or;
		}
		this.dirty = h;
		const zr = this.zr;
		const zi = this.zi;
		this.half.transform(xr, xi, zr, zi);
		const scale = 1 / h;
		for (let m = 0; m < h; m++) {
			acc[offset + 2 * m] += zi[m] * scale;
			acc[offset + 2 * m + 1] += zr[m] * scale;
		}
	}
}

// ---------------------------------------------------------------------------------------------
// Table-driven sin/cos and log (errors ~1e-12): Math.sin, Math.cos and Math.log per bin would cost
// more than the FFTs.
// ---------------------------------------------------------------------------------------------

const SIN_TABLE_SIZE = 4096;
const SIN_TABLE = new Float64Array(SIN_TABLE_SIZE + SIN_TABLE_SIZE / 4 + 1);
for (let i = 0; i < SIN_TABLE.length; i++) SIN_TABLE[i] = Math.sin((2 * Math.PI * i) / SIN_TABLE_SIZE);
const SIN_SCALE = SIN_TABLE_SIZE / (2 * Math.PI);
const SIN_STEP = (2 * Math.PI) / SIN_TABLE_SIZE;
const QUARTER = SIN_TABLE_SIZE / 4;
const SIN_MASK = SIN_TABLE_SIZE - 1;

/** 2^e for e in [−1020, 1020], at index e + 1020. */
const POWER_OF_TWO_MIN = -1020;
const POWERS_OF_TWO = Float64Array.from({ length: 2041 }, (_, i) => 2 ** (i + POWER_OF_TWO_MIN));

// Natural log from the float's exponent and a 256-entry table of the mantissa's leading bits
// (positive normal inputs); Math.log on big-endian hosts.
const LITTLE_ENDIAN = new Int32Array(Float64Array.of(1).buffer)[1] === 0x3ff00000;
const LOG_TABLE = new Float64Array(256);
const LOG_INVERSE = new Float64Array(256);
for (let j = 0; j < 256; j++) {
	LOG_TABLE[j] = Math.log(1 + j / 256);
	LOG_INVERSE[j] = 1 / (1 + j / 256);
}

// ---------------------------------------------------------------------------------------------
// Minimum phase from the folded real cepstrum, two spectra at a time.
// ---------------------------------------------------------------------------------------------

/**
 * Phases of the minimum-phase responses of two log-amplitude spectra (bins 0 … M of an FFT of
 * N = 2M). The real cepstrum c is the DCT-I of the log amplitude divided by N; folding it onto
 * positive quefrencies and transforming back gives the phase −2·Σ_{n=1}^{M−1} c[n] sin(πkn/M), a
 * DST-I. Each of those (M + 1)-point transforms runs as an M-point real FFT (pre-twiddled so the
 * other half of the outputs follows by a running sum), and the two spectra share one complex FFT.
 */
class MinimumPhasePair {
	private readonly m: number;
	private readonly fft: Radix4Fft;
	private readonly sinHalf: Float64Array;
	private readonly cosHalf: Float64Array;
	private readonly zr: Float64Array;
	private readonly zi: Float64Array;
	private readonly ur: Float64Array;
	private readonly ui: Float64Array;
	private readonly ca: Float64Array;
	private readonly cb: Float64Array;

	constructor(fftSize: number) {
		const m = fftSize / 2;
		this.m = m;
		this.fft = new Radix4Fft(m);
		this.sinHalf = new Float64Array(m + 1);
		this.cosHalf = new Float64Array(m + 1);
		for (let j = 0; j <= m; j++) {
			this.sinHalf[j] = Math.sin((Math.PI * j) / m);
			this.cosHalf[j] = Math.cos((Math.PI * j) / m);
		}
		this.zr = new Float64Array(m);
		this.zi = new Float64Array(m);
		this.ur = new Float64Array(m);
		this.ui = new Float64Array(m);
		this.ca = new Float64Array(m + 1);
		this.cb = new Float64Array(m + 1);
	}

	/** Writes the minimum-phase phase spectra of log amplitudes `logA`, `logB` into `phaseA`, `phaseB`. */
	phases(logA: Float64Array, logB: Float64Array, phaseA: Float64Array, phaseB: Float64Array): void {
		const m = this.m;
		const half = m / 2;
		const zr = this.zr;
		const zi = this.zi;
		const ur = this.ur;
		const ui = this.ui;
		const sn = this.sinHalf;
		const cs = this.cosHalf;
		const ca = this.ca;
		const cb = this.cb;
		// DCT-I: C[k] = x0 + (−1)^k xM + 2 Σ_{j=1}^{M−1} x_j cos(πjk/M), via y_j = ½(x_j + x_{M−j}) − sin(πj/M)(x_j − x_{M−j}):
		// FFT_M(y)[k] has real part C[2k]/2 and imaginary part D[2k−1] − D[2k+1] (D = the cosine sum).
		let seedA = 0;
		let seedB = 0;
		for (let j = 0; j < m; j++) {
			const a0 = logA[j];
			const a1 = logA[m - j];
			const b0 = logB[j];
			const b1 = logB[m - j];
			zr[j] = 0.5 * (a0 + a1) - sn[j] * (a0 - a1);
			zi[j] = 0.5 * (b0 + b1) - sn[j] * (b0 - b1);
			if (j > 0) {
				seedA += a0 * cs[j];
				seedB += b0 * cs[j];
			}
		}
		this.fft.transform(zr, zi, ur, ui);
		const endsA = logA[0] - logA[m];
		const endsB = logB[0] - logB[m];
		const scale = 1 / (2 * m);
		let dA = seedA;
		let dB = seedB;
		for (let k = 0; k <= half; k++) {
			const kk = k === 0 ? 0 : m - k;
			// Separate the packed transforms: Y_A = (Z[k] + conj Z[M−k]) / 2, Y_B = (Z[k] − conj Z[M−k]) / 2i.
			const yaRe = 0.5 * (ur[k] + ur[kk]);
			const yaIm = 0.5 * (ui[k] - ui[kk]);
			const ybRe = 0.5 * (ui[k] + ui[kk]);
			const ybIm = -0.5 * (ur[k] - ur[kk]);
			ca[2 * k] = 2 * yaRe * scale;
			cb[2 * k] = 2 * ybRe * scale;
			if (k > 0) {
				dA -= yaIm;
				dB -= ybIm;
			}
			if (k < half) {
				ca[2 * k + 1] = (endsA + 2 * dA) * scale;
				cb[2 * k + 1] = (endsB + 2 * dB) * scale;
			}
		}
		// DST-I of c[1 … M−1]: S[k] = Σ c_j sin(πjk/M), via y_j = sin(πj/M)(c_j + c_{M−j}) + ½(c_j − c_{M−j}):
		// FFT_M(y)[k] has imaginary part −S[2k] and real part S[2k+1] − S[2k−1].
		zr[0] = 0;
		zi[0] = 0;
		for (let j = 1; j < m; j++) {
			const a0 = ca[j];
			const a1 = ca[m - j];
			const b0 = cb[j];
			const b1 = cb[m - j];
			zr[j] = sn[j] * (a0 + a1) + 0.5 * (a0 - a1);
			zi[j] = sn[j] * (b0 + b1) + 0.5 * (b0 - b1);
		}
		this.fft.transform(zr, zi, ur, ui);
		let sA = 0;
		let sB = 0;
		for (let k = 0; k <= half; k++) {
			const kk = k === 0 ? 0 : m - k;
			const yaRe = 0.5 * (ur[k] + ur[kk]);
			const yaIm = 0.5 * (ui[k] - ui[kk]);
			const ybRe = 0.5 * (ui[k] + ui[kk]);
			const ybIm = -0.5 * (ur[k] - ur[kk]);
			// φ = −2S.
			phaseA[2 * k] = 2 * yaIm;
			phaseB[2 * k] = 2 * ybIm;
			if (k < half) {
				if (k === 0) {
					sA = 0.5 * yaRe;
					sB = 0.5 * ybRe;
				} else {
					sA += yaRe;
					sB += ybRe;
				}
				phaseA[2 * k + 1] = -2 * sA;
				phaseB[2 * k + 1] = -2 * sB;
			}
		}
		phaseA[0] = 0;
		phaseB[0] = 0;
		phaseA[m] = 0;
		phaseB[m] = 0;
	}
}

// ---------------------------------------------------------------------------------------------
// Seeded Gaussian noise: Marsaglia's xorshift128 with a polar transform.
// ---------------------------------------------------------------------------------------------

export class GaussianNoise {
	private x: number;
	private y: number;
	private z: number;
	private w: number;
	private spare = 0;
	private hasSpare = false;

	constructor(seed: number) {
		// Spread the seed over four words with an integer hash so nearby seeds decorrelate.
		let s = (seed | 0) ^ 0x9e3779b9;
		const next = (): number => {
			s = (s + 0x6d2b79f5) | 0;
			let t = Math.imul(s ^ (s >>> 16), 0x85ebca6b);
			t = Math.imul(t ^ (t >>> 13), 0xc2b2ae35);
			return (t ^ (t >>> 16)) | 0;
		};
		this.x = next();
		this.y = next();
		this.z = next();
		this.w = next();
		if ((this.x | this.y | this.z | this.w) === 0) this.w = 1;
	}

	/** Uniform in (0, 1). */
	private uniform(): number {
		const t = this.x ^ (this.x << 11);
		this.x = this.y;
		this.y = this.z;
		this.z = this.w;
		this.w = this.w ^ (this.w >>> 19) ^ (t ^ (t >>> 8));
		return ((this.w >>> 0) + 0.5) / 4294967296;
	}

	/** Standard normal deviate (Marsaglia's polar method: no trigonometry). */
	next(): number {
		if (this.hasSpare) {
			this.hasSpare = false;
			return this.spare;
		}
		let u: number;
		let v: number;
		let q: number;
		do {
			u = 2 * this.uniform() - 1;
			v = 2 * this.uniform() - 1;
			q = u * u + v * v;
		} while (q >= 1 || q === 0);
		const f = Math.sqrt((-2 * Math.log(q)) / q);
		this.spare = v * f;
		this.hasSpare = true;
		return u * f;
	}

	/** Fills out[0 … n) with standard normal deviates (the same sequence as n calls of next()). */
	fill(out: Float64Array, n: number): void {
		let i = 0;
		if (n > 0 && this.hasSpare) {
			this.hasSpare = false;
			out[i++] = this.spare;
		}
		while (i < n) {
			let u: number;
			let v: number;
			let q: number;
			do {
				u = 2 * this.uniform() - 1;
				v = 2 * this.uniform() - 1;
				q = u * u + v * v;
			} while (q >= 1 || q === 0);
			const f = Math.sqrt((-2 * Math.log(q)) / q);
			out[i++] = u * f;
			if (i < n) {
				out[i++] = v * f;
			} else {
				this.spare = v * f;
				this.hasSpare = true;
			}
		}
	}
}

// ---------------------------------------------------------------------------------------------
// Per-bin kernels, sin/cos inlined from the table (a function call per bin costs more than the
// arithmetic). Truncating the table position toward zero leaves a remainder within one table step
// of either sign, which the Taylor terms cover.
// ---------------------------------------------------------------------------------------------

/**
 * ½·ln x into `halfLog` and √x into `root` for positive normal x[0 … n). `words` views x's bytes:
 * the logarithm comes from the exponent bits and a table on the mantissa's leading 8 bits
 * (little-endian hosts; Math.log elsewhere). x is only read here: reading the words of a value
 * just stored would stall on store forwarding.
 */
function halfLogAndRoot(x: Float64Array, words: Int32Array, halfLog: Float64Array, root: Float64Array, n: number): void {
	if (!LITTLE_ENDIAN) {
		for (let k = 0; k < n; k++) {
			halfLog[k] = 0.5 * Math.log(x[k]);
			root[k] = Math.sqrt(x[k]);
		}
		return;
	}
	const powers = POWERS_OF_TWO;
	for (let k = 0; k < n; k++) {
		const v = x[k];
		const hi = words[2 * k + 1];
		const exponent = (hi >> 20) - 1023;
		const j = (hi >> 12) & 255;
		// v / 2^exponent / (1 + j/256) − 1 lies in [0, 1/256): four terms of log(1 + r) leave < 3e-13.
		const r = v * powers[-exponent - POWER_OF_TWO_MIN] * LOG_INVERSE[j] - 1;
		halfLog[k] = 0.5 * (exponent * Math.LN2 + LOG_TABLE[j] + r * (1 - r * (0.5 - r * (1 / 3 - r * 0.25))));
		root[k] = Math.sqrt(v);
	}
}

/**
 * (xr, xi)[k] = (−1)^k · A·e^{iφ} · W[k], amplitude A and phase φ interpolated with weight w between
 * two frames: the aperiodic filter applied to the noise spectrum W, shifted by half the buffer.
 */
function aperiodicSpectrum(
	bins: number,
	w: number,
	ampA: Float64Array,
	ampB: Float64Array,
	phaseA: Float64Array,
	phaseB: Float64Array,
	wr: Float64Array,
	wi: Float64Array,
	xr: Float64Array,
	xi: Float64Array
): void {
	const table = SIN_TABLE;
	let sign = 1;
	for (let k = 0; k < bins; k++) {
		const amplitude = ampA[k] + w * (ampB[k] - ampA[k]);
		const phi = phaseA[k] + w * (phaseB[k] - phaseA[k]);
		const amp = sign * amplitude;
		const t = phi * SIN_SCALE;
		const j = t | 0;
		const r = (t - j) * SIN_STEP;
		const idx = j & SIN_MASK;
		const s0 = table[idx];
		const c0 = table[idx + QUARTER];
		const r2 = r * r;
		const cr = 1 - r2 * (0.5 - r2 * (1 / 24));
		const sr = r * (1 - r2 * (1 / 6));
		const hr = amp * (c0 * cr - s0 * sr);
		const hi = amp * (s0 * cr + c0 * sr);
		const nr = wr[k];
		const ni = wi[k];
		xr[k] = hr * nr - hi * ni;
		xi[k] = hr * ni + hi * nr;
		sign = -sign;
	}
}

/**
 * (xr, xi)[k] += gain · (−1)^k · A·e^{i(φ + k·delay)}, A and φ interpolated as above: the periodic
 * response, delayed by `delay` radians per bin. Returns its bin-0 value (its sum).
 */
function addPeriodicSpectrum(
	bins: number,
	w: number,
	ampA: Float64Array,
	ampB: Float64Array,
	phaseA: Float64Array,
	phaseB: Float64Array,
	gain: number,
	delay: number,
	xr: Float64Array,
	xi: Float64Array
): number {
	const table = SIN_TABLE;
	let sign = gain;
	let dc = 0;
	for (let k = 0; k < bins; k++) {
		const amplitude = ampA[k] + w * (ampB[k] - ampA[k]);
		const phi = phaseA[k] + w * (phaseB[k] - phaseA[k]) + k * delay;
		const amp = sign * amplitude;
		const t = phi * SIN_SCALE;
		const j = t | 0;
		const r = (t - j) * SIN_STEP;
		const idx = j & SIN_MASK;
		const s0 = table[idx];
		const c0 = table[idx + QUARTER];
		const r2 = r * r;
		const cr = 1 - r2 * (0.5 - r2 * (1 / 24));
		const sr = r * (1 - r2 * (1 / 6));
		const hr = amp * (c0 * cr - s0 * sr);
		if (k === 0) dc = hr;
		xr[k] += hr;
		xi[k] += amp * (s0 * cr + c0 * sr);
		sign = -sign;
	}
	return dc;
}

// ---------------------------------------------------------------------------------------------
// Validation shared with the streaming synthesizer.
// ---------------------------------------------------------------------------------------------

function isPowerOfTwo(n: number): boolean {
	return Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0;
}

/** Throws RangeError naming the first inconsistent field of `params`. */
export function validateWorldParameters(params: WorldParameters, what = 'params'): void {
	if (!(Number.isFinite(params.fs) && params.fs > 0)) throw new RangeError(`${what}.fs must be a positive number of Hz; got ${params.fs}.`);
	if (!(Number.isFinite(params.framePeriodSeconds) && params.framePeriodSeconds > 0)) {
		throw new RangeError(`${what}.framePeriodSeconds must be positive; got ${params.framePeriodSeconds}.`);
	}
	const frames = params.f0Hz.length;
	for (const [name, s] of [
		['sp', params.sp],
		['ap', params.ap]
	] as const) {
		if (s.frames !== frames) throw new RangeError(`${what}.${name}.frames must equal f0Hz.length (${frames}); got ${s.frames}.`);
		if (!isPowerOfTwo(s.fftSize) || s.fftSize < 16) throw new RangeError(`${what}.${name}.fftSize must be a power of two >= 16; got ${s.fftSize}.`);
		const expected = frames * (s.fftSize / 2 + 1);
		if (s.data.length !== expected) throw new RangeError(`${what}.${name}.data must hold frames × (fftSize/2+1) = ${expected} values; got ${s.data.length}.`);
	}
	if (params.sp.fftSize !== params.ap.fftSize) {
		throw new RangeError(`${what}.ap.fftSize must equal sp.fftSize (${params.sp.fftSize}); got ${params.ap.fftSize}.`);
	}
}

/** Output length WORLD gives for `frames` frames: one sample past the last frame centre. */
export function synthesisLengthSamples(frames: number, framePeriodSeconds: number, fs: number): number {
	if (frames <= 0) return 0;
	return Math.floor((frames - 1) * framePeriodSeconds * fs + 1e-6) + 1;
}

/** Output FFT size: the analysis size at the same rate, else the power of two covering the same span. */
export function outputFftSizeFor(inputFftSize: number, inputFs: number, outputFs: number): number {
	if (outputFs === inputFs) return inputFftSize;
	let n = 16;
	while (n < (inputFftSize * outputFs) / inputFs - 1e-9) n *= 2;
	return n;
}

// ---------------------------------------------------------------------------------------------
// The engine.
// ---------------------------------------------------------------------------------------------

interface FrameBlock {
	start: number;
	count: number;
	f0Hz: Float64Array;
	sp: Float64Array;
	ap: Float64Array;
}

/** Per-frame minimum-phase spectra at the output bins. */
interface FrameForms {
	frame: number;
	voiced: boolean;
	/** Amplitude (√power) and minimum phase of sp·(1−ap²) (periodic) and sp·ap² (aperiodic; all of sp if unvoiced). */
	ampPeriodic: Float64Array;
	phasePeriodic: Float64Array;
	ampAperiodic: Float64Array;
	phaseAperiodic: Float64Array;
	/** Log amplitudes (scratch for the phase computation). */
	logAmpPeriodic: Float64Array;
	logAmpAperiodic: Float64Array;
}

/** Receives final output samples: `count` values of `data` from `from`, for output samples from `startSample`. */
export type SampleSink = (startSample: number, data: Float64Array, from: number, count: number) => void;

export interface PulseSynthesizerConfig {
	/** Analysis rate of the parameters, Hz. */
	inputFs: number;
	framePeriodSeconds: number;
	/** FFT size of the parameters' sp/ap rows. */
	inputFftSize: number;
	/** Output rate, Hz. */
	outputFs: number;
	seed: number;
}

/**
 * Incremental WORLD-style synthesis: frames are appended, `process` renders as far as the frames
 * known allow and hands final samples to the sink. Output depends only on the frames and the seed,
 * never on how the work is split.
 */
export class PulseSynthesizer {
	readonly inputFs: number;
	readonly outputFs: number;
	readonly framePeriodSeconds: number;
	readonly inputFftSize: number;
	/** Output FFT size = response buffer length. */
	readonly fftSize: number;
	private readonly inputBins: number;
	private readonly bins: number;
	/** Output samples per frame. */
	private readonly samplesPerFrame: number;
	/** Lowest f0 synthesised: one period must fit half the response buffer. */
	private readonly minF0Hz: number;
	private readonly maxF0Hz: number;

	private readonly blocks: FrameBlock[] = [];
	private framesKnown = 0;
	private ended = false;

	// Rate conversion of envelope rows: output bin k reads input bin position sourceIndex[k] + sourceFrac[k]; −1 = above Nyquist.
	private readonly sourceIndex: Int32Array | null;
	private readonly sourceFrac: Float64Array | null;
	private readonly sourceGain: Float64Array | null;
	/** Output/input power density ratio (1 at the analysis rate). */
	private readonly densityScale: number;

	// Transforms and scratch (allocated once).
	private readonly minimumPhase: MinimumPhasePair;
	private readonly realFft: HalfSizeRealFft;
	private readonly powerPeriodic: Float64Array;
	private readonly powerAperiodic: Float64Array;
	private readonly powerPeriodicWords: Int32Array;
	private readonly logPeriodic: Float64Array;
	private readonly logAperiodic: Float64Array;
	private readonly powerAperiodicWords: Int32Array;
	private readonly noise: Float64Array;
	private readonly noiseRe: Float64Array;
	private readonly noiseIm: Float64Array;
	private readonly specRe: Float64Array;
	private readonly specIm: Float64Array;
	private readonly forms: FrameForms[];
	private readonly noiseSource: GaussianNoise;
	private lastNoiseLength = 0;

	// Phase integration state.
	private nextSample = 0;
	private previousF0 = 0;
	private phase = 0;
	private pendingTau = -1;

	// Overlap-add accumulator: acc[j] is output sample accStart + j; samples < finalUpTo are emitted.
	private acc: Float64Array;
	private accStart: number;
	private emittedUpTo = 0;

	constructor(config: PulseSynthesizerConfig) {
		const { inputFs, framePeriodSeconds, inputFftSize, outputFs, seed } = config;
		if (!(Number.isFinite(outputFs) && outputFs > 0)) throw new RangeError(`output fs must be a positive number of Hz; got ${outputFs}.`);
		if (!(Number.isFinite(inputFs) && inputFs > 0)) throw new RangeError(`input fs must be a positive number of Hz; got ${inputFs}.`);
		if (!isPowerOfTwo(inputFftSize) || inputFftSize < 16) throw new RangeError(`fftSize must be a power of two >= 16; got ${inputFftSize}.`);
		if (!(Number.isFinite(framePeriodSeconds) && framePeriodSeconds > 0)) {
			throw new RangeError(`framePeriodSeconds must be positive; got ${framePeriodSeconds}.`);
		}
		if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number; got ${seed}.`);
		this.inputFs = inputFs;
		this.outputFs = outputFs;
		this.framePeriodSeconds = framePeriodSeconds;
		this.inputFftSize = inputFftSize;
		this.inputBins = inputFftSize / 2 + 1;
		const n = outputFftSizeFor(inputFftSize, inputFs, outputFs);
		this.fftSize = n;
		this.bins = n / 2 + 1;
		this.samplesPerFrame = framePeriodSeconds * outputFs;
		this.minF0Hz = (2 * outputFs) / n;
		this.maxF0Hz = outputFs / 2;

		if (outputFs !== inputFs || n !== inputFftSize) {
			this.sourceIndex = new Int32Array(this.bins);
			this.sourceFrac = new Float64Array(this.bins);
			this.sourceGain = new Float64Array(this.bins);
			// Same power spectral density at either rate: sp scales with the sampling rate.
			const densityScale = outputFs / inputFs;
			this.densityScale = densityScale;
			for (let k = 0; k < this.bins; k++) {
				const position = (k * outputFs * inputFftSize) / (n * inputFs);
				if (position > this.inputBins - 1 + 1e-9) {
					this.sourceIndex[k] = -1;
				} else {
					const i = Math.min(Math.floor(position), this.inputBins - 2);
					this.sourceIndex[k] = i;
					this.sourceFrac[k] = Math.min(1, position - i);
					// Where the band stops short of the output Nyquist, fade its top 5 % out (raised
					// cosine): a cliff would ring for longer than the response buffer and leak above it.
					const x = position / (this.inputBins - 1);
					const fade = outputFs > inputFs && x > 1 - UPPER_BAND_FADE ? Math.cos(((x - 1 + UPPER_BAND_FADE) / UPPER_BAND_FADE) * (Math.PI / 2)) ** 2 : 1;
					this.sourceGain[k] = densityScale * fade;
				}
			}
		} else {
			this.sourceIndex = null;
			this.sourceFrac = null;
			this.sourceGain = null;
			this.densityScale = 1;
		}

		this.minimumPhase = new MinimumPhasePair(n);
		this.realFft = new HalfSizeRealFft(n);
		this.powerPeriodic = new Float64Array(this.bins);
		this.powerAperiodic = new Float64Array(this.bins);
		this.powerPeriodicWords = new Int32Array(this.powerPeriodic.buffer);
		this.logPeriodic = new Float64Array(this.bins);
		this.logAperiodic = new Float64Array(this.bins);
		this.powerAperiodicWords = new Int32Array(this.powerAperiodic.buffer);
		this.noise = new Float64Array(n);
		this.noiseRe = new Float64Array(this.bins);
		this.noiseIm = new Float64Array(this.bins);
		this.specRe = new Float64Array(this.bins);
		this.specIm = new Float64Array(this.bins);
		this.forms = [0, 1, 2].map(() => ({
			frame: -1,
			voiced: false,
			ampPeriodic: new Float64Array(this.bins),
			phasePeriodic: new Float64Array(this.bins),
			ampAperiodic: new Float64Array(this.bins),
			phaseAperiodic: new Float64Array(this.bins),
			logAmpPeriodic: this.logPeriodic,
			logAmpAperiodic: this.logAperiodic
		}));
		this.noiseSource = new GaussianNoise(seed);
		this.acc = new Float64Array(4 * n);
		this.accStart = -n / 2;
	}

	/** Frames appended so far. */
	get frameCount(): number {
		return this.framesKnown;
	}

	/** Output samples through which the f0 has been integrated into pulses. */
	get samplesIntegrated(): number {
		return this.nextSample;
	}

	/** Output samples emitted so far. */
	get samplesEmitted(): number {
		return this.emittedUpTo;
	}

	/** Output length once ended (WORLD's: one sample past the last frame centre). */
	get totalSamples(): number {
		return synthesisLengthSamples(this.framesKnown, this.framePeriodSeconds, this.outputFs);
	}

	/** Appends frames; they continue the frame grid. Arrays are referenced, not copied. */
	append(params: WorldParameters): void {
		if (this.ended) throw new RangeError('append after end(): the parameter stream is closed.');
		validateWorldParameters(params);
		if (params.fs !== this.inputFs) throw new RangeError(`params.fs must be ${this.inputFs} Hz like the stream; got ${params.fs}.`);
		if (Math.abs(params.framePeriodSeconds - this.framePeriodSeconds) > 1e-12) {
			throw new RangeError(`params.framePeriodSeconds must be ${this.framePeriodSeconds} like the stream; got ${params.framePeriodSeconds}.`);
		}
		if (params.sp.fftSize !== this.inputFftSize) throw new RangeError(`params.sp.fftSize must be ${this.inputFftSize} like the stream; got ${params.sp.fftSize}.`);
		const f0 = params.f0Hz;
		for (let i = 0; i < f0.length; i++) {
			const v = f0[i];
			if (!(Number.isFinite(v) && v >= 0 && v < this.maxF0Hz)) {
				throw new RangeError(`params.f0Hz[${i}] must be 0 (unvoiced) or in (0, ${this.maxF0Hz}) Hz; got ${v}.`);
			}
		}
		if (f0.length === 0) return;
		this.blocks.push({ start: this.framesKnown, count: f0.length, f0Hz: f0, sp: params.sp.data, ap: params.ap.data });
		this.framesKnown += f0.length;
		this.pairFrame = -1;
	}

	/** No more frames: the next `process` finishes the output at `totalSamples`. */
	end(): void {
		this.ended = true;
	}

	/**
	 * Renders pulses up to output sample `untilSample` (exclusive; default: as far as the frames
	 * allow) and emits every sample that no later pulse can change. Returns the samples emitted.
	 */
	process(sink: SampleSink, untilSample = Infinity): number {
		const before = this.emittedUpTo;
		if (this.framesKnown === 0) {
			return 0;
		}
		const total = this.ended ? this.totalSamples : Infinity;
		const lastFrame = this.framesKnown - 1;
		const spf = this.samplesPerFrame;
		const halfPeriodSeconds = 0.5 / this.outputFs;
		let n = this.nextSample;
		let phase = this.phase;
		let previousF0 = this.previousF0;
		const stop = Math.min(untilSample, total);
		if (n === 0 && n < stop) {
			// A pulse at t = 0 starts the train.
			previousF0 = this.f0AtSample(0);
			this.pendingTau = 0;
			phase = 0;
			n = 1;
		}
		for (;;) {
			if (n >= stop) {
				// Past the end: keep integrating (f0 held) only to find the pulse after the last one.
				if (!(this.ended && n >= total && this.pendingTau >= 0)) break;
			} else if (!this.ended && n / spf > lastFrame) {
				break;
			}
			const f0 = this.f0AtSample(n);
			const previousPhase = phase;
			phase += (previousF0 + f0) * halfPeriodSeconds;
			previousF0 = f0;
			if (phase >= 1) {
				const tau = n - 1 + (1 - previousPhase) / (phase - previousPhase);
				phase -= 1;
				if (this.pendingTau >= 0) this.renderPulse(this.pendingTau, Math.floor(tau) - Math.floor(this.pendingTau), sink);
				this.pendingTau = n < total ? tau : -1;
			}
			n++;
		}
		this.nextSample = n;
		this.phase = phase;
		this.previousF0 = previousF0;
		if (this.ended && n >= total && this.pendingTau < 0) {
			this.flush(total, sink);
		} else if (this.pendingTau >= 0) {
			this.flush(Math.min(total, Math.floor(this.pendingTau) - this.fftSize / 2), sink);
		}
		this.dropUnusedBlocks();
		return this.emittedUpTo - before;
	}

	/** True once every output sample has been emitted. */
	get isDone(): boolean {
		return this.ended && this.emittedUpTo >= this.totalSamples;
	}

	// --- frames ---------------------------------------------------------------------------------

	private blockCursor = 0;

	private blockOf(frame: number): FrameBlock {
		const blocks = this.blocks;
		let b = Math.min(this.blockCursor, blocks.length - 1);
		while (blocks[b].start > frame) b--;
		while (blocks[b].start + blocks[b].count <= frame) b++;
		this.blockCursor = b;
		return blocks[b];
	}

	private f0OfFrame(frame: number): number {
		const block = this.blockOf(frame);
		return block.f0Hz[frame - block.start];
	}

	/**
	 * f0 at an output sample: linear between two voiced frames; where voicing changes, the nearer
	 * frame decides (an unvoiced sample gets the noise-pulse rate). Past the last frame it holds.
	 */
	private f0AtSample(n: number): number {
		const position = n / this.samplesPerFrame;
		let i = Math.floor(position);
		let w = position - i;
		if (i >= this.framesKnown - 1) {
			i = this.framesKnown - 1;
			w = 0;
		}
		// Consecutive samples mostly share a frame pair.
		if (i !== this.pairFrame) {
			this.pairFrame = i;
			this.pairA = this.f0OfFrame(i);
			this.pairB = i + 1 < this.framesKnown ? this.f0OfFrame(i + 1) : this.pairA;
		}
		const a = this.pairA;
		let f0: number;
		if (w === 0) {
			f0 = a;
		} else {
			const b = this.pairB;
			if (a > 0 && b > 0) f0 = a + w * (b - a);
			else f0 = w < 0.5 ? a : b;
		}
		if (f0 <= 0) return UNVOICED_PULSE_HZ;
		return f0 < this.minF0Hz ? this.minF0Hz : f0;
	}

	/** Frame pair cached by f0AtSample (reset when frames arrive). */
	private pairFrame = -1;
	private pairA = 0;
	private pairB = 0;

	private dropUnusedBlocks(): void {
		// Frames before the pending pulse's frame (and the integration point) are no longer read.
		const tau = this.pendingTau >= 0 ? this.pendingTau : this.nextSample;
		const needed = Math.floor(Math.min(tau, this.nextSample - 1) / this.samplesPerFrame) - 1;
		while (this.blocks.length > 1 && this.blocks[0].start + this.blocks[0].count < needed) {
			this.blocks.shift();
			this.blockCursor = Math.max(0, this.blockCursor - 1);
		}
	}

	// --- per-frame minimum-phase spectra ----------------------------------------------------------

	private formsOf(frame: number): FrameForms {
		const slots = this.forms;
		for (const f of slots) if (f.frame === frame) return f;
		// Frames are visited in increasing order: evict the oldest.
		let victim = slots[0];
		for (const f of slots) if (f.frame < victim.frame) victim = f;
		this.computeForms(frame, victim);
		return victim;
	}

	private computeForms(frame: number, out: FrameForms): void {
		const block = this.blockOf(frame);
		const local = frame - block.start;
		const voiced = block.f0Hz[local] > 0;
		const row = local * this.inputBins;
		const sp = block.sp;
		const ap = block.ap;
		const bins = this.bins;
		const pp = this.powerPeriodic;
		const pa = this.powerAperiodic;
		// The floor follows the row's peak (−120 dB), so quiet frames keep their shape.
		let peak = 0;
		for (let k = 0; k < this.inputBins; k++) if (sp[row + k] > peak) peak = sp[row + k];
		const floor = Math.max(peak * this.densityScale * ENVELOPE_FLOOR_RELATIVE, ABSOLUTE_FLOOR);
		if (this.sourceIndex === null) {
			for (let k = 0; k < bins; k++) {
				const s = sp[row + k] > 0 ? sp[row + k] : 0;
				// Unvoiced: all noise. NaN fails both comparisons and counts as 1 (noise) or 0 (power).
				const a = !voiced || !(ap[row + k] < 1) ? 1 : ap[row + k] > 0 ? ap[row + k] : 0;
				const a2 = a * a;
				const periodic = s - s * a2;
				const aperiodic = s * a2;
				pp[k] = periodic > floor ? periodic : floor;
				pa[k] = aperiodic > floor ? aperiodic : floor;
			}
		} else {
			const index = this.sourceIndex;
			const frac = this.sourceFrac!;
			const gain = this.sourceGain!;
			for (let k = 0; k < bins; k++) {
				const i = index[k];
				if (i < 0) {
					pp[k] = floor;
					pa[k] = floor;
					continue;
				}
				const f = frac[k];
				const sr = gain[k] * (sp[row + i] + f * (sp[row + i + 1] - sp[row + i]));
				const ar = ap[row + i] + f * (ap[row + i + 1] - ap[row + i]);
				const s = sr > 0 ? sr : 0;
				const a = !voiced || !(ar < 1) ? 1 : ar > 0 ? ar : 0;
				const a2 = a * a;
				const periodic = s - s * a2;
				const aperiodic = s * a2;
				pp[k] = periodic > floor ? periodic : floor;
				pa[k] = aperiodic > floor ? aperiodic : floor;
			}
		}
		halfLogAndRoot(pp, this.powerPeriodicWords, out.logAmpPeriodic, out.ampPeriodic, bins);
		halfLogAndRoot(pa, this.powerAperiodicWords, out.logAmpAperiodic, out.ampAperiodic, bins);
		this.minimumPhase.phases(out.logAmpPeriodic, out.logAmpAperiodic, out.phasePeriodic, out.phaseAperiodic);
		out.frame = frame;
		out.voiced = voiced;
	}

	// --- one pulse --------------------------------------------------------------------------------

	/** Adds the responses of the pulse at fractional sample `tau`, owning `periodSamples` samples of noise. */
	private renderPulse(tau: number, periodSamples: number, sink: SampleSink): void {
		const n = this.fftSize;
		const bins = this.bins;
		const origin = Math.floor(tau);
		const position = tau / this.samplesPerFrame;
		let i = Math.floor(position);
		let w = position - i;
		if (i >= this.framesKnown - 1) {
			i = this.framesKnown - 1;
			w = 0;
		}
		let fa: FrameForms;
		let fb: FrameForms;
		if (w === 0) {
			fa = fb = this.formsOf(i);
		} else {
			const va = this.f0OfFrame(i) > 0;
			const vb = this.f0OfFrame(i + 1) > 0;
			if (va === vb) {
				fa = this.formsOf(i);
				fb = this.formsOf(i + 1);
			} else {
				fa = fb = this.formsOf(w < 0.5 ? i : i + 1);
				w = 0;
			}
		}
		const voiced = fa.voiced;

		// One period of white noise at the pulse, zero-padded.
		const length = Math.max(1, Math.min(periodSamples, n / 2));
		const noise = this.noise;
		const gen = this.noiseSource;
		gen.fill(noise, length);
		for (let m = length; m < this.lastNoiseLength; m++) noise[m] = 0;
		this.lastNoiseLength = length;
		const wr = this.noiseRe;
		const wi = this.noiseIm;
		this.realFft.forward(noise, length, wr, wi);

		const xr = this.specRe;
		const xi = this.specIm;
		aperiodicSpectrum(bins, w, fa.ampAperiodic, fb.ampAperiodic, fa.phaseAperiodic, fb.phaseAperiodic, wr, wi, xr, xi);
		if (voiced) {
			// √period: a pulse per period carries the power one period of unit noise would.
			const gain = Math.sqrt(length);
			// Delay by the fractional part of the pulse time: a linear phase.
			const delay = (-2 * Math.PI * (tau - origin)) / n;
			const dc = addPeriodicSpectrum(bins, w, fa.ampPeriodic, fb.ampPeriodic, fa.phasePeriodic, fb.phasePeriodic, gain, delay, xr, xi);
			// DC removal: subtract dc · hann / (n/2), the Hann centred on the pulse (bins 0 and ±1).
			xr[0] -= dc;
			xr[1] += 0.5 * dc;
		}
		// Overlap-add around the pulse: y[n/2] is the pulse's sample.
		const start = origin - n / 2;
		if (start + n - this.accStart > this.acc.length) {
			this.flush(start, sink);
			if (start + n - this.accStart > this.acc.length) {
				const bigger = new Float64Array(Math.max(2 * this.acc.length, start + n - this.accStart));
				bigger.set(this.acc);
				this.acc = bigger;
			}
		}
		this.realFft.inverseAdd(xr, xi, this.acc, start - this.accStart);
	}

	/** Emits samples [emittedUpTo, upTo) and slides the accumulator. */
	private flush(upTo: number, sink: SampleSink): void {
		if (upTo <= this.emittedUpTo) return;
		if (upTo - this.accStart > this.acc.length) {
			const bigger = new Float64Array(upTo - this.accStart + this.fftSize);
			bigger.set(this.acc);
			this.acc = bigger;
		}
		const from = this.emittedUpTo - this.accStart;
		sink(this.emittedUpTo, this.acc, from, upTo - this.emittedUpTo);
		this.emittedUpTo = upTo;
		// Slide so the accumulator starts at the first unemitted sample.
		const shift = upTo - this.accStart;
		const acc = this.acc;
		acc.copyWithin(0, shift);
		acc.fill(0, Math.max(0, acc.length - shift));
		this.accStart = upTo;
	}
}

/**
 * Renders WORLD parameters to audio at `options.fs` (default: the analysis rate). Length:
 * floor((frames − 1) · framePeriod · fs) + 1 samples, as WORLD.
 */
export function synthesize(params: WorldParameters, options: SynthesisOptions = {}): Float32Array {
	validateWorldParameters(params);
	const outputFs = options.fs ?? params.fs;
	const engine = new PulseSynthesizer({
		inputFs: params.fs,
		framePeriodSeconds: params.framePeriodSeconds,
		inputFftSize: params.sp.fftSize,
		outputFs,
		seed: options.seed ?? 1
	});
	engine.append(params);
	engine.end();
	const total = engine.totalSamples;
	const y = new Float32Array(total);
	engine.process((startSample, data, from, count) => {
		for (let j = 0; j < count; j++) {
			const t = startSample + j;
			if (t >= 0 && t < total) y[t] = data[from + j];
		}
	});
	return y;
}
