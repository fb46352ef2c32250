/**
 * A note's pitch-bend curve: how the sung pitch moves around the note's median pitch (scoops into
 * the note, vibrato, a legato glide to the next one, a sag at the end). One value per
 * `PITCH_BEND_STEP_SECONDS` from the onset: the median of the voiced f0 frames in that step, in
 * cents from `midiPitch`. Steps without a voiced frame are interpolated from their neighbours, so
 * a consonant or a dropout inside the note does not become a bend to zero.
 */
import type { F0Track, NoteEvent } from './types';

/** Seconds between pitch-bend values (MIDI players smooth steps this short). */
export const PITCH_BEND_STEP_SECONDS = 0.02;
/** Bends are kept within an octave; anything beyond is a tracking error, not singing. */
const MAX_BEND_CENTS = 1200;

function median(values: number[]): number {
	values.sort((a, b) => a - b);
	const mid = values.length >> 1;
	return values.length % 2 ? values[mid] : 0.5 * (values[mid - 1] + values[mid]);
}

/** The bend curve of one note, whole cents, one value per step (at least one). */
export function pitchBendCents(note: Pick<NoteEvent, 'onsetSeconds' | 'offsetSeconds' | 'midiPitch'>, f0: F0Track): number[] {
	const steps = Math.max(1, Math.ceil((note.offsetSeconds - note.onsetSeconds) / PITCH_BEND_STEP_SECONDS - 1e-9));
	const referenceHz = 440 * 2 ** ((note.midiPitch - 69) / 12);
	const buckets: number[][] = Array.from({ length: steps }, () => []);
	// Frames are sorted in time: walk from the first one at or after the onset.
	const times = f0.timesSeconds;
	const timeOf = (i: number) => (times ? times[i] : i * f0.hopSeconds);
	let i = times ? 0 : Math.max(0, Math.floor(note.onsetSeconds / f0.hopSeconds) - 2);
	while (i < f0.f0Hz.length && timeOf(i) < note.onsetSeconds) i++;
	for (; i < f0.f0Hz.length; i++) {
		const t = timeOf(i);
		if (t >= note.offsetSeconds) break;
		if (!f0.voiced[i] || !(f0.f0Hz[i] > 0)) continue;
		const k = Math.min(steps - 1, Math.floor((t - note.onsetSeconds) / PITCH_BEND_STEP_SECONDS));
		const cents = 1200 * Math.log2(f0.f0Hz[i] / referenceHz);
		buckets[k].push(Math.max(-MAX_BEND_CENTS, Math.min(MAX_BEND_CENTS, cents)));
	}
	const values = buckets.map((b) => (b.length ? median(b) : NaN));
	const known = values.flatMap((v, k) => (Number.isNaN(v) ? [] : [k]));
	if (known.length === 0) return values.map(() => 0);
	// Gaps: held at the ends, linear between known neighbours.
	for (let k = 0; k < known[0]; k++) values[k] = values[known[0]];
	for (let k = known[known.length - 1] + 1; k < steps; k++) values[k] = values[known[known.length - 1]];
	for (let g = 1; g < known.length; g++) {
		const a = known[g - 1];
		const b = known[g];
		for (let k = a + 1; k < b; k++) values[k] = values[a] + ((values[b] - values[a]) * (k - a)) / (b - a);
	}
	return values.map((v) => Math.round(v) + 0);
}

/** The notes with their bend curves from `f0`. */
export function withPitchBends(notes: readonly NoteEvent[], f0: F0Track): NoteEvent[] {
	return notes.map((n) => ({ ...n, bendCents: pitchBendCents(n, f0) }));
}
