/**
 * Where each sung phrase goes: the fitted notes cut into phrases (phrases.ts), each with room for one
 * of the user's breaths before it when it follows a rest (or starts the song) or a breath is set
 * before its first note (breath-marks.ts), and the time its
 * render starts (its pre-roll for the first consonants, and the breath room, before its first note).
 * The studio's sing stage and the CLI's `sing` both place phrases with it, so they sing alike.
 */
import type { FittedNote } from '../lyrics/fit-lyrics';
import { hasBreathMark, makeBreathRoom } from './breath-marks';
import { breathRoomSeconds } from './phrase-breath';
import { splitPhrases, type Phrase, type PhraseOptions } from './phrases';
import { PRE_ROLL_SECONDS } from './sing';

export interface PlacedSungPhrase extends Phrase {
	/** Room for one of the user's breaths before it, or null. */
	breath: { roomSeconds: number; choice: number } | null;
	/** Where its audio starts, s. */
	renderStartSeconds: number;
}

export function placeSungPhrases(notes: FittedNote[], options: PhraseOptions = {}): PlacedSungPhrase[] {
	// Breaths set by hand first make their gaps (the note before ends earlier), then start phrases.
	return splitPhrases(makeBreathRoom(notes), options).map((p, i, all) => {
		const room = breathRoomSeconds(p.startSeconds, i > 0 ? all[i - 1].endSeconds : null, PRE_ROLL_SECONDS, { marked: hasBreathMark(p.notes[0]) });
		const breath = room === null ? null : { roomSeconds: room, choice: p.index };
		return { ...p, breath, renderStartSeconds: p.startSeconds - PRE_ROLL_SECONDS - (breath?.roomSeconds ?? 0) };
	});
}
