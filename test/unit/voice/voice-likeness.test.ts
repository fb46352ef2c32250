/**
 * Voice likeness on real speech (VCTK, ../shared/data): each speaker's held-out sentences, re-spoken
 * at their own timing and f0 from a profile of the speaker's other sentences only, are nearest (by
 * DTW mel-cepstral distortion) to that speaker's own reading of them. Skipped without the data.
 */
import { describe, expect, it } from 'vitest';
import { HAS_VCTK, voiceLikeness } from '../../helpers/voice-likeness';

describe.skipIf(!HAS_VCTK)('voice likeness on VCTK (4 speakers)', () => {
	it('identifies the speaker of ≥ 95 % of re-spoken held-out sentences, with MCD under 9 dB per speaker', () => {
		const result = voiceLikeness();
		console.log(
			`voice likeness: ${result.identified} of ${result.trials} identified; MCD ${Object.entries(result.mcdBySpeaker)
				.map(([s, v]) => `${s} ${v.toFixed(2)} dB`)
				.join(', ')}`
		);
		expect(result.identified / result.trials).toBeGreaterThanOrEqual(0.95);
		for (const mcd of Object.values(result.mcdBySpeaker)) expect(mcd).toBeLessThan(9);
	}, 300_000);
});
