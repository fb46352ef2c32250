import { describe, expect, it } from 'vitest';
import { decodeAudio } from '../../../src/lib/audio/decode';
import { isAudioInputError } from '../../../src/lib/audio/errors';
import { BOMBS, flacBomb } from '../../fixtures/bombs';

const LIMITS = { minSeconds: 3, maxSeconds: 180 };

async function refusal(bytes: Uint8Array): Promise<{ code: string; message: string; ms: number }> {
	const start = performance.now();
	try {
		const decoded = await decodeAudio(bytes, { durationLimits: LIMITS });
		return { code: `accepted ${decoded.channels[0].length / decoded.sampleRate} s`, message: '', ms: performance.now() - start };
	} catch (e) {
		if (!isAudioInputError(e)) throw e;
		return { code: e.code, message: e.message, ms: performance.now() - start };
	}
}

describe('decoding stops at the length limit whatever the header says', () => {
	for (const bomb of BOMBS) {
		it(`a ${bomb.format} bomb of 1000 s whose header says less is refused as too_long within 3 s`, async () => {
			const bytes = bomb.build(1000);
			expect(bytes.length).toBeLessThan(5 * 1024 * 1024);
			const { code, message, ms } = await refusal(bytes);
			expect(code).toBe('too_long');
			expect(message).toMatch(/180 s/);
			expect(ms).toBeLessThan(3000);
		});
	}

	for (const bomb of BOMBS) {
		// Ogg decoders trim the last pages to the (lying) last granule position, so a little less comes out.
		it(`a ${bomb.format} file of the same kind lasting 170 s is decoded, not cut by the limit`, async () => {
			const decoded = await decodeAudio(bomb.build(170), { durationLimits: LIMITS });
			const seconds = decoded.channels[0].length / decoded.sampleRate;
			expect(seconds).toBeGreaterThan(140);
			expect(seconds).toBeLessThan(180);
		});
	}

	it('the 10-hour FLAC of 0 declared samples from issue 12 (about 390 kB) is refused in seconds, holding under 300 MB', async () => {
		const bytes = flacBomb(36_000);
		expect(bytes.length).toBeLessThan(400_000);
		const before = process.memoryUsage().rss;
		const { code, message, ms } = await refusal(bytes);
		expect(code).toBe('too_long');
		expect(message).toBe('The recording is longer than 180 s (decoding stopped there); the studio accepts 3–180 s. Trim it or record a shorter take.');
		expect(ms).toBeLessThan(5000);
		expect(process.memoryUsage().rss - before).toBeLessThan(300 * 1024 * 1024);
	});
});
