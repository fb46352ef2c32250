import type { Language } from '../take/types';

/** Where a syllable's reading came from. */
export type ReadingSource = 'dictionary' | 'letter-to-sound' | 'typed' | 'override';

/**
 * One sung syllable: its spelling in the lyrics, its reading in the language's romanisation
 * (Jyutping, numbered Pinyin or ARPAbet) and its phonemes (IPA, see phoneme-inventory.ts) split
 * into onset, nucleus and coda. Tone for Cantonese (1–6) and Mandarin (1–4, 5 = neutral); stress
 * for English (0 none, 1 primary, 2 secondary).
 */
export interface LyricSyllable {
	language: Language;
	/** What the syllable was read from: a character, or an English word's letters (on each of its syllables). */
	text: string;
	/** Index of the word in the line this syllable belongs to (English words have several syllables). */
	wordIndex: number;
	reading: string;
	onset: string[];
	nucleus: string[];
	coda: string[];
	tone?: number;
	stress?: 0 | 1 | 2;
	source: ReadingSource;
	/** Punctuation or a line break follows: a phrase or line break the singer may breathe at. */
	breakAfter: boolean;
	/**
	 * The next syllable belongs to the same word (a Chinese word found by chinese-words.ts, or the
	 * next syllable of an English word): a phrase must not end, nor a rest fall, between them.
	 * Absent on syllables made before words were found: read as "an English word's syllables share
	 * wordIndex and text".
	 */
	joinNext?: boolean;
	/** The last syllable of a line the user typed (a line break or the end of the lyric follows). */
	lineEnd?: boolean;
}

/**
 * True when `next` continues `syllable`'s word, so no phrase may end between them: the reader's
 * `joinNext`, or for syllables read before words were found, an English word's syllables (same
 * wordIndex and text).
 */
export function continuesWord(syllable: LyricSyllable, next: LyricSyllable): boolean {
	if (syllable.joinNext !== undefined) return syllable.joinNext;
	return syllable.language === 'en' && syllable.wordIndex === next.wordIndex && syllable.text === next.text;
}

/** Stable error codes of the lyrics front end. */
export type LyricsErrorCode = 'unsupported_language' | 'unknown_characters' | 'invalid_reading' | 'empty_lyrics' | 'too_many_syllables' | 'no_melody';

/** An error with a stable `code` and a message the user can act on (which characters, where). */
export class LyricsError extends RangeError {
	readonly code: LyricsErrorCode;
	/** Offending pieces of the input, when there are any. */
	readonly items: string[];
	constructor(code: LyricsErrorCode, message: string, items: string[] = []) {
		super(message);
		this.name = 'LyricsError';
		this.code = code;
		this.items = items;
	}
}

/** True when `parse` accepts `text` (a reading parser that throws LyricsError otherwise). */
export function isValidReading(parse: (text: string) => unknown, text: string): boolean {
	try {
		parse(text);
		return true;
	} catch {
		return false;
	}
}
