/**
 * How much a syllable wants a strong beat ("prominence", 0–1), the quantity the lyric fitter
 * matches against metrical strength (Halle & Lerdahl 1993, text-setting; Hayes & Kaun 1996: in
 * sung English, lexically stressed syllables fall on strong positions and monosyllabic function
 * words on weak ones).
 *   - English: primary stress 1, secondary 0.5, unstressed 0; a one-syllable function word
 *     ("the", "to", "and", "I") is 0 whatever its dictionary stress, because sung and spoken
 *     English both reduce it.
 *   - Mandarin: the neutral tone (5) is 0 (short and unstressed, Chao 1968); other tones have no
 *     metrical preference (null).
 *   - Cantonese: no metrical preference (null); its constraint is melodic (cantonese-tones.ts).
 */
import type { LyricSyllable } from '../lyrics/types';

/** One-syllable English function words: articles, pronouns, prepositions, conjunctions, auxiliaries. */
const FUNCTION_WORDS: ReadonlySet<string> = new Set(
	(
		'a an the and or but nor so yet if as than that this these those ' +
		'i me my mine we us our you your he him his she her it its they them their ' +
		'to of in on at by for from with up down out off through till near ' +
		'is am are was were be been has have had do does did can could shall should will would may might must ' +
		"i'm i'll i've i'd you're we're they're it's that's don't can't won't there's let's " +
		'not no just all when where while what who how there then'
	).split(' ')
);

/** True for an English function word that sung English leaves unstressed when it is one syllable. */
export function isFunctionWord(text: string): boolean {
	return FUNCTION_WORDS.has(text.toLowerCase().replace(/’/g, "'"));
}

/** Number of syllables of the word that syllable `index` belongs to (neighbours with the same wordIndex). */
function wordSyllableCount(syllables: readonly LyricSyllable[], index: number): number {
	const word = syllables[index].wordIndex;
	let first = index;
	let last = index;
	while (first > 0 && syllables[first - 1].wordIndex === word) first--;
	while (last < syllables.length - 1 && syllables[last + 1].wordIndex === word) last++;
	return last - first + 1;
}

/**
 * Prominence of `syllables[index]` in [0, 1], or null when its language sets no metrical
 * preference (Cantonese, Mandarin full tones).
 */
export function syllableProminence(syllables: readonly LyricSyllable[], index: number): number | null {
	const s = syllables[index];
	if (s.language === 'en') {
		if (isFunctionWord(s.text) && wordSyllableCount(syllables, index) === 1) return 0;
		return s.stress === 1 ? 1 : s.stress === 2 ? 0.5 : 0;
	}
	if (s.language === 'cmn') return s.tone === 5 ? 0 : null;
	return null;
}

/** True for a Mandarin neutral-tone syllable (tone 5). */
export function isNeutralTone(syllable: LyricSyllable): boolean {
	return syllable.language === 'cmn' && syllable.tone === 5;
}
