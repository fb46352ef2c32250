import { describe, expect, it } from 'vitest';
import { logLikelihoodRatio, mapAdaptMeans, meanLogLikelihood, trainGmm } from '../../../src/lib/dsp/gmm';
import { mulberry32 } from '../../../src/lib/compose/random';

/** Frames of 2-D Gaussian clusters (unit variance) around `centres`, in turn. */
function clusters(centres: Array<[number, number]>, frames: number, seed: number): Float64Array {
	const random = mulberry32(seed);
	const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
	const x = new Float64Array(frames * 2);
	for (let t = 0; t < frames; t++) {
		const [a, b] = centres[t % centres.length];
		x[2 * t] = a + gaussian();
		x[2 * t + 1] = b + gaussian();
	}
	return x;
}

describe('GMM-UBM', () => {
	it('EM finds two well separated clusters: means within 0.2 of the centres, weights near ½, variances near 1', () => {
		const gmm = trainGmm(clusters([[-5, 0], [5, 3]], 4000, 1), 2, { components: 2, iterations: 30, seed: 3 });
		const order = gmm.means[0] < gmm.means[2] ? [0, 1] : [1, 0];
		expect(gmm.means[2 * order[0]]).toBeCloseTo(-5, 0);
		expect(Math.abs(gmm.means[2 * order[1]] - 5)).toBeLessThan(0.2);
		expect(Math.abs(gmm.means[2 * order[1] + 1] - 3)).toBeLessThan(0.2);
		for (const w of gmm.weights) expect(Math.abs(w - 0.5)).toBeLessThan(0.05);
		for (const v of gmm.variances) expect(Math.abs(v - 1)).toBeLessThan(0.15);
	});

	it('the same seed gives the same model; EM raises the likelihood', () => {
		const x = clusters([[-2, 0], [2, 0], [0, 4]], 3000, 2);
		const a = trainGmm(x, 2, { components: 4, seed: 7 });
		const b = trainGmm(x, 2, { components: 4, seed: 7 });
		expect(Array.from(a.means)).toEqual(Array.from(b.means));
		expect(meanLogLikelihood(a, x)).toBeGreaterThan(meanLogLikelihood(trainGmm(x, 2, { components: 4, seed: 7, iterations: 0 }), x));
	});

	it('a MAP-adapted model scores its own speaker above the background and another speaker below it', () => {
		// Two overlapping speakers: the background's components lie between them.
		const speakerA = clusters([[-1, 2], [-1, -2]], 2000, 4);
		const speakerB = clusters([[1, 2], [1, -2]], 2000, 5);
		const background = new Float64Array([...speakerA.subarray(0, 2000), ...speakerB.subarray(0, 2000)]);
		const ubm = trainGmm(background, 2, { components: 2, seed: 1 });
		const modelA = mapAdaptMeans(ubm, speakerA.subarray(0, 1000), { relevance: 16 });
		const heldOutA = speakerA.subarray(2000);
		const heldOutB = speakerB.subarray(2000);
		expect(logLikelihoodRatio(modelA, ubm, heldOutA)).toBeGreaterThan(0.1);
		expect(logLikelihoodRatio(modelA, ubm, heldOutB)).toBeLessThan(-0.1);
	});

	it('refuses observations that are not whole frames, and more components than frames', () => {
		expect(() => trainGmm(new Float64Array(5), 2)).toThrow(RangeError);
		expect(() => trainGmm(new Float64Array(4), 2, { components: 3 })).toThrow(/components/);
	});
});
