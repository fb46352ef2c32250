/**
 * Copy synthesis, the vocoder end to end: analyse the reference recordings (DIO + StoneMask,
 * CheapTrick, D4C), synthesise, and compare with the original by mel-cepstral distortion — measured
 * the same way for WORLD's own C++ resynthesis in ../shared/data/world-reference (skipped when absent).
 */
import { describe, expect, it } from 'vitest';
import { copySynthesisMcd } from '../../helpers/world-metrics';
import { HAS_WORLD_REFERENCE, loadWorldReference, type WorldReferenceName } from '../../helpers/world-reference';

describe.skipIf(!HAS_WORLD_REFERENCE)('copy synthesis against C++ WORLD (../shared/data/world-reference)', () => {
	for (const name of ['vaiueo2d', 'p225_003'] as WorldReferenceName[]) {
		it(`${name}: MCD to the original at most 0.2 dB above WORLD's own resynthesis`, () => {
			const mcd = copySynthesisMcd(loadWorldReference(name));
			console.log(`${name} copy synthesis MCD: ours ${mcd.oursDb.toFixed(3)} dB, C++ WORLD ${mcd.worldDb.toFixed(3)} dB`);
			expect(mcd.oursDb).toBeLessThanOrEqual(mcd.worldDb + 0.2);
			expect(mcd.worldDb).toBeGreaterThan(0);
		});
	}
});
