/**
 * The take's time limit fits a slow reader of every prompt: the studio's three prompts and every
 * sentence of the pool they are chosen from, measured against the real readers in ../shared/data
 * (VCTK, Common Voice yue and cmn) read a quarter slower than they did.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { PROMPT_POOL } from '../../../src/lib/lyrics/prompt-pool';
import { READING_PROMPTS } from '../../../src/lib/lyrics/prompts';
import { phraseSyllables } from '../../../src/lib/lyrics/reading-phrases';
import { MAX_TAKE_SECONDS } from '../../../src/lib/server/take-inspection';
import { SLOW_SYLLABLES_PER_SECOND, slowReadingSeconds, takeSecondsLimit } from '../../../src/lib/take/reading-time';
import { LANGUAGES } from '../../../src/lib/take/types';
import { HAS_READINGS, loadReadings, type Reading } from '../../helpers/real-readings';

const HUM_MAX_SECONDS = 25;
const syllablesOf = (phrases: number[][]) => phrases.flat().reduce((a, b) => a + b, 0);

describe('take time limit', () => {
	it('is the hum limit plus a slow reading of the prompt (2 syllables/s, 1.5 s between lines, 3 s to start)', () => {
		expect(slowReadingSeconds([[10], [6, 4]])).toBeCloseTo(3 + 20 / 2 + 1.5);
		expect(takeSecondsLimit([[10], [6, 4]], 25)).toBe(Math.ceil(25 + 14.5));
		expect(() => takeSecondsLimit([[1]], 0)).toThrow(RangeError);
	});

	it('lets every studio prompt be read slowly, and stays within what the server accepts', () => {
		for (const language of LANGUAGES) {
			const prompt = READING_PROMPTS[language];
			const limit = takeSecondsLimit(prompt.phrases, HUM_MAX_SECONDS);
			console.log(`${language}: ${syllablesOf(prompt.phrases)} syllables in ${prompt.lines.length} lines → take limit ${limit} s (was 60 s)`);
			// The old limit (60 s) left 35 s to read: under 2 syllables a second would not fit.
			expect(limit).toBeGreaterThan(60);
			expect(limit).toBeLessThanOrEqual(MAX_TAKE_SECONDS);
			expect(prompt.phrases).toEqual(prompt.lines.map((line) => phraseSyllables(line, language)));
		}
	});
});

describe.skipIf(!HAS_READINGS)('take time limit against real readers (skipped without ../shared/data)', () => {
	let readings: Reading[] = [];
	beforeAll(async () => {
		readings = await loadReadings();
	}, 60_000);

	it('is slower than every real line of five syllables or more', () => {
		const rates = readings.flatMap((r) =>
			r.lines
				.map((line, i) => ({ syllables: syllablesOf([phraseSyllables(line, r.language)]), seconds: r.lineTimes[i][1] - r.lineTimes[i][0], name: `${r.name} line ${i + 1}` }))
				.filter((l) => l.syllables >= 5)
				.map((l) => ({ ...l, rate: l.syllables / l.seconds }))
		);
		const slowest = rates.reduce((a, b) => (a.rate < b.rate ? a : b));
		console.log(`slowest real line: ${slowest.name}, ${slowest.rate.toFixed(2)} syllables/s (limit assumes ${SLOW_SYLLABLES_PER_SECOND})`);
		expect(SLOW_SYLLABLES_PER_SECOND).toBeLessThan(slowest.rate);
	});

	it('fits each real reader, a quarter slower, reading every prompt and every pool sentence', () => {
		let tightest = { margin: Infinity, what: '' };
		for (const r of readings) {
			// The reader's pace over the whole reading, their pauses between lines included.
			const seconds = r.lineTimes[r.lineTimes.length - 1][1] - r.lineTimes[0][0];
			const secondsPerSyllable = (1.25 * seconds) / syllablesOf(r.lines.map((l) => phraseSyllables(l, r.language)));
			for (const language of LANGUAGES) {
				const prompts = [READING_PROMPTS[language].phrases, ...PROMPT_POOL[language].map((line) => [phraseSyllables(line, language)])];
				for (const phrases of prompts) {
					const needed = 3 + syllablesOf(phrases) * secondsPerSyllable;
					const margin = slowReadingSeconds(phrases) - needed;
					if (margin < tightest.margin) tightest = { margin, what: `${r.name} reading a ${language} prompt of ${syllablesOf(phrases)} syllables` };
					expect(margin, `${r.name}, ${language}`).toBeGreaterThanOrEqual(0);
				}
			}
		}
		console.log(`tightest fit: ${tightest.what}, ${tightest.margin.toFixed(1)} s to spare`);
	}, 60_000);
});
