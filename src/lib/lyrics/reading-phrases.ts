import type { Language } from '../take/types';
import { readLyrics } from './read-lyrics';

/**
 * A line of a reading prompt as the syllable counts of its phrases (split where punctuation lets
 * the reader breathe): what the teleprompter's follower needs to know of the text.
 */
export function phraseSyllables(line: string, language: Language): number[] {
	const counts: number[] = [];
	let run = 0;
	for (const syllable of readLyrics(line, language)) {
		run += 1;
		if (syllable.breakAfter) {
			counts.push(run);
			run = 0;
		}
	}
	if (run > 0 || counts.length === 0) counts.push(run);
	return counts;
}
