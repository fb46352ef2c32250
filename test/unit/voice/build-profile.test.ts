/**
 * A profile built in parts (the alignment, the f0, then the envelope and aperiodicity of the units'
 * frames in groups of ranges, as the voice-build threads run them) is the profile built at once, to the bit.
 */
import { describe, expect, it } from 'vitest';
import { READING_PROMPTS } from '../../../src/lib/lyrics/prompts';
import { alignReading, buildVoiceProfile, buildVoiceProfileInParts, unitFrameRuns, type ReadingPartRunner } from '../../../src/lib/voice/build-profile';
import type { AlignedSyllable } from '../../../src/lib/voice/syllable-alignment';
import { framesIn } from '../../../src/lib/voice/frame-runs';
import { readingF0, readingMelCepstra, readingSparseApBands } from '../../../src/lib/voice/reading-frames';
import { HAS_ESPEAK, renderEspeak } from '../../helpers/espeak';

const SAMPLE_RATE = 44100;

/** The parts run here, each call counted. */
function countingRunner(): { runner: ReadingPartRunner; calls: Record<keyof ReadingPartRunner, number>; envelopeFrames: () => number } {
	const calls = { align: 0, f0: 0, melCepstra: 0, sparseApBands: 0 };
	let frames = 0;
	const runner: ReadingPartRunner = {
		align: async (...args) => (calls.align++, alignReading(...args)),
		f0: async (...args) => (calls.f0++, readingF0(...args)),
		melCepstra: async (...args) => (calls.melCepstra++, (frames += framesIn(args[3])), readingMelCepstra(...args)),
		sparseApBands: async (...args) => (calls.sparseApBands++, readingSparseApBands(...args))
	};
	return { runner, calls, envelopeFrames: () => frames };
}

describe('unitFrameRuns', () => {
	const syllable = (startSeconds: number, endSeconds: number) => ({ startSeconds, endSeconds }) as AlignedSyllable;
	it("covers every unit's frames, joins spans under 0.1 s apart and leaves longer pauses out", () => {
		// 5 ms frames: 0–0.3 s and 0.35–0.6 s join (50 ms apart); 1.0–1.2 s stands alone; a 15 ms syllable makes no unit.
		const runs = unitFrameRuns([syllable(0, 0.3), syllable(0.35, 0.6), syllable(0.8, 0.815), syllable(1.0, 1.2)], 0.005, 1000);
		expect(runs).toEqual([
			{ from: 0, to: 120 },
			{ from: 200, to: 240 }
		]);
	});
});

describe.skipIf(!HAS_ESPEAK)('buildVoiceProfileInParts (needs espeak-ng)', () => {
	it('builds the same profile as buildVoiceProfile, in one, two or three groups, before or once aligned, analysing no long pause', async () => {
		const lines = READING_PROMPTS.en.lines.slice(0, 2);
		// The two lines read with a second's pause between them, as a person reads.
		const [first, second] = lines.map((line) => renderEspeak(line, { voice: 'en-us', speed: 170 }));
		const reading = new Float32Array(first.length + SAMPLE_RATE + second.length);
		reading.set(first);
		reading.set(second, first.length + SAMPLE_RATE);
		const whole = buildVoiceProfile(reading, SAMPLE_RATE, 'en', lines);
		expect(whole.units.length).toBeGreaterThan(10);
		for (const parts of [1, 2, 3]) {
			for (const analyseOnceAligned of [false, true]) {
				const { runner, calls, envelopeFrames } = countingRunner();
				const built = await buildVoiceProfileInParts(reading, SAMPLE_RATE, 'en', lines, runner, { parts, analyseOnceAligned });
				expect(built).toEqual(whole);
				// One call per group, and one more for any unit frame the sounding frames left out.
				expect(calls.align).toBe(1);
				expect(calls.f0).toBe(1);
				expect(calls.melCepstra - parts).toBeGreaterThanOrEqual(0);
				expect(calls.melCepstra - parts).toBeLessThanOrEqual(analyseOnceAligned ? 0 : 1);
				// The pause (200 frames of 5 ms) is left out.
				expect(envelopeFrames()).toBeLessThan(reading.length / SAMPLE_RATE / whole.framePeriodSeconds - 150);
			}
		}
	}, 120_000);
});
