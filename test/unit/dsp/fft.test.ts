import { describe, expect, it } from 'vitest';
import { ComplexFft, RealFft } from '../../../src/lib/dsp/fft';

function dft(x: Float64Array): { re: Float64Array; im: Float64Array } {
	const n = x.length;
	const re = new Float64Array(n / 2 + 1);
	const im = new Float64Array(n / 2 + 1);
	for (let k = 0; k <= n / 2; k++) {
		for (let t = 0; t < n; t++) {
			re[k] += x[t] * Math.cos((2 * Math.PI * k * t) / n);
			im[k] -= x[t] * Math.sin((2 * Math.PI * k * t) / n);
		}
	}
	return { re, im };
}

describe('RealFft', () => {
	for (const n of [8, 64, 1024]) {
		it(`matches the direct DFT and inverts exactly (n = ${n})`, () => {
			const x = Float64Array.from({ length: n }, (_, t) => Math.sin(0.37 * t) + 0.5 * Math.cos(1.9 * t + 0.3) + (t % 7) * 0.01);
			const fft = new RealFft(n);
			const re = new Float64Array(n / 2 + 1);
			const im = new Float64Array(n / 2 + 1);
			fft.forward(x, re, im);
			const ref = dft(x);
			for (let k = 0; k <= n / 2; k++) {
				expect(re[k]).toBeCloseTo(ref.re[k], 8);
				expect(im[k]).toBeCloseTo(ref.im[k], 8);
			}
			const back = new Float64Array(n);
			fft.inverse(re, im, back);
			for (let t = 0; t < n; t++) expect(back[t]).toBeCloseTo(x[t], 10);
		});
	}

	it('refuses sizes that are not powers of two ≥ 8', () => {
		expect(() => new RealFft(12)).toThrow(RangeError);
		expect(() => new ComplexFft(3)).toThrow(RangeError);
	});
});
