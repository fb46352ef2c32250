/**
 * Cantonese tone ↔ melody agreement. Cantonese lyrics are written so the melody's steps follow the
 * pitch relations of the syllables' tones, or the words are heard as other words (Chan 1987; Ho
 * 2006, 2010 for Cantopop; Wong & Diehl 2002 on how listeners read sung tones from relative
 * pitch). Lyricists reduce the six tones to four melodic levels, the "0243" scheme; this file uses
 * the ordering the project's issue states:
 *   tone 4 (lowest) < tone 6 < tones 3 and 5 < tones 1 and 2 (highest).
 * Checked syllables (coda p, t, k) only carry tones 1, 3 and 6 and take those tones' classes:
 * 1 → high, 3 → mid, 6 → low.
 * Agreement is on direction: between two adjacent sung syllables of a phrase the melody should go
 * up where the tone class goes up, down where it goes down, and stay where it stays.
 */
import type { SongNote } from '../song/types';
import type { LyricSyllable } from '../lyrics/types';

/** Melodic level of a tone class: 0 lowest … 3 highest. */
export type ToneClass = 0 | 1 | 2 | 3;
export type Direction = 'up' | 'same' | 'down';

/** Class of each Cantonese tone 1–6 (index 0 unused). */
const CLASS_OF_TONE: readonly (ToneClass | undefined)[] = [undefined, 3, 3, 2, 0, 2, 1];

/** The 0243 class of a Cantonese tone (1–6); undefined for anything else. */
export function cantoneseToneClass(tone: number | undefined): ToneClass | undefined {
	return tone === undefined ? undefined : CLASS_OF_TONE[tone];
}

/** The class of a sung syllable: a Cantonese syllable with a tone, else undefined (English words in a Cantonese line set no tone). */
export function syllableToneClass(syllable: LyricSyllable | null): ToneClass | undefined {
	if (!syllable || syllable.language !== 'yue') return undefined;
	return cantoneseToneClass(syllable.tone);
}

export function directionOf(from: number, to: number): Direction {
	return to > from ? 'up' : to < from ? 'down' : 'same';
}

/** One pair of adjacent sung syllables in a phrase, both with a tone class. */
export interface TonePair {
	/** Indices in `notes` of the two syllables' first notes. */
	fromNoteIndex: number;
	toNoteIndex: number;
	/** Ordinals of the two syllables among the sung syllables (from 0). */
	fromSyllableIndex: number;
	toSyllableIndex: number;
	expected: Direction;
	actual: Direction;
}

/**
 * Adjacent pairs of sung syllables within each phrase whose tones both have a class; a melisma
 * continuation (syllable null) is skipped, so each syllable is judged by its first note's pitch.
 */
export function tonePairs(notes: readonly SongNote[]): TonePair[] {
	const pairs: TonePair[] = [];
	let previous: { noteIndex: number; syllableIndex: number; phrase: number } | null = null;
	let syllableIndex = -1;
	notes.forEach((note, noteIndex) => {
		if (!note.syllable) return;
		syllableIndex++;
		const current = { noteIndex, syllableIndex, phrase: note.phrase };
		if (previous && previous.phrase === note.phrase) {
			const from = syllableToneClass(notes[previous.noteIndex].syllable);
			const to = syllableToneClass(note.syllable);
			if (from !== undefined && to !== undefined) {
				pairs.push({
					fromNoteIndex: previous.noteIndex,
					toNoteIndex: noteIndex,
					fromSyllableIndex: previous.syllableIndex,
					toSyllableIndex: syllableIndex,
					expected: directionOf(from, to),
					actual: directionOf(notes[previous.noteIndex].midiPitch, note.midiPitch)
				});
			}
		}
		previous = current;
	});
	return pairs;
}

/** Share (0–1) of adjacent syllable pairs whose melodic direction agrees with the tone classes; null when there are no pairs. */
export function toneDirectionAgreement(notes: readonly SongNote[]): number | null {
	const pairs = tonePairs(notes);
	if (pairs.length === 0) return null;
	return pairs.filter((p) => p.expected === p.actual).length / pairs.length;
}

/** A syllable whose step from the previous syllable goes against its tone. */
export interface ToneClash {
	/** Ordinal of the syllable among the sung syllables (from 0). */
	syllableIndex: number;
	/** Index in `notes` of its first note. */
	noteIndex: number;
	text: string;
	reading: string;
	tone: number;
	previousTone: number;
	/** What the tones ask the melody to do from the previous syllable, and what it does. */
	expected: Direction;
	actual: Direction;
}

/** The syllables that clash with their tone (the second syllable of each disagreeing pair). */
export function toneClashes(notes: readonly SongNote[]): ToneClash[] {
	return tonePairs(notes)
		.filter((p) => p.expected !== p.actual)
		.map((p) => {
			const syllable = notes[p.toNoteIndex].syllable as LyricSyllable;
			return {
				syllableIndex: p.toSyllableIndex,
				noteIndex: p.toNoteIndex,
				text: syllable.text,
				reading: syllable.reading,
				tone: syllable.tone as number,
				previousTone: (notes[p.fromNoteIndex].syllable as LyricSyllable).tone as number,
				expected: p.expected,
				actual: p.actual
			};
		});
}
