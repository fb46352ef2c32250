/** Chinese words for whole-word phrasing: ICU's word break plus the Cantonese lexicon and clitic layer. */
import { describe, expect, it } from 'vitest';
import { chineseWordLengths, chineseWords } from '../../../src/lib/lyrics/chinese-words';
import { readLyrics } from '../../../src/lib/lyrics/read-lyrics';

/** Sentences in written Cantonese (and two Mandarin ones), each with a word that must stay whole. */
const MUST_STAY_WHOLE: Array<[string, string]> = [
	['返屋企食飯', '屋企'],
	['我哋一齊唱歌', '我哋'],
	['佢哋喺度等緊', '佢哋'],
	['你喺度做乜嘢', '乜嘢'],
	['你喺度做乜嘢', '喺度'],
	['聽日再見', '聽日'],
	['朝早起身', '朝早'],
	['細個嗰陣好開心', '細個'],
	['細個嗰陣好開心', '嗰陣'],
	['我想帶住你去睇海', '帶住'],
	['佢已經走咗', '走咗'],
	['我仲諗緊你', '諗緊'],
	['點解你唔出聲', '點解'],
	['係咪我做錯', '係咪'],
	['唔好再喊', '唔好'],
	['街角飄來一陣麵包香', '麵包'],
	['成日都落雨', '成日'],
	['呢度好靚', '呢度'],
	['咁樣好唔好', '咁樣'],
	['佢而家返嚟', '返嚟'],
	['我冇人陪', '冇人'],
	['睇一睇個天', '睇一睇'],
	['说起小时候的梦想', '小时候'],
	['下雨的时候我会想你', '时候']
];

/** True when `word` is inside one of `words` (not cut between two). */
function keptWhole(words: string[], word: string): boolean {
	return words.some((w) => w.includes(word));
}

function icuAlone(text: string): string[] {
	return [...new Intl.Segmenter('zh', { granularity: 'word' }).segment(text)].map((s) => s.segment);
}

describe('chineseWords', () => {
	it('keeps common Cantonese words whole that ICU alone cuts (屋企, 我哋, 帶住, 乜嘢 …)', () => {
		const icu = MUST_STAY_WHOLE.filter(([text, word]) => keptWhole(icuAlone(text), word)).length;
		const ours = MUST_STAY_WHOLE.filter(([text, word]) => keptWhole(chineseWords(text), word));
		console.log(`words kept whole: ICU alone ${icu} of ${MUST_STAY_WHOLE.length}, with the lexicon and clitic layer ${ours.length} of ${MUST_STAY_WHOLE.length}`);
		expect(ours.map(([, word]) => word)).toEqual(MUST_STAY_WHOLE.map(([, word]) => word));
		// The layer is what keeps them: ICU alone cuts at least half of them.
		expect(icu).toBeLessThanOrEqual(MUST_STAY_WHOLE.length / 2);
	});

	it('still cuts between words, and leans particles on the word before them', () => {
		expect(chineseWords('返屋企食飯')).toEqual(['返', '屋企', '食飯']);
		expect(chineseWords('朝早嘅陽光')).toEqual(['朝早嘅', '陽光']);
		expect(chineseWords('早晨的阳光')).toEqual(['早晨的', '阳光']);
		// 地 of 地铁 is a word's first character, not the particle.
		expect(chineseWords('早上的地铁')).toEqual(['早上的', '地铁']);
		expect(chineseWords('朋友们')).toEqual(['朋友们']);
	});

	it('gives lengths that add up to the text, one per word', () => {
		for (const text of ['細個嗰陣成日落街玩', '我', '', '今晚抬頭望住滿天星']) {
			const lengths = chineseWordLengths(text);
			expect(lengths.reduce((a, b) => a + b, 0)).toBe([...text].length);
			expect(lengths.every((l) => l >= 1)).toBe(true);
		}
	});
});

describe('readLyrics: words and typed lines', () => {
	it('marks each syllable that continues its word (joinNext), Chinese and English alike', () => {
		const yue = readLyrics('返屋企食飯', 'yue');
		expect(yue.map((s) => s.joinNext)).toEqual([false, true, false, true, false]);
		const en = readLyrics('carry me home', 'en');
		expect(en.map((s) => [s.text, s.joinNext])).toEqual([
			['carry', true],
			['carry', false],
			['me', false],
			['home', false]
		]);
	});

	it('takes a line break as a line end and a breath, with or without punctuation', () => {
		const s = readLyrics('我哋唱歌\n今晚一齊，\nI will carry you', 'yue');
		const ends = s.flatMap((x, i) => (x.lineEnd ? [i] : []));
		// Ends of line 1 (歌), line 2 (齊) and the lyric (you).
		expect(ends.map((i) => s[i].text)).toEqual(['歌', '齊', 'you']);
		expect(s[3].breakAfter).toBe(true);
		expect(s.filter((x) => x.breakAfter).map((x) => x.text)).toEqual(['歌', '齊']);
	});

	it('ends a word at punctuation even inside a run the segmenter would join', () => {
		// 屋，企 typed apart: no word across the comma.
		const s = readLyrics('屋，企', 'yue');
		expect(s[0].joinNext).toBe(false);
	});
});
