/**
 * Pitch names as a musician reads them in a key: the tonic with its conventional enharmonic
 * spelling ("A♭ major", not "G♯ major"), the scale's notes on its own letters (F♯ in D major, G♭ in
 * D♭ major) and the notes outside the scale with the key's accidental (sharps in sharp keys, flats
 * in flat keys), the raised sixth and seventh of a minor key on the scale's letters (C♯ in D minor).
 */
import type { ChordQuality, SongKey } from './types';

const LETTERS = ['C', 'D', 'E', 'F', 'G', 'A', 'B'] as const;
/** Pitch class of each natural letter. */
const LETTER_PITCH_CLASS = [0, 2, 4, 5, 7, 9, 11];
const MAJOR_STEPS = [0, 2, 4, 5, 7, 9, 11];
const MINOR_STEPS = [0, 2, 3, 5, 7, 8, 10];
/** Tonic spellings with at most six accidentals, choosing the conventional one where both exist. */
const MAJOR_TONICS = ['C', 'D♭', 'D', 'E♭', 'E', 'F', 'F♯', 'G', 'A♭', 'A', 'B♭', 'B'];
const MINOR_TONICS = ['C', 'C♯', 'D', 'E♭', 'E', 'F', 'F♯', 'G', 'G♯', 'A', 'B♭', 'B'];
const SHARP_NAMES = ['C', 'C♯', 'D', 'D♯', 'E', 'F', 'F♯', 'G', 'G♯', 'A', 'A♯', 'B'];
const FLAT_NAMES = ['C', 'D♭', 'D', 'E♭', 'E', 'F', 'G♭', 'G', 'A♭', 'A', 'B♭', 'B'];

const mod12 = (n: number) => ((Math.round(n) % 12) + 12) % 12;

function accidental(semitones: number): string {
	switch (semitones) {
		case -2:
			return '𝄫';
		case -1:
			return '♭';
		case 0:
			return '';
		case 1:
			return '♯';
		case 2:
			return '𝄪';
		default:
			throw new RangeError(`no accidental for ${semitones} semitones`);
	}
}

/** The tonic's name: "A♭" for pitch class 8 in major, "G♯" in minor. */
export function tonicName(key: SongKey): string {
	return (key.mode === 'major' ? MAJOR_TONICS : MINOR_TONICS)[mod12(key.tonicPitchClass)];
}

/** The name of a letter plus the semitones it must move to reach `pitchClass`. */
function spellOnLetter(letterIndex: number, pitchClass: number): string {
	let offset = mod12(pitchClass - LETTER_PITCH_CLASS[letterIndex]);
	if (offset > 6) offset -= 12;
	return LETTERS[letterIndex] + accidental(offset);
}

/** Does the key's signature use flats (F major, B♭ major, D minor …)? C major and A minor count as sharp. */
function isFlatKey(key: SongKey): boolean {
	const tonic = tonicName(key);
	if (tonic.includes('♭')) return true;
	return key.mode === 'major' ? tonic === 'F' : tonic === 'D' || tonic === 'G' || tonic === 'C' || tonic === 'F';
}

/** A pitch class named in `key` (no octave). */
export function pitchClassName(pitchClass: number, key: SongKey): string {
	const pc = mod12(pitchClass);
	const tonicLetter = LETTERS.indexOf(tonicName(key)[0] as (typeof LETTERS)[number]);
	const steps = key.mode === 'major' ? MAJOR_STEPS : MINOR_STEPS;
	const degree = steps.findIndex((s) => mod12(key.tonicPitchClass + s) === pc);
	if (degree >= 0) return spellOnLetter((tonicLetter + degree) % 7, pc);
	// Melodic and harmonic minor raise the sixth and seventh degrees on their own letters.
	if (key.mode === 'minor' && (pc === mod12(key.tonicPitchClass + 9) || pc === mod12(key.tonicPitchClass + 11))) {
		const raisedDegree = pc === mod12(key.tonicPitchClass + 9) ? 5 : 6;
		return spellOnLetter((tonicLetter + raisedDegree) % 7, pc);
	}
	return (isFlatKey(key) ? FLAT_NAMES : SHARP_NAMES)[pc];
}

/** "F♯4": a MIDI note named in `key`, octave numbered so that MIDI 60 is C4 (B♯3 and C♭5 keep their letters' octave). */
export function noteNameInKey(midiPitch: number, key: SongKey): string {
	const rounded = Math.round(midiPitch);
	const name = pitchClassName(rounded, key);
	let octave = Math.floor(rounded / 12) - 1;
	// A letter spelled across the octave boundary belongs to the neighbouring octave's letter.
	if (name.startsWith('B') && mod12(rounded) < 2) octave -= 1;
	if (name.startsWith('C') && mod12(rounded) > 9) octave += 1;
	return `${name}${octave}`;
}

const QUALITY_SUFFIX: Record<ChordQuality, string> = { major: '', minor: 'm', diminished: 'dim', dominant7: '7', major7: 'maj7', minor7: 'm7', sus4: 'sus4' };

/** A chord symbol in `key`: "A♭", "Fm", "E♭7", "Bdim". */
export function chordSymbol(chord: { rootPitchClass: number; quality: ChordQuality }, key: SongKey): string {
	return pitchClassName(chord.rootPitchClass, key) + QUALITY_SUFFIX[chord.quality];
}

/** A tempo as musicians state it: whole beats per minute. */
export function wholeBpm(tempoBpm: number): number {
	return Math.round(tempoBpm);
}
