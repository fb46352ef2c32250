/**
 * ARPAbet (the CMU Pronouncing Dictionary's phone set, vowels carrying stress 0/1/2) → IPA, and
 * words → syllables by the maximal-onset principle: consonants between two vowels go to the later
 * syllable as far as they form an onset English allows at the start of a word.
 */
import { LyricsError } from './types';

const VOWELS: Record<string, string> = {
	AA: 'ɑ', AE: 'æ', AH: 'ʌ', AO: 'ɔ', AW: 'aʊ', AY: 'aɪ', EH: 'ɛ', ER: 'ɝ', EY: 'eɪ',
	IH: 'ɪ', IY: 'i', OW: 'oʊ', OY: 'ɔɪ', UH: 'ʊ', UW: 'u'
};
const CONSONANTS: Record<string, string> = {
	B: 'b', CH: 'tʃ', D: 'd', DH: 'ð', F: 'f', G: 'ɡ', HH: 'h', JH: 'dʒ', K: 'k', L: 'l', M: 'm',
	N: 'n', NG: 'ŋ', P: 'p', R: 'ɹ', S: 's', SH: 'ʃ', T: 't', TH: 'θ', V: 'v', W: 'w', Y: 'j',
	Z: 'z', ZH: 'ʒ'
};
export const ARPABET_PHONES: readonly string[] = [...Object.keys(VOWELS), ...Object.keys(CONSONANTS)];

/** Word-initial clusters of English (plus single consonants other than NG): the legal onsets. */
const LEGAL_ONSETS = new Set([
	...Object.keys(CONSONANTS).filter((c) => c !== 'NG'),
	'P R', 'P L', 'B R', 'B L', 'T R', 'D R', 'K R', 'K L', 'G R', 'G L', 'F R', 'F L', 'TH R', 'SH R',
	'T W', 'D W', 'K W', 'G W', 'S W', 'TH W', 'S P', 'S T', 'S K', 'S M', 'S N', 'S L', 'S F',
	'S P R', 'S P L', 'S T R', 'S K R', 'S K W', 'S K L',
	'P Y', 'B Y', 'K Y', 'G Y', 'F Y', 'V Y', 'M Y', 'HH Y', 'S K Y', 'S P Y'
]);

export interface ArpabetPhone {
	phone: string;
	stress?: 0 | 1 | 2;
}

/** Splits "HH AH0 L OW1" into phones; throws LyricsError('invalid_reading') for an unknown phone. */
export function parseArpabet(text: string): ArpabetPhone[] {
	const phones = text.trim().toUpperCase().split(/\s+/).filter(Boolean);
	if (phones.length === 0) throw new LyricsError('invalid_reading', 'An ARPAbet reading needs at least one phone (e.g. {HH AH0 L OW1}).');
	return phones.map((p) => {
		const m = /^([A-Z]+)([012])?$/.exec(p);
		if (m && m[1] in VOWELS) return { phone: m[1], stress: m[2] === undefined ? 1 : (Number(m[2]) as 0 | 1 | 2) };
		if (m && m[1] in CONSONANTS && m[2] === undefined) return { phone: m[1] };
		throw new LyricsError('invalid_reading', `"${p}" is not an ARPAbet phone (vowels take a stress digit, e.g. AH0; consonants none).`, [p]);
	});
}

export function isArpabetVowel(phone: string): boolean {
	return phone in VOWELS;
}

/** IPA of one phone; unstressed AH and ER are the reduced ə and ɚ. */
export function arpabetToIpa(p: ArpabetPhone): string {
	if (p.phone in VOWELS) {
		if (p.stress === 0 && p.phone === 'AH') return 'ə';
		if (p.stress === 0 && p.phone === 'ER') return 'ɚ';
		return VOWELS[p.phone];
	}
	return CONSONANTS[p.phone];
}

export interface ArpabetSyllable {
	onset: ArpabetPhone[];
	nucleus: ArpabetPhone;
	coda: ArpabetPhone[];
}

/** Syllables of a word's phones (maximal onset); a word without a vowel is one syllable on its last consonant. */
export function syllabifyArpabet(phones: ArpabetPhone[]): ArpabetSyllable[] {
	const vowelAt = phones.map((p, i) => (isArpabetVowel(p.phone) ? i : -1)).filter((i) => i >= 0);
	if (vowelAt.length === 0) {
		throw new LyricsError('invalid_reading', `"${phones.map((p) => p.phone).join(' ')}" has no vowel to sing on.`);
	}
	const syllables: ArpabetSyllable[] = vowelAt.map((v) => ({ onset: [], nucleus: phones[v], coda: [] }));
	syllables[0].onset = phones.slice(0, vowelAt[0]);
	for (let s = 0; s + 1 < vowelAt.length; s++) {
		const between = phones.slice(vowelAt[s] + 1, vowelAt[s + 1]);
		// The longest tail of the cluster that is a legal onset starts the next syllable.
		let split = between.length;
		for (let k = 0; k <= between.length; k++) {
			const tail = between.slice(k);
			if (tail.length === 0 || LEGAL_ONSETS.has(tail.map((p) => p.phone).join(' '))) {
				split = k;
				break;
			}
		}
		syllables[s].coda = between.slice(0, split);
		syllables[s + 1].onset = between.slice(split);
	}
	syllables[syllables.length - 1].coda = phones.slice(vowelAt[vowelAt.length - 1] + 1);
	return syllables;
}
