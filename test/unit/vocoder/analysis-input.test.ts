import { describe, expect, it } from 'vitest';
import { toSignal } from '../../../src/lib/vocoder/analysis-input';

describe('toSignal: the signal the vocoder analyses', () => {
	it('reads a Float64Array as it is, without a copy (the analyses only read it)', () => {
		const x = Float64Array.from([0, 0.5, -0.25]);
		expect(toSignal(x)).toBe(x);
	});

	it('converts a Float32Array (also in shared memory) and a plain array exactly', () => {
		const f32 = Float32Array.from([0.1, -0.7, 1e-8]);
		const shared = new Float32Array(new SharedArrayBuffer(12));
		shared.set(f32);
		for (const input of [f32, shared]) {
			const out = toSignal(input);
			expect(out).toBeInstanceOf(Float64Array);
			expect(Array.from(out)).toEqual(Array.from(f32));
		}
		expect(Array.from(toSignal([1, 2, 3]))).toEqual([1, 2, 3]);
	});

	it('refuses a non-finite sample, naming where it is', () => {
		expect(() => toSignal(Float64Array.from([0, Number.NaN]))).toThrow(/x\[1\] must be finite; got NaN/);
		expect(() => toSignal(Float32Array.from([0, 0, Infinity]))).toThrow(/x\[2\] must be finite; got Infinity/);
		expect(() => toSignal([0, -Infinity])).toThrow(/x\[1\] must be finite/);
	});
});
