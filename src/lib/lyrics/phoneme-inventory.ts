/**
 * The studio's one phoneme inventory, shared by the three languages: every phoneme the front ends
 * produce, in IPA, with its phonetic class (what unit selection falls back on when no recording of
 * the exact phoneme exists) and the languages that use it. Cantonese follows the usual analysis of
 * Jyutping (e.g. Bauer & Benedict 1997), Mandarin that of Hanyu Pinyin (Duanmu 2007), English the
 * ARPAbet set of the CMU Pronouncing Dictionary.
 */
import type { Language } from '../take/types';

export type PhonemeClass =
	| 'vowel'
	| 'diphthong'
	| 'syllabic'
	| 'plosive'
	| 'affricate'
	| 'fricative'
	| 'nasal'
	| 'approximant'
	| 'lateral'
	| 'unreleased';

export interface PhonemeInfo {
	ipa: string;
	class: PhonemeClass;
	voiced: boolean;
	languages: readonly Language[];
}

const Y: readonly Language[] = ['yue'];
const C: readonly Language[] = ['cmn'];
const E: readonly Language[] = ['en'];
const YC: readonly Language[] = ['yue', 'cmn'];
const YE: readonly Language[] = ['yue', 'en'];
const CE: readonly Language[] = ['cmn', 'en'];
const ALL: readonly Language[] = ['yue', 'cmn', 'en'];

/** [ipa, class, voiced, languages] */
const TABLE: ReadonlyArray<[string, PhonemeClass, boolean, readonly Language[]]> = [
	// Plosives: the Chinese languages contrast aspiration, English voicing.
	['p', 'plosive', false, ALL],
	['pʰ', 'plosive', false, YC],
	['t', 'plosive', false, ALL],
	['tʰ', 'plosive', false, YC],
	['k', 'plosive', false, ALL],
	['kʰ', 'plosive', false, YC],
	['kʷ', 'plosive', false, Y],
	['kʷʰ', 'plosive', false, Y],
	['b', 'plosive', true, E],
	['d', 'plosive', true, E],
	['ɡ', 'plosive', true, E],
	// Unreleased stop codas of Cantonese checked syllables.
	['p̚', 'unreleased', false, Y],
	['t̚', 'unreleased', false, Y],
	['k̚', 'unreleased', false, Y],
	// Affricates.
	['ts', 'affricate', false, YC],
	['tsʰ', 'affricate', false, YC],
	['tɕ', 'affricate', false, C],
	['tɕʰ', 'affricate', false, C],
	['ʈʂ', 'affricate', false, C],
	['ʈʂʰ', 'affricate', false, C],
	['tʃ', 'affricate', false, E],
	['dʒ', 'affricate', true, E],
	// Fricatives.
	['f', 'fricative', false, ALL],
	['s', 'fricative', false, ALL],
	['h', 'fricative', false, YE],
	['x', 'fricative', false, C],
	['ɕ', 'fricative', false, C],
	['ʂ', 'fricative', false, C],
	['ʐ', 'fricative', true, C],
	['ʃ', 'fricative', false, E],
	['ʒ', 'fricative', true, E],
	['θ', 'fricative', false, E],
	['ð', 'fricative', true, E],
	['v', 'fricative', true, E],
	['z', 'fricative', true, E],
	// Nasals.
	['m', 'nasal', true, ALL],
	['n', 'nasal', true, ALL],
	['ŋ', 'nasal', true, ALL],
	// Approximants and laterals (j and w also as glides in finals and codas).
	['l', 'lateral', true, ALL],
	['j', 'approximant', true, ALL],
	['w', 'approximant', true, ALL],
	// ɥ: Mandarin's rounded glide (yue, xue) and the offglide of Cantonese eoi.
	['ɥ', 'approximant', true, YC],
	['ɹ', 'approximant', true, E],
	// Syllabic nasals (Cantonese 唔 m4, 五 ng5) and the Mandarin apical vowels (zi, zhi).
	['m̩', 'syllabic', true, Y],
	['ŋ̩', 'syllabic', true, Y],
	['ɹ̩', 'syllabic', true, C],
	['ɻ̩', 'syllabic', true, C],
	// Monophthongs.
	['aː', 'vowel', true, Y],
	['a', 'vowel', true, C],
	['ɐ', 'vowel', true, Y],
	['ɑ', 'vowel', true, CE],
	['æ', 'vowel', true, E],
	['ʌ', 'vowel', true, E],
	['ə', 'vowel', true, CE],
	['ɚ', 'vowel', true, CE],
	['ɝ', 'vowel', true, E],
	['ɛ', 'vowel', true, ALL],
	['e', 'vowel', true, YC],
	['ɤ', 'vowel', true, C],
	['i', 'vowel', true, ALL],
	['ɪ', 'vowel', true, YE],
	['ɔ', 'vowel', true, YE],
	['o', 'vowel', true, YC],
	['u', 'vowel', true, ALL],
	['ʊ', 'vowel', true, ALL],
	['y', 'vowel', true, YC],
	['œ', 'vowel', true, Y],
	['ɵ', 'vowel', true, Y],
	// English diphthongs (one ARPAbet phone each).
	['aɪ', 'diphthong', true, E],
	['aʊ', 'diphthong', true, E],
	['eɪ', 'diphthong', true, E],
	['oʊ', 'diphthong', true, E],
	['ɔɪ', 'diphthong', true, E]
];

export const PHONEMES: ReadonlyMap<string, PhonemeInfo> = new Map(TABLE.map(([ipa, cls, voiced, languages]) => [ipa, { ipa, class: cls, voiced, languages }]));

/** The phoneme's entry; throws for a symbol outside the inventory (a front-end bug, not user input). */
export function phonemeInfo(ipa: string): PhonemeInfo {
	const info = PHONEMES.get(ipa);
	if (!info) throw new Error(`internal: /${ipa}/ is not in the phoneme inventory`);
	return info;
}

/** Vowel-like phonemes: what a sung note is held on. */
export function isSonorantNucleus(ipa: string): boolean {
	const c = phonemeInfo(ipa).class;
	return c === 'vowel' || c === 'diphthong' || c === 'syllabic';
}

/** Obstruents: plosives, affricates and fricatives (bursts and frication; voiced or not). */
export function isObstruent(ipa: string): boolean {
	const c = phonemeInfo(ipa).class;
	return c === 'plosive' || c === 'affricate' || c === 'fricative';
}
