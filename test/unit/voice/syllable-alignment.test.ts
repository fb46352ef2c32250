/**
 * The aligner (broad-class phone alignment) on synthetic readings of the studio's own prompts by eSpeak NG, whose
 * syllable (Cantonese, Mandarin) and word (English) times are known because each is rendered on its
 * own and joined (test/helpers/espeak.ts). Mandarin syllables are rendered from their Pinyin by the
 * cmn-latn-pinyin voice (eSpeak NG 1.51 reads few Mandarin characters). Skipped where espeak-ng is
 * not installed. Then connected speech: the whole prompt read by eSpeak NG's WebAssembly build, which
 * reports every word's and phoneme's time (test/helpers/espeak-timed.ts).
 */
import { describe, expect, it } from 'vitest';
import { readLyrics } from '../../../src/lib/lyrics/read-lyrics';
import { READING_PROMPTS } from '../../../src/lib/lyrics/prompts';
import type { LyricSyllable } from '../../../src/lib/lyrics/types';
import { alignSyllables, AlignmentError } from '../../../src/lib/voice/syllable-alignment';
import { HAS_ESPEAK, syntheticReading, type EspeakVoice } from '../../helpers/espeak';
import { CONNECTED_SPEECH_VOICES, continuousAlignmentErrors } from '../../helpers/espeak-timed';

function percentile(sorted: number[], q: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** The prompt's syllables, the units eSpeak renders (characters or words) and each unit's first syllable. */
function promptUnits(language: 'yue' | 'cmn' | 'en'): { syllables: LyricSyllable[]; units: string[]; pauses: boolean[]; firstSyllable: number[] } {
	const syllables = READING_PROMPTS[language].lines.flatMap((line, lineIndex) => readLyrics(line, language).map((s) => ({ ...s, wordIndex: s.wordIndex + 1000 * lineIndex })));
	const units: string[] = [];
	const pauses: boolean[] = [];
	const firstSyllable: number[] = [];
	syllables.forEach((s, i) => {
		if (i === 0 || s.wordIndex !== syllables[i - 1].wordIndex) {
			units.push(language === 'cmn' ? s.reading : s.text);
			pauses.push(false);
			firstSyllable.push(i);
		}
		if (s.breakAfter) pauses[pauses.length - 1] = true;
	});
	return { syllables, units, pauses, firstSyllable };
}

describe.skipIf(!HAS_ESPEAK)('alignSyllables on eSpeak NG readings of the prompts', () => {
	const cases: Array<[language: 'yue' | 'cmn' | 'en', voice: EspeakVoice, p90Ms: number]> = [
		['yue', { voice: 'yue', speed: 190 }, 60],
		['yue', { voice: 'yue+f3', speed: 160, pitch: 70 }, 60],
		['cmn', { voice: 'cmn-latn-pinyin', speed: 190 }, 60],
		['cmn', { voice: 'cmn-latn-pinyin+f3', speed: 160, pitch: 70 }, 60],
		['en', { voice: 'en-us', speed: 170 }, 60],
		['en', { voice: 'en+m3', speed: 150, pitch: 35 }, 60]
	];
	it.each(cases)('%s (%o): boundary error median ≤ 30 ms, 90th percentile ≤ %d ms', (language, voice, p90Ms) => {
		const { syllables, units, pauses, firstSyllable } = promptUnits(language);
		const reading = syntheticReading(units, pauses, voice);
		const aligned = alignSyllables(reading.pcm, reading.sampleRate, syllables);
		expect(aligned).toHaveLength(syllables.length);
		const errors = firstSyllable.map((s, u) => Math.abs(aligned[s].startSeconds - reading.units[u].startSeconds) * 1000).sort((a, b) => a - b);
		const median = percentile(errors, 0.5);
		const p90 = percentile(errors, 0.9);
		console.log(`alignment ${language} ${voice.voice} ${voice.speed} wpm: ${errors.length} boundaries over ${(reading.pcm.length / reading.sampleRate).toFixed(1)} s, median ${median.toFixed(0)} ms, 90th percentile ${p90.toFixed(0)} ms`);
		expect(median).toBeLessThanOrEqual(30);
		expect(p90).toBeLessThanOrEqual(p90Ms);
		for (let i = 1; i < aligned.length; i++) expect(aligned[i].startSeconds).toBeGreaterThanOrEqual(aligned[i - 1].endSeconds - 1e-9);
		for (const a of aligned) {
			expect(a.nucleusStartSeconds).toBeGreaterThanOrEqual(a.startSeconds);
			expect(a.nucleusStartSeconds).toBeLessThan(a.endSeconds);
			// Phones tile the syllable in order: onset, nucleus, coda.
			expect(a.phones.map((p) => p.ipa)).toEqual([...a.syllable.onset, ...a.syllable.nucleus, ...a.syllable.coda]);
			for (let i = 1; i < a.phones.length; i++) expect(a.phones[i].startSeconds).toBeCloseTo(a.phones[i - 1].endSeconds, 9);
		}
	});
});

describe('alignSyllables on connected eSpeak NG speech', () => {
	it.each(CONNECTED_SPEECH_VOICES)('%s (%s): word starts and first vowels, median ≤ 30 ms, 90th percentile ≤ 60 ms', async (language, voice, wordsPerMinute, pitch) => {
		const errors = await continuousAlignmentErrors(READING_PROMPTS[language].lines, language, { voice, wordsPerMinute, pitch });
		const words = [...errors.wordStartMs].sort((a, b) => a - b);
		const vowels = [...errors.vowelOnsetMs].sort((a, b) => a - b);
		console.log(
			`connected ${voice}: ${words.length} words over ${errors.seconds.toFixed(1)} s; word start median ${percentile(words, 0.5).toFixed(0)}, 90th percentile ${percentile(words, 0.9).toFixed(0)} ms; first vowel ${percentile(vowels, 0.5).toFixed(0)}, ${percentile(vowels, 0.9).toFixed(0)} ms` +
				(errors.skippedLines.length ? `; lines eSpeak cannot read, left out: ${errors.skippedLines.join(' ')}` : '')
		);
		expect(words.length).toBeGreaterThan(80);
		expect(errors.skippedLines.length).toBeLessThanOrEqual(2);
		for (const sorted of [words, vowels]) {
			expect(percentile(sorted, 0.5)).toBeLessThanOrEqual(30);
			expect(percentile(sorted, 0.9)).toBeLessThanOrEqual(60);
		}
	});
});

describe('alignSyllables: readings that cannot be aligned', () => {
	const syllables = readLyrics('我哋一齊唱歌', 'yue');
	it('refuses a silent reading', () => {
		expect(() => alignSyllables(new Float32Array(44100 * 3), 44100, syllables)).toThrow(AlignmentError);
	});
	it('refuses a reading far too short for its prompt', () => {
		const x = new Float32Array(44100 * 2);
		for (let i = 0; i < 4410; i++) x[22050 + i] = 0.3 * Math.sin((2 * Math.PI * 200 * i) / 44100);
		expect(() => alignSyllables(x, 44100, readLyrics(READING_PROMPTS.yue.lines.join(''), 'yue'))).toThrow(/read the whole prompt/);
	});
});
