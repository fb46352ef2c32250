/**
 * A profile built in parts (the alignment, the f0, then the envelope and aperiodicity in frame
 * ranges, as the voice-build threads run them) is the profile built at once, to the bit.
 */
import { describe, expect, it } from 'vitest';
import { READING_PROMPTS } from '../../../src/lib/lyrics/prompts';
import { alignReading, buildVoiceProfile, buildVoiceProfileInParts, splitFrames, type ReadingPartRunner } from '../../../src/lib/voice/build-profile';
import { readingF0, readingMelCepstra, readingSparseApBands } from '../../../src/lib/voice/reading-frames';
import { HAS_ESPEAK, renderEspeak } from '../../helpers/espeak';

const SAMPLE_RATE = 44100;

/** The parts run here, each call counted. */
function countingRunner(): { runner: ReadingPartRunner; calls: Record<keyof ReadingPartRunner, number> } {
	const calls = { align: 0, f0: 0, melCepstra: 0, sparseApBands: 0 };
	const runner: ReadingPartRunner = {
		align: async (...args) => (calls.align++, alignReading(...args)),
		f0: async (...args) => (calls.f0++, readingF0(...args)),
		melCepstra: async (...args) => (calls.melCepstra++, readingMelCepstra(...args)),
		sparseApBands: async (...args) => (calls.sparseApBands++, readingSparseApBands(...args))
	};
	return { runner, calls };
}

describe('splitFrames', () => {
	it('cuts [0, frames) into consecutive ranges of lengths within one frame of each other', () => {
		for (const [frames, parts] of [
			[7400, 2],
			[7401, 2],
			[10, 3],
			[2, 3],
			[0, 2]
		]) {
			const ranges = splitFrames(frames, parts);
			expect(ranges).toHaveLength(parts);
			expect(ranges[0].from).toBe(0);
			expect(ranges[parts - 1].to).toBe(frames);
			for (let p = 1; p < parts; p++) expect(ranges[p].from).toBe(ranges[p - 1].to);
			const lengths = ranges.map((r) => r.to - r.from);
			expect(Math.max(...lengths) - Math.min(...lengths)).toBeLessThanOrEqual(1);
		}
	});
});

describe.skipIf(!HAS_ESPEAK)('buildVoiceProfileInParts (needs espeak-ng)', () => {
	it('builds the same profile as buildVoiceProfile, in one, two or three ranges', async () => {
		const lines = READING_PROMPTS.en.lines.slice(0, 2);
		const reading = renderEspeak(lines.join(' '), { voice: 'en-us', speed: 170 });
		const whole = buildVoiceProfile(reading, SAMPLE_RATE, 'en', lines);
		expect(whole.units.length).toBeGreaterThan(10);
		for (const parts of [1, 2, 3]) {
			const { runner, calls } = countingRunner();
			const built = await buildVoiceProfileInParts(reading, SAMPLE_RATE, 'en', lines, runner, { parts });
			expect(calls).toEqual({ align: 1, f0: 1, melCepstra: parts, sparseApBands: parts });
			expect(built).toEqual(whole);
		}
	}, 120_000);
});
