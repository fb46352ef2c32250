/** The starter lyrics: readable in their language, long enough for a 16-bar song, one breath point per line. */
import { describe, expect, it } from 'vitest';
import { adaptMelodyToTones } from '../../../src/lib/compose/tone-adapt';
import { fitLyricsToMelody } from '../../../src/lib/compose/lyrics-fit';
import { STARTER_LYRICS, starterLyrics } from '../../../src/lib/compose/starter-lyrics';
import { readLyrics } from '../../../src/lib/lyrics/read-lyrics';
import { PPQ, type SongNote } from '../../../src/lib/song/types';
import { LANGUAGES } from '../../../src/lib/take/types';

describe('starter lyrics', () => {
	it.each(LANGUAGES)('%s reads without errors: 60–90 syllables in 4–8 lines, each ending in a breath point', (language) => {
		const text = starterLyrics(language);
		expect(text).toBe(STARTER_LYRICS[language]);
		const syllables = readLyrics(text, language);
		const lines = text.split('\n');
		expect(syllables.length).toBeGreaterThanOrEqual(60);
		expect(syllables.length).toBeLessThanOrEqual(90);
		expect(lines.length).toBeGreaterThanOrEqual(4);
		expect(lines.length).toBeLessThanOrEqual(8);
		// One break per line, at its end: the fitter starts each line on a phrase.
		expect(syllables.filter((s) => s.breakAfter)).toHaveLength(lines.length);
		expect(syllables[syllables.length - 1].breakAfter).toBe(true);
		// Every reading came from the dictionary (or a bracketed override), none guessed by rule.
		expect(syllables.filter((s) => s.source === 'letter-to-sound')).toEqual([]);
	});

	it('Cantonese lines fit a 16-bar melody of two-bar phrases and take the tones at ≥ 90 % after adaptation', () => {
		const syllables = readLyrics(STARTER_LYRICS.yue, 'yue');
		// Eight phrases of two bars: quarter notes on a rising-falling arch (G4 A4 B4 C5 B4 A4 G4), a half note to end.
		const arch = [67, 69, 71, 72, 71, 69, 67];
		const melody: SongNote[] = [];
		for (let p = 0; p < 8; p++) {
			const start = p * 8 * PPQ;
			arch.forEach((midiPitch, i) => melody.push({ startTicks: start + i * PPQ, durationTicks: PPQ, midiPitch, syllable: null, phrase: p }));
			melody.push({ startTicks: start + 7 * PPQ, durationTicks: PPQ, midiPitch: 67, syllable: null, phrase: p });
		}
		expect(melody[melody.length - 1].startTicks + PPQ).toBe(16 * 4 * PPQ);
		const fit = fitLyricsToMelody(melody, syllables, { beatsPerBar: 4, beatUnit: 4 });
		expect(fit.report.linesStartingPhrases).toBe(8);
		const adapted = adaptMelodyToTones(fit.notes, { tonicPitchClass: 0, mode: 'major' }, { low: 55, high: 79 });
		console.log(`starter yue: ${fit.report.message} tone agreement ${((adapted.agreementBefore ?? 0) * 100).toFixed(1)} % → ${((adapted.agreementAfter ?? 0) * 100).toFixed(1)} %, mean |Δpitch| ${adapted.meanAbsDeltaSemitones.toFixed(2)}`);
		expect(adapted.agreementAfter).toBeGreaterThanOrEqual(0.9);
	});
});
