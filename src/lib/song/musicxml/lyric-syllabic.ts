/**
 * Lyrics as MusicXML lays them under notes: each note's piece of its word and where the piece
 * falls in it (single, begin, middle, end). English words sung over several notes are cut into
 * that many pieces at their vowel groups (the studio keeps a word's letters whole on each of its
 * syllables); Chinese characters are words of their own. Joining a word's pieces gives its text
 * back, which is what the reader reads.
 */
import { continuesWord, type LyricSyllable } from '../../lyrics/types';

export type Syllabic = 'single' | 'begin' | 'middle' | 'end';

/** Two syllables of one English word on consecutive syllable notes (not a word sung twice: the reader says whether the word goes on). */
export function sameEnglishWord(a: LyricSyllable, b: LyricSyllable): boolean {
	return a.language === 'en' && b.language === 'en' && a.text === b.text && continuesWord(a, b);
}

/** Cuts `word` into `count` pieces at its vowel groups where it has enough, else into even lengths; joined they are `word`. */
export function wordPieces(word: string, count: number): string[] {
	if (count <= 1) return [word];
	const chars = [...word];
	const groupStarts = [...word.matchAll(/[aeiouyAEIOUY]+/g)].map((m) => [...word.slice(0, m.index)].length).filter((s) => s > 0);
	let cuts: number[];
	if (groupStarts.length >= count - 1) {
		// Before the consonant that opens each later vowel group: "hel-lo" → "hel", "lo"; "mu-sic".
		cuts = groupStarts.slice(groupStarts.length - (count - 1)).map((s) => (/[^aeiouy]/i.test(chars[s - 1]) && s - 1 > 0 ? s - 1 : s));
		if (cuts.some((c, i) => c <= (cuts[i - 1] ?? 0))) cuts = evenCuts(chars.length, count);
	} else cuts = evenCuts(chars.length, count);
	const bounds = [0, ...cuts, chars.length];
	return bounds.slice(0, -1).map((from, i) => chars.slice(from, bounds[i + 1]).join(''));
}

function evenCuts(length: number, count: number): number[] {
	return Array.from({ length: count - 1 }, (_, i) => Math.min(length, Math.round(((i + 1) * length) / count)));
}
