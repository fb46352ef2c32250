import { describe, expect, it } from 'vitest';
import { fastPolar, halfLogAndRoot } from '../../../src/lib/dsp/fast-math';

describe('fast math', () => {
	it('fastPolar gives magnitude · e^{iθ} within 1e-11 over many turns, either sign', () => {
		let worst = 0;
		for (let i = -20000; i <= 20000; i++) {
			const theta = i * 0.0123457 + 1e-3 * Math.sin(i);
			const { re, im } = fastPolar(2.5, theta);
			worst = Math.max(worst, Math.abs(re - 2.5 * Math.cos(theta)), Math.abs(im - 2.5 * Math.sin(theta)));
		}
		expect(worst).toBeLessThan(1e-11);
	});

	it('halfLogAndRoot gives ½·ln x and √x for positive normal x', () => {
		const x = Float64Array.from({ length: 2000 }, (_, i) => Math.exp(-300 + 0.35 * i) * (1 + 0.37 * Math.sin(i)));
		const halfLog = new Float64Array(x.length);
		const root = new Float64Array(x.length);
		halfLogAndRoot(x, new Int32Array(x.buffer), halfLog, root, x.length);
		for (let i = 0; i < x.length; i++) {
			expect(Math.abs(halfLog[i] - 0.5 * Math.log(x[i]))).toBeLessThan(1e-12 * Math.max(1, Math.abs(Math.log(x[i]))));
			expect(root[i]).toBe(Math.sqrt(x[i]));
		}
	});
});
