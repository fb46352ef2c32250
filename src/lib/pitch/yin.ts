/**
 * YIN building blocks (de Cheveigné & Kawahara, 2002, "YIN, a fundamental frequency
 * estimator for speech and music", JASA 111(4)) and the probabilistic threshold step of
 * pYIN (Mauch & Dixon, 2014, "pYIN: a fundamental frequency estimator using
 * probabilistic threshold distributions", ICASSP).
 *
 * Glossary: `d` difference function (YIN eq. 6), `dPrime` cumulative mean normalised
 * difference (YIN eq. 8), `tau` lag in samples.
 */

/**
 * YIN eq. 8: d'(0) = 1, d'(τ) = d(τ) · τ / Σ_{j=1..τ} d(j). Writes into `out` (may alias `d`).
 */
export function cumulativeMeanNormalizedDifference(d: Float64Array, out: Float64Array, tauMax = d.length - 1): void {
	let running = 0;
	out[0] = 1;
	for (let tau = 1; tau <= tauMax; tau++) {
		running += d[tau];
		out[tau] = running > 0 ? (d[tau] * tau) / running : 1;
	}
}

/**
 * YIN step 5: parabolic interpolation of a minimum of `d` at integer lag `tau`; returns the
 * fractional lag. Falls back to `tau` at the edges or when the parabola is degenerate.
 */
export function parabolicMinimum(d: Float64Array, tau: number, tauMax = d.length - 1): number {
	if (tau <= 0 || tau >= tauMax) return tau;
	const a = d[tau - 1];
	const b = d[tau];
	const c = d[tau + 1];
	const denominator = a - 2 * b + c;
	if (!(denominator > 0)) return tau;
	const shift = (0.5 * (a - c)) / denominator;
	return shift > 1 || shift < -1 ? tau : tau + shift;
}

/**
 * Discrete threshold prior of pYIN: thresholds s = 0.01, 0.02, ..., 1.00 weighted by a
 * Beta(α, β) density with the given mean (α = 2 as in Mauch & Dixon 2014, β = α(1−μ)/μ).
 * Returns the cumulative mass: `cdf[i]` = P(s ≤ i/100), `cdf[0] = 0`, `cdf[100] = 1`.
 */
export function betaThresholdCdf(mean: number, alpha = 2): Float64Array {
	if (!(mean > 0 && mean < 1)) throw new RangeError(`betaMean must be in (0, 1); got ${mean}.`);
	const beta = (alpha * (1 - mean)) / mean;
	const cdf = new Float64Array(101);
	let total = 0;
	const pdf = new Float64Array(101);
	for (let i = 1; i <= 100; i++) {
		const s = Math.min(i / 100, 0.9999);
		pdf[i] = Math.pow(s, alpha - 1) * Math.pow(1 - s, beta - 1);
		total += pdf[i];
	}
	for (let i = 1; i <= 100; i++) cdf[i] = cdf[i - 1] + pdf[i] / total;
	cdf[100] = 1;
	return cdf;
}

/** P(threshold ≤ value) under the discrete prior. */
export function thresholdMassBelow(cdf: Float64Array, value: number): number {
	if (value <= 0) return 0;
	if (value >= 1) return 1;
	return cdf[Math.floor(value * 100 + 1e-9)];
}
