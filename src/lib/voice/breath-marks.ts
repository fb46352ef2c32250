/**
 * Breaths set by hand before notes (a note's `breathBeforeSeconds`, song/note-expression.ts): the
 * note before a marked note ends that long before it, so the line has a gap there; the phrase plan
 * (phrase-plan.ts) starts a sung phrase at the marked note and gives it room for one of the user's
 * breaths (phrase-breath.ts), as it does for a phrase after a rest. The marked note itself keeps
 * its onset and length.
 */
import type { FittedNote } from '../lyrics/fit-lyrics';

/** Shortest a note before a breath is left, s (it is never removed). */
export const MIN_NOTE_BEFORE_BREATH_SECONDS = 0.08;

/** Whether a breath is set before this note (a melisma note cannot take one: it would split a vowel). */
export const hasBreathMark = (note: FittedNote): boolean => note.syllable !== null && (note.expression?.breathBeforeSeconds ?? 0) > 0;

/** The notes with the note before each marked note shortened to leave its breath gap (new objects only where changed). */
export function makeBreathRoom(notes: readonly FittedNote[]): FittedNote[] {
	const out = notes.slice();
	for (let i = 1; i < out.length; i++) {
		if (!hasBreathMark(out[i])) continue;
		const previous = out[i - 1];
		const end = Math.min(previous.onsetSeconds + previous.durationSeconds, out[i].onsetSeconds - out[i].expression!.breathBeforeSeconds!);
		const durationSeconds = Math.max(Math.min(previous.durationSeconds, MIN_NOTE_BEFORE_BREATH_SECONDS), end - previous.onsetSeconds);
		if (durationSeconds < previous.durationSeconds) out[i - 1] = { ...previous, durationSeconds };
	}
	return out;
}
