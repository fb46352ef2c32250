/**
 * Choosing the recorded units a sung syllable is made of, in order of preference:
 *   1. exact: a unit with the same syllable (tone or stress aside: the melody carries the pitch);
 *      the same tone is preferred, since tones also colour the vowel; a unit whose diphthong or
 *      glide the aligner left too short to sing gives only its onset, the rhyme coming from
 *      another reading of it, else from another syllable with that rhyme (combined);
 *   2. combined: the onset of one unit and the rhyme (vowel + coda) of another;
 *   3. nearest: the rhyme with the closest vowel (height, backness, rounding) and coda, and the
 *      closest onset (same first phoneme, else the same class).
 */
import type { LyricSyllable } from '../lyrics/types';
import { phonemeInfo } from '../lyrics/phoneme-inventory';
import type { VoiceProfile } from './profile';
import { unitVowelGain, type VoiceUnit } from './voice-units';

export type UnitMatch = 'exact' | 'combined' | 'nearest';

export interface UnitChoice {
	/** Unit whose frames before its vowel give the onset; null for no onset. */
	onsetUnit: VoiceUnit | null;
	/** Unit whose vowel and coda give the rhyme. */
	rhymeUnit: VoiceUnit;
	match: UnitMatch;
}

const key = (phones: string[]) => phones.join(' ');

const medians = new WeakMap<VoiceUnit[], number>();

/** The median vowel gain (c̃₀) of the profile's units: the level every sung vowel is moved to. */
export function medianVowelGain(profile: VoiceProfile): number {
	let median = medians.get(profile.units);
	if (median === undefined) {
		median = profile.units.map(unitVowelGain).sort((a, b) => a - b)[profile.units.length >> 1] ?? 0;
		medians.set(profile.units, median);
	}
	return median;
}

/**
 * A unit whose vowel is this far below the profile's median vowel gain is a vowel the aligner put
 * into a pause (its sound lies in the onset or the next syllable): levelled up, its consonants would
 * stand far above a near-silent vowel. 40 dB, in nepers of amplitude (c̃₀): at 20 dB, 7 of one
 * Cantonese speaker's 32 syllables lost their own unit.
 */
const SILENT_VOWEL_NEPERS = 40 / (20 / Math.LN10);

const usables = new WeakMap<VoiceUnit[], VoiceUnit[]>();

/** The profile's units without those whose vowel is silence (all of them if none is left). */
export function usableUnits(profile: VoiceProfile): VoiceUnit[] {
	let usable = usables.get(profile.units);
	if (!usable) {
		const floor = medianVowelGain(profile) - SILENT_VOWEL_NEPERS;
		usable = profile.units.filter((u) => unitVowelGain(u) >= floor);
		if (usable.length === 0) usable = profile.units;
		usables.set(profile.units, usable);
	}
	return usable;
}

/** The unit with the lowest score (the first of equals). */
function best(units: VoiceUnit[], score: (u: VoiceUnit) => number): VoiceUnit {
	let chosen = units[0];
	let lowest = Infinity;
	for (const u of units) {
		const s = score(u);
		if (s < lowest) {
			lowest = s;
			chosen = u;
		}
	}
	return chosen;
}

/** Vowel qualities as [height 0 close … 3 open, backness 0 front … 2 back, rounded 0/1] (diphthongs by their start). */
const VOWEL_FEATURES: Record<string, [number, number, number]> = {
	i: [0, 0, 0], ɪ: [0.5, 0.2, 0], e: [1, 0, 0], eɪ: [1, 0, 0], ɛ: [2, 0, 0], æ: [2.5, 0, 0], a: [3, 0.5, 0], aː: [3, 0.5, 0],
	aɪ: [3, 0.5, 0], aʊ: [3, 1, 0], ɐ: [2.5, 1, 0], ɑ: [3, 2, 0], ʌ: [2, 1.5, 0], ə: [1.5, 1, 0], ɚ: [1.5, 1, 0], ɝ: [1.5, 1, 0],
	ɤ: [1, 2, 0], o: [1, 2, 1], oʊ: [1, 2, 1], ɔ: [2, 2, 1], ɔɪ: [2, 2, 1], u: [0, 2, 1], ʊ: [0.5, 1.8, 1], y: [0, 0, 1],
	œ: [2, 0, 1], ɵ: [1, 1, 1], 'ɹ̩': [0, 1, 0], 'ɻ̩': [0, 1, 0]
};

function vowelDistance(a: string, b: string): number {
	if (a === b) return 0;
	const fa = VOWEL_FEATURES[a];
	const fb = VOWEL_FEATURES[b];
	// Syllabic nasals are close only to each other.
	if (!fa || !fb) return 4;
	return Math.abs(fa[0] - fb[0]) + Math.abs(fa[1] - fb[1]) + 0.5 * Math.abs(fa[2] - fb[2]);
}

