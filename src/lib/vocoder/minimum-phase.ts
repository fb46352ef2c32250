/**
 * Minimum-phase spectra from the folded real cepstrum (the synthesis filters' phase): for a
 * log-amplitude spectrum, the phase of the causal, minimum-phase response with that amplitude.
 */
import { ComplexFft, separateBin } from '../dsp/fft';

/**
 * Phases of the minimum-phase responses of two log-amplitude spectra (bins 0 … M of an FFT of
 * N = 2M). The real cepstrum c is the DCT-I of the log amplitude divided by N; folding it onto
 * positive quefrencies and transforming back gives the phase −2·Σ_{n=1}^{M−1} c[n] sin(πkn/M), a
 * DST-I. Each of those (M + 1)-point transforms runs as an M-point real FFT (pre-twiddled so the
 * other half of the outputs follows by a running sum), and the two spectra share one complex FFT.
 */
export class MinimumPhasePair {
	private readonly m: number;
	private readonly fft: ComplexFft;
	/** sin(πj/M), cos(πj/M), j = 0 … M. */
	private readonly sinHalf: Float64Array;
	private readonly cosHalf: Float64Array;
	/** The two real sequences packed as one complex one, and its spectrum. */
	private readonly zr: Float64Array;
	private readonly zi: Float64Array;
	private readonly ur: Float64Array;
	private readonly ui: Float64Array;
	/** Cepstra of the two spectra, quefrencies 0 … M. */
	private readonly ca: Float64Array;
	private readonly cb: Float64Array;

	constructor(fftSize: number) {
		const m = fftSize / 2;
		this.m = m;
		this.fft = new ComplexFft(m);
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
		const { zr, zi, ur, ui, sinHalf: sn, cosHalf: cs, ca, cb } = this;
		// DCT-I: C[k] = x0 + (−1)^k xM + 2 Σ_{j=1}^{M−1} x_j cos(πjk/M), via y_j = ½(x_j + x_{M−j}) − sin(πj/M)(x_j − x_{M−j}):
		// FFT_M(y)[k] has real part C[2k]/2 and imaginary part D[2k−1] − D[2k+1] (D = the cosine sum).
		// The two spectra's y go through one FFT as its real and imaginary parts.
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
		this.fft.forwardTo(zr, zi, ur, ui);
		const endsA = logA[0] - logA[m];
		const endsB = logB[0] - logB[m];
		const scale = 1 / (2 * m);
		let dA = seedA;
		let dB = seedB;
		for (let k = 0; k <= half; k++) {
			const { aRe, aIm, bRe, bIm } = separateBin(ur, ui, k, k === 0 ? 0 : m - k);
			ca[2 * k] = 2 * aRe * scale;
			cb[2 * k] = 2 * bRe * scale;
			if (k > 0) {
				dA -= aIm;
				dB -= bIm;
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
		this.fft.forwardTo(zr, zi, ur, ui);
		let sA = 0;
		let sB = 0;
		for (let k = 0; k <= half; k++) {
			const { aRe, aIm, bRe, bIm } = separateBin(ur, ui, k, k === 0 ? 0 : m - k);
			// φ = −2S.
			phaseA[2 * k] = 2 * aIm;
			phaseB[2 * k] = 2 * bIm;
			if (k < half) {
				if (k === 0) {
					sA = 0.5 * aRe;
					sB = 0.5 * bRe;
				} else {
					sA += aRe;
					sB += bRe;
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
