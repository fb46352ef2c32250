/**
 * Quantisation: the sung notes moved toward a beat grid and equal-tempered (optionally in-key)
 * pitches, as a notation or MIDI editor's "quantise" does. Strength blends between the sung
 * timing (0) and the grid (1), so a user can tighten a take without making it mechanical.
 */
import type { KeyEstimate, NoteEvent } from './types';

export interface QuantizeOptions {
	/** Beats per minute of the grid. */
	tempoBpm: number;
	/** Time of one beat of the grid, s (default 0: the grid starts at the take's start). */
	beatOffsetSeconds?: number;
	/** Grid spacing in beats (default 0.25, a sixteenth note in 4/4). */
	gridBeats?: number;
	/** 0..1: how far onsets and offsets move toward the grid (default 1). */
	strength?: number;
	/** Singer's tuning offset, cents from A440; removed before rounding pitches (default 0). */
	tuningCents?: number;
	/** When set, pitches snap to the nearest note of this key's scale (natural minor for minor keys). */
	snapToKey?: Pick<KeyEstimate, 'tonicPitchClass' | 'mode'> | null;
}

export interface QuantizedNote {
	onsetSeconds: number;
	offsetSeconds: number;
	/** Integer MIDI number after tuning removal (and key snapping when asked). */
	midiPitch: number;
	/** Onset and length on the grid, beats from the grid origin (after full-strength snapping). */
	onsetBeats: number;
	durationBeats: number;
	confidence: number;
	/** Index of the note this came from. */
	sourceIndex: number;
}

const MAJOR_SCALE = [0, 2, 4, 5, 7, 9, 11];
const NATURAL_MINOR_SCALE = [0, 2, 3, 5, 7, 8, 10];

/** Nearest MIDI number whose pitch class is in the key's scale; ties go to the one nearer `fractional`, then the lower. */
export function snapPitchToKey(fractional: number, key: Pick<KeyEstimate, 'tonicPitchClass' | 'mode'>): number {
	const scale = key.mode === 'major' ? MAJOR_SCALE : NATURAL_MINOR_SCALE;
	const inKey = (m: number) => scale.includes((((m - key.tonicPitchClass) % 12) + 12) % 12);
	const nearest = Math.round(fractional);
	if (inKey(nearest)) return nearest;
	// Every chromatic note is one semitone from a scale note (no scale here has two adjacent gaps).
	const below = nearest - 1;
	const above = nearest + 1;
	if (inKey(below) && inKey(above)) return Math.abs(fractional - below) <= Math.abs(above - fractional) ? below : above;
	return inKey(below) ? below : above;
}

export function quantizeNotes(notes: readonly NoteEvent[], options: QuantizeOptions): QuantizedNote[] {
	const { tempoBpm, beatOffsetSeconds = 0, gridBeats = 0.25, strength = 1, tuningCents = 0, snapToKey = null } = options;
	if (!(tempoBpm > 0)) throw new RangeError(`tempoBpm must be > 0, got ${tempoBpm}`);
	if (!(gridBeats > 0)) throw new RangeError(`gridBeats must be > 0, got ${gridBeats}`);
	if (!(strength >= 0 && strength <= 1)) throw new RangeError(`strength must be within [0, 1], got ${strength}`);
	const beatSeconds = 60 / tempoBpm;
	const gridSeconds = gridBeats * beatSeconds;
	const toBeats = (t: number) => (t - beatOffsetSeconds) / beatSeconds;
	const snap = (t: number) => beatOffsetSeconds + Math.round((t - beatOffsetSeconds) / gridSeconds) * gridSeconds;

	const out: QuantizedNote[] = notes.map((note, sourceIndex) => {
		const onGridOnset = snap(note.onsetSeconds);
		// A note never collapses to nothing: at least one grid step long.
		const onGridOffset = Math.max(onGridOnset + gridSeconds, snap(note.offsetSeconds));
		const untuned = note.midiPitch - tuningCents / 100;
		return {
			onsetSeconds: note.onsetSeconds + strength * (onGridOnset - note.onsetSeconds),
			offsetSeconds: note.offsetSeconds + strength * (onGridOffset - note.offsetSeconds),
			midiPitch: snapToKey ? snapPitchToKey(untuned, snapToKey) : Math.round(untuned),
			onsetBeats: toBeats(onGridOnset),
			durationBeats: (onGridOffset - onGridOnset) / beatSeconds,
			confidence: note.confidence,
			sourceIndex
		};
	});
	out.sort((a, b) => a.onsetSeconds - b.onsetSeconds || a.sourceIndex - b.sourceIndex);
	// A single voice: two notes snapped onto the same grid line keep the more confident one, and a
	// note ends where the next begins.
	const voice: QuantizedNote[] = [];
	for (const note of out) {
		const previous = voice[voice.length - 1];
		if (previous && Math.abs(note.onsetBeats - previous.onsetBeats) < 1e-9) {
			if (note.confidence > previous.confidence) voice[voice.length - 1] = note;
			continue;
		}
		if (previous && previous.offsetSeconds > note.onsetSeconds) {
			previous.offsetSeconds = note.onsetSeconds;
			previous.durationBeats = Math.max(0, note.onsetBeats - previous.onsetBeats);
		}
		voice.push(note);
	}
	return voice;
}
