/**
 * A linear-phase high-pass filter (windowed sinc, Blackman window) with its delay taken out, so
 * the output lines up with the input sample for sample and the part below the cutoff is exactly
 * `x − highPass(x)`: a band split that adds back to the signal.
 */
import { windowedSincLowPass } from './windowed-sinc';

/** Taps of the filter (odd: a whole-sample delay). At 44.1 kHz the band edge is about 1 kHz wide (Blackman: 5.5 · fs / taps). */
export const HIGH_PASS_TAPS = 255;

const kernels = new Map<string, Float64Array>();

/** The low-pass kernel at `cutoffHz` (unit gain at 0 Hz); the high-pass is a delayed impulse minus it. */
function lowPassKernel(cutoffHz: number, fs: number, taps: number): Float64Array {
	const key = `${cutoffHz}/${fs}/${taps}`;
	let h = kernels.get(key);
	if (!h) kernels.set(key, (h = windowedSincLowPass(cutoffHz / fs, taps)));
	return h;
}

/**
 * x[from, to) high-passed at `cutoffHz` (`fs` Hz), aligned with it: out[i] is the filtered x[from + i].
 * Samples of x outside [from, to) but inside x feed the filter (so a span's edges are filtered as in
 * the whole signal); outside x counts as silence.
 */
export function highPass(x: Float32Array, fs: number, cutoffHz: number, from = 0, to = x.length, taps = HIGH_PASS_TAPS): Float32Array {
	if (!(cutoffHz > 0 && cutoffHz < fs / 2)) throw new RangeError(`The cutoff must lie between 0 and ${fs / 2} Hz; got ${cutoffHz}.`);
	if (taps % 2 !== 1) throw new RangeError(`The filter needs an odd number of taps; got ${taps}.`);
	const h = lowPassKernel(cutoffHz, fs, taps);
	const half = (taps - 1) / 2;
	const out = new Float32Array(Math.max(0, to - from));
	for (let i = 0; i < out.length; i++) {
		const centre = from + i;
		let low = 0;
		const first = Math.max(0, half - centre);
		const last = Math.min(taps, x.length - centre + half);
		for (let n = first; n < last; n++) low += h[n] * x[centre - half + n];
		out[i] = (centre >= 0 && centre < x.length ? x[centre] : 0) - low;
	}
	return out;
}
