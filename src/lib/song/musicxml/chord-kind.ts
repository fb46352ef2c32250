/**
 * Chord qualities as MusicXML <harmony> kinds, both ways, and the Roman numeral a read chord gets
 * in the song's key (the studio's chords carry one). Kinds the studio has no quality for are read
 * as the nearest it has (a sixth as its triad, a ninth as its seventh), so a lead sheet from
 * notation software still gives every bar a chord.
 */
import { MAJOR_SCALE, mod12, NATURAL_MINOR_SCALE, numeralToChord } from '../../compose/chords';
import type { ChordQuality, SongKey } from '../types';

export const QUALITY_KIND: Record<ChordQuality, { kind: string; text: string }> = {
	major: { kind: 'major', text: '' },
	minor: { kind: 'minor', text: 'm' },
	diminished: { kind: 'diminished', text: 'dim' },
	dominant7: { kind: 'dominant', text: '7' },
	major7: { kind: 'major-seventh', text: 'maj7' },
	minor7: { kind: 'minor-seventh', text: 'm7' },
	sus4: { kind: 'suspended-fourth', text: 'sus4' }
};

const KIND_QUALITY: Record<string, ChordQuality> = {
	major: 'major',
	minor: 'minor',
	diminished: 'diminished',
	dominant: 'dominant7',
	'major-seventh': 'major7',
	'minor-seventh': 'minor7',
	'suspended-fourth': 'sus4',
	augmented: 'major',
	'augmented-seventh': 'dominant7',
	'half-diminished': 'diminished',
	'diminished-seventh': 'diminished',
	'major-minor': 'minor',
	'major-sixth': 'major',
	'minor-sixth': 'minor',
	'dominant-ninth': 'dominant7',
	'major-ninth': 'major7',
	'minor-ninth': 'minor7',
	'dominant-11th': 'dominant7',
	'major-11th': 'major7',
	'minor-11th': 'minor7',
	'dominant-13th': 'dominant7',
	'major-13th': 'major7',
	'minor-13th': 'minor7',
	'suspended-second': 'major',
	power: 'major'
};

/** The quality of a MusicXML kind, or null for "none" (no chord) and kinds nobody writes. */
export function kindQuality(kind: string): ChordQuality | null {
	return KIND_QUALITY[kind.trim()] ?? null;
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII'];
const MINOR_FAMILY: ChordQuality[] = ['minor', 'minor7', 'diminished'];
const SUFFIX: Record<ChordQuality, string> = { major: '', minor: '', diminished: '°', dominant7: '7', major7: 'maj7', minor7: '7', sus4: 'sus4' };

/** The Roman numeral of a chord in `key` ("IV", "vi7", "♭VII"), one that numeralToChord reads back to the same chord. */
export function numeralFor(key: SongKey, rootPitchClass: number, quality: ChordQuality): string {
	const scale = key.mode === 'major' ? MAJOR_SCALE : NATURAL_MINOR_SCALE;
	// A scale degree first, then the degree a semitone above (♭) or below (♯) it.
	for (const [shift, accidental] of [[0, ''], [-1, '♭'], [1, '♯']] as const) {
		const degree = scale.findIndex((s) => mod12(key.tonicPitchClass + s + shift) === mod12(rootPitchClass));
		if (degree < 0) continue;
		const roman = MINOR_FAMILY.includes(quality) ? ROMAN[degree].toLowerCase() : ROMAN[degree];
		const numeral = `${accidental}${roman}${SUFFIX[quality]}`;
		const read = numeralToChord(key, numeral);
		if (read.rootPitchClass === mod12(rootPitchClass) && read.quality === quality) return numeral;
	}
	throw new RangeError(`no numeral for root ${rootPitchClass} ${quality} in this key`);
}
