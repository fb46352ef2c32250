/**
 * Letter-to-sound rules for English words the dictionary lacks (names, coinages, misspellings):
 * a left-to-right scan in the manner of the NRL rules (Elovitz, Johnson, McHugh & Shore 1976),
 * written afresh and much shorter: suffixes, consonant digraphs, vowel teams, r-coloured vowels,
 * the silent final e that lengthens the vowel before it, then single letters. Stress: the first
 * vowel is primary, the rest unstressed.
 */
import type { ArpabetPhone } from './arpabet';

const VOWEL_LETTERS = new Set(['a', 'e', 'i', 'o', 'u']);
const isVowel = (c: string | undefined) => c !== undefined && VOWEL_LETTERS.has(c);
const isConsonant = (c: string | undefined) => c !== undefined && /[a-z]/.test(c) && !VOWEL_LETTERS.has(c) && c !== 'y';
const SHORT: Record<string, string> = { a: 'AE', e: 'EH', i: 'IH', o: 'AA', u: 'AH', y: 'IH' };
const LONG: Record<string, string> = { a: 'EY', e: 'IY', i: 'AY', o: 'OW', u: 'UW', y: 'AY' };
const VOWEL_TEAMS: ReadonlyArray<[string, string]> = [
	['eigh', 'EY'], ['augh', 'AO'], ['ough', 'AO'], ['igh', 'AY'],
	['ee', 'IY'], ['ea', 'IY'], ['oo', 'UW'], ['ou', 'AW'], ['oa', 'OW'], ['ai', 'EY'], ['ay', 'EY'],
	['ei', 'EY'], ['ey', 'EY'], ['oi', 'OY'], ['oy', 'OY'], ['au', 'AO'], ['aw', 'AO'], ['ew', 'UW'], ['ui', 'UW']
];
const CONSONANT_GRAPHS: ReadonlyArray<[string, string[]]> = [
	['tch', ['CH']], ['sch', ['S', 'K']], ['ch', ['CH']], ['sh', ['SH']], ['th', ['TH']], ['ph', ['F']],
	['wh', ['W']], ['ck', ['K']], ['ng', ['NG']], ['qu', ['K', 'W']], ['dg', ['JH']]
];
const VOICELESS_ENDINGS = new Set(['P', 'K', 'S', 'F', 'SH', 'CH', 'TH']);

