/**
 * The lyrics front ends, table-driven: readings of a few hundred common characters, words and
 * phrases in each language (polyphones in context), the syllable structure of every Jyutping and
 * Pinyin initial and final, and every phoneme produced belonging to the shared inventory.
 */
import { describe, expect, it } from 'vitest';
import { dictionary } from 'cmu-pronouncing-dictionary';
import { letterToSound } from '../../../src/lib/lyrics/english-letter-to-sound';
import { JYUTPING_FINALS, JYUTPING_INITIALS, parseJyutping, type ParsedSyllable } from '../../../src/lib/lyrics/jyutping';
import { PINYIN_FINALS, PINYIN_INITIALS, parsePinyin } from '../../../src/lib/lyrics/pinyin';
import { PHONEMES, isSonorantNucleus } from '../../../src/lib/lyrics/phoneme-inventory';
import { readLyrics } from '../../../src/lib/lyrics/read-lyrics';
import type { LyricSyllable } from '../../../src/lib/lyrics/types';
import { CANTONESE_READINGS } from './cantonese-readings';
import { ENGLISH_READINGS } from './english-readings';
import { MANDARIN_READINGS } from './mandarin-readings';

function expectInInventory(syllables: LyricSyllable[]): void {
	for (const s of syllables) {
		for (const ipa of [...s.onset, ...s.nucleus, ...s.coda]) {
			const info = PHONEMES.get(ipa);
			expect(info, `/${ipa}/ of ${s.reading}`).toBeDefined();
			expect(info!.languages, `/${ipa}/ in ${s.language}`).toContain(s.language);
		}
		expect(s.nucleus.length).toBe(1);
		expect(isSonorantNucleus(s.nucleus[0])).toBe(true);
	}
}

/** [reading, onset, nucleus, coda, tone], phonemes joined. */
type StructureCase = [string, string, string, string, number];

function expectStructures(parse: (reading: string) => ParsedSyllable, cases: StructureCase[]): void {
	for (const [reading, onset, nucleus, coda, tone] of cases) {
		const p = parse(reading);
		expect([p.onset.join(''), p.nucleus.join(''), p.coda.join(''), p.tone], reading).toEqual([onset, nucleus, coda, tone]);
	}
}

describe('Cantonese: characters → Jyutping', () => {
	it.each(CANTONESE_READINGS)('%s → %s', (text, jyutping) => {
		const syllables = readLyrics(text, 'yue');
		expect(syllables.map((s) => s.reading).join(' ')).toBe(jyutping);
		expectInInventory(syllables);
		for (const s of syllables) expect(s.tone).toBeGreaterThanOrEqual(1);
	});

	it('every initial and final parses, with the expected structure for a sample', () => {
		for (const initial of JYUTPING_INITIALS) expect(parseJyutping(`${initial}aa1`).initial).toBe(initial);
		for (const final of JYUTPING_FINALS) expect(parseJyutping(`s${final}1`).final).toBe(final);
		const cases: StructureCase[] = [
			['ngo5', 'ŋ', 'ɔ', '', 5],
			['gwong2', 'kʷ', 'ɔ', 'ŋ', 2],
			['sik6', 's', 'ɪ', 'k̚', 6],
			['heoi3', 'h', 'ɵ', 'ɥ', 3],
			['jyut6', 'j', 'y', 't̚', 6],
			['m4', '', 'm̩', '', 4],
			['ng5', '', 'ŋ̩', '', 5],
			['aa3', '', 'aː', '', 3],
			['dei6', 't', 'e', 'j', 6],
			['kwai4', 'kʷʰ', 'ɐ', 'j', 4]
		];
		expectStructures(parseJyutping, cases);
	});

	it('refuses what is not Jyutping, naming it', () => {
		for (const bad of ['ngo', 'ngo7', 'xyz1', 'hello']) expect(() => parseJyutping(bad)).toThrow(/Jyutping/);
	});

	it('takes a bracketed reading or an override map over the dictionary, and typed Jyutping', () => {
		const bracketed = readLyrics('行(hang4)為', 'yue');
		expect(bracketed.map((s) => [s.reading, s.source])).toEqual([
			['hang4', 'override'],
			['wai4', 'dictionary']
		]);
		expect(readLyrics('行', 'yue', { overrides: { 行: 'hong4' } })[0].reading).toBe('hong4');
		const typed = readLyrics('ngo5 dei6 唱歌', 'yue');
		expect(typed.map((s) => s.reading)).toEqual(['ngo5', 'dei6', 'coeng3', 'go1']);
		expect(typed[0].source).toBe('typed');
	});
});

