import { describe, expect, it } from 'vitest';
import { GaussianNoise } from '../../../src/lib/dsp/gaussian-noise';

describe('GaussianNoise', () => {
	it('fill gives the same sequence as next, however the calls are split', () => {
		const one = new GaussianNoise(7);
		const expected = Float64Array.from({ length: 101 }, () => one.next());
		const other = new GaussianNoise(7);
		const got = new Float64Array(101);
		let at = 0;
		for (const count of [1, 2, 3, 0, 5, 8, 13, 21, 48]) {
			const part = new Float64Array(count);
			other.fill(part, count);
			got.set(part, at);
			at += count;
		}
		expect(at).toBe(101);
		expect(got).toEqual(expected);
	});

	it('is standard normal and depends on the seed', () => {
		const n = 200000;
		const x = new Float64Array(n);
		new GaussianNoise(1).fill(x, n);
		const mean = x.reduce((a, v) => a + v, 0) / n;
		const variance = x.reduce((a, v) => a + (v - mean) ** 2, 0) / n;
		expect(Math.abs(mean)).toBeLessThan(0.01);
		expect(Math.abs(variance - 1)).toBeLessThan(0.01);
		expect(new GaussianNoise(2).next()).not.toBe(new GaussianNoise(1).next());
	});
});
