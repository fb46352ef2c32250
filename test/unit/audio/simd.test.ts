import { describe, expect, it } from 'vitest';
import { resample } from '../../../src/lib/audio/resample';
import { createLagProducts } from '../../../src/lib/audio/simd/lag-products';
import { hasSimdFir, polyphaseFir, type PolyphaseFirPlan } from '../../../src/lib/audio/simd/polyphase-fir';
import { sleb, uleb } from '../../../src/lib/audio/simd/wasm-encoding';
import { decimate } from '../../../src/lib/pitch/decimate';
import { estimateF0 } from '../../../src/lib/pitch/pyin';
import { hummedTake } from '../../helpers/audio';
import { maxAbsDiff } from '../../helpers/arrays';

/** Deterministic noise in [−1, 1). */
function noise(n: number, seed = 1): Float32Array {
	const x = new Float32Array(n);
	let s = seed;
	for (let i = 0; i < n; i++) {
		s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
		x[i] = s / 2 ** 31 - 1;
	}
	return x;
}

describe('WebAssembly encoding', () => {
	it('writes LEB128 as the spec examples', () => {
		expect(uleb(0)).toEqual([0]);
		expect(uleb(127)).toEqual([0x7f]);
		expect(uleb(128)).toEqual([0x80, 0x01]);
		expect(uleb(624485)).toEqual([0xe5, 0x8e, 0x26]);
		expect(sleb(-1)).toEqual([0x7f]);
		expect(sleb(63)).toEqual([0x3f]);
		expect(sleb(64)).toEqual([0xc0, 0x00]);
		expect(sleb(-123456)).toEqual([0xc0, 0xbb, 0x78]);
	});

	it('builds a SIMD kernel that this runtime accepts (Node ≥ 16.4 and every current browser have WebAssembly SIMD)', () => {
		expect(hasSimdFir()).toBe(true);
	});
});

describe('polyphaseFir: SIMD kernel against the scalar loop', () => {
	const plans: Array<[string, PolyphaseFirPlan, number]> = [];
	const row = (phases: number, stride: number) => noise(phases * stride, 7).map((v) => v / stride);
	plans.push(['one row, step 3, leading zeros', { table: row(1, 24), stride: 24, upFactor: 1, stepWhole: 3, stepPhase: 0, firstStart: -11 }, 70001]);
	plans.push(['147 phases, 160/147 per output (48 → 44.1 kHz)', { table: row(147, 40), stride: 40, upFactor: 147, stepWhole: 1, stepPhase: 13, firstStart: -19 }, 150000]);
	plans.push(['upsampling (stepWhole 0), odd first phase', { table: row(11, 16), stride: 16, upFactor: 11, stepWhole: 0, stepPhase: 2, firstStart: -7, firstPhase: 5 }, 200000]);

	for (const [name, plan, outputs] of plans) {
		it(`${name}: equal to float32 rounding, across chunk boundaries and the signal's ends`, () => {
			const x = noise(Math.ceil(outputs * (plan.stepWhole + plan.stepPhase / plan.upFactor)) + 5, 3);
			const fast = polyphaseFir(x, plan, outputs);
			const slow = polyphaseFir(x, plan, outputs, { simd: false });
			expect(maxAbsDiff(fast, slow)).toBeLessThan(1e-5);
			// The tail reads past the end of x (zeros): both paths must agree there too.
			expect(Math.abs(fast[outputs - 1] - slow[outputs - 1])).toBeLessThan(1e-5);
		});
	}

	it('refuses a plan the kernel cannot run', () => {
		const table = new Float32Array(12);
		expect(() => polyphaseFir(new Float32Array(10), { table, stride: 12, upFactor: 1, stepWhole: 1, stepPhase: 0, firstStart: 0 }, 5)).toThrow(/multiple of 8/);
		expect(() => polyphaseFir(new Float32Array(10), { table: new Float32Array(8), stride: 8, upFactor: 2, stepWhole: 1, stepPhase: 0, firstStart: 0 }, 5)).toThrow(/upFactor × stride/);
	});

	it('resample and decimate give the same samples with and without SIMD', () => {
		const x = noise(100000, 5);
		for (const [from, to] of [[48000, 44100], [44100, 22050], [8000, 44100]]) {
			expect(maxAbsDiff(resample(x, from, to), resample(x, from, to, { simd: false }))).toBeLessThan(1e-5);
		}
		expect(maxAbsDiff(decimate(x, 4), decimate(x, 4, 6, { simd: false }))).toBeLessThan(1e-5);
	});
});

describe('lag products', () => {
	it('match direct float64 sums, for frames inside and partly outside the signal', () => {
		const x = noise(3000, 9);
		const window = 256;
		const lags = 190;
		const lp = createLagProducts(x, window, lags)!;
		expect(lp).not.toBeNull();
		const out = new Float64Array(lags);
		for (const start of [-300, -100, 0, 1, 1234, 2700, 2990, 5000]) {
			lp.at(start, out);
			for (const tau of [0, 1, 57, 189]) {
				let expected = 0;
				for (let j = 0; j < window; j++) {
					const a = start + j;
					const b = a + tau;
					if (a >= 0 && a < x.length && b >= 0 && b < x.length) expected += x[a] * x[b];
				}
				expect(Math.abs(out[tau] - expected)).toBeLessThan(1e-4);
			}
		}
	});

	it('decline windows that are not a multiple of 8 (the FFT route takes those)', () => {
		expect(createLagProducts(new Float32Array(100), 250, 10)).toBeNull();
	});

	it('give pYIN the same f0 track as its FFT route (voicing identical, pitch within 0.01 cents)', () => {
		const x = hummedTake(8, 44100);
		const fast = estimateF0(x, 44100);
		const slow = estimateF0(x, 44100, { simd: false });
		let voicedFrames = 0;
		for (let t = 0; t < fast.f0Hz.length; t++) {
			expect(fast.voiced[t]).toBe(slow.voiced[t]);
			if (!fast.voiced[t]) continue;
			voicedFrames++;
			expect(Math.abs(1200 * Math.log2(fast.f0Hz[t] / slow.f0Hz[t]))).toBeLessThan(0.01);
		}
		expect(voicedFrames).toBeGreaterThan(800);
	});
});
