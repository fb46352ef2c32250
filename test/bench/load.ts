/**
 * A class at once: 30 simulated students each upload a 60 s take (hum + eSpeak NG reading, in
 * Cantonese, Mandarin or English, each student's a little louder or quieter so content addressing
 * does not share their work) and ask for a song, against the studio's real services (Redis, the
 * worker, the built web server; test/helpers/stack.ts). Each student follows their song's event
 * stream; the figures are seconds from their upload to the analysis, the first sung phrase and the
 * mastered mix (p50, p95), failures, peak RSS of the web server and the worker (VmRSS of their
 * /proc status every 250 ms, the worker's sandbox threads included), and how many students had
 * their first phrase before anyone's mix was done. Needs espeak-ng, redis-server and `npm run build`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { Language } from '../../src/lib/take/types';
import { HAS_ESPEAK } from '../helpers/espeak';
import { newOwnerKey, ownerHeaders } from '../helpers/owner';
import { REPO_ROOT } from '../helpers/paths';
import { startStack, type Stack } from '../helpers/stack';
import type { Benchmark } from './run';
import { describeFailure, followSong, LANGUAGES, languageTakes, percentile, rssMb, studentTakeBody, TAKE_SECONDS, uploadAndAskForSong, type StudentResult, type Take } from './students';

const STUDENTS = 30;
const RSS_SAMPLE_MS = 250;

async function student(stack: Stack, index: number, take: Take, language: Language): Promise<StudentResult> {
	const result: StudentResult = {};
	const headers = ownerHeaders(newOwnerKey());
	const body = studentTakeBody(index, take, language);
	const started = performance.now();
	let step = 'upload or song request';
	try {
		const songId = await uploadAndAskForSong(stack.baseUrl, headers, body, index + 1);
		step = 'song events';
		await followSong(stack.baseUrl, songId, headers, started, result);
	} catch (e) {
		result.error = describeFailure(step, e);
	}
	return result;
}

export const loadBenchmark: Benchmark = async (print) => {
	const hasRedis = spawnSync('redis-server', ['--version']).status === 0;
	if (!HAS_ESPEAK || !hasRedis || !existsSync(path.join(REPO_ROOT, 'build/index.js'))) {
		print({ name: 'load.skipped', value: 1, unit: 'flag', note: 'needs espeak-ng, redis-server and `npm run build`' });
		return;
	}
	const takes = languageTakes();
	const stack = await startStack();
	const peak = { web: 0, worker: 0 };
	const sample = async () => {
		peak.web = Math.max(peak.web, (await rssMb(stack.web.process.pid)) || 0);
		peak.worker = Math.max(peak.worker, (await rssMb(stack.worker.process.pid)) || 0);
	};
	await sample();
	const idle = { ...peak };
	const sampler = setInterval(() => void sample(), RSS_SAMPLE_MS);
	const started = performance.now();
	let results: StudentResult[];
	try {
		results = await Promise.all(
			Array.from({ length: STUDENTS }, (_, i) => {
				const language = LANGUAGES[i % LANGUAGES.length];
				return student(stack, i, takes.get(language)!, language);
			})
		);
	} finally {
		clearInterval(sampler);
		await sample();
		await stack.stop();
	}
	const wallSeconds = (performance.now() - started) / 1000;
	const failures = results.filter((r) => r.error || r.mixed === undefined);
	const of = (key: 'analysed' | 'firstPhrase' | 'mixed') => results.map((r) => r[key]).filter((v): v is number => v !== undefined);
	const note = `${STUDENTS} students, ${TAKE_SECONDS} s takes, from each upload`;
	for (const [figure, key] of [['analysed', 'analysed'], ['first_phrase', 'firstPhrase'], ['mixed', 'mixed']] as const) {
		const values = of(key);
		print({ name: `load.${figure}_p50`, value: percentile(values, 50), unit: 's', note: `${note}; ${values.length} measured` });
		print({ name: `load.${figure}_p95`, value: percentile(values, 95), unit: 's', note: `max ${Math.max(...values).toFixed(1)} s` });
	}
	print({ name: 'load.failures', value: failures.length, unit: 'count', note: failures.map((r) => r.error ?? 'no mix').slice(0, 3).join(' | ') || 'none' });
	print({ name: 'load.web_rss_peak', value: peak.web, unit: 'MB', note: `sampled every ${RSS_SAMPLE_MS} ms; ${idle.web.toFixed(0)} MB idle; target ≤ 500 MB` });
	print({ name: 'load.worker_rss_peak', value: peak.worker, unit: 'MB', note: `all its threads; ${idle.worker.toFixed(0)} MB idle` });
	const firstMixAt = Math.min(...results.map((r) => r.mixedAt ?? Infinity));
	const before = results.filter((r) => r.firstPhraseAt !== undefined && r.firstPhraseAt <= firstMixAt).length;
	print({ name: 'load.first_phrases_before_first_mix', value: before, unit: 'count', note: `of ${STUDENTS}: students whose first phrase was sung before anyone's mix was done` });
	print({ name: 'load.wall', value: wallSeconds, unit: 's', note: 'from the first upload to the last mix' });
};
