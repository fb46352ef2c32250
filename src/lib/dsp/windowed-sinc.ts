/**
 * A linear-phase low-pass FIR kernel: a windowed sinc (Blackman window, sidelobes under −74 dB),
 * normalised to unit gain at 0 Hz. Used by the decimator and the high-pass band split.
 */

/** `taps` coefficients (odd: centred on a whole sample) of a low-pass at `cutoff` cycles per sample (0 … 0.5). */
export function windowedSincLowPass(cutoff: number, taps: number): Float64Array {
	const half = (taps - 1) / 2;
	const h = new Float64Array(taps);
	let sum = 0;
	for (let i = 0; i < taps; i++) {
		const m = i - half;
		const sinc = m === 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * m) / (Math.PI * m);
		const w = 0.42 - 0.5 * Math.cos((2 * Math.PI * i) / (taps - 1)) + 0.08 * Math.cos((4 * Math.PI * i) / (taps - 1));
		h[i] = sinc * w;
		sum += h[i];
	}
	for (let i = 0; i < taps; i++) h[i] /= sum;
	return h;
}
