import { describe, expect, it } from 'vitest';
import { ComplexFft, EvenDft, RealFft, separateBin } from '../../../src/lib/dsp/fft';

/** Direct DFT of a complex sequence, all N bins. */
function complexDft(xr: ArrayLike<number>, xi: ArrayLike<number>): { re: Float64Array; im: Float64Array } {
	const n = xr.length;
	const re = new Float64Array(n);
	const im = new Float64Array(n);
	for (let k = 0; k < n; k++) {
		for (let t = 0; t < n; t++) {
			const c = Math.cos((2 * Math.PI * k * t) / n);
			const s = Math.sin((2 * Math.PI * k * t) / n);
			re[k] += xr[t] * c + xi[t] * s;
			im[k] += xi[t] * c - xr[t] * s;
		}
	}
	return { re, im };
}

/** Direct DFT of a real sequence, bins 0 … n/2. */
function dft(x: Float64Array): { re: Float64Array; im: Float64Array } {
	const { re, im } = complexDft(x, new Float64Array(x.length));
	return { re: re.slice(0, x.length / 2 + 1), im: im.slice(0, x.length / 2 + 1) };
}

const signal = (n: number, phase = 0): Float64Array =>
	Float64Array.from({ length: n }, (_, t) => Math.sin(0.37 * t + phase) + 0.5 * Math.cos(1.9 * t + 0.3) + (t % 7) * 0.01);

describe('ComplexFft', () => {
	// 4^k sizes run radix 4 only; the others start with one radix-2 stage.
	for (const n of [4, 8, 16, 32, 256, 512]) {
		it(`matches the direct DFT, out of place and in place, and inverts (n = ${n})`, () => {
			const xr = signal(n);
			const xi = signal(n, 1.1);
			const ref = complexDft(xr, xi);
			const fft = new ComplexFft(n);
			const re = new Float64Array(n);
			const im = new Float64Array(n);
			fft.forwardTo(xr, xi, re, im);
			for (let k = 0; k < n; k++) {
				expect(re[k]).toBeCloseTo(ref.re[k], 9);
				expect(im[k]).toBeCloseTo(ref.im[k], 9);
			}
			expect(xr).toEqual(signal(n));
			const inPlaceRe = xr.slice();
			const inPlaceIm = xi.slice();
			fft.forward(inPlaceRe, inPlaceIm);
			expect(inPlaceRe).toEqual(re);
			expect(inPlaceIm).toEqual(im);
			fft.inverse(inPlaceRe, inPlaceIm);
			for (let t = 0; t < n; t++) {
				expect(inPlaceRe[t]).toBeCloseTo(xr[t], 12);
				expect(inPlaceIm[t]).toBeCloseTo(xi[t], 12);
			}
		});
	}

	it('separates the spectra of two real sequences transformed as one complex sequence', () => {
		const n = 64;
		const a = signal(n);
		const b = signal(n, 2.3);
		const zr = new Float64Array(n);
		const zi = new Float64Array(n);
		new ComplexFft(n).forwardTo(a, b, zr, zi);
		const ra = dft(a);
		const rb = dft(b);
		for (let k = 0; k <= n / 2; k++) {
			const { aRe, aIm, bRe, bIm } = separateBin(zr, zi, k, (n - k) % n);
			expect(aRe).toBeCloseTo(ra.re[k], 9);
			expect(aIm).toBeCloseTo(ra.im[k], 9);
			expect(bRe).toBeCloseTo(rb.re[k], 9);
			expect(bIm).toBeCloseTo(rb.im[k], 9);
		}
	});
});

describe('RealFft', () => {
	for (const n of [8, 64, 1024]) {
		it(`matches the direct DFT and inverts exactly (n = ${n})`, () => {
			const x = signal(n);
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

	it('takes a signal of `length` samples as zero-padded without reading past it, whatever came before', () => {
		const n = 64;
		const fft = new RealFft(n);
		const re = new Float64Array(n / 2 + 1);
		const im = new Float64Array(n / 2 + 1);
		fft.forward(signal(n), re, im);
		for (const length of [64, 37, 20, 1, 0, 9]) {
			const padded = signal(n).fill(0, length);
			const garbage = signal(n).fill(Number.NaN, length);
			fft.forward(garbage, re, im, length);
			const ref = dft(padded);
			for (let k = 0; k <= n / 2; k++) {
				expect(re[k]).toBeCloseTo(ref.re[k], 9);
				expect(im[k]).toBeCloseTo(ref.im[k], 9);
			}
		}
	});

	it('inverseAdd adds the inverse transform at an offset', () => {
		const n = 32;
		const x = signal(n);
		const fft = new RealFft(n);
		const re = new Float64Array(n / 2 + 1);
		const im = new Float64Array(n / 2 + 1);
		fft.forward(x, re, im);
		const acc = new Float64Array(n + 10).fill(1);
		fft.inverseAdd(re, im, acc, 5);
		for (let t = 0; t < acc.length; t++) expect(acc[t]).toBeCloseTo(t >= 5 && t < 5 + n ? 1 + x[t - 5] : 1, 12);
	});

	it('refuses sizes that are not powers of two ≥ 8', () => {
		expect(() => new RealFft(12)).toThrow(RangeError);
		expect(() => new RealFft(4)).toThrow(RangeError);
		expect(() => new ComplexFft(3)).toThrow(RangeError);
		expect(() => new EvenDft(8)).toThrow(RangeError);
	});
});

describe('EvenDft', () => {
	it('equals the type-I cosine transform computed directly', () => {
		for (const n of [16, 128, 1024]) {
			const m = n / 2;
			const v = Float64Array.from({ length: m + 1 }, (_, j) => Math.sin(0.3 * j) + 0.01 * j + (j % 5));
			const out = new Float64Array(m + 1);
			new EvenDft(n).transform(v, out);
			for (let k = 0; k <= m; k += 7) {
				let ref = v[0] + (k % 2 === 0 ? 1 : -1) * v[m];
				for (let j = 1; j < m; j++) ref += 2 * v[j] * Math.cos((Math.PI * j * k) / m);
				expect(out[k]).toBeCloseTo(ref, 8);
			}
		}
	});

	it('applied twice returns N times the input (it is its own inverse up to N)', () => {
		const n = 256;
		const v = Float64Array.from({ length: n / 2 + 1 }, (_, j) => Math.cos(0.1 * j) * Math.exp(-j / 40));
		const dft = new EvenDft(n);
		const once = new Float64Array(v.length);
		dft.transform(v, once);
		dft.transform(once, once);
		for (let j = 0; j < v.length; j++) expect(once[j] / n).toBeCloseTo(v[j], 10);
	});
});
