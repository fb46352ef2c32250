/**
 * Speech or melody? Read speech voices short syllables that glide, so the note segmenter finds
 * many short notes that cover little of the recording; humming and singing hold notes. Measured
 * with the fused engine (notes / note time over the analysed span): 12 VCTK sentences by 4 speakers
 * give mean note lengths of 0.14–0.18 s covering 19–40% of the span; hummed and sung takes
 * (vocadito, the test melodies) 0.24–0.61 s covering 62–83%. Both must look like speech, so fast
 * melodies (short notes that fill the time) stay melodies.
 */
import type { NoteEvent } from './types';

export interface SpeechLikeOptions {
	/** Mean note length below which notes are syllable-like, s (default 0.21). */
	maxMeanNoteSeconds?: number;
	/** Share of the span covered by notes below which the voice is not sustaining pitch (default 0.5). */
	maxCoverage?: number;
}

export function looksLikeSpeech(notes: readonly NoteEvent[], spanSeconds: number, options: SpeechLikeOptions = {}): boolean {
	if (notes.length === 0 || !(spanSeconds > 0)) return false;
	const noteSeconds = notes.reduce((sum, n) => sum + (n.offsetSeconds - n.onsetSeconds), 0);
	const meanNoteSeconds = noteSeconds / notes.length;
	return meanNoteSeconds < (options.maxMeanNoteSeconds ?? 0.21) && noteSeconds / spanSeconds < (options.maxCoverage ?? 0.5);
}
