/** Joining rendered phrases into the vocal: each at its place, overlaps summed, kept under full scale. */
import { describe, expect, it } from 'vitest';
import { joinPhrases } from '../../../src/lib/voice/join-phrases';

describe('joinPhrases', () => {
	it('adds each phrase at its sample, trimming a lead-in that starts before 0', () => {
		const mix = joinPhrases([
			{ atSample: -2, pcm: Float32Array.from([0.1, 0.1, 0.3, 0.3]) },
			{ atSample: 3, pcm: Float32Array.from([0.2, 0.2]) }
		]);
		expect(Array.from(mix, (v) => Math.round(v * 100) / 100)).toEqual([0.3, 0.3, 0, 0.2, 0.2]);
	});

	it('scales an overlap that would clip down to the peak asked for', () => {
		const mix = joinPhrases([
			{ atSample: 0, pcm: Float32Array.from([0.8, 0.4]) },
			{ atSample: 0, pcm: Float32Array.from([0.8, 0]) }
		]);
		expect(mix[0]).toBeCloseTo(0.98, 6);
		expect(mix[1]).toBeCloseTo(0.4 * (0.98 / 1.6), 6);
	});

	it('gives one silent sample for no phrases', () => {
		expect(Array.from(joinPhrases([]))).toEqual([0]);
	});
});
