/**
 * Voice likeness on real speech (VCTK, ../shared/data): each speaker's held-out sentences, re-spoken
 * at their own timing and f0 from a profile of the speaker's other sentences only, are nearest (by
 * DTW mel-cepstral distortion) to that speaker's own reading of them, and score highest under
 * their own speaker's GMM-UBM model on MFCCs (a measure that is not a spectral distance to one
 * reading). Skipped without the data.
 */
import { describe, expect, it } from 'vitest';
import { HAS_VCTK, voiceLikeness } from '../../helpers/voice-likeness';

/** Re-spoken sentences (of 16) the GMM-UBM measure must give to their own speaker (16 measured, 2026-12). */
const GMM_BAR = 14;

describe.skipIf(!HAS_VCTK)('voice likeness on VCTK (4 speakers)', () => {
	it('identifies the speaker of ≥ 95 % of re-spoken held-out sentences by MCD (under 9 dB per speaker) and ≥ 14 of 16 by GMM-UBM', () => {
		const result = voiceLikeness();
		console.log(
			`voice likeness: ${result.identified} of ${result.trials} identified; MCD ${Object.entries(result.mcdBySpeaker)
				.map(([s, v]) => `${s} ${v.toFixed(2)} dB`)
				.join(', ')}`
		);
		const gmm = result.gmmUbm;
		console.log(
			`GMM-UBM: ${gmm.identified} of ${gmm.trials} identified (real sentences ${gmm.realIdentified} of ${gmm.trials}); ${Object.entries(gmm.bySpeaker)
				.map(([s, v]) => `${s} ${v.identified}/${v.trials}, LLR own ${v.ownLlr.toFixed(2)} vs others ${v.otherLlr.toFixed(2)}`)
				.join('; ')}`
		);
		expect(result.identified / result.trials).toBeGreaterThanOrEqual(0.95);
		for (const mcd of Object.values(result.mcdBySpeaker)) expect(mcd).toBeLessThan(9);
		expect(gmm.identified).toBeGreaterThanOrEqual(GMM_BAR);
		for (const v of Object.values(gmm.bySpeaker)) expect(v.ownLlr).toBeGreaterThan(v.otherLlr);
	}, 300_000);
});