/** ARPAbet for a lower-case word of letters a–z. */
export function letterToSound(word: string): ArpabetPhone[] {
	const w = word.toLowerCase().replace(/[^a-z]/g, '');
	const out: string[] = [];
	const vowelLettersIn = (s: string) => [...s].filter((c) => isVowel(c) || c === 'y').length;
	let i = 0;
	const rest = () => w.slice(i);
	const emit = (...phones: string[]) => out.push(...phones);
	while (i < w.length) {
		const c = w[i];
		const next = w[i + 1];
		const r = rest();
		const atEnd = (suffix: string) => r === suffix;
		// Suffixes.
		if (atEnd('tion')) { emit('SH', 'AH', 'N'); break; }
		if (atEnd('sion')) { emit(isVowel(w[i - 1]) ? 'ZH' : 'SH', 'AH', 'N'); break; }
		if (atEnd('ture')) { emit('CH', 'ER'); break; }
		if (atEnd('ous')) { emit('AH', 'S'); break; }
		if (atEnd('ing') && i > 0) { emit('IH', 'NG'); break; }
		if (atEnd('le') && i > 0 && isConsonant(w[i - 1])) { emit('AH', 'L'); break; }
		if (atEnd('ed') && i > 1) {
			const last = out[out.length - 1];
			if (last === 'T' || last === 'D') emit('IH', 'D');
			else emit(VOICELESS_ENDINGS.has(last) ? 'T' : 'D');
			break;
		}
		if (atEnd('es') && i > 0 && /(s|x|z|ch|sh)$/.test(w.slice(0, i))) { emit('IH', 'Z'); break; }
		if (atEnd('es') && i > 1 && vowelLettersIn(w.slice(0, i)) > 0) { emit(VOICELESS_ENDINGS.has(out[out.length - 1]) ? 'S' : 'Z'); break; }
		if (atEnd('e') && i > 0 && vowelLettersIn(w.slice(0, i)) > 0) break;
		if (atEnd('e')) { emit('IY'); break; }
		if (atEnd('y') && i > 0) { emit(vowelLettersIn(w.slice(0, i)) > 0 ? 'IY' : 'AY'); break; }
		// Word-initial silent letters.
		if (i === 0 && /^(kn|gn)/.test(w)) { emit('N'); i += 2; continue; }
		if (i === 0 && w.startsWith('wr')) { emit('R'); i += 2; continue; }
		if (r.startsWith('rh')) { emit('R'); i += 2; continue; }
		// th is voiced between vowels and before -er (mother, weather).
		if (r.startsWith('th') && isVowel(w[i - 1]) && (isVowel(w[i + 2]) || w.slice(i + 2, i + 4) === 'er')) { emit('DH'); i += 2; continue; }
		if (r === 'mb') { emit('M'); break; }
		// Vowel teams.
		const team = VOWEL_TEAMS.find(([g]) => r.startsWith(g));
		if (team) {
			if (team[0] === 'ow' && i + 2 < w.length) emit('AW');
			else emit(team[1]);
			i += team[0].length;
			continue;
		}
		if (r.startsWith('ow')) { emit(i + 2 >= w.length ? 'OW' : 'AW'); i += 2; continue; }
		if (r.startsWith('ie')) { emit(i + 2 >= w.length ? 'AY' : 'IY'); i += 2; continue; }
		if (r.startsWith('ue') && i + 2 >= w.length) { emit('UW'); i += 2; continue; }
		// Consonant graphs.
		const graph = CONSONANT_GRAPHS.find(([g]) => r.startsWith(g));
		if (graph) { emit(...graph[1]); i += graph[0].length; continue; }
		if (r.startsWith('gh')) { if (i === 0) emit('G'); i += 2; continue; }
		if (isVowel(c) || (c === 'y' && i > 0)) {
			// r-coloured vowels (not before another vowel or r).
			if (next === 'r' && !isVowel(w[i + 2]) && w[i + 2] !== 'r') {
				if (c === 'a') emit('AA', 'R');
				else if (c === 'o') emit('AO', 'R');
				else emit('ER');
				i += 2;
				continue;
			}
			// Silent e after one consonant makes the vowel long (line, lines, lined).
			const magic = isConsonant(next) && w[i + 2] === 'e' && /^(|s|d)$/.test(w.slice(i + 3));
			const open = next === undefined && c !== 'e';
			emit(magic || open ? LONG[c] : SHORT[c]);
			i += 1;
			continue;
		}
		if (c === 'y') { emit('Y'); i += 1; continue; }
		if (c === 'c') { emit(/[eiy]/.test(next ?? '') ? 'S' : 'K'); i += next === 'c' ? 2 : 1; continue; }
		if (c === 'g') { emit(/[eiy]/.test(next ?? '') && i > 0 ? 'JH' : 'G'); i += next === 'g' ? 2 : 1; continue; }
		if (c === 'x') { emit(...(i === 0 ? ['Z'] : ['K', 'S'])); i += 1; continue; }
		if (c === 's') {
			const voiced = (isVowel(w[i - 1]) && isVowel(next)) || (i === w.length - 1 && i > 0 && !VOICELESS_ENDINGS.has(out[out.length - 1] ?? ''));
			emit(voiced ? 'Z' : 'S');
			i += next === 's' ? 2 : 1;
			continue;
		}
		const single: Record<string, string> = { b: 'B', d: 'D', f: 'F', h: 'HH', j: 'JH', k: 'K', l: 'L', m: 'M', n: 'N', p: 'P', q: 'K', r: 'R', t: 'T', v: 'V', w: 'W', z: 'Z' };
		emit(single[c]);
		i += next === c ? 2 : 1;
	}
	let stressed = false;
	return out.map((phone) => {
		if (!(phone in LONG_OR_SHORT_VOWELS)) return { phone };
		if (stressed) {
			// Unstressed short vowels reduce to schwa (kitchen, lemon); i stays (roses).
			return { phone: REDUCED.has(phone) ? 'AH' : phone, stress: 0 as const };
		}
		stressed = true;
		return { phone, stress: 1 as const };
	});
}

const REDUCED = new Set(['AE', 'EH', 'AA', 'AH']);
const LONG_OR_SHORT_VOWELS: Record<string, true> = Object.fromEntries(
	['AA', 'AE', 'AH', 'AO', 'AW', 'AY', 'EH', 'ER', 'EY', 'IH', 'IY', 'OW', 'OY', 'UH', 'UW'].map((v) => [v, true])
);
