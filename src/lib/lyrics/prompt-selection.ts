/**
 * Choosing a reading prompt from a pool of sentences: greedy set cover (each step adds the sentence
 * with the most not-yet-covered units per second of reading, a unit held by few lines weighing up
 * to twice as much) until the prompt lasts about 32 s.
 * Units: Cantonese and Mandarin initials and finals; English phonemes and the common within-word
 * diphones (the 150 most frequent in the CMU dictionary), a diphone counting half a phoneme.
 */
import { dictionary } from 'cmu-pronouncing-dictionary';
import type { Language } from '../take/types';
import { JYUTPING_FINALS, JYUTPING_INITIALS, parseJyutping } from './jyutping';
import { PINYIN_FINALS, PINYIN_INITIALS, parsePinyin } from './pinyin';
import { ARPABET_PHONES } from './arpabet';
import { readLyrics } from './read-lyrics';
import { phraseSyllables } from './reading-phrases';
import type { LyricSyllable } from './types';

/** Reading pace used to estimate a prompt's length: seconds per syllable and pause per line. */
const SECONDS_PER_SYLLABLE: Record<Language, number> = { yue: 0.22, cmn: 0.22, en: 0.2 };
const SECONDS_PER_LINE_BREAK = 0.5;
const DIPHONE_WEIGHT = 0.5;
const COMMON_DIPHONES = 150;

export interface PromptSelectionOptions {
	/** Stop adding lines once the estimate reaches this (default 32 s). */
	targetSeconds?: number;
	/** Never exceed this (default 35 s). */
	maxSeconds?: number;
}

export interface CoverageFigure {
	kind: string;
	covered: number;
	total: number;
	missing: string[];
}

export interface SelectedPrompt {
	language: Language;
	lines: string[];
	/** Per line, the syllables of its phrases (what the teleprompter's follower needs). */
	phrases: number[][];
	estimatedSeconds: number;
	coverage: CoverageFigure[];
}

let commonDiphones: string[] | null = null;

/** The most frequent within-word diphones of the CMU dictionary (stress removed), most frequent first. */
export function commonEnglishDiphones(): string[] {
	if (commonDiphones) return commonDiphones;
	const counts = new Map<string, number>();
	for (const [word, pron] of Object.entries(dictionary as Record<string, string>)) {
		if (word.includes('(')) continue;
		const phones = pron.replace(/[012]/g, '').split(' ');
		for (let i = 1; i < phones.length; i++) {
			const d = `${phones[i - 1]}-${phones[i]}`;
			counts.set(d, (counts.get(d) ?? 0) + 1);
		}
	}
	commonDiphones = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, COMMON_DIPHONES).map(([d]) => d);
	return commonDiphones;
}

/** Every unit a language's prompt should cover, by kind. */
export function inventoryUnits(language: Language): Record<string, string[]> {
	if (language === 'yue') return { initial: ['∅', ...JYUTPING_INITIALS], final: [...JYUTPING_FINALS, 'm', 'ng'] };
	if (language === 'cmn') return { initial: ['∅', ...PINYIN_INITIALS], final: [...PINYIN_FINALS] };
	return { phoneme: [...ARPABET_PHONES], diphone: commonEnglishDiphones() };
}

/** The units (kind:name) a line's syllables hold. */
export function unitsOf(syllables: LyricSyllable[], language: Language): Set<string> {
	const units = new Set<string>();
	if (language === 'en') {
		// Phones of each word in order (syllables of one word share its wordIndex).
		const words = new Map<number, string[]>();
		for (const s of syllables) {
			if (s.language !== 'en') continue;
			const phones = s.reading.replace(/[012]/g, '').split(' ');
			words.set(s.wordIndex, [...(words.get(s.wordIndex) ?? []), ...phones]);
		}
		for (const phones of words.values()) {
			phones.forEach((p, i) => {
				units.add(`phoneme:${p}`);
				if (i > 0) units.add(`diphone:${phones[i - 1]}-${p}`);
			});
		}
		return units;
	}
	const parse = language === 'yue' ? parseJyutping : parsePinyin;
	for (const s of syllables) {
		if (s.language !== language) continue;
		const p = parse(s.reading);
		units.add(`initial:${p.initial || '∅'}`);
		units.add(`final:${p.final}`);
	}
	return units;
}

