import { describe, expect, it } from 'vitest';
import { melCepstra, melFilterbank } from '../../../src/lib/dsp/mel-cepstra';

describe('mel filterbank and cepstra', () => {
	const fftSize = 1024;
	const fs = 44100;
	const bank = melFilterbank(fftSize, fs, 26, 80, 8000);

	it('tiles the band with triangles: weights of neighbouring bands sum to 1 inside it', () => {
		const total = new Float64Array(fftSize / 2 + 1);
		bank.weights.forEach((w, b) => w.forEach((v, i) => (total[bank.firstBin[b] + i] += v)));
		const hz = (k: number) => (k * fs) / fftSize;
		for (let k = 0; k < total.length; k++) {
			// Between the first band's centre and the last's.
			if (hz(k) > 200 && hz(k) < 7000) expect(total[k]).toBeCloseTo(1, 6);
			if (hz(k) < 80 || hz(k) > 8000) expect(total[k]).toBe(0);
		}
		// Bands widen with frequency (mel spacing).
		expect(bank.weights[25].length).toBeGreaterThan(4 * bank.weights[2].length);
	});

	it('gives a spectrum falling with frequency a larger c1 than a flat one, and loudness only to c0', () => {
		const out = new Float64Array(13);
		melCepstra(new Float64Array(fftSize / 2 + 1).fill(1e-3), bank, 13, out);
		const falling = Float64Array.from({ length: fftSize / 2 + 1 }, (_, k) => Math.exp(-k / 40));
		const tilted = new Float64Array(13);
		melCepstra(falling, bank, 13, tilted);
		expect(tilted[1]).toBeGreaterThan(out[1] + 1);
		// c0 is the mean log band power: ten times the power adds ln 10 to it (flat bands, same weights).
		const louder = new Float64Array(13);
		melCepstra(new Float64Array(fftSize / 2 + 1).fill(1e-2), bank, 13, louder);
		expect(louder[0] - out[0]).toBeCloseTo(Math.log(10), 3);
		for (let q = 1; q < 13; q++) expect(louder[q]).toBeCloseTo(out[q], 6);
	});
});
