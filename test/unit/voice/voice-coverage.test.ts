/**
 * What a voice learned from a recording and its text covers: the text's syllables that became
 * units, those that did not, and the lyric's syllables sung from other units. Profiles are made
 * of hand-labelled units (no audio), so each answer is known.
 */
import { describe, expect, it } from 'vitest';
import { readLyrics } from '../../../src/lib/lyrics/read-lyrics';
import { assembleProfile, type VoiceProfile } from '../../../src/lib/voice/profile';
import { voiceCoverage } from '../../../src/lib/voice/voice-coverage';
import type { VoiceUnit } from '../../../src/lib/voice/voice-units';
import type { LyricSyllable } from '../../../src/lib/lyrics/types';

/** A unit with the labels of `s` and two silent frames (coverage reads only the labels). */
function unitOf(s: LyricSyllable): VoiceUnit {
	return {
		language: s.language, reading: s.reading, onset: s.onset, nucleus: s.nucleus, coda: s.coda, tone: s.tone, stress: s.stress,
		nucleusStartFrame: 0, codaStartFrame: 2, f0Hz: new Float32Array(2), melCepstra: new Float32Array(2 * 41), apBands: new Float32Array(2 * 9)
	} as VoiceUnit;
}

function profileOf(units: VoiceUnit[]): VoiceProfile {
	return assembleProfile({ language: units[0]?.language ?? 'cmn', fs: 44100, framePeriodSeconds: 0.005, fftSize: 2048, units, kind: 'reading' });
}

describe('voiceCoverage', () => {
	it('names the text syllables that did not become units, in order, even when a reading repeats', () => {
		const text = readLyrics('我爱唱歌，我爱你', 'cmn');
		// The builder dropped the 2nd (爱) and 5th (爱 again) syllables.
		const kept = text.filter((_, i) => i !== 1 && i !== 5);
		const coverage = voiceCoverage(profileOf(kept.map(unitOf)), text, []);
		expect(coverage.textSyllables).toBe(7);
		expect(coverage.coveredSyllables).toBe(5);
		expect(coverage.uncovered.map((s) => [s.text, s.index])).toEqual([['爱', 1], ['爱', 5]]);
	});

	it('lists each distinct lyric syllable the voice has no unit of its own for, with how it would be sung', () => {
		const text = readLyrics('妈 他', 'cmn');
		const coverage = voiceCoverage(profileOf(text.map(unitOf)), text, readLyrics('妈妈 她 拿 哦', 'cmn'));
		expect(coverage.coveredSyllables).toBe(2);
		expect(coverage.uncovered).toEqual([]);
		// 妈 and 她 (ta1, the same syllable as 他) are the voice's own; 拿 (n + a) borrows the rhyme of ma/ta; 哦 has no unit near "o" of its own.
		expect(coverage.lyricSyllables).toBe(4);
		expect(coverage.borrowed.map((s) => s.text)).toEqual(['拿', '哦']);
		expect(coverage.borrowed[0].match).toMatch(/combined|nearest/);
	});

	it('counts every text syllable uncovered and every lyric syllable borrowed when the voice has no units', () => {
		const text = readLyrics('hello world', 'en');
		const coverage = voiceCoverage({ ...profileOf([]), language: 'en' }, text, readLyrics('hello', 'en'));
		expect(coverage.coveredSyllables).toBe(0);
		expect(coverage.uncovered.length).toBe(text.length);
		expect(coverage.borrowed.every((s) => s.match === 'nearest')).toBe(true);
	});
});
