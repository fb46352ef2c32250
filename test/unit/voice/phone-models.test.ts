import { describe, expect, it } from 'vitest';
import { cepstralObservations, estimatePhoneModels, OBSERVATION_DIMS } from '../../../src/lib/voice/phone-models';
import { CEPSTRA_PER_FRAME } from '../../../src/lib/voice/speech-features';

/** A seeded pseudo-random normal. */
function normal(seed: number): () => number {
	let s = seed;
	const uniform = () => ((s = (s * 1664525 + 1013904223) >>> 0) + 0.5) / 2 ** 32;
	return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

describe('phone models re-estimated from an alignment', () => {
	// 300 frames: 100 of "a" (c1 ≈ +2), 100 of "m" (c1 ≈ −2), 100 of "i" (c1 ≈ +1); one frame of "o".
	const frames = 301;
	const random = normal(7);
	const cepstra = new Float64Array(frames * CEPSTRA_PER_FRAME);
	const meanC1 = (t: number) => (t < 100 ? 2 : t < 200 ? -2 : t < 300 ? 1 : 6);
	for (let t = 0; t < frames; t++) {
		for (let q = 0; q < CEPSTRA_PER_FRAME; q++) cepstra[t * CEPSTRA_PER_FRAME + q] = 0.3 * random() + (q === 1 ? meanC1(t) : 0);
	}
	const observations = cepstralObservations(cepstra, frames);
	const models = estimatePhoneModels(observations, [
		{ key: 'a', cls: 'vowel', start: 0, end: 100 },
		{ key: 'm', cls: 'nasal', start: 100, end: 200 },
		{ key: 'i', cls: 'vowel', start: 200, end: 300 },
		{ key: 'o', cls: 'vowel', start: 300, end: 301 }
	]);

	it('adds deltas: a frame-major row of cepstra then their slopes', () => {
		expect(observations.length).toBe(frames * OBSERVATION_DIMS);
		// At the a → m change c1 falls by 4 over a frame: its delta there is strongly negative.
		expect(observations[100 * OBSERVATION_DIMS + CEPSTRA_PER_FRAME + 1]).toBeLessThan(-1);
		expect(Math.abs(observations[50 * OBSERVATION_DIMS + CEPSTRA_PER_FRAME + 1])).toBeLessThan(0.5);
	});

	it("scores each phone's own frames best", () => {
		const total = (key: string, from: number, to: number) => {
			let sum = 0;
			for (let t = from; t < to; t++) sum += models.get(key)!.negLogLikelihood(observations, t);
			return sum;
		};
		for (const [from, own] of [[0, 'a'], [100, 'm'], [200, 'i']] as const) {
			const ranked = ['a', 'm', 'i'].sort((x, y) => total(x, from + 3, from + 97) - total(y, from + 3, from + 97));
			expect(ranked[0]).toBe(own);
		}
	});

	it('pulls a phone seen in one frame towards its class', () => {
		// "o" has a single frame at c1 = 6; its mean is drawn towards the vowels' (≈ 1.5), so a frame at
		// c1 = 6 scores worse under it than it would under a model centred there.
		const o = models.get('o')!;
		const a = models.get('a')!;
		expect(o.negLogLikelihood(observations, 300)).toBeGreaterThan(a.negLogLikelihood(observations, 50));
		expect(o.negLogLikelihood(observations, 250)).toBeLessThan(o.negLogLikelihood(observations, 150));
	});
});
