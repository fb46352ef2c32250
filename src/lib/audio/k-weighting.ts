/**
 * The K-weighting filter of ITU-R BS.1770-4 (Annex 1, §2.1): a high-shelf "pre-filter" (+4 dB
 * above ~2 kHz, modelling the acoustic effect of the head) followed by the "RLB" high-pass
 * (revised low-frequency B-curve, ~38 Hz, second order).
 *
 * The Recommendation publishes the two sections only as 48 kHz coefficients (Tables 1 and 2).
 * Each section is a biquad, so it is fully described by four numbers of an analog prototype in
 * the form of ./biquad.ts; inverting the prewarped bilinear transform on the published
 * coefficients gives the prototypes below (shelf pole 1681.974 Hz, q 0.70718, high-frequency gain
 * 1.58486 = +4.000 dB; high-pass pole 38.135 Hz, q 0.50033, pass-band gain 1.004995). Designing
 * from them at any rate reproduces the 48 kHz tables (to < 1e-9 here) and keeps the response at
 * other rates equal to the 48 kHz one at DC, at each pole frequency and at Nyquist.
 */

import { bilinearBiquad, type AnalogBiquad, type BiquadCoefficients } from './biquad';

/** Stage 1, the pre-filter (high shelf). n1 = Vb/q with the mid-band gain Vb = 1.258720930. */
export const K_WEIGHTING_SHELF_PROTOTYPE: Readonly<AnalogBiquad> = {
	f0Hz: 1681.974450955532,
	q: 0.7071752369554193,
	n2: 1.584864701130856,
	n1: 1.258720930232561 / 0.7071752369554193,
	n0: 1
};

/** Stage 2, the RLB high-pass. Its gain is 1.004995 (not 1) because the published b0 is exactly 1. */
export const K_WEIGHTING_HIGHPASS_PROTOTYPE: Readonly<AnalogBiquad> = {
	f0Hz: 38.13547087611304,
	q: 0.5003270373250421,
	n2: 1.004994898714688,
	n1: 0,
	n0: 0
};

/** The two K-weighting sections for sampling rate `sampleRate` (Hz), pre-filter first. */
export function kWeightingSections(sampleRate: number): [BiquadCoefficients, BiquadCoefficients] {
	return [bilinearBiquad(K_WEIGHTING_SHELF_PROTOTYPE, sampleRate), bilinearBiquad(K_WEIGHTING_HIGHPASS_PROTOTYPE, sampleRate)];
}

/**
 * Energy of the K-weighted signal over consecutive segments: `boundaries` are non-decreasing sample
 * indices b0 ≤ b1 ≤ … ≤ x.length and the result holds Σ y² over [b_i, b_{i+1}) for each i (sums,
 * not means, so callers can combine segments of unequal length exactly). The filter runs from
 * sample 0 with zero state; both sections are evaluated in float64, fused in one pass.
 */
export function kWeightedSegmentEnergy(x: Float32Array, sampleRate: number, boundaries: readonly number[]): Float64Array {
	const [pre, rlb] = kWeightingSections(sampleRate);
	const energy = new Float64Array(Math.max(0, boundaries.length - 1));
	let p1 = 0;
	let p2 = 0;
	let r1 = 0;
	let r2 = 0;
	let n = 0;
	for (let i = -1; i < energy.length; i++) {
		// i = −1 runs the filter up to the first boundary without counting (its state must be warm).
		const end = i < 0 ? (boundaries[0] ?? 0) : boundaries[i + 1];
		let sum = 0;
		for (; n < end; n++) {
			const xn = x[n];
			const u = pre.b0 * xn + p1;
			p1 = pre.b1 * xn - pre.a1 * u + p2;
			p2 = pre.b2 * xn - pre.a2 * u;
			const y = rlb.b0 * u + r1;
			r1 = rlb.b1 * u - rlb.a1 * y + r2;
			r2 = rlb.b2 * u - rlb.a2 * y;
			sum += y * y;
		}
		if (i >= 0) energy[i] = sum;
	}
	return energy;
}
