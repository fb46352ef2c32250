/**
 * Makes a motif singable by the composer's own rules before it is developed: on the scale, within an
 * octave, no augmented intervals, big leaps stepped back from. A hummed motif usually passes
 * unchanged; the repairs catch pitch errors of the transcriber and unusual hums, and keep each
 * repair as small as possible so the motif stays recognisable.
 */
import type { SongKey } from '../song/types';
import type { MotifNote } from './melody-types';
import { DEFAULT_SINGABILITY_LIMITS, endsSingably, isAugmentedOrDiminished, violationAt } from './melody-rules';
import { melodicScaleForm, midiToStep, nearestInKeyMidi, stepToMidi } from './scale';

export interface SingableMotifResult {
	notes: MotifNote[];
	/** How many pitches were changed. */
	changedNotes: number;
}

/** Largest span of a motif, semitones: an octave fits every singer's range with the composer's margin. */
const MAX_MOTIF_SPAN_SEMITONES = 12;
const MAX_REPAIR_PASSES = 16;

function foldToward(pitch: number, anchor: number, maxDistance: number): number {
	let p = pitch;
	while (p - anchor > maxDistance) p -= 12;
	while (anchor - p > maxDistance) p += 12;
	return p;
}

/** The motif's pitches snapped to the key's scale and repaired to follow the singability rules. */
export function makeMotifSingable(notes: readonly MotifNote[], key: SongKey): SingableMotifResult {
	const form = melodicScaleForm(key);
	const original = notes.map((n) => n.midiPitch);
	const pitches = original.map((p) => nearestInKeyMidi(p, key, form));
	const step = (p: number) => midiToStep(p, key, form) as number;

	// An octave at most: fold the note farthest from the median toward it (octave errors are the
	// commonest transcription mistake, and folding keeps the pitch class).
	for (let pass = 0; pass < notes.length && pitches.length > 0; pass++) {
		if (Math.max(...pitches) - Math.min(...pitches) <= MAX_MOTIF_SPAN_SEMITONES) break;
		const sorted = [...pitches].sort((a, b) => a - b);
		const median = (sorted[Math.floor((sorted.length - 1) / 2)] + sorted[Math.ceil((sorted.length - 1) / 2)]) / 2;
		let far = 0;
		pitches.forEach((p, i) => {
			if (Math.abs(p - median) > Math.abs(pitches[far] - median)) far = i;
		});
		pitches[far] += pitches[far] > median ? -12 : 12;
	}

	for (let pass = 0; pass < MAX_REPAIR_PASSES; pass++) {
		let repaired = false;
		for (let i = 1; i < pitches.length && !repaired; i++) {
			const rule = violationAt(pitches, i, key);
			if (rule === null) continue;
			repaired = true;
			if (rule === 'leap-too-large' || rule === 'seventh-leap') {
				// An octave nearer: a seventh becomes a second, a ninth a second the other way.
				pitches[i] = foldToward(pitches[i], pitches[i - 1], rule === 'seventh-leap' ? 6 : MAX_MOTIF_SPAN_SEMITONES);
			} else if (rule === 'augmented-interval') {
				// The neighbouring scale note that mends the interval with the least change of contour.
				const options = [step(pitches[i]) - 1, step(pitches[i]) + 1]
					.map((s) => stepToMidi(s, key, form))
					.filter((p) => !isAugmentedOrDiminished(pitches[i - 1], p, key))
					.sort((a, b) => Math.abs(a - original[i]) - Math.abs(b - original[i]) || a - b);
				pitches[i] = options[0] ?? pitches[i - 1];
			} else {
				// After a leap, step back (gap fill).
				const leap = pitches[i - 1] - pitches[i - 2];
				pitches[i] = stepToMidi(step(pitches[i - 1]) - Math.sign(leap), key, form);
			}
		}
		if (!repaired && !endsSingably(pitches, DEFAULT_SINGABILITY_LIMITS)) {
			// A motif that ends on a big leap: take the same note an octave nearer (a sixth up becomes a third down).
			const n = pitches.length - 1;
			pitches[n] = foldToward(pitches[n], pitches[n - 1], 6);
			repaired = true;
		}
		if (!repaired) break;
	}

	let changedNotes = 0;
	const out = notes.map((n, i) => {
		if (pitches[i] !== n.midiPitch) changedNotes++;
		return { ...n, midiPitch: pitches[i] };
	});
	return { notes: out, changedNotes };
}
