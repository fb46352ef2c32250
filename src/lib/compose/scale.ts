/**
 * Scales and diatonic steps. The composer thinks in diatonic steps — a step is one scale note, seven
 * to the octave — because the developments it applies (sequence, inversion) are diatonic: a motif
 * moved up a step keeps its scale-step shape while its semitone sizes follow the key, as in tonal
 * practice. MIDI numbers appear only when a step is realised.
 *
 * Step numbering is absolute: step 0 is the tonic at MIDI number `tonicPitchClass` (octave −1), so
 * steps grow with pitch and `step % 7` is the scale degree minus one.
 */
import type { SongKey } from '../song/types';

export type ScaleForm = 'major' | 'natural-minor' | 'harmonic-minor';

/** Semitones above the tonic of degrees 1..7 (index 0 = degree 1). */
export const SCALE_SEMITONES: Readonly<Record<ScaleForm, readonly number[]>> = {
	major: [0, 2, 4, 5, 7, 9, 11],
	'natural-minor': [0, 2, 3, 5, 7, 8, 10],
	// Raised 7th: the leading tone of minor-key cadences.
	'harmonic-minor': [0, 2, 3, 5, 7, 8, 11]
};

export const STEPS_PER_OCTAVE = 7;

const mod = (n: number, m: number): number => ((n % m) + m) % m;

/** Throws RangeError unless `key` names a pitch class 0..11 and a known mode. */
export function assertKey(key: SongKey): void {
	if (!Number.isInteger(key.tonicPitchClass) || key.tonicPitchClass < 0 || key.tonicPitchClass > 11) {
		throw new RangeError(`key.tonicPitchClass must be an integer in [0, 11], got ${key.tonicPitchClass}`);
	}
	if (key.mode !== 'major' && key.mode !== 'minor') {
		throw new RangeError(`key.mode must be 'major' or 'minor', got ${String(key.mode)}`);
	}
}

/**
 * The scale melodies are written in: major, or natural minor for minor keys (the raised 7th is added
 * only where it leads into the tonic, which avoids the augmented second 6→♯7 in running lines).
 */
export function melodicScaleForm(key: SongKey): ScaleForm {
	return key.mode === 'major' ? 'major' : 'natural-minor';
}

/** MIDI number of an absolute diatonic step (step 0 = tonic at MIDI `tonicPitchClass`). */
export function stepToMidi(step: number, key: SongKey, form: ScaleForm = melodicScaleForm(key)): number {
	if (!Number.isInteger(step)) throw new RangeError(`step must be an integer, got ${step}`);
	const octave = Math.floor(step / STEPS_PER_OCTAVE);
	return key.tonicPitchClass + 12 * octave + SCALE_SEMITONES[form][step - STEPS_PER_OCTAVE * octave];
}

/** Absolute diatonic step of an integer MIDI number; null when the note is not on the scale. */
export function midiToStep(midiPitch: number, key: SongKey, form: ScaleForm = melodicScaleForm(key)): number | null {
	if (!Number.isInteger(midiPitch)) return null;
	const fromTonic = midiPitch - key.tonicPitchClass;
	const octave = Math.floor(fromTonic / 12);
	const index = SCALE_SEMITONES[form].indexOf(fromTonic - 12 * octave);
	return index < 0 ? null : STEPS_PER_OCTAVE * octave + index;
}

/** Scale degree 1..7 of a MIDI number, or null when it is not on the scale. */
export function scaleDegreeOf(midiPitch: number, key: SongKey, form: ScaleForm = melodicScaleForm(key)): number | null {
	const step = midiToStep(midiPitch, key, form);
	return step === null ? null : mod(step, STEPS_PER_OCTAVE) + 1;
}

/** Scale degree 1..7 of a step. */
export const degreeOfStep = (step: number): number => mod(step, STEPS_PER_OCTAVE) + 1;

/** The forms a pitch may belong to and still count as in key: major; natural or harmonic minor. */
export function inKeyForms(key: SongKey): readonly ScaleForm[] {
	return key.mode === 'major' ? ['major'] : ['natural-minor', 'harmonic-minor'];
}

/** Whether a MIDI number (rounded) is on the key's scale; minor keys accept the raised 7th. */
export function isInKey(midiPitch: number, key: SongKey, forms: readonly ScaleForm[] = inKeyForms(key)): boolean {
	const fromTonic = mod(Math.round(midiPitch) - key.tonicPitchClass, 12);
	return forms.some((form) => SCALE_SEMITONES[form].includes(fromTonic));
}

/**
 * Nearest MIDI number on the scale to a (possibly fractional) pitch; ties go to the candidate nearer
 * the fractional pitch, then to the lower one. Every off-scale note of these scales is one semitone
 * from a scale note, so looking one semitone either side suffices.
 */
export function nearestInKeyMidi(midiPitch: number, key: SongKey, form: ScaleForm = melodicScaleForm(key)): number {
	if (!Number.isFinite(midiPitch)) throw new RangeError(`midiPitch must be finite, got ${midiPitch}`);
	const rounded = Math.round(midiPitch);
	const on = (m: number) => midiToStep(m, key, form) !== null;
	if (on(rounded)) return rounded;
	const below = rounded - 1;
	const above = rounded + 1;
	if (on(below) && on(above)) return midiPitch - below <= above - midiPitch ? below : above;
	return on(below) ? below : above;
}

/** Step of the scale note nearest to a (possibly fractional) pitch. */
export function nearestStep(midiPitch: number, key: SongKey, form: ScaleForm = melodicScaleForm(key)): number {
	return midiToStep(nearestInKeyMidi(midiPitch, key, form), key, form) as number;
}

/** MIDI number of scale degree 1..7 in the octave whose tonic lies in [12·(octave+1), 12·(octave+2)) (scientific octave). */
export function degreeToMidi(degree: number, octave: number, key: SongKey, form: ScaleForm = melodicScaleForm(key)): number {
	if (!Number.isInteger(degree) || degree < 1 || degree > 7) throw new RangeError(`degree must be an integer in [1, 7], got ${degree}`);
	if (!Number.isInteger(octave)) throw new RangeError(`octave must be an integer, got ${octave}`);
	return stepToMidi(STEPS_PER_OCTAVE * (octave + 1) + degree - 1, key, form);
}
