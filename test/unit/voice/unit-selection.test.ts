/**
 * Unit selection leaves out units whose vowel the aligner put into a pause (its frames silence):
 * levelled up to the voice's vowel level, their consonants would stand far above a silent vowel.
 */
import { describe, expect, it } from 'vitest';
import { readLyrics } from '../../../src/lib/lyrics/read-lyrics';
import { assembleProfile } from '../../../src/lib/voice/profile';
import { selectUnit } from '../../../src/lib/voice/unit-selection';
import { UNIT_AP_BAND_HZ, UNIT_MEL_CEPSTRUM_ORDER, type VoiceUnit } from '../../../src/lib/voice/voice-units';

const STRIDE = UNIT_MEL_CEPSTRUM_ORDER + 1;

/** A unit of `text`: `onset` consonant frames (10), then `vowel` vowel frames (20) at c̃₀ `vowelGain`. */
function unit(text: string, vowelGain: number, onset = 10, vowel = 20): VoiceUnit {
	const s = readLyrics(text, 'en')[0];
	const n = onset + vowel;
	const melCepstra = new Float32Array(n * STRIDE);
	for (let i = 0; i < n; i++) melCepstra[i * STRIDE] = i < onset ? -4 : vowelGain;
	const f0Hz = Float32Array.from({ length: n }, (_, i) => (i < onset ? 0 : 120));
	return { language: 'en', reading: s.reading, onset: s.onset, nucleus: s.nucleus, coda: s.coda, tone: s.tone, stress: s.stress, nucleusStartFrame: onset, codaStartFrame: n, f0Hz, melCepstra, apBands: new Float32Array(n * UNIT_AP_BAND_HZ.length) };
}

const profileOf = (units: VoiceUnit[]) => assembleProfile({ language: 'en', fs: 16000, framePeriodSeconds: 0.005, fftSize: 1024, units, kind: 'reading' });

describe('selectUnit', () => {
	it('does not choose a unit whose vowel is silence (40 dB under the voice’s vowels): the syllable is combined from others', () => {
		const silent = unit('so', -14);
		const profile = profileOf([silent, unit('sa', -2), unit('no', -2), unit('ta', -2.5)]);
		const choice = selectUnit(profile, readLyrics('so', 'en')[0]);
		expect(choice.rhymeUnit).not.toBe(silent);
		expect(choice.onsetUnit).not.toBe(silent);
		expect(choice.rhymeUnit.reading).toBe(profile.units[2].reading);
	});

	it('still chooses a quiet but audible vowel of its own syllable', () => {
		const quiet = unit('so', -4.5);
		const profile = profileOf([quiet, unit('sa', -2), unit('no', -2)]);
		expect(selectUnit(profile, readLyrics('so', 'en')[0]).rhymeUnit).toBe(quiet);
	});

	it('does not sing a rhyme the aligner left 2 frames (10 ms): another reading of the syllable, else the same rhyme from another syllable with the own onset', () => {
		// "day" read as 28 frames of "d" and 2 of "eɪ" (the aligner put its nucleus at the end).
		const squeezed = unit('day', -2, 28, 2);
		const say = unit('say', -2);
		const choice = selectUnit(profileOf([squeezed, say, unit('no', -2)]), readLyrics('day', 'en')[0]);
		expect(choice).toEqual({ onsetUnit: squeezed, rhymeUnit: say, match: 'combined' });
		// Another reading of "day" with its vowel whole is its own syllable: exact.
		const whole = unit('day', -2);
		expect(selectUnit(profileOf([squeezed, say, whole]), readLyrics('day', 'en')[0])).toEqual({ onsetUnit: whole, rhymeUnit: whole, match: 'exact' });
		// No other "eɪ": the squeezed unit is all there is.
		expect(selectUnit(profileOf([squeezed, unit('no', -2)]), readLyrics('day', 'en')[0]).rhymeUnit).toBe(squeezed);
	});
});
