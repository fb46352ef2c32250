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

/** A unit of `text`: 10 consonant frames, then 20 vowel frames at c̃₀ `vowelGain`. */
function unit(text: string, vowelGain: number): VoiceUnit {
	const s = readLyrics(text, 'en')[0];
	const n = 30;
	const melCepstra = new Float32Array(n * STRIDE);
	for (let i = 0; i < n; i++) melCepstra[i * STRIDE] = i < 10 ? -4 : vowelGain;
	const f0Hz = Float32Array.from({ length: n }, (_, i) => (i < 10 ? 0 : 120));
	return { language: 'en', reading: s.reading, onset: s.onset, nucleus: s.nucleus, coda: s.coda, tone: s.tone, stress: s.stress, nucleusStartFrame: 10, codaStartFrame: n, f0Hz, melCepstra, apBands: new Float32Array(n * UNIT_AP_BAND_HZ.length) };
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
});
