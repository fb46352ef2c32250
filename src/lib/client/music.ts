/** Pitch helpers for display and playback (12-tone equal temperament, A4 = 440 Hz = MIDI 69). */
import { pitchClassOf } from '../pitch/units';

export { hzToMidi, midiToHz } from '../pitch/units';

/** Display spelling with sharps as musicians read them on screen (♯ rather than #). */
const PITCH_CLASS_NAMES = ['C', 'C♯', 'D', 'D♯', 'E', 'F', 'F♯', 'G', 'G♯', 'A', 'A♯', 'B'] as const;

/** `E4`, `C♯3`: the nearest equal-tempered note, octave numbered so that MIDI 60 is C4. */
export function noteName(midiPitch: number): string {
	const rounded = Math.round(midiPitch);
	return `${PITCH_CLASS_NAMES[pitchClassOf(rounded)]}${Math.floor(rounded / 12) - 1}`;
}

/** `E4 +12¢`: the note name plus the cents away from it, when more than 1 cent. */
export function noteNameWithCents(midiPitch: number): string {
	const cents = Math.round((midiPitch - Math.round(midiPitch)) * 100);
	if (Math.abs(cents) < 1) return noteName(midiPitch);
	return `${noteName(midiPitch)} ${cents > 0 ? '+' : '−'}${Math.abs(cents)}¢`;
}

/** `m:ss` for a duration in seconds (floored to whole seconds). */
export function formatClock(seconds: number): string {
	const whole = Math.max(0, Math.floor(seconds));
	return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}
