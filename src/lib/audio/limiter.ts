/**
 * Gain curve of an offline look-ahead peak limiter. Given, for each sample, the largest gain that
 * keeps that sample under the ceiling (`requiredGain`, ≤ 1), it returns a smooth gain curve that is
 * never above it:
 *
 *   1. m[n] = min of requiredGain over [n, n + W − 1] (the look-ahead window of W samples, a
 *      running minimum with a monotone deque: Lemire, "Streaming maximum-minimum filter using no
 *      more than three comparisons per element", 2006);
 *   2. g[n] = min(m[n], g[n − 1] + (1 − g[n − 1])·α): instant attack, exponential release towards
 *      unity with time constant `releaseSeconds` (the branching release of Giannoulis, Massberg &
 *      Reiss, "Digital dynamic range compressor design — a tutorial and analysis", JAES 2012, §3);
 *   3. two moving averages of total support W smooth the steps into an S-shaped ramp.
 *
 * Step 3 keeps the bound: the output at n averages g over [n − W + 1, n], and every m[k] there
 * covers a window that contains n, so g[k] ≤ m[k] ≤ requiredGain[n]. The gain reaches each peak's
 * required value exactly at the peak (no over-limiting of isolated peaks) after ramping for W
 * samples, so the attack is spread over the look-ahead and costs no delay offline.
 */

export interface LimiterOptions {
	/** Look-ahead (= attack ramp) length (s, 0.0005–0.05). Default 0.005. */
	lookaheadSeconds?: number;
	/** Release time constant (s, 0.001–5). Default 0.1. */
	releaseSeconds?: number;
}

/** Running minimum of x over [n, n + width − 1] (the window is cut at the end of x). */
function forwardMinimum(x: Float32Array, width: number): Float32Array {
	const n = x.length;
	const out = new Float32Array(n);
	const deque = new Int32Array(n);
	let head = 0;
	let tail = 0;
	// Walk backwards: the window of i is [i, i + width − 1], so indices leave from the far end.
	for (let i = n - 1; i >= 0; i--) {
		while (tail > head && x[deque[tail - 1]] >= x[i]) tail--;
		deque[tail++] = i;
		if (deque[head] > i + width - 1) head++;
		out[i] = x[deque[head]];
	}
	return out;
}

/**
 * Causal moving average over the last `width` samples. Before the start the window holds x[0]: the
 * limiter cannot ramp before the first sample, and x[0] (a minimum over the first look-ahead
 * window) keeps the bound there.
 */
function movingAverage(x: Float32Array, width: number): Float32Array {
	const out = new Float32Array(x.length);
	const before = x.length > 0 ? x[0] : 1;
	let sum = width * before;
	for (let i = 0; i < x.length; i++) {
		sum += x[i] - (i >= width ? x[i - width] : before);
		out[i] = sum / width;
	}
	return out;
}

/** The limiter's gain curve for `requiredGain` (each value in (0, 1]) at `sampleRate` Hz. */
export function limiterGainCurve(requiredGain: Float32Array, sampleRate: number, options: LimiterOptions = {}): Float32Array {
	const { lookaheadSeconds = 0.005, releaseSeconds = 0.1 } = options;
	if (!(lookaheadSeconds >= 0.0005 && lookaheadSeconds <= 0.05)) {
		throw new RangeError(`lookaheadSeconds must be in [0.0005, 0.05] s; got ${lookaheadSeconds}.`);
	}
	if (!(releaseSeconds >= 0.001 && releaseSeconds <= 5)) throw new RangeError(`releaseSeconds must be in [0.001, 5] s; got ${releaseSeconds}.`);
	if (!(Number.isFinite(sampleRate) && sampleRate > 0)) throw new RangeError(`sampleRate must be a positive number of Hz; got ${sampleRate}.`);
	const window = Math.max(2, Math.round(lookaheadSeconds * sampleRate));
	const held = forwardMinimum(requiredGain, window);
	const alpha = 1 - Math.exp(-1 / (releaseSeconds * sampleRate));
	let g = 1;
	for (let i = 0; i < held.length; i++) {
		g = Math.min(held[i], g + (1 - g) * alpha);
		held[i] = g;
	}
	// Two boxcars of widths w1 + w2 − 1 = W: a trapezoid-shaped kernel, S-shaped ramps.
	const w1 = Math.ceil(window / 2);
	const w2 = window - w1 + 1;
	return movingAverage(movingAverage(held, w1), w2);
}
