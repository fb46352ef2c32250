/**
 * Cutting a sung line into phrases, each rendered and played on its own: at rests of at least
 * `restSeconds`, and before any syllable that would make a phrase longer than `maxSeconds` (a
 * phrase never starts on a melisma note).
 */
import type { FittedNote } from '../lyrics/fit-lyrics';

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
	for (const note of notes) {
		if (current.length > 0 && note.syllable !== null) {
			const last = current[current.length - 1];
			const gap = note.onsetSeconds - (last.onsetSeconds + last.durationSeconds);
			const length = note.onsetSeconds + note.durationSeconds - current[0].onsetSeconds;
			if (gap >= rest || length > max) {
				groups.push(current);
				current = [];
			}
		}
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
