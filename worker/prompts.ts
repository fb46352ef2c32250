/**
 * `npm run prompts [-- --check]`: picks each language's reading prompt from the pool
 * (src/lib/lyrics/prompt-pool.ts) and writes src/lib/lyrics/reading-prompts.ts, printing the
 * coverage of each; with --check, exits 1 if the file on disk is stale.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { PROMPT_POOL } from '../src/lib/lyrics/prompt-pool';
import { renderReadingPrompts, selectPrompt } from '../src/lib/lyrics/prompt-selection';
import { LANGUAGES } from '../src/lib/take/types';

const target = fileURLToPath(new URL('../src/lib/lyrics/reading-prompts.ts', import.meta.url));
const prompts = LANGUAGES.map((language) => selectPrompt(PROMPT_POOL[language], language));
for (const p of prompts) {
	const figures = p.coverage.map((c) => `${c.kind}s ${c.covered}/${c.total}${c.missing.length && c.missing.length <= 12 ? ` (missing ${c.missing.join(' ')})` : ''}`);
	console.log(`${p.language}: ${p.lines.length} lines, about ${p.estimatedSeconds.toFixed(1)} s; ${figures.join('; ')}`);
}
const source = renderReadingPrompts(prompts);
if (process.argv.includes('--check')) {
	const current = await readFile(target, 'utf8').catch(() => '');
	if (current !== source) {
		console.error('src/lib/lyrics/reading-prompts.ts is stale: run npm run prompts');
		process.exit(1);
	}
} else {
	await writeFile(target, source);
	console.log(`wrote ${target}`);
}
