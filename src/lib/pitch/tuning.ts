/**
 * The singer's global tuning: the circular mean of each note's deviation from the nearest
 * equal-tempered semitone, weighted by duration × confidence. Circular, because a note
 * 49 cents sharp and one 49 cents flat are 2 cents apart, not 98 (cf. the tuning estimate
 * of Müller, "Fundamentals of Music Processing", 2015, section 3.1.2.2).
 */
import type { NoteEvent } from './types';

/** Tuning offset from A440 in cents, in [−50, 50); 0 when there are no notes. */
export function estimateTuningCents(notes: readonly NoteEvent[]): number {
	let sx = 0;
	let sy = 0;
	for (const n of notes) {
		const w = Math.max(0, n.offsetSeconds - n.onsetSeconds) * Math.max(0.05, n.confidence);
		const angle = 2 * Math.PI * (n.midiPitch - Math.round(n.midiPitch));
		sx += w * Math.cos(angle);
		sy += w * Math.sin(angle);
	}
	if (sx === 0 && sy === 0) return 0;
	const cents = (100 * Math.atan2(sy, sx)) / (2 * Math.PI);
	return cents >= 50 ? cents - 100 : cents;
}
