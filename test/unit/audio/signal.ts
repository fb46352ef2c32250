/** Measurement helpers for the audio tests: known-frequency sine fits and a DFT peak search. */

export function sine(frequencyHz: number, sampleRate: number, seconds: number, amplitude = 0.5): Float32Array {
	const x = new Float32Array(Math.round(seconds * sampleRate));
	for (let i = 0; i < x.length; i++) x[i] = amplitude * Math.sin((2 * Math.PI * frequencyHz * i) / sampleRate);
	return x;
}

/**
 * Least-squares fit of a·cos + b·sin at a known frequency over x[start, end).
 * Returns the fitted amplitude and the RMS of what the sine does not explain.
 */
export function fitSine(
	x: Float32Array,
	sampleRate: number,
	frequencyHz: number,
	start = 0,
	end = x.length
): { amplitude: number; residualRms: number } {
	const w = (2 * Math.PI * frequencyHz) / sampleRate;
	let cc = 0;
	let ss = 0;
	let cs = 0;
	let xc = 0;
	let xs = 0;
	for (let i = start; i < end; i++) {
		const c = Math.cos(w * i);
		const s = Math.sin(w * i);
		cc += c * c;
		ss += s * s;
		cs += c * s;
		xc += x[i] * c;
		xs += x[i] * s;
	}
	const det = cc * ss - cs * cs;
	const a = (xc * ss - xs * cs) / det;
	const b = (xs * cc - xc * cs) / det;
	let residual = 0;
	for (let i = start; i < end; i++) {
		const r = x[i] - a * Math.cos(w * i) - b * Math.sin(w * i);
		residual += r * r;
	}
	return { amplitude: Math.hypot(a, b), residualRms: Math.sqrt(residual / (end - start)) };
}

export function rms(x: Float32Array, start = 0, end = x.length): number {
	let sum = 0;
	for (let i = start; i < end; i++) sum += x[i] * x[i];
	return Math.sqrt(sum / (end - start));
}

export const db = (ratio: number): number => 20 * Math.log10(ratio);

/** Frequency (Hz) of the strongest Hann-windowed DFT bin between minHz and maxHz, searched every stepHz. */
export function dominantFrequency(
	x: Float32Array,
	sampleRate: number,
	start: number,
	end: number,
	{ minHz = 100, maxHz = 2000, stepHz = 1 } = {}
): number {
	const n = end - start;
	const windowed = new Float64Array(n);
	for (let i = 0; i < n; i++) windowed[i] = x[start + i] * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (n - 1)));
	let best = minHz;
	let bestPower = -1;
	for (let f = minHz; f <= maxHz; f += stepHz) {
		// Goertzel (1958): one DFT bin by a second-order recursion.
		const coeff = 2 * Math.cos((2 * Math.PI * f) / sampleRate);
		let s1 = 0;
		let s2 = 0;
		for (let i = 0; i < n; i++) {
			const s0 = windowed[i] + coeff * s1 - s2;
			s2 = s1;
			s1 = s0;
		}
		const power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
		if (power > bestPower) {
			bestPower = power;
			best = f;
		}
	}
	return best;
}