/** Distance between two consonant sequences: 0 when equal, less for the same first phoneme or class, plus their length difference. */
function phonesDistance(a: string[], b: string[]): number {
	if (key(a) === key(b)) return 0;
	if (a.length === 0 || b.length === 0) return 1 + Math.abs(a.length - b.length) * 0.5;
	const first = a[0] === b[0] ? 0.3 : phonemeInfo(a[0]).class === phonemeInfo(b[0]).class ? 0.6 : 1;
	return first + 0.3 * Math.abs(a.length - b.length);
}
const toneless = (reading: string) => reading.replace(/[0-9]/g, '');

/**
 * Fewest frames a gliding rhyme (a diphthong, or a vowel and its glide coda) needs to be sung from,
 * frames (20 ms). Where the aligner put a syllable's nucleus at its very end (its vowel read as
 * unvoiced, or the syllable squeezed into 50 ms), the builder leaves the vowel 2 frames: stretched
 * over a note, 10 ms of a diphthong is one held spectrum, not a glide (5 of the 35 stretched
 * diphthongs of the 11 real voices; gaai1 read as 62 frames of "g" and 2 of "aai"). A plain vowel
 * is one held spectrum anyway and keeps its own unit: taking other units' vowels for every short
 * rhyme lost 1 to 5 exact units per real voice and moved consonant and pitch figures.
 */
const MIN_RHYME_FRAMES = 4;
const GLIDES = new Set(['j', 'w', 'ɥ']);

/** Whether a unit's rhyme can be sung from it: a gliding rhyme needs MIN_RHYME_FRAMES of vowel and glide. */
function hasRhyme(u: VoiceUnit): boolean {
	const glidesOnly = u.coda.length > 0 && u.coda.every((c) => GLIDES.has(c));
	if (!glidesOnly && phonemeInfo(u.nucleus[0]).class !== 'diphthong') return true;
	return (glidesOnly ? u.f0Hz.length : u.codaStartFrame) - u.nucleusStartFrame >= MIN_RHYME_FRAMES;
}

export function selectUnit(profile: VoiceProfile, syllable: LyricSyllable): UnitChoice {
	if (profile.units.length === 0) throw new RangeError('The voice profile holds no units: record the reading part again.');
	const units = usableUnits(profile);
	const rhymeKey = key([...syllable.nucleus, ...syllable.coda]);
	const rhymeOf = (u: VoiceUnit) => key([...u.nucleus, ...u.coda]) === rhymeKey;
	const exact = units.filter((u) => toneless(u.reading) === toneless(syllable.reading));
	if (exact.length > 0) {
		const singable = exact.filter(hasRhyme);
		const pool = singable.length > 0 ? singable : exact;
		const unit = pool.find((u) => u.tone === syllable.tone) ?? pool[0];
		if (hasRhyme(unit)) return { onsetUnit: unit, rhymeUnit: unit, match: 'exact' };
		// Its own rhyme is too short to sing: the same rhyme read in another syllable, its own onset kept.
		const other = units.find((u) => rhymeOf(u) && hasRhyme(u));
		return other ? { onsetUnit: unit, rhymeUnit: other, match: 'combined' } : { onsetUnit: unit, rhymeUnit: unit, match: 'exact' };
	}
	const sameRhyme = units.find((u) => rhymeOf(u) && hasRhyme(u)) ?? units.find(rhymeOf);
	const sameOnset = syllable.onset.length === 0 ? null : (units.find((u) => key(u.onset) === key(syllable.onset)) ?? null);
	if (sameRhyme && (syllable.onset.length === 0 || sameOnset)) {
		return { onsetUnit: sameOnset ?? null, rhymeUnit: sameRhyme, match: 'combined' };
	}
	// Nearest: the rhyme with the closest vowel and coda, the onset closest to the one asked for.
	const rhymeUnit = sameRhyme ?? best(units, (u) => 2 * vowelDistance(u.nucleus[0], syllable.nucleus[0]) + phonesDistance(u.coda, syllable.coda) + (u.stress !== syllable.stress ? 0.1 : 0));
	let onsetUnit: VoiceUnit | null = sameOnset;
	if (!onsetUnit && syllable.onset.length > 0) {
		const candidates = units.filter((u) => u.onset.length > 0 && u.nucleusStartFrame > 0);
		onsetUnit = candidates.length ? best(candidates, (u) => phonesDistance(u.onset, syllable.onset)) : null;
	}
	return { onsetUnit, rhymeUnit, match: 'nearest' };
}
