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
import { windowedSincLowPass } from '../dsp/windowed-sinc';

export function decimate(x: Float32Array, factor: number, tapsPerSide = 6, options: PolyphaseFirOptions = {}): Float32Array {
	if (!Number.isInteger(factor) || factor < 1) {
		throw new RangeError(`decimation factor must be an integer >= 1; got ${factor}.`);
	}
	if (factor === 1) return x;
	const half = tapsPerSide * factor;
	const n = 2 * half + 1;
	// Cut-off at 90% of the new Nyquist so the transition band stays below it.
	const h = windowedSincLowPass(0.45 / factor, n);
	// One kernel row, zero-padded to a multiple of 8 taps; output o reads from o · factor − half.
	const stride = 8 * Math.ceil(n / 8);
	const table = new Float32Array(stride);
	table.set(h);
	const plan = { table, stride, upFactor: 1, stepWhole: factor, stepPhase: 0, firstStart: -half };
	return polyphaseFir(x, plan, Math.ceil(x.length / factor), options);
}
