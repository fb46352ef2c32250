/**
 * Chinese text → words, so a sung phrase never ends inside one (面包, 时候, 屋企, 帶住).
 *
 * The base is ICU's dictionary word break (`Intl.Segmenter` with granularity 'word', in Node and
 * browsers alike). ICU's dictionary is Mandarin-centred: on written Cantonese it cuts common words
 * into characters (屋|企, 我|哋, 喺|度, 乜|嘢, 聽|日). A small layer on top repairs that:
 *   - a lexicon of common Cantonese (and a few Mandarin) words that are always kept whole;
 *   - plural pronouns (我哋, 佢哋) and reduplicated verbs with 一 (睇一睇, 看一看);
 *   - aspect markers (咗 住 緊 過 晒; 了 着 过) and the structural particles 嘅/的/地 lean on the
 *     word before them: they are unstressed clitics and a singer never breathes just before one
 *     (Matthews & Yip 2011, Cantonese: A Comprehensive Grammar, ch. 11 and 18; Duanmu 2007 on
 *     Mandarin clitic groups).
 * Joining too much is harmless here (the fitter merely has fewer places to breathe); cutting a word
 * is what the user hears, so the layer only ever joins ICU's pieces, never cuts them.
 */

/** Common multi-character words ICU cuts, mostly Cantonese (written forms as Hong Kong lyrics use them). */
const LEXICON: readonly string[] = [
	// time
	'朝早', '今朝', '聽朝', '聽日', '琴日', '尋日', '今日', '而家', '依家', '成日', '日日', '夜晚', '今晚', '聽晚', '琴晚', '尋晚',
	'頭先', '啱啱', '嗰陣', '呢陣', '嗰時', '細個', '一陣', '陣間', '晏晝', '挨晚', '以前', '之前', '之後', '以後',
	// people and places
	'我哋', '你哋', '佢哋', '人哋', '自己', '大家', '屋企', '喺度', '呢度', '嗰度', '邊度', '呢邊', '嗰邊', '入面', '出面', '上面', '下面',
	'隔離', '海旁', '旺角', '尖沙咀', '銅鑼灣', '中環', '獅子山', '山頂', '腳下', '街頭', '街尾', '樓下', '樓上',
	// things and questions
	'乜嘢', '咩嘢', '啲嘢', '嘢食', '點解', '點樣', '咁樣', '噉樣', '邊個', '幾多', '幾咁', '乜誰',
	// verbs and phrases
	'係咪', '唔係', '唔好', '唔使', '唔會', '唔知', '唔該', '唔得', '唔想', '唔識', '唔肯', '唔怕', '冇人', '冇嘢',
	'返嚟', '出嚟', '入嚟', '過嚟', '落嚟', '上嚟', '返去', '出去', '入去', '過去', '落去', '上去', '起身',
	'食飯', '瞓覺', '返工', '放工', '返學', '放學', '行街', '落街', '落雨', '落雪', '傾偈', '睇戲', '停低', '記得', '鍾意', '中意',
	'識得', '好似', '即係', '同埋', '或者', '但係', '所以', '因為', '如果', '先至', '一齊', '一路', '出聲', '做錯',
	// Mandarin words ICU cuts
	'小时候', '时候', '一起', '起来', '下来', '回来', '出来', '过来', '回去', '出去', '下去', '上去', '怎么样', '为什么'
];

/** Characters that lean on the word before them (aspect markers, 嘅/的/地, the plural suffix 們/们) when ICU leaves them alone. */
const ENCLITICS = new Set([...'咗住緊過晒嘅了着过的地們们']);

const LONGEST_ENTRY = Math.max(...LEXICON.map((w) => [...w].length));
const LEXICON_SET = new Set(LEXICON);

let segmenter: Intl.Segmenter | null = null;

/** ICU's word pieces of a run of Han characters (one Segmenter, made on first use). */
function icuPieces(text: string): string[] {
	segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
	return [...segmenter.segment(text)].map((s) => s.segment);
}

/**
 * Words of a run of Chinese characters, as lengths in characters (code points) that add up to the
 * run's length: e.g. 返屋企食飯 → [1, 2, 2]. Text other than Han characters is counted too, but the
 * reader calls this on runs of Han characters only.
 */
export function chineseWordLengths(text: string): number[] {
	const chars = [...text];
	if (chars.length === 0) return [];
	// joined[i]: character i and i + 1 belong to one word.
	const joined = new Array<boolean>(chars.length - 1).fill(false);
	// Characters ICU reads as a word of their own: only these can be clitics (地 of 地铁 is not).
	const alone = new Array<boolean>(chars.length).fill(false);
	let at = 0;
	for (const piece of icuPieces(text)) {
		const length = [...piece].length;
		for (let i = at; i < at + length - 1; i++) joined[i] = true;
		if (length === 1) alone[at] = true;
		at += length;
	}
	// Lexicon words, longest first at each position.
	for (let i = 0; i < chars.length - 1; i++) {
		for (let length = Math.min(LONGEST_ENTRY, chars.length - i); length >= 2; length--) {
			if (!LEXICON_SET.has(chars.slice(i, i + length).join(''))) continue;
			for (let j = i; j < i + length - 1; j++) joined[j] = true;
			break;
		}
	}
	for (let i = 1; i < chars.length; i++) {
		// Plural pronouns: 我哋 你哋 佢哋.
		if (chars[i] === '哋') joined[i - 1] = true;
		// Reduplication with 一: 睇一睇.
		if (chars[i] === '一' && i + 1 < chars.length && chars[i - 1] === chars[i + 1]) joined[i - 1] = joined[i] = true;
		// Clitics lean on the word before.
		if (ENCLITICS.has(chars[i]) && alone[i]) joined[i - 1] = true;
	}
	const lengths: number[] = [];
	let length = 1;
	for (let i = 0; i < chars.length - 1; i++) {
		if (joined[i]) length++;
		else {
			lengths.push(length);
			length = 1;
		}
	}
	lengths.push(length);
	return lengths;
}

/** Words of a run of Chinese characters, as strings (for tests and reports). */
export function chineseWords(text: string): string[] {
	const chars = [...text];
	let at = 0;
	return chineseWordLengths(text).map((length) => chars.slice(at, (at += length)).join(''));
}
