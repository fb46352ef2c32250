/**
 * Reading prompts: chosen from the pool by greedy coverage, about 30–35 s each, covering the
 * language's initials and finals (or phonemes and common diphones), and the committed module in
 * step with the pool.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROMPT_POOL } from '../../../src/lib/lyrics/prompt-pool';
import { renderReadingPrompts, selectPrompt } from '../../../src/lib/lyrics/prompt-selection';
import { READING_PROMPTS } from '../../../src/lib/lyrics/prompts';
import { LANGUAGES } from '../../../src/lib/take/types';

const prompts = LANGUAGES.map((language) => selectPrompt(PROMPT_POOL[language], language));
const figure = (language: string, kind: string) => prompts.find((p) => p.language === language)!.coverage.find((c) => c.kind === kind)!;

describe('reading prompts', () => {
	it('last about 30–35 s in every language', () => {
		for (const p of prompts) {
			console.log(`${p.language}: ${p.lines.length} lines, ${p.estimatedSeconds.toFixed(1)} s; ${p.coverage.map((c) => `${c.kind}s ${c.covered}/${c.total}`).join(', ')}`);
			expect(p.estimatedSeconds).toBeGreaterThanOrEqual(30);
			expect(p.estimatedSeconds).toBeLessThanOrEqual(35);
		}
	});

	it('cover every initial, nearly all finals, every English phoneme and most common diphones', () => {
		expect(figure('yue', 'initial').missing).toEqual([]);
		expect(figure('cmn', 'initial').missing).toEqual([]);
		expect(figure('en', 'phoneme').missing).toEqual([]);
		// Cantonese finals left out are colloquial or rare (eu, em, ep, et, om, op, oet, …).
		expect(figure('yue', 'final').covered).toBeGreaterThanOrEqual(45);
		expect(figure('cmn', 'final').missing).toEqual(['ê']);
		expect(figure('en', 'diphone').covered).toBeGreaterThanOrEqual(80);
	});

	it('cover more per second than the pool read in order', () => {
		for (const language of LANGUAGES) {
			const inOrder = selectPrompt(PROMPT_POOL[language].slice(0, prompts.find((p) => p.language === language)!.lines.length), language, { targetSeconds: 1e9, maxSeconds: 1e9 });
			const chosen = prompts.find((p) => p.language === language)!;
			const total = (s: typeof chosen) => s.coverage.reduce((n, c) => n + c.covered, 0);
			expect(total(chosen)).toBeGreaterThan(total(inOrder));
		}
	});

	it('are what the recorder shows: reading-prompts.ts is up to date with the pool (npm run prompts)', () => {
		const onDisk = readFileSync(new URL('../../../src/lib/lyrics/reading-prompts.ts', import.meta.url), 'utf8');
		expect(onDisk).toBe(renderReadingPrompts(prompts));
		for (const p of prompts) expect(READING_PROMPTS[p.language].lines).toEqual(p.lines);
	});
});
