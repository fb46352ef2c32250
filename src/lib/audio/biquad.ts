/**
 * Second-order IIR sections ("biquads"): designs by the bilinear transform and a filter loop.
 *
 * Glossary: `fs` sampling rate (Hz), `f0Hz` the section's characteristic frequency, `q` its
 * quality factor, `x` input, `y` output. Coefficients are normalised so that a0 = 1:
 *
 *   y[n] = b0·x[n] + b1·x[n−1] + b2·x[n−2] − a1·y[n−1] − a2·y[n−2].
 *
 * Every design starts from an analog prototype in the normalised variable s' = s / ω0,
 *
 *   H(s') = (n2·s'² + n1·s' + n0) / (s'² + s'/q + 1),
 *
 * mapped to z by the bilinear transform prewarped at f0 (s' = (1/K)·(z − 1)/(z + 1) with
 * K = tan(π·f0/fs)), so the digital response equals the analog one exactly at 0, f0 and fs/2
 * (Oppenheim & Schafer, "Discrete-Time Signal Processing", 3rd ed., §7.2.2). The equalisers
 * below choose n2, n1, n0 as in R. Bristow-Johnson's "Cookbook formulae for audio EQ biquad
 * filter coefficients" (W3C Audio EQ Cookbook).
 */

export interface BiquadCoefficients {
	b0: number;
	b1: number;
	b2: number;
	a1: number;
	a2: number;
}

/** An analog second-order section in s' = s / (2π·f0Hz); see the file comment. */
export interface AnalogBiquad {
	/** Characteristic (pole) frequency, Hz. */
	f0Hz: number;
	/** Quality factor of the poles. */
	q: number;
	/** Numerator coefficient of s'² (the gain as f → ∞). */
	n2: number;
	/** Numerator coefficient of s'. */
	n1: number;
	/** Numerator constant (the gain at DC). */
	n0: number;
}

function checkSampleRate(fs: number): void {
	if (!(Number.isFinite(fs) && fs >= 1000 && fs <= 1_000_000)) {
		throw new RangeError(`sampleRate must be in [1000, 1000000] Hz; got ${fs}.`);
	}
}

function checkFrequency(name: string, fHz: number, fs: number): void {
	if (!(Number.isFinite(fHz) && fHz > 0 && fHz < fs / 2)) {
		throw new RangeError(`${name} must be in (0, ${fs / 2}) Hz (below the Nyquist frequency); got ${fHz}.`);
	}
}

function checkQ(q: number): void {
	if (!(Number.isFinite(q) && q >= 0.05 && q <= 100)) throw new RangeError(`q must be in [0.05, 100]; got ${q}.`);
}

/** The bilinear transform of `prototype`, prewarped at its f0, for sampling rate `fs` (Hz). */
export function bilinearBiquad(prototype: AnalogBiquad, fs: number): BiquadCoefficients {
	checkSampleRate(fs);
	checkFrequency('f0Hz', prototype.f0Hz, fs);
	const { q, n2, n1, n0 } = prototype;
	const k = Math.tan((Math.PI * prototype.f0Hz) / fs);
	const k2 = k * k;
	// Multiply numerator and denominator by K²·(z + 1)² and collect powers of z⁻¹.
	const a0 = 1 + k / q + k2;
	return {
		b0: (n2 + n1 * k + n0 * k2) / a0,
		b1: (2 * (n0 * k2 - n2)) / a0,
		b2: (n2 - n1 * k + n0 * k2) / a0,
		a1: (2 * (k2 - 1)) / a0,
		a2: (1 - k / q + k2) / a0
	};
}

/** Second-order high-pass (12 dB/octave); q = 1/√2 is Butterworth. */
export function highPassBiquad(f0Hz: number, fs: number, q = Math.SQRT1_2): BiquadCoefficients {
	checkQ(q);
	return bilinearBiquad({ f0Hz, q, n2: 1, n1: 0, n0: 0 }, fs);
}

/**
 * Peaking equaliser: `gainDb` at f0, unity far from it, bandwidth set by q (Cookbook "peakingEQ",
 * whose analog prototype is (s'² + s'·A/q + 1) / (s'² + s'/(A·q) + 1) with A = 10^(gainDb/40)).
 */
export function peakingBiquad(f0Hz: number, gainDb: number, fs: number, q = 1): BiquadCoefficients {
	checkQ(q);
	const a = 10 ** (gainDb / 40);
	// Written with the pole q of the prototype (q·A) so it fits the AnalogBiquad form.
	return bilinearBiquad({ f0Hz, q: q * a, n2: 1, n1: a / q, n0: 1 }, fs);
}

/**
 * High shelf: unity at DC, `gainDb` well above the corner, half the gain (in dB) near `f0Hz`.
 * Cookbook "highShelf", H(s) = A·(A·s² + (√A/q)·s + 1) / (s² + (√A/q)·s + A) with A = 10^(gainDb/40)
 * and s in units of 2π·f0Hz. Its poles sit at √A·f0 with quality q; in s' = s/√A the section is
 * (A²·s'² + (A/q)·s' + 1) / (s'² + s'/q + 1), prewarped at that pole frequency. q = 1/√2 is the
 * steepest shelf without overshoot (shelf slope S = 1).
 */
export function highShelfBiquad(f0Hz: number, gainDb: number, fs: number, q = Math.SQRT1_2): BiquadCoefficients {
	checkQ(q);
	const a = 10 ** (gainDb / 40);
	return bilinearBiquad({ f0Hz: f0Hz * Math.sqrt(a), q, n2: a * a, n1: a / q, n0: 1 }, fs);
}

/** Filters `x` through the cascade of `sections` (state starts at zero); returns a new array. */
export function filterBiquads(x: Float32Array, sections: readonly BiquadCoefficients[]): Float32Array {
	const y = new Float32Array(x.length);
	if (sections.length === 0) {
		y.set(x);
		return y;
	}
	let input: Float32Array = x;
	for (const { b0, b1, b2, a1, a2 } of sections) {
		// Transposed direct form II in float64: low round-off for poles near z = 1 (e.g. 38 Hz at 48 kHz).
		let s1 = 0;
		let s2 = 0;
		for (let n = 0; n < input.length; n++) {
			const xn = input[n];
			const yn = b0 * xn + s1;
			s1 = b1 * xn - a1 * yn + s2;
			s2 = b2 * xn - a2 * yn;
			y[n] = yn;
		}
		input = y;
	}
	return y;
}

/** Magnitude response of the cascade at `fHz`, in dB (evaluated on the unit circle). */
export function biquadsMagnitudeDb(sections: readonly BiquadCoefficients[], fHz: number, fs: number): number {
	const w = (2 * Math.PI * fHz) / fs;
	const c1 = Math.cos(w);
	const s1 = Math.sin(w);
	const c2 = Math.cos(2 * w);
	const s2 = Math.sin(2 * w);
	let db = 0;
	for (const { b0, b1, b2, a1, a2 } of sections) {
		const numRe = b0 + b1 * c1 + b2 * c2;
		const numIm = -(b1 * s1 + b2 * s2);
		const denRe = 1 + a1 * c1 + a2 * c2;
		const denIm = -(a1 * s1 + a2 * s2);
		db += 10 * Math.log10((numRe * numRe + numIm * numIm) / (denRe * denRe + denIm * denIm));
	}
	return db;
}