function estimateSeconds(syllableCount: number, lines: number, language: Language): number {
	return syllableCount * SECONDS_PER_SYLLABLE[language] + Math.max(0, lines - 1) * SECONDS_PER_LINE_BREAK;
}

/** Coverage of `units` against the language's inventory, per kind. */
export function coverageOf(units: Set<string>, language: Language): CoverageFigure[] {
	return Object.entries(inventoryUnits(language)).map(([kind, names]) => {
		const missing = names.filter((n) => !units.has(`${kind}:${n}`));
		return { kind, covered: names.length - missing.length, total: names.length, missing };
	});
}

/** Greedy choice of lines from `pool`, kept in pool order. */
export function selectPrompt(pool: readonly string[], language: Language, options: PromptSelectionOptions = {}): SelectedPrompt {
	const targetSeconds = options.targetSeconds ?? 32;
	const maxSeconds = options.maxSeconds ?? 35;
	const candidates = pool.map((line, index) => {
		const syllables = readLyrics(line, language);
		return { line, index, syllables: syllables.length, units: unitsOf(syllables, language) };
	});
	// Units few lines hold weigh more: take their lines while there is still time for them.
	const linesWith = new Map<string, number>();
	for (const c of candidates) for (const u of c.units) linesWith.set(u, (linesWith.get(u) ?? 0) + 1);
	const weight = (unit: string) => (unit.startsWith('diphone:') ? DIPHONE_WEIGHT : 1) * (1 + 1 / linesWith.get(unit)!);
	const covered = new Set<string>();
	const chosen: typeof candidates = [];
	let syllables = 0;
	for (;;) {
		let best: (typeof candidates)[number] | null = null;
		let bestScore = -1;
		for (const c of candidates) {
			if (chosen.includes(c)) continue;
			const seconds = estimateSeconds(syllables + c.syllables, chosen.length + 1, language);
			if (seconds > maxSeconds) continue;
			let gain = 0;
			for (const u of c.units) if (!covered.has(u)) gain += weight(u);
			// Ties (and lines that add nothing new) go to the shorter line.
			const score = gain / (c.syllables * SECONDS_PER_SYLLABLE[language]) + 1e-6 / c.syllables;
			if (score > bestScore) {
				best = c;
				bestScore = score;
			}
		}
		if (!best) break;
		chosen.push(best);
		syllables += best.syllables;
		for (const u of best.units) covered.add(u);
		if (estimateSeconds(syllables, chosen.length, language) >= targetSeconds) break;
	}
	chosen.sort((a, b) => a.index - b.index);
	return {
		language,
		lines: chosen.map((c) => c.line),
		phrases: chosen.map((c) => phraseSyllables(c.line, language)),
		estimatedSeconds: estimateSeconds(syllables, chosen.length, language),
		coverage: coverageOf(covered, language)
	};
}

/** The TypeScript module holding the chosen prompts (data only, so the browser needs no dictionaries). */
export function renderReadingPrompts(prompts: SelectedPrompt[]): string {
	const body = prompts
		.map((p) => {
			const coverage = p.coverage.map((c) => `${c.kind}s ${c.covered}/${c.total}`).join(', ');
			const lines = p.lines.map((l) => `\t\t\t'${l.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`).join(',\n');
			const phrases = p.phrases.map((counts) => `[${counts.join(', ')}]`).join(', ');
			return `\t// About ${p.estimatedSeconds.toFixed(1)} s; covers ${coverage}.\n\t${p.language}: {\n\t\tlanguage: '${p.language}',\n\t\tlines: [\n${lines}\n\t\t],\n\t\tphrases: [${phrases}]\n\t}`;
		})
		.join(',\n');
	return `// Written by \`npm run prompts\` from prompt-pool.ts (prompt-selection.ts); do not edit by hand.
import type { Language } from '../take/types';
import type { ReadingPrompt } from './prompts';

export const SELECTED_READING_PROMPTS: Record<Language, ReadingPrompt> = {
${body}
};
`;
}
