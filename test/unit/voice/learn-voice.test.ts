/**
 * A voice from any recording and its text: an eSpeak NG reading (skipped without espeak-ng) learned
 * with its own text, and refused, with what to do, when the text is not what was said.
 */
import { describe, expect, it } from 'vitest';
import { learnVoiceFromText, voiceTextLines } from '../../../src/lib/voice/learn-voice';
import { AlignmentError } from '../../../src/lib/voice/syllable-alignment';
import { HAS_ESPEAK, renderEspeak } from '../../helpers/espeak';

const SUN = { text: 'the sun', language: 'en' as const };
const TEXT = 'The north wind and the sun were disputing which was the stronger,\nwhen a traveller came along wrapped in a warm cloak.';

describe('voiceTextLines', () => {
	it('keeps the non-empty lines, trimmed', () => {
		expect(voiceTextLines(' one \r\n\n two\n   \n')).toEqual(['one', 'two']);
	});
});

describe.skipIf(!HAS_ESPEAK)('learnVoiceFromText (eSpeak NG reading; skipped without espeak-ng)', () => {
	const fs = 44100;
	const pcm = renderEspeak(TEXT.replace('\n', ' '), { voice: 'en-us', speed: 150 }, fs);

	it('learns a unit for each syllable of the text and reports the starter lyric syllables it lacks', () => {
		const { profile, coverage } = learnVoiceFromText(pcm, fs, 'en', TEXT, { text: 'The sun comes through my window', language: 'en' });
		expect(coverage.textSyllables).toBe(28);
		expect(coverage.coveredSyllables).toBeGreaterThanOrEqual(26);
		expect(profile.units.length).toBe(coverage.coveredSyllables);
		// "The" and "sun" were read; "comes", "through", "my", "window" were not.
		const borrowed = coverage.borrowed.map((s) => s.text);
		expect(borrowed).not.toContain('The');
		expect(borrowed).not.toContain('sun');
		expect(borrowed).toEqual(expect.arrayContaining(['comes', 'through', 'my']));
	});

	it('refuses a text far longer or shorter than the speech, saying which', () => {
		const tooLong = Array(12).fill('the north wind and the sun').join(' ');
		expect(() => learnVoiceFromText(pcm, fs, 'en', tooLong, SUN)).toThrow(AlignmentError);
		expect(() => learnVoiceFromText(pcm, fs, 'en', tooLong, SUN)).toThrow(/type only what you said/);
		expect(() => learnVoiceFromText(pcm, fs, 'en', 'wind', SUN)).toThrow(/type everything you said/);
	});
});
