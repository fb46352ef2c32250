/**
 * What a voice learned from a recording and its text covers, said to the user: how many of the
 * text's syllables became units, which did not (the profile builder drops a syllable the aligner
 * gave too little time to hold a unit), and which syllables of a lyric (the language's starter
 * lyric) have no unit of their own, so they would be sung from a combined or the nearest unit
 * (unit-selection.ts decides which).
 */
import type { LyricSyllable } from '../lyrics/types';
import type { VoiceProfile } from './profile';
import { selectUnit, type UnitMatch } from './unit-selection';

export interface UncoveredSyllable {
	/** The syllable as written (a character, or an English word). */
	text: string;
	/** Its reading (Jyutping, Pinyin, ARPAbet). */
	reading: string;
	/** Position in the text's syllables, 0-based. */
	index: number;
}

export interface BorrowedSyllable {
	text: string;
	reading: string;
	/** 'combined': onset and rhyme from two of the user's units; 'nearest': the closest sounds the voice has. */
	match: Exclude<UnitMatch, 'exact'>;
}

export interface VoiceCoverage {
	/** Syllables in the recording's text. */
	textSyllables: number;
	/** Of those, the ones that became units. */
	coveredSyllables: number;
	/** The text's syllables that did not become units (too short in the recording to learn from). */
	uncovered: UncoveredSyllable[];
	/** Distinct syllables (by reading) of the lyric. */
	lyricSyllables: number;
	/** The lyric's distinct syllables the voice has no unit of its own for, in lyric order. */
	borrowed: BorrowedSyllable[];
}

const toneless = (reading: string) => reading.replace(/[0-9]/g, '');

/**
 * `textSyllables` are the syllables the profile was built from, in order; the profile's units come
 * from them in the same order with some left out, so a greedy in-order match finds which.
 */
export function voiceCoverage(profile: VoiceProfile, textSyllables: LyricSyllable[], lyricSyllables: LyricSyllable[]): VoiceCoverage {
	const uncovered: UncoveredSyllable[] = [];
	let unit = 0;
	textSyllables.forEach((s, index) => {
		const u = profile.units[unit];
		if (u && u.reading === s.reading && u.language === s.language) unit++;
		else uncovered.push({ text: s.text, reading: s.reading, index });
	});
	const seen = new Set<string>();
	const borrowed: BorrowedSyllable[] = [];
	for (const s of lyricSyllables) {
		const reading = toneless(s.reading);
		if (seen.has(reading)) continue;
		seen.add(reading);
		if (profile.units.length === 0) {
			borrowed.push({ text: s.text, reading: s.reading, match: 'nearest' });
			continue;
		}
		const { match } = selectUnit(profile, s);
		if (match !== 'exact') borrowed.push({ text: s.text, reading: s.reading, match });
	}
	return { textSyllables: textSyllables.length, coveredSyllables: textSyllables.length - uncovered.length, uncovered, lyricSyllables: seen.size, borrowed };
}
