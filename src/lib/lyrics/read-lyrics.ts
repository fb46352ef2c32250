/**
 * A line of lyrics → sung syllables, for Cantonese (yue), Mandarin (cmn) or English (en).
 *   - Chinese characters: Cantonese through to-jyutping, Mandarin through pinyin-pro, both on the
 *     whole run of characters so a polyphone is read in context (銀行 ngan4 hong4, 行路 haang4 lou6).
 *   - A reading in brackets after a character overrides it: 行(hang4), 重(chong2).
 *   - Romanised syllables can be typed directly: Jyutping in a Cantonese line (ngo5), Pinyin in a
 *     Mandarin line (wo3, hǎo); ARPAbet in braces in any line ({HH AH0 L OW1}).
 *   - Latin words in a Chinese line are English (Hong Kong lyrics mix them freely).
 *   - Punctuation and line breaks mark breath points; a line break also ends a typed line
 *     (`lineEnd`), which the fitter puts at a phrase end where the music allows.
 *   - Chinese runs are cut into words (chinese-words.ts) and each syllable says whether the next
 *     one is in the same word (`joinNext`), so no phrase ends inside a word.
 *   - Anything else is refused with the characters named.
 */
import { pinyin } from 'pinyin-pro';
import ToJyutping from 'to-jyutping';
import { LANGUAGES, type Language } from '../take/types';
import { parseArpabet } from './arpabet';
import { chineseWordLengths } from './chinese-words';
import { englishSyllables, readEnglishWord } from './english';
import { isJyutping, parseJyutping, type ParsedSyllable } from './jyutping';
import { isPinyin, parsePinyin } from './pinyin';
import { LyricsError, type LyricSyllable, type ReadingSource } from './types';

export interface ReadLyricsOptions {
	/** Readings that replace the dictionary's for single characters, e.g. { 行: 'hang4' }. */
	overrides?: Record<string, string>;
}

/** One token: a character with an optional bracketed reading, a Latin word, an ARPAbet group, punctuation, space or anything else. */
const TOKEN = /(\p{Script=Han})(?:[(（]([^)）]*)[)）])?|([A-Za-zÀ-ɏ]+(?:['’][A-Za-z]+)*\d?)|\{([^}]*)\}|(\p{P})|(\s+)|(.)/gsu;

function toneSyllable(parsed: ParsedSyllable, language: Language, text: string, wordIndex: number, source: ReadingSource): LyricSyllable {
	return { language, text, wordIndex, reading: parsed.reading, onset: parsed.onset, nucleus: parsed.nucleus, coda: parsed.coda, tone: parsed.tone, source, breakAfter: false };
}

/** Dictionary readings of a run of characters, one per character (null where there is none). */
function readHanRun(run: string[], language: 'yue' | 'cmn'): Array<string | null> {
	const text = run.join('');
	if (language === 'yue') {
		const list = ToJyutping.getJyutpingList(text) as Array<[string, string | null]>;
		// to-jyutping returns one entry per code point.
		return list.map(([, reading]) => (reading ? reading.split(/\s+/)[0] : null));
	}
	const readings = pinyin(text, { toneType: 'num', type: 'array', nonZh: 'consecutive' }) as string[];
	return readings.map((r, i) => (isPinyin(r) && r !== run[i] ? r : null));
}

/** A breath point after `syllable`: it ends its word whatever the segmenter said across the break. */
function endWord(syllable: LyricSyllable): LyricSyllable {
	syllable.breakAfter = true;
	syllable.joinNext = false;
	return syllable;
}

export function readLyrics(text: string, language: Language, options: ReadLyricsOptions = {}): LyricSyllable[] {
	if (!LANGUAGES.includes(language)) {
		throw new LyricsError('unsupported_language', `Language "${language}" is not supported; choose one of ${LANGUAGES.join(', ')} (Cantonese, Mandarin, English).`, [String(language)]);
	}
	const overrides = options.overrides ?? {};
	const syllables: LyricSyllable[] = [];
	const unknown: string[] = [];
	let wordIndex = 0;
	// Characters waiting to be read together (context for polyphones), with their bracketed readings.
	let run: Array<{ char: string; typed?: string }> = [];

	const flushRun = () => {
		if (run.length === 0) return;
		if (language === 'en') {
			unknown.push(...run.map((r) => r.char));
			run = [];
			return;
		}
		const readings = readHanRun(run.map((r) => r.char), language);
		// joins[i]: character i and the next are one word.
		const joins: boolean[] = [];
		for (const length of chineseWordLengths(run.map((r) => r.char).join(''))) joins.push(...Array.from({ length }, (_, i) => i < length - 1));
		run.forEach(({ char, typed }, i) => {
			const override = typed ?? overrides[char];
			const reading = override ?? readings[i];
			if (!reading) {
				unknown.push(char);
				return;
			}
			const parse = language === 'yue' ? parseJyutping : parsePinyin;
			const parsed = parse(reading);
			syllables.push({ ...toneSyllable(parsed, language, char, wordIndex++, override !== undefined ? 'override' : 'dictionary'), joinNext: joins[i] });
		});
		run = [];
	};

	for (const m of text.matchAll(TOKEN)) {
		const [, han, bracketed, latin, arpabet, punctuation, space, other] = m;
		if (han !== undefined) {
			run.push({ char: han, typed: bracketed?.trim() || undefined });
			continue;
		}
		flushRun();
		if (latin !== undefined) {
			if (language === 'yue' && isJyutping(latin)) syllables.push(toneSyllable(parseJyutping(latin), 'yue', latin, wordIndex++, 'typed'));
			else if (language === 'cmn' && /\d$|[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]/.test(latin) && isPinyin(latin)) syllables.push(toneSyllable(parsePinyin(latin), 'cmn', latin, wordIndex++, 'typed'));
			else if (/^[A-Za-z]+(?:['’][A-Za-z]+)*$/.test(latin)) syllables.push(...readEnglishWord(latin, wordIndex++));
			else unknown.push(latin);
		} else if (arpabet !== undefined) {
			syllables.push(...englishSyllables(parseArpabet(arpabet), `{${arpabet.trim()}}`, wordIndex++, 'typed'));
		} else if (punctuation !== undefined) {
			if (syllables.length > 0) endWord(syllables[syllables.length - 1]);
		} else if (space !== undefined) {
			if (/[\n\r\u2028\u2029]/.test(space) && syllables.length > 0) endWord(syllables[syllables.length - 1]).lineEnd = true;
		} else if (other !== undefined) {
			unknown.push(other);
		}
	}
	flushRun();
	// The lyric's end ends its last line (no breath mark needed: nothing follows).
	if (syllables.length > 0) syllables[syllables.length - 1].lineEnd = true;
	if (unknown.length > 0) {
		const distinct = [...new Set(unknown)];
		const hint = language === 'en' ? ' English lyrics take Latin letters; write Chinese lines in Cantonese or Mandarin.' : ' Give a reading in brackets after a character, e.g. 行(hang4), or spell numbers out.';
		throw new LyricsError('unknown_characters', `The lyrics contain characters the ${language} reader cannot read: ${distinct.map((c) => `"${c}"`).join(', ')}.${hint}`, distinct);
	}
	if (syllables.length === 0) throw new LyricsError('empty_lyrics', 'The lyrics have no syllables to sing: type some words.');
	return syllables;
}

