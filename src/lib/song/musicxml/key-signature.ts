/**
 * Keys as MusicXML writes them: a count of fifths (sharps positive, flats negative) and a mode,
 * and the alteration the signature gives each letter. The tonic's spelling comes from
 * spelling.ts, so A♭ major is four flats, not eight sharps.
 */
import { tonicName } from '../spelling';
import type { SongKey } from '../types';

const LETTER_FIFTHS: Record<string, number> = { F: -1, C: 0, G: 1, D: 2, A: 3, E: 4, B: 5 };
/** Letters in the order the signature adds sharps (flats in reverse). */
const SHARP_ORDER = ['F', 'C', 'G', 'D', 'A', 'E', 'B'];
const mod12 = (n: number) => ((n % 12) + 12) % 12;

/** Fifths of the key signature, −7 … 7. */
export function keyFifths(key: SongKey): number {
	const name = tonicName(key);
	const fifths = LETTER_FIFTHS[name[0]] + (name.includes('♯') ? 7 : 0) - (name.includes('♭') ? 7 : 0);
	// A minor key shares its relative major's signature, three fifths flatwards of its tonic's.
	return key.mode === 'major' ? fifths : fifths - 3;
}

/** The key a signature names: the relative major's tonic is `fifths` fifths above C. */
export function keyFromFifths(fifths: number, mode: 'major' | 'minor'): SongKey {
	const major = mod12(7 * fifths);
	return { tonicPitchClass: mode === 'major' ? major : mod12(major + 9), mode };
}

/** The alteration, semitones, the signature gives each letter (C … B). */
export function signatureAlters(fifths: number): Record<string, number> {
	const alters: Record<string, number> = { C: 0, D: 0, E: 0, F: 0, G: 0, A: 0, B: 0 };
	if (fifths > 0) for (const letter of SHARP_ORDER.slice(0, fifths)) alters[letter] = 1;
	if (fifths < 0) for (const letter of [...SHARP_ORDER].reverse().slice(0, -fifths)) alters[letter] = -1;
	return alters;
}
