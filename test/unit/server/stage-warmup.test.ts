/**
 * The worker's warm-ups run each stage on made-up material: the made-up reading must align to its
 * line (or no voice is learned and the singer's warm-up sings nothing), and the composer's and the
 * singer's warm-ups must run to the end.
 */
import { describe, expect, it } from 'vitest';
import { warmComposer, warmSinger } from '../../../src/lib/server/stage-warmup';
import { buildVoiceProfile } from '../../../src/lib/voice/build-profile';
import { WARM_UP_LINES, warmUpReading } from '../../../src/lib/voice/warm-up-reading';

describe('stage warm-ups', () => {
	it('learns a voice of six units from the made-up reading', () => {
		const profile = buildVoiceProfile(warmUpReading(44100), 44100, 'en', WARM_UP_LINES);
		expect(profile.units.map((u) => u.reading)).toEqual(Array(6).fill(profile.units[0].reading));
		expect(profile.units).toHaveLength(6);
	});

	it('composes and sings without throwing', () => {
		expect(() => warmComposer()).not.toThrow();
		expect(() => warmSinger()).not.toThrow();
	}, 60_000);
});
