import type { Language } from '../take/types';
import { SELECTED_READING_PROMPTS } from './reading-prompts';

/**
 * Reading prompts shown in the recorder's "read these lines" part (about 32 s each), chosen by
 * `npm run prompts` from a pool of sentences to cover each language's initials and finals (yue,
 * cmn) or phonemes and common diphones (en).
 */
export interface ReadingPrompt {
	language: Language;
	lines: string[];
	/** Per line, the syllables of its phrases (split at punctuation): the teleprompter follows the reader by them. */
	phrases: number[][];
}

export const READING_PROMPTS: Record<Language, ReadingPrompt> = SELECTED_READING_PROMPTS;
