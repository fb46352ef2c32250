/**
 * Re-speaking a sentence from a profile at given timing and f0 (the voice-likeness benchmark's
 * renderer), and DTW: checked on an eSpeak NG reading (skipped without espeak-ng).
 */
import { describe, expect, it } from 'vitest';
import { dtw } from '../../../src/lib/dsp/dtw';
import { readLyrics } from '../../../src/lib/lyrics/read-lyrics';
import { READING_PROMPTS } from '../../../src/lib/lyrics/prompts';
import { estimateF0 } from '../../../src/lib/pitch/pyin';
import { estimateWorldF0 } from '../../../src/lib/vocoder/analysis';
import { buildVoiceProfile } from '../../../src/lib/voice/build-profile';
import { speakAligned } from '../../../src/lib/voice/speak';
import { alignSyllables } from '../../../src/lib/voice/syllable-alignment';
import { HAS_ESPEAK, renderEspeak } from '../../helpers/espeak';

describe('dtw', () => {
	it('aligns a sequence to a stretched copy of itself at zero cost, along a monotonic path', () => {
		const a = [0, 1, 2, 3, 2, 1];
		const b = [0, 0, 1, 1, 2, 3, 3, 2, 1, 1];
		const result = dtw(a.length, b.length, (i, j) => Math.abs(a[i] - b[j]));
		expect(result.meanCost).toBe(0);
		expect(result.path[0]).toEqual([0, 0]);
		expect(result.path.at(-1)).toEqual([5, 9]);
		for (let k = 1; k < result.path.length; k++) {
			expect(result.path[k][0] - result.path[k - 1][0]).toBeGreaterThanOrEqual(0);
			expect(result.path[k][1] - result.path[k - 1][1]).toBeGreaterThanOrEqual(0);
		}
		expect(dtw(2, 2, (i, j) => (i === j ? 0 : 1)).meanCost).toBe(0);
		expect(() => dtw(0, 3, () => 0)).toThrow(RangeError);
	});
});

describe.skipIf(!HAS_ESPEAK)('speakAligned', () => {
	it('re-speaks a sentence at its own timing and pitch, from the profile of another reading', () => {
		const prompt = READING_PROMPTS.en.lines.slice(0, 8);
		const profile = buildVoiceProfile(renderEspeak(prompt.join(' '), { voice: 'en-us', speed: 160 }), 44100, 'en', prompt);
		const text = 'The quick brown fox watched the golden sun.';
		const sentence = renderEspeak(text, { voice: 'en-us', speed: 160, pitch: 70 });
		const aligned = alignSyllables(sentence, 44100, readLyrics(text, 'en'));
		const f0 = estimateWorldF0(sentence, 44100);
		const spoken = speakAligned(profile, aligned, f0, sentence.length / 44100);
		expect(Math.abs(spoken.length - sentence.length)).toBeLessThan(0.01 * 44100);
		// The pitch follows the sentence's (eSpeak's pitch 70 speaks higher than the profile's 50).
		const measured = estimateF0(spoken, 44100, { hopSeconds: 0.01 });
		const voicedF0 = Array.from(measured.f0Hz).filter((_, i) => measured.voiced[i]).sort((a, b) => a - b);
		const sourceF0 = Array.from(f0.f0Hz).filter((v) => v > 0).sort((a, b) => a - b);
		const median = (x: number[]) => x[x.length >> 1];
		console.log(`speakAligned: median f0 ${median(voicedF0).toFixed(0)} Hz for the sentence's ${median(sourceF0).toFixed(0)} Hz (profile ${profile.speakingF0Hz.toFixed(0)} Hz)`);
		expect(Math.abs(1200 * Math.log2(median(voicedF0) / median(sourceF0)))).toBeLessThan(50);
	});
});
