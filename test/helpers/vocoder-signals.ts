/** Test signals and spectra shared by the vocoder tests. */
import { RealFft } from '../../src/lib/dsp/fft';

/** Deterministic uniform noise in [−0.5, 0.5): a linear congruential generator, the same on every host. */
export function uniformNoise(n: number, seed = 1): Float64Array {
	let s = seed;
	return Float64Array.from({ length: n }, () => {
		s = (s * 1103515245 + 12345) % 2147483648;
		return s / 2147483648 - 0.5;
	});
}

/** |X[k]|², k = 0 … n/2, of the n samples of `y` from `start` under a Hann window (n a power of two). */
export function hannPowerSpectrum(y: ArrayLike<number>, start: number, n: number): Float64Array {
	const frame = new Float64Array(n);
	for (let i = 0; i < n; i++) frame[i] = y[start + i] * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n));
	const re = new Float64Array(n / 2 + 1);
	const im = new Float64Array(n / 2 + 1);
	new RealFft(n).forward(frame, re, im);
	return re.map((r, k) => r ** 2 + im[k] ** 2);
}

/** An f0 contour at one pitch (0: unvoiced) for `frames` frames. */
export function constantContour(frames: number, f0Hz: number, framePeriodSeconds = 0.005): { framePeriodSeconds: number; f0Hz: Float64Array } {
	return { framePeriodSeconds, f0Hz: new Float64Array(frames).fill(f0Hz) };
}
