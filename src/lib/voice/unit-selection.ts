/**
 * Choosing the recorded units a sung syllable is made of, in order of preference:
 *   1. exact: a unit with the same syllable (tone or stress aside: the melody carries the pitch);
 *      the same tone is preferred, since tones also colour the vowel;
 *   2. combined: the onset of one unit and the rhyme (vowel + coda) of another;
 *   3. nearest: the closest rhyme (same vowel, else the same vowel class) and an onset of the same
 *      phonetic class, or none.
 */
import type { LyricSyllable } from '../lyrics/types';
import { phonemeInfo } from '../lyrics/phoneme-inventory';
import type { VoiceProfile } from './profile';
import type { VoiceUnit } from './voice-units';

export type UnitMatch = 'exact' | 'combined' | 'nearest';

export interface UnitChoice {
	/** Unit whose frames before its vowel give the onset; null for no onset. */
	onsetUnit: VoiceUnit | null;
	/** Unit whose vowel and coda give the rhyme. */
	rhymeUnit: VoiceUnit;
	match: UnitMatch;
}

const key = (phones: string[]) => phones.join(' ');
const toneless = (reading: string) => reading.replace(/[0-9]/g, '');

export function selectUnit(profile: VoiceProfile, syllable: LyricSyllable): UnitChoice {
	const units = profile.units;
	if (units.length === 0) throw new RangeError('The voice profile holds no units: record the reading part again.');
	const exact = units.filter((u) => toneless(u.reading) === toneless(syllable.reading));
	if (exact.length > 0) {
		const unit = exact.find((u) => u.tone === syllable.tone) ?? exact[0];
		return { onsetUnit: unit, rhymeUnit: unit, match: 'exact' };
	}
	const rhymeKey = key([...syllable.nucleus, ...syllable.coda]);
	const sameRhyme = units.find((u) => key([...u.nucleus, ...u.coda]) === rhymeKey);
	const sameOnset = syllable.onset.length === 0 ? null : (units.find((u) => key(u.onset) === key(syllable.onset)) ?? null);
	if (sameRhyme && (syllable.onset.length === 0 || sameOnset)) {
		return { onsetUnit: sameOnset ?? null, rhymeUnit: sameRhyme, match: 'combined' };
	}
	const vowel = syllable.nucleus[0];
	const vowelClass = phonemeInfo(vowel).class;
	const rhymeUnit =
		sameRhyme ??
		units.find((u) => u.nucleus[0] === vowel && u.coda.length === syllable.coda.length) ??
		units.find((u) => u.nucleus[0] === vowel) ??
		units.find((u) => phonemeInfo(u.nucleus[0]).class === vowelClass) ??
		units[0];
	let onsetUnit: VoiceUnit | null = sameOnset;
	if (!onsetUnit && syllable.onset.length > 0) {
		const onsetClass = phonemeInfo(syllable.onset[0]).class;
		onsetUnit = units.find((u) => u.onset.length > 0 && phonemeInfo(u.onset[0]).class === onsetClass) ?? null;
	}
	return { onsetUnit, rhymeUnit, match: 'nearest' };
}
