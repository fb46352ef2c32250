/**
 * English words → syllables: the CMU Pronouncing Dictionary (first pronunciation), else the
 * letter-to-sound rules; then maximal-onset syllabification. Typed ARPAbet ({HH AH0 L OW1}) too.
 */
import { dictionary } from 'cmu-pronouncing-dictionary';
import { arpabetToIpa, parseArpabet, syllabifyArpabet, type ArpabetPhone } from './arpabet';
import { letterToSound } from './english-letter-to-sound';
import type { LyricSyllable, ReadingSource } from './types';

const CMU: Readonly<Record<string, string>> = dictionary;

/** The word's phones and where they came from. */
export function pronounce(word: string): { phones: ArpabetPhone[]; source: ReadingSource } {
	const key = word.toLowerCase().replace(/’/g, "'");
	const entry = CMU[key];
	if (entry !== undefined) return { phones: parseArpabet(entry), source: 'dictionary' };
	return { phones: letterToSound(key), source: 'letter-to-sound' };
}

/** Syllables of phones, as lyric syllables of `text` (the word they spell). */
export function englishSyllables(phones: ArpabetPhone[], text: string, wordIndex: number, source: ReadingSource): LyricSyllable[] {
	const ipa = (ps: ArpabetPhone[]) => ps.map(arpabetToIpa);
	const spell = (ps: ArpabetPhone[]) => ps.map((p) => p.phone + (p.stress ?? '')).join(' ');
	const syllables = syllabifyArpabet(phones);
	return syllables.map((s, i) => ({
		language: 'en',
		text,
		wordIndex,
		reading: spell([...s.onset, s.nucleus, ...s.coda]),
		onset: ipa(s.onset),
		nucleus: [arpabetToIpa(s.nucleus)],
		coda: ipa(s.coda),
		stress: s.nucleus.stress ?? 1,
		source,
		breakAfter: false,
		joinNext: i < syllables.length - 1
	}));
}

/** An English word's syllables (dictionary, else rules). */
export function readEnglishWord(word: string, wordIndex: number): LyricSyllable[] {
	const { phones, source } = pronounce(word);
	return englishSyllables(phones, word, wordIndex, source);
}