describe('Mandarin: characters → Pinyin', () => {
	it.each(MANDARIN_READINGS)('%s → %s', (text, pinyin) => {
		const syllables = readLyrics(text, 'cmn');
		expect(syllables.map((s) => s.reading).join(' ')).toBe(pinyin);
		expectInInventory(syllables);
	});

	it('every initial and final parses, and the spelling conventions are undone', () => {
		for (const initial of PINYIN_INITIALS) expect(parsePinyin(`${initial}${/^[jqx]$/.test(initial) ? 'ia' : 'a'}1`).initial).toBe(initial);
		for (const final of PINYIN_FINALS) {
			if (final === 'ê') continue;
			expect(parsePinyin(`l${final}1`).final).toBe(final);
		}
		const cases: StructureCase[] = [
			['xiang3', 'ɕj', 'ɑ', 'ŋ', 3],
			['yue4', 'ɥ', 'ɛ', '', 4],
			['jue2', 'tɕɥ', 'ɛ', '', 2],
			['liu2', 'lj', 'o', 'w', 2],
			['gui4', 'kw', 'e', 'j', 4],
			['lun2', 'lw', 'ə', 'n', 2],
			['zhi1', 'ʈʂ', 'ɻ̩', '', 1],
			['si4', 's', 'ɹ̩', '', 4],
			['er2', '', 'ɚ', '', 2],
			['hǎo', 'x', 'ɑ', 'w', 3],
			['lv4', 'l', 'y', '', 4],
			['men0', 'm', 'ə', 'n', 5],
			['wu3', '', 'u', '', 3],
			['ying1', '', 'i', 'ŋ', 1]
		];
		expectStructures(parsePinyin, cases);
		expect(parsePinyin('hǎo').reading).toBe('hao3');
	});

	it('refuses what is not Pinyin', () => {
		for (const bad of ['hao', 'hao6', 'xa1', 'blorp2']) expect(() => parsePinyin(bad)).toThrow(/Pinyin/);
	});

	it('reads typed Pinyin (numbers or tone marks) among characters', () => {
		expect(readLyrics('wo3 爱 nǐ', 'cmn').map((s) => s.reading)).toEqual(['wo3', 'ai4', 'ni3']);
	});
});

describe('English: words → ARPAbet syllables', () => {
	it.each(ENGLISH_READINGS)('%s → %s', (word, syllables) => {
		const read = readLyrics(word, 'en');
		expect(read.map((s) => s.reading).join(' | ')).toBe(syllables);
		expectInInventory(read);
	});

	it('marks words from the rules and typed ARPAbet by source', () => {
		expect(readLyrics('love', 'en')[0].source).toBe('dictionary');
		expect(readLyrics('zindle', 'en')[0].source).toBe('letter-to-sound');
		const typed = readLyrics('{HH AH0 L OW1}', 'en');
		expect(typed.map((s) => [s.reading, s.source])).toEqual([
			['HH AH0', 'typed'],
			['L OW1', 'typed']
		]);
		expect(() => readLyrics('{HH AH0 XX}', 'en')).toThrow(/XX/);
	});

	it('the letter-to-sound rules: phone error rate against the dictionary under 30 % on 5000 words', () => {
		const words = Object.keys(dictionary)
			.filter((w) => /^[a-z]{3,9}$/.test(w))
			.filter((_, i) => i % 20 === 0)
			.slice(0, 5000);
		let edits = 0;
		let phones = 0;
		let exact = 0;
		for (const w of words) {
			const ref = dictionary[w].replace(/[012]/g, '').split(' ');
			const hyp = letterToSound(w).map((p) => p.phone);
			edits += editDistance(hyp, ref);
			phones += ref.length;
			if (hyp.join(' ') === ref.join(' ')) exact++;
		}
		const per = edits / phones;
		console.log(`letter-to-sound on ${words.length} dictionary words: phone error rate ${per.toFixed(3)}, exact ${(exact / words.length).toFixed(3)}`);
		expect(per).toBeLessThan(0.3);
	});
});

function editDistance(a: string[], b: string[]): number {
	let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
		previous = current;
	}
	return previous[b.length];
}

describe('readLyrics: mixed lines, breaths and bad input', () => {
	it('reads English words inside a Cantonese line (Hong Kong lyrics)', () => {
		const s = readLyrics('我 love 你，baby', 'yue');
		expect(s.map((x) => `${x.language}:${x.reading}`)).toEqual(['yue:ngo5', 'en:L AH1 V', 'yue:nei5', 'en:B EY1', 'en:B IY0']);
		expect(s.map((x) => x.breakAfter)).toEqual([false, false, true, false, false]);
		expect(s.map((x) => x.wordIndex)).toEqual([0, 1, 2, 3, 3]);
	});

	it('refuses unknown characters, naming each once, with a hint', () => {
		try {
			readLyrics('我有2隻貓 😀 2', 'yue');
			expect.unreachable();
		} catch (e) {
			const error = e as { code: string; items: string[]; message: string };
			expect(error.code).toBe('unknown_characters');
			expect(error.items).toEqual(['2', '😀']);
			expect(error.message).toMatch(/spell numbers out/);
		}
		expect(() => readLyrics('你好', 'en')).toThrow(/Latin letters/);
	});

	it('refuses an unsupported language, and lyrics with nothing to sing', () => {
		expect(() => readLyrics('hi', 'fr' as never)).toThrow(/not supported/);
		expect(() => readLyrics('，。 !', 'cmn')).toThrow(/no syllables/);
	});
});
