/**
 * Pitch units. Inside the studio pitch is a MIDI number (fractional for cents,
 * 69 = A4 = 440 Hz); Hz appears only at the DSP edge.
 */

/** Pitch-class names, 0 = C. One spelling per class: sharps for C#/F#, flats for Eb/Ab/Bb (the common lead-sheet spelling). */
export type PitchClassName = 'C' | 'C#' | 'D' | 'Eb' | 'E' | 'F' | 'F#' | 'G' | 'Ab' | 'A' | 'Bb' | 'B';

export const PITCH_CLASS_NAMES: readonly PitchClassName[] = [
	'C', 'C#', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'
];

/** Concert pitch of A4 in Hz. */
export const A4_HZ = 440;
/** MIDI number of A4. */
export const A4_MIDI = 69;

/** Hz → fractional MIDI number. Non-positive frequencies give NaN. */
export function hzToMidi(f0Hz: number): number {
	if (!(f0Hz > 0)) return Number.NaN;
	return A4_MIDI + 12 * Math.log2(f0Hz / A4_HZ);
}

/** Fractional MIDI number → Hz. */
export function midiToHz(midiPitch: number): number {
	return A4_HZ * Math.pow(2, (midiPitch - A4_MIDI) / 12);
}

/** Pitch class 0..11 (0 = C) of a MIDI number, rounded to the nearest semitone. */
export function pitchClassOf(midiPitch: number): number {
	const m = Math.round(midiPitch) % 12;
	return m < 0 ? m + 12 : m;
}

/** Name of the nearest equal-tempered note, scientific pitch notation: `midiToNoteName(60) === "C4"`, 61 → "C#4", 70 → "Bb4". */
export function midiToNoteName(midiPitch: number): string {
	const m = Math.round(midiPitch);
	const octave = Math.floor(m / 12) - 1;
	return `${PITCH_CLASS_NAMES[pitchClassOf(m)]}${octave}`;
}

/** Signed distance between two frequencies in cents (positive when `f0Hz` is above `referenceHz`). */
export function centsBetween(f0Hz: number, referenceHz: number): number {
	return 1200 * Math.log2(f0Hz / referenceHz);
}
