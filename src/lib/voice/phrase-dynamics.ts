/**
 * Shaped attacks and releases: a note sung after a rest (or opening the phrase) swells in over
 * ATTACK_SECONDS from its first voiced frame, and a note before a rest (or ending the phrase)
 * decays over its last 80–150 ms instead of stopping dead. The curve is an amplitude gain per frame
 * for voiced frames only: voiceless consonants keep their level (they are not phonation).
 */
import { JOIN_SECONDS } from './melody-f0';
import type { SungNote } from './sing';

export const ATTACK_SECONDS = 0.06;
/** Gain an attack starts from and a release decays to (−14 dB and −20 dB). */
export const ATTACK_FLOOR = 0.2;
export const RELEASE_FLOOR = 0.1;
/** Onset consonants may start this long before the note (sing.ts PRE_ROLL_SECONDS), s. */
const ONSET_LEAD_SECONDS = 0.25;

/** Release length of a note of `noteSeconds`: a quarter of it, within 80–150 ms. */
export function releaseSeconds(noteSeconds: number): number {
	return Math.min(0.15, Math.max(0.08, 0.25 * noteSeconds));
}

const rise = (x: number) => 0.5 - 0.5 * Math.cos(Math.PI * Math.min(1, Math.max(0, x)));

/** Amplitude gain per frame (frame t at startSeconds + t·framePeriod); 1 where nothing is shaped. */
export function attackReleaseGains(notes: SungNote[], startSeconds: number, framePeriodSeconds: number, voiced: ArrayLike<number>): Float64Array {
	const frames = voiced.length;
	const gains = new Float64Array(frames).fill(1);
	const sorted = [...notes].sort((a, b) => a.onsetSeconds - b.onsetSeconds);
	const frameAt = (seconds: number) => Math.round((seconds - startSeconds) / framePeriodSeconds);
	sorted.forEach((note, i) => {
		const previous = sorted[i - 1];
		const next = sorted[i + 1];
		const end = note.onsetSeconds + note.durationSeconds;
		const afterRest = !previous || previous.onsetSeconds + previous.durationSeconds < note.onsetSeconds - JOIN_SECONDS;
		if (afterRest && note.syllable) {
			// From the first voiced frame of the syllable (a voiced onset consonant, or the vowel).
			const earliest = previous ? Math.max(previous.onsetSeconds + previous.durationSeconds, note.onsetSeconds - ONSET_LEAD_SECONDS) : note.onsetSeconds - ONSET_LEAD_SECONDS;
			let first = Math.max(0, frameAt(earliest));
			while (first < frames && !voiced[first]) first++;
			for (let t = first; t < frames && (t - first) * framePeriodSeconds < ATTACK_SECONDS; t++) {
				if (voiced[t]) gains[t] *= ATTACK_FLOOR + (1 - ATTACK_FLOOR) * rise(((t - first) * framePeriodSeconds) / ATTACK_SECONDS);
			}
		}
		const beforeRest = !next || next.onsetSeconds > end + JOIN_SECONDS;
		if (beforeRest) {
			const length = releaseSeconds(note.durationSeconds);
			const restEnd = next ? next.onsetSeconds - ONSET_LEAD_SECONDS : Infinity;
			for (let t = Math.max(0, frameAt(end - length)); t < frames; t++) {
				const time = startSeconds + t * framePeriodSeconds;
				if (time >= restEnd) break;
				if (voiced[t]) gains[t] *= 1 - (1 - RELEASE_FLOOR) * rise((time - (end - length)) / length);
			}
		}
	});
	return gains;
}

/** A note's own loudness (NoteExpression.dynamicsDb) moves in over this long around its onset, s: no step, no click. */
export const DYNAMICS_RAMP_SECONDS = 0.04;

/**
 * Amplitude gain per frame from the notes' own dynamics (frame t at startSeconds + t·framePeriod):
 * each note's level from half a ramp before its onset (its onset consonants with it) to the next
 * note's, its release and any rest after it at its level, changes eased over DYNAMICS_RAMP_SECONDS.
 * All ones when no note sets a level.
 */
export function noteDynamicsGains(notes: SungNote[], startSeconds: number, framePeriodSeconds: number, frames: number): Float64Array {
	const gains = new Float64Array(frames).fill(1);
	const sorted = [...notes].sort((a, b) => a.onsetSeconds - b.onsetSeconds);
	if (!sorted.some((n) => n.expression?.dynamicsDb)) return gains;
	const db = sorted.map((n) => n.expression?.dynamicsDb ?? 0);
	const half = DYNAMICS_RAMP_SECONDS / 2;
	let k = 0;
	for (let t = 0; t < frames; t++) {
		const time = startSeconds + t * framePeriodSeconds;
		while (k + 1 < sorted.length && sorted[k + 1].onsetSeconds - half <= time) k++;
		let level = db[k];
		// Inside the ramp before the next note: from this note's level to the next one's (raised cosine).
		const next = sorted[k + 1];
		if (next && time > next.onsetSeconds - 3 * half) level += (db[k + 1] - db[k]) * rise((time - (next.onsetSeconds - 3 * half)) / DYNAMICS_RAMP_SECONDS);
		gains[t] = 10 ** (level / 20);
	}
	return gains;
}
