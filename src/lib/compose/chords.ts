/**
 * Chords as the harmoniser and arranger see them: a Roman numeral in a key, its root pitch class,
 * quality and pitch classes. Numerals are read relative to the key's own scale (major scale for
 * major keys, natural minor for minor keys), with an optional ♭/♯ on the root: "IV", "vi7",
 * "V7", "IVmaj7", "Vsus4", "vii°", "♭VII", and in minor "i", "ii°", "III", "VI", "V".
 * Upper case is a major-family chord (major, dominant 7th, major 7th, sus4), lower case a
 * minor-family one (minor, minor 7th, diminished).
 */
import type { ChordQuality, SongKey } from '../song/types';

/** Intervals above the root, semitones, in stacking order (root, third or fourth, fifth, seventh). */
export const CHORD_INTERVALS: Readonly<Record<ChordQuality, readonly number[]>> = {
	major: [0, 4, 7],
	minor: [0, 3, 7],
	diminished: [0, 3, 6],
	dominant7: [0, 4, 7, 10],
	major7: [0, 4, 7, 11],
	minor7: [0, 3, 7, 10],
	sus4: [0, 5, 7]
};

/** Scale steps above the tonic, semitones. */
export const MAJOR_SCALE: readonly number[] = [0, 2, 4, 5, 7, 9, 11];
export const NATURAL_MINOR_SCALE: readonly number[] = [0, 2, 3, 5, 7, 8, 10];

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII'];
const PITCH_NAMES = ['C', 'C♯', 'D', 'E♭', 'E', 'F', 'F♯', 'G', 'A♭', 'A', 'B♭', 'B'];

/** A chord placed in a key: what the harmoniser chooses between and the arranger voices. */
export interface KeyedChord {
	numeral: string;
	/** The numeral without its colour (7th, sus4): "V7" and "Vsus4" are both "V". Transitions are written between these. */
	functionKey: string;
	/** Scale degree of the root, 0 = tonic … 6. */
	degree: number;
	rootPitchClass: number;
	quality: ChordQuality;
	/** Pitch classes in stacking order, root first. */
	pitchClasses: number[];
}

export const mod12 = (n: number): number => ((n % 12) + 12) % 12;

/** The key's scale, pitch classes from the tonic; minor keys also allow the raised 7th (harmonic minor), since V in minor uses it. */
export function scalePitchClasses(key: SongKey): number[] {
	const steps = key.mode === 'major' ? MAJOR_SCALE : [...NATURAL_MINOR_SCALE, 11];
	return steps.map((s) => mod12(key.tonicPitchClass + s));
}

export function chordPitchClasses(rootPitchClass: number, quality: ChordQuality): number[] {
	return CHORD_INTERVALS[quality].map((i) => mod12(rootPitchClass + i));
}

/**
 * Reads a Roman numeral in a key. Throws RangeError for a numeral it cannot read, naming it.
 */
export function numeralToChord(key: SongKey, numeral: string): KeyedChord {
	checkKey(key);
	const match = /^([♭♯b#]?)(VII|VI|IV|V|III|II|I|vii|vi|iv|v|iii|ii|i)(°|maj7|7|sus4)?$/.exec(numeral);
	if (!match) throw new RangeError(`numeral "${numeral}" is not a Roman numeral like "IV", "vi7", "V7", "♭VII" or "vii°"`);
	const [, accidental, roman, suffix = ''] = match;
	const upper = roman === roman.toUpperCase();
	const degree = ROMAN.indexOf(roman.toUpperCase());
	const scale = key.mode === 'major' ? MAJOR_SCALE : NATURAL_MINOR_SCALE;
	const shift = accidental === '♭' || accidental === 'b' ? -1 : accidental === '♯' || accidental === '#' ? 1 : 0;
	const rootPitchClass = mod12(key.tonicPitchClass + scale[degree] + shift);
	const quality = qualityOf(upper, suffix, numeral);
	return {
		numeral,
		functionKey: `${accidental}${roman}${suffix === '°' ? '°' : ''}`,
		degree,
		rootPitchClass,
		quality,
		pitchClasses: chordPitchClasses(rootPitchClass, quality)
	};
}

function qualityOf(upper: boolean, suffix: string, numeral: string): ChordQuality {
	if (upper) {
		if (suffix === '') return 'major';
		if (suffix === '7') return 'dominant7';
		if (suffix === 'maj7') return 'major7';
		if (suffix === 'sus4') return 'sus4';
	} else {
		if (suffix === '') return 'minor';
		if (suffix === '7') return 'minor7';
		if (suffix === '°') return 'diminished';
	}
	throw new RangeError(`numeral "${numeral}": suffix "${suffix}" does not fit a ${upper ? 'major' : 'minor'}-family (${upper ? 'upper' : 'lower'}-case) chord`);
}

/** A chord symbol for display, e.g. "Am7", "F♯°", "Gsus4", "Cmaj7". */
export function chordSymbol(rootPitchClass: number, quality: ChordQuality): string {
	const suffix: Record<ChordQuality, string> = { major: '', minor: 'm', diminished: '°', dominant7: '7', major7: 'maj7', minor7: 'm7', sus4: 'sus4' };
	return PITCH_NAMES[mod12(rootPitchClass)] + suffix[quality];
}

export function checkKey(key: SongKey): void {
	if (!Number.isInteger(key.tonicPitchClass) || key.tonicPitchClass < 0 || key.tonicPitchClass > 11) {
		throw new RangeError(`key.tonicPitchClass ${key.tonicPitchClass} is outside the integers 0–11`);
	}
	if (key.mode !== 'major' && key.mode !== 'minor') throw new RangeError(`key.mode "${String(key.mode)}" is not "major" or "minor"`);
}
