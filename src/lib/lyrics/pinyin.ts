/**
 * Hanyu Pinyin syllables (tone numbers 1–5, 5 or 0 = neutral; tone marks and ü/v accepted) →
 * onset, nucleus, coda (IPA) and tone. The y/w spellings and the abbreviations iu, ui, un are
 * undone first, so each syllable is initial + medial + rhyme; the medial glide (j, w, ɥ) joins the
 * onset. Vowel qualities after Duanmu (2007): e is ɤ alone, ə before n/ng, ɛ after a glide; the
 * "empty" i of zi/ci/si is ɹ̩, of zhi/chi/shi/ri ɻ̩.
 */
import type { ParsedSyllable } from './jyutping';
import { isValidReading, LyricsError } from './types';

const INITIALS: Record<string, string> = {
	b: 'p', p: 'pʰ', m: 'm', f: 'f', d: 't', t: 'tʰ', n: 'n', l: 'l', g: 'k', k: 'kʰ', h: 'x',
	j: 'tɕ', q: 'tɕʰ', x: 'ɕ', zh: 'ʈʂ', ch: 'ʈʂʰ', sh: 'ʂ', r: 'ʐ', z: 'ts', c: 'tsʰ', s: 's'
};
export const PINYIN_INITIALS: readonly string[] = Object.keys(INITIALS);
const INITIAL_KEYS = [...PINYIN_INITIALS].sort((a, b) => b.length - a.length);

/** Normalised finals → [medial, nucleus, coda] in IPA ('' for none). */
const FINALS: Record<string, [string, string, string]> = {
	a: ['', 'a', ''], o: ['', 'o', ''], e: ['', 'ɤ', ''], ê: ['', 'ɛ', ''], er: ['', 'ɚ', ''],
	ai: ['', 'a', 'j'], ei: ['', 'e', 'j'], ao: ['', 'ɑ', 'w'], ou: ['', 'o', 'w'],
	an: ['', 'a', 'n'], en: ['', 'ə', 'n'], ang: ['', 'ɑ', 'ŋ'], eng: ['', 'ə', 'ŋ'], ong: ['', 'ʊ', 'ŋ'],
	i: ['', 'i', ''], ia: ['j', 'a', ''], ie: ['j', 'ɛ', ''], iao: ['j', 'ɑ', 'w'], iou: ['j', 'o', 'w'],
	ian: ['j', 'ɛ', 'n'], in: ['', 'i', 'n'], iang: ['j', 'ɑ', 'ŋ'], ing: ['', 'i', 'ŋ'], iong: ['j', 'ʊ', 'ŋ'],
	u: ['', 'u', ''], ua: ['w', 'a', ''], uo: ['w', 'o', ''], uai: ['w', 'a', 'j'], uei: ['w', 'e', 'j'],
	uan: ['w', 'a', 'n'], uen: ['w', 'ə', 'n'], uang: ['w', 'ɑ', 'ŋ'], ueng: ['w', 'ə', 'ŋ'],
	ü: ['', 'y', ''], üe: ['ɥ', 'ɛ', ''], üan: ['ɥ', 'ɛ', 'n'], ün: ['', 'y', 'n']
};
export const PINYIN_FINALS: readonly string[] = Object.keys(FINALS);

const TONE_MARKS: Record<string, [string, number]> = {};
for (const [plain, marked] of [
	['a', 'āáǎà'], ['e', 'ēéěè'], ['i', 'īíǐì'], ['o', 'ōóǒò'], ['u', 'ūúǔù'], ['ü', 'ǖǘǚǜ']
] as const) {
	[...marked].forEach((m, i) => (TONE_MARKS[m] = [plain, i + 1]));
}

/** Letters and tone of a syllable written with a tone number or a tone mark (no mark, no number: neutral). */
function lettersAndTone(text: string): { letters: string; tone: number } {
	let s = text.trim().toLowerCase().replace(/v/g, 'ü').replace(/u:/g, 'ü');
	const numbered = /^([a-zü]+)([0-5])$/.exec(s);
	if (numbered) return { letters: numbered[1], tone: numbered[2] === '0' ? 5 : Number(numbered[2]) };
	let tone = 0;
	s = [...s.normalize('NFC')]
		.map((ch) => {
			const mark = TONE_MARKS[ch];
			if (!mark) return ch;
			tone = mark[1];
			return mark[0];
		})
		.join('');
	if (!/^[a-zü]+$/.test(s) || tone === 0) {
		throw new LyricsError('invalid_reading', `"${text}" is not a Pinyin syllable with a tone (a number 1–5, e.g. wo3, or a tone mark).`, [text]);
	}
	return { letters: s, tone };
}

/** Undoes the spelling conventions: y/w for initial-less finals, ü written u after j/q/x/y, iu/ui/un. */
function normalise(initial: string, rest: string): string {
	if (initial === '') {
		if (rest.startsWith('yu')) return 'ü' + rest.slice(2);
		if (rest === 'yi' || rest === 'yin' || rest === 'ying') return rest.slice(1);
		if (rest.startsWith('y')) return 'i' + rest.slice(1);
		if (rest === 'wu') return 'u';
		if (rest.startsWith('w')) return 'u' + rest.slice(1);
		return rest;
	}
	let r = rest;
	if ((initial === 'j' || initial === 'q' || initial === 'x') && r.startsWith('u')) r = 'ü' + r.slice(1);
	if (r === 'iu') return 'iou';
	if (r === 'ui') return 'uei';
	if (r === 'un') return 'uen';
	if (r === 'ün') return 'ün';
	return r;
}

/** True when `text` is one Pinyin syllable with its tone (e.g. "wo3", "lüe4", "hǎo"). */
export function isPinyin(text: string): boolean {
	return isValidReading(parsePinyin, text);
}

/** Parses one Pinyin syllable with tone; throws LyricsError('invalid_reading') otherwise. */
export function parsePinyin(text: string): ParsedSyllable {
	const { letters, tone } = lettersAndTone(text);
	let initial = '';
	for (const key of INITIAL_KEYS) {
		if (letters.startsWith(key) && letters.length > key.length) {
			initial = key;
			break;
		}
	}
	const final = normalise(initial, letters.slice(initial.length));
	const parts = FINALS[final];
	if (!parts) throw new LyricsError('invalid_reading', `"${text}" is not a Pinyin syllable: "${letters}" does not split into an initial and a final.`, [text]);
	// Which initials combine with which finals (palatals only before i/ü; velars and sibilants never).
	const front = final.startsWith('i') || final.startsWith('ü');
	const palatal = initial === 'j' || initial === 'q' || initial === 'x';
	const allowed = palatal ? front : /^(g|k|h|z|c|s|zh|ch|sh|r)$/.test(initial) ? !front || final === 'i' : !final.startsWith('ü') || initial === 'n' || initial === 'l' || initial === '';
	if (!allowed) throw new LyricsError('invalid_reading', `"${text}" is not a Pinyin syllable: ${initial} does not combine with ${final}.`, [text]);
	let [medial, nucleus, coda] = parts;
	if (final === 'i' && (initial === 'z' || initial === 'c' || initial === 's')) nucleus = 'ɹ̩';
	if (final === 'i' && (initial === 'zh' || initial === 'ch' || initial === 'sh' || initial === 'r')) nucleus = 'ɻ̩';
	const onset = [...(initial ? [INITIALS[initial]] : []), ...(medial ? [medial] : [])];
	return { onset, nucleus: [nucleus], coda: coda ? [coda] : [], tone, initial, final, reading: `${letters}${tone}` };
}
