/**
 * Cutting a sung line into phrases, each rendered and played on its own: at rests of at least
 * `restSeconds`, before a note with a breath set by hand (breath-marks.ts), and before any syllable that would make a phrase longer than `maxSeconds` (a
 * phrase never starts on a melisma note): at the start of the latest typed line in it when there is
 * one (the user's lines stay whole), else before the word that syllable is in (never inside a word).
 */
import type { FittedNote } from '../lyrics/fit-lyrics';
import { continuesWord } from '../lyrics/types';
import { hasBreathMark } from './breath-marks';

export interface Phrase {
	index: number;
	notes: FittedNote[];
	startSeconds: number;
	endSeconds: number;
	/** The lyric text sung in it. */
	text: string;
}

export interface PhraseOptions {
	restSeconds?: number;
	maxSeconds?: number;
}

export function splitPhrases(notes: FittedNote[], options: PhraseOptions = {}): Phrase[] {
	const rest = options.restSeconds ?? 0.3;
	const max = options.maxSeconds ?? 8;
	const groups: FittedNote[][] = [];
	let current: FittedNote[] = [];
	// Index in `current` of the note that starts the word being sung, and the last syllable so far.
	let wordStart = 0;
	// Index in `current` of the note that starts the latest typed line (0: none inside it).
	let lineStart = 0;
	let previous: FittedNote['syllable'] = null;
	for (const note of notes) {
		if (current.length > 0 && note.syllable !== null) {
			const last = current[current.length - 1];
			const gap = note.onsetSeconds - (last.onsetSeconds + last.durationSeconds);
			const length = note.onsetSeconds + note.durationSeconds - current[0].onsetSeconds;
			const midWord = previous !== null && continuesWord(previous, note.syllable);
			// A breath set by hand before this note starts a phrase here (breath-marks.ts).
			const breath = hasBreathMark(note);
			if (gap >= rest || breath || (length > max && !midWord)) {
				// Too long: end where the user's latest line starts rather than mid-line.
				const cut = gap < rest && !breath && lineStart > 0 ? lineStart : current.length;
				groups.push(current.slice(0, cut));
				current = current.slice(cut);
				wordStart -= cut;
				lineStart = 0;
			} else if (length > max && (lineStart > 0 || wordStart > 0)) {
				// Too long inside a word: the phrase ends at the line's start, or before the word.
				const cut = lineStart > 0 ? lineStart : wordStart;
				groups.push(current.slice(0, cut));
				current = current.slice(cut);
				wordStart -= cut;
				lineStart = 0;
			}
		}
		if (note.syllable !== null && (previous === null || !continuesWord(previous, note.syllable))) wordStart = current.length;
		if (note.syllable !== null && previous?.lineEnd) lineStart = current.length;
		if (note.syllable !== null) previous = note.syllable;
		current.push(note);
	}
	if (current.length) groups.push(current);
	return groups.map((group, index) => ({
		index,
		notes: group,
		startSeconds: group[0].onsetSeconds,
		endSeconds: group[group.length - 1].onsetSeconds + group[group.length - 1].durationSeconds,
		text: phraseText(group)
	}));
}

/** The words sung in a phrase (an English word's syllables share its text: it is written once). */
function phraseText(notes: FittedNote[]): string {
	const words: string[] = [];
	let lastWord = -1;
	for (const n of notes) {
		if (!n.syllable || n.syllable.wordIndex === lastWord) continue;
		lastWord = n.syllable.wordIndex;
		words.push(n.syllable.text);
	}
	return words.join(' ');
}
