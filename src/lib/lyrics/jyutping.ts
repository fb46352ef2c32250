/**
 * Jyutping (LSHK 1993) syllables → onset, nucleus, coda (IPA) and tone. Vowel qualities follow the
 * usual allophony: i and u are lax before ng/k (ɪŋ, ʊk), e is close in ei, o is close in ou.
 */
import { isValidReading, LyricsError } from './types';

const ONSETS: Record<string, string[]> = {
	b: ['p'],
	p: ['pʰ'],
	m: ['m'],
	f: ['f'],
	d: ['t'],
	t: ['tʰ'],
	n: ['n'],
	l: ['l'],
	g: ['k'],
	k: ['kʰ'],
	ng: ['ŋ'],
	h: ['h'],
	gw: ['kʷ'],
	kw: ['kʷʰ'],
	w: ['w'],
	z: ['ts'],
	c: ['tsʰ'],
	s: ['s'],
	j: ['j']
};

/** Onsets longest first, so gw/kw/ng win over g/k/n. */
const ONSET_KEYS = Object.keys(ONSETS).sort((a, b) => b.length - a.length);

const NUCLEI: Record<string, string> = { aa: 'aː', a: 'ɐ', e: 'ɛ', i: 'i', o: 'ɔ', u: 'u', oe: 'œ', eo: 'ɵ', yu: 'y' };
const CODAS: Record<string, string> = { '': '', i: 'j', u: 'w', m: 'm', n: 'n', ng: 'ŋ', p: 'p̚', t: 't̚', k: 'k̚' };

/** Every final Jyutping allows (the syllabic nasals m and ng apart). */
export const JYUTPING_FINALS: readonly string[] = [
	'aa', 'aai', 'aau', 'aam', 'aan', 'aang', 'aap', 'aat', 'aak',
	'ai', 'au', 'am', 'an', 'ang', 'ap', 'at', 'ak',
	'e', 'ei', 'eu', 'em', 'en', 'eng', 'ep', 'et', 'ek',
	'i', 'iu', 'im', 'in', 'ing', 'ip', 'it', 'ik',
	'o', 'oi', 'ou', 'om', 'on', 'ong', 'op', 'ot', 'ok',
	'u', 'ui', 'un', 'ung', 'ut', 'uk',
	'oe', 'oeng', 'oet', 'oek',
	'eoi', 'eon', 'eot',
	'yu', 'yun', 'yut'
];
const FINAL_SET = new Set(JYUTPING_FINALS);

export const JYUTPING_INITIALS: readonly string[] = Object.keys(ONSETS);

export interface ParsedSyllable {
	onset: string[];
	nucleus: string[];
	coda: string[];
	tone: number;
	/** The romanisation's own parts (initial and final), for coverage counts. */
	initial: string;
	final: string;
	/** The syllable in canonical spelling: lower case, tone number (Pinyin: ü, neutral tone 5). */
	reading: string;
}

/** Splits a final into its nucleus and coda spellings (finals are validated first). */
function splitFinal(final: string): { nucleus: string; coda: string } {
	for (const n of ['aa', 'oe', 'eo', 'yu', 'a', 'e', 'i', 'o', 'u']) {
		if (final.startsWith(n)) return { nucleus: n, coda: final.slice(n.length) };
	}
	throw new Error(`internal: final ${final} has no nucleus`);
}

function nucleusIpa(nucleus: string, coda: string): string {
	if ((nucleus === 'i' || nucleus === 'u') && (coda === 'ng' || coda === 'k')) return nucleus === 'i' ? 'ɪ' : 'ʊ';
	if (nucleus === 'e' && coda === 'i') return 'e';
	if (nucleus === 'o' && coda === 'u') return 'o';
	return NUCLEI[nucleus];
}

/** True when `text` is one Jyutping syllable with its tone digit (e.g. "ngo5", "m4"). */
export function isJyutping(text: string): boolean {
	return isValidReading(parseJyutping, text);
}

/** Parses one Jyutping syllable with tone (1–6); throws LyricsError('invalid_reading') otherwise. */
export function parseJyutping(text: string): ParsedSyllable {
	const syllable = text.trim().toLowerCase();
	const match = /^([a-z]+)([1-6])$/.exec(syllable);
	if (!match) throw new LyricsError('invalid_reading', `"${text}" is not a Jyutping syllable with a tone number 1–6 (e.g. ngo5).`, [text]);
	const [, letters, toneDigit] = match;
	const tone = Number(toneDigit);
	if (letters === 'm' || letters === 'ng') {
		return { onset: [], nucleus: [letters === 'm' ? 'm̩' : 'ŋ̩'], coda: [], tone, initial: '', final: letters, reading: syllable };
	}
	if (letters === 'hm' || letters === 'hng') {
		return { onset: ['h'], nucleus: [letters === 'hm' ? 'm̩' : 'ŋ̩'], coda: [], tone, initial: 'h', final: letters.slice(1), reading: syllable };
	}
	let initial = '';
	for (const key of ONSET_KEYS) {
		if (letters.startsWith(key) && FINAL_SET.has(letters.slice(key.length))) {
			initial = key;
			break;
		}
	}
	const final = letters.slice(initial.length);
	if (!FINAL_SET.has(final)) throw new LyricsError('invalid_reading', `"${text}" is not a Jyutping syllable: "${final}" is not a Jyutping final.`, [text]);
	const { nucleus, coda } = splitFinal(final);
	const codaIpa = nucleus === 'eo' && coda === 'i' ? 'ɥ' : CODAS[coda];
	return {
		onset: initial ? [...ONSETS[initial]] : [],
		nucleus: [nucleusIpa(nucleus, coda)],
		coda: codaIpa ? [codaIpa] : [],
		tone,
		initial,
		final,
		reading: syllable
	};
}
