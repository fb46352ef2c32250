/**
 * The consonant guard on a finished phrase (consonant-limiter.ts): an onset or coda more than the
 * headroom above its vowel's loudest moment is turned down to it; a quieter one, and the vowel, are
 * left sample for sample.
 */
import { describe, expect, it } from 'vitest';
import { CONSONANT_PEAK_HEADROOM_DB, limitConsonantPeaks, type SyllableSamples } from '../../../src/lib/voice/consonant-limiter';
import { peakFrameDb } from '../../../src/lib/voice/recorded-onsets';
import { uniformNoise } from '../../helpers/vocoder-signals';

const RATE = 44100;

/** Deterministic noise in [−amplitude, amplitude). */
const noise = (length: number, amplitude: number, seed = 3) => Float32Array.from(uniformNoise(length, seed), (v) => 2 * amplitude * v);

/** Onset noise of `onsetAmplitude`, 80 ms, then a 300 ms 220 Hz vowel of amplitude 0.1, then a 60 ms coda of noise. */
function phrase(onsetAmplitude: number, codaAmplitude: number): { pcm: Float32Array; syllable: SyllableSamples } {
	const onset = Math.round(0.08 * RATE);
	const vowel = Math.round(0.3 * RATE);
	const coda = Math.round(0.06 * RATE);
	const pcm = new Float32Array(onset + vowel + coda + 2000);
	pcm.set(noise(onset, onsetAmplitude), 1000);
	for (let i = 0; i < vowel; i++) pcm[1000 + onset + i] = 0.1 * Math.sin((2 * Math.PI * 220 * i) / RATE);
	pcm.set(noise(coda, codaAmplitude, 9), 1000 + onset + vowel);
	return { pcm, syllable: { onsetStart: 1000, vowelStart: 1000 + onset, codaStart: 1000 + onset + vowel, end: 1000 + onset + vowel + coda } };
}

const db = (pcm: Float32Array, from: number, to: number) => peakFrameDb(pcm, RATE, from, to);
/** The vowel's level from windows wholly inside it. */
const vowelDb = (pcm: Float32Array, s: SyllableSamples) => db(pcm, s.vowelStart + 300, s.codaStart - 300);

describe('limitConsonantPeaks', () => {
	it('turns an onset 15 dB above its vowel down to the headroom, and the coda too', () => {
		// Noise of amplitude a has power a²/3; the sine 0.005.
		const { pcm, syllable: s } = phrase(0.5, 0.5);
		const vowelBefore = vowelDb(pcm, s);
		expect(db(pcm, s.onsetStart + 300, s.vowelStart - 300) - vowelBefore).toBeGreaterThan(12);
		expect(limitConsonantPeaks(pcm, RATE, [s])).toBe(2);
		const vowel = vowelDb(pcm, s);
		expect(db(pcm, s.onsetStart, s.vowelStart) - vowel).toBeLessThanOrEqual(CONSONANT_PEAK_HEADROOM_DB + 0.5);
		expect(db(pcm, s.onsetStart, s.vowelStart) - vowel).toBeGreaterThan(CONSONANT_PEAK_HEADROOM_DB - 1.5);
		expect(db(pcm, s.codaStart, s.end) - vowel).toBeLessThanOrEqual(CONSONANT_PEAK_HEADROOM_DB + 0.5);
		// The vowel's middle untouched.
		expect(vowelDb(pcm, s)).toBeCloseTo(vowelBefore, 1);
	});

	it('leaves consonants under the headroom sample for sample', () => {
		const { pcm, syllable } = phrase(0.05, 0.02);
		const before = Float32Array.from(pcm);
		expect(limitConsonantPeaks(pcm, RATE, [syllable])).toBe(0);
		expect(pcm).toEqual(before);
	});

	it('ramps the gain in and out: no step at the turned-down onset’s edges', () => {
		const { pcm, syllable: s } = phrase(0.5, 0);
		const before = Float32Array.from(pcm);
		limitConsonantPeaks(pcm, RATE, [s]);
		// Eased in before the onset, the onset at the full gain from its first sample, the vowel 5 ms in as it was.
		const gain = pcm[s.onsetStart + 1000] / before[s.onsetStart + 1000];
		expect(gain).toBeLessThan(0.5);
		expect(pcm[s.onsetStart] / before[s.onsetStart]).toBeCloseTo(gain, 6);
		const ramp = Math.round(0.0025 * RATE);
		expect(pcm[s.onsetStart - ramp - 1]).toBe(before[s.onsetStart - ramp - 1]);
		const inVowel = s.vowelStart + Math.round(0.005 * RATE);
		expect(pcm[inVowel]).toBe(before[inVowel]);
	});
});
