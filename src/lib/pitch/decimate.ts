/**
 * Integer-factor decimation with a windowed-sinc low-pass (Blackman window), computed
 * only at the kept samples (polyphase in effect). The f0 tracker runs at ~11 kHz: the
 * YIN difference function needs the fundamental and a few harmonics, not the air band,
 * and a quarter of the samples makes each FFT four times cheaper. The filter is short
 * (6 taps per side per unit of factor): a soft roll-off of the upper harmonics and a
 * little aliasing of content above the new Nyquist do not move YIN's dips, and the
 * decimation then costs a small part of the tracker's time. The dot products run in the shared
 * SIMD FIR kernel.
 */
import { polyphaseFir, type PolyphaseFirOptions } from '../audio/simd/polyphase-fir';

export function decimate(x: Float32Array, factor: number, tapsPerSide = 6, options: PolyphaseFirOptions = {}): Float32Array {
	if (!Number.isInteger(factor) || factor < 1) {
		throw new RangeError(`decimation factor must be an integer >= 1; got ${factor}.`);
	}
	if (factor === 1) return x;
	const half = tapsPerSide * factor;
	const n = 2 * half + 1;
	// Cut-off at 90% of the new Nyquist so the transition band stays below it.
	const fc = 0.45 / factor;
	const h = new Float64Array(n);
	let sum = 0;
	for (let i = 0; i < n; i++) {
		const m = i - half;
		const sinc = m === 0 ? 2 * fc : Math.sin(2 * Math.PI * fc * m) / (Math.PI * m);
		const w = 0.42 - 0.5 * Math.cos((2 * Math.PI * i) / (n - 1)) + 0.08 * Math.cos((4 * Math.PI * i) / (n - 1));
		h[i] = sinc * w;
		sum += h[i];
	}
	// One kernel row, zero-padded to a multiple of 8 taps; output o reads from o · factor − half.
	const stride = 8 * Math.ceil(n / 8);
	const table = new Float32Array(stride);
	for (let i = 0; i < n; i++) table[i] = h[i] / sum;
	const plan = { table, stride, upFactor: 1, stepWhole: factor, stepPhase: 0, firstStart: -half };
	return polyphaseFir(x, plan, Math.ceil(x.length / factor), options);
}
