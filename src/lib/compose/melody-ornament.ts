/**
 * Finishing touches on a composed line, each applied only where the singability rules still hold:
 * - in minor, degree 7 raised where it steps up to the tonic at a cadence (the leading tone, the
 *   harmonic-minor practice of tonal cadences);
 * - a few chromatic passing tones filling whole-tone steps in approach notes (never in motif
 *   statements, so the motif stays exact), capped so the line stays in key.
 */
import type { SongKey } from '../song/types';
import type { DraftNote } from './melody-phrase';
import { violationAt } from './melody-rules';
import type { Rng } from './random';
import { degreeOfStep, isInKey, midiToStep } from './scale';

export interface OrnamentOptions {
	key: SongKey;
	/** Shortest note, ticks; a note is split for a passing tone only if both halves are at least this long and on its grid. */
	minNoteTicks: number;
	/** Chance per eligible note of a chromatic passing tone, 0..1. */
	chromaticPassingToneRate: number;
	/** Most out-of-key notes as a fraction of all notes. */
	maxOutOfKeyRatio: number;
	raiseLeadingToneInMinor: boolean;
}

/** Whether changing the pitches around `index` keeps every interval from index−1 to index+2 singable. */
function singableAround(pitches: readonly number[], index: number, key: SongKey): boolean {
	for (let i = Math.max(1, index); i <= Math.min(pitches.length - 1, index + 2); i++) {
		if (violationAt(pitches, i, key) !== null) return false;
	}
	return true;
}

/** A new list with the ornaments applied; `notes` must be in time order. */
export function ornamentMelody(notes: readonly DraftNote[], rng: Rng, options: OrnamentOptions): DraftNote[] {
	const { key, minNoteTicks, chromaticPassingToneRate, maxOutOfKeyRatio, raiseLeadingToneInMinor } = options;
	const out = notes.map((n) => ({ ...n }));

	if (key.mode === 'minor' && raiseLeadingToneInMinor) {
		for (let i = 0; i + 1 < out.length; i++) {
			const a = out[i];
			const b = out[i + 1];
			if (a.origin !== 'approach' || b.origin !== 'cadence' || a.phrase !== b.phrase || b.midiPitch - a.midiPitch !== 2) continue;
			const step = midiToStep(a.midiPitch, key);
			if (step === null || degreeOfStep(step) !== 7) continue;
			const pitches = out.map((n) => n.midiPitch);
			pitches[i] += 1;
			if (singableAround(pitches, i, key)) a.midiPitch += 1;
		}
	}

	let outOfKey = out.filter((n) => !isInKey(n.midiPitch, key)).length;
	for (let i = 0; i + 1 < out.length; i++) {
		const a = out[i];
		const b = out[i + 1];
		if (a.origin !== 'approach' || b.phrase !== a.phrase || Math.abs(b.midiPitch - a.midiPitch) !== 2) continue;
		// Legato only: the passing tone fills the time up to the next note.
		if (a.startTicks + a.durationTicks !== b.startTicks) continue;
		const half = a.durationTicks / 2;
		if (half < minNoteTicks || half % minNoteTicks !== 0) continue;
		if ((outOfKey + 1) / (out.length + 1) > maxOutOfKeyRatio) break;
		if (!rng.chance(chromaticPassingToneRate)) continue;
		const passing = a.midiPitch + Math.sign(b.midiPitch - a.midiPitch);
		if (isInKey(passing, key)) continue;
		const pitches = out.map((n) => n.midiPitch);
		pitches.splice(i + 1, 0, passing);
		if (!singableAround(pitches, i + 1, key)) continue;
		a.durationTicks = half;
		out.splice(i + 1, 0, { ...a, startTicks: a.startTicks + half, durationTicks: half, midiPitch: passing });
		outOfKey++;
		i++;
	}
	return out;
}
