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
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { encodeWav } from '../../src/lib/audio/wav';
import type { SongStatus } from '../../src/lib/song/song-status-types';
import type { Language } from '../../src/lib/take/types';
import { HAS_ESPEAK } from '../helpers/espeak';
import { newOwnerKey, ownerHeaders } from '../helpers/owner';
import { REPO_ROOT } from '../helpers/paths';
import { humAndReadingTake } from '../helpers/song-take';
import { sseEvents } from '../helpers/sse';
import { startStack, type Stack } from '../helpers/stack';
import type { Benchmark } from './run';

const STUDENTS = 30;
const TAKE_SECONDS = 60;
const LANGUAGES: Language[] = ['yue', 'cmn', 'en'];
const RSS_SAMPLE_MS = 250;
const STUDENT_TIMEOUT_MS = 40 * 60_000;

interface StudentResult {
	/** Seconds from the start of the upload. */
	analysed?: number;
	firstPhrase?: number;
	mixed?: number;
	/** Wall-clock ms of the first phrase and of the mix. */
	firstPhraseAt?: number;
	mixedAt?: number;
	error?: string;
}

/** The nearest-rank percentile of `values` (0 < p ≤ 100). */
function percentile(values: number[], p: number): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Resident set of a process, MB (VmRSS counts all its threads: they share its memory). */
async function rssMb(pid: number | undefined): Promise<number> {
	if (!pid) return NaN;
	const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
	const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
	return kb ? Number(kb) / 1024 : NaN;
}

/** One 60 s take per language, made once: the students' takes are these at slightly different gains. */
function languageTakes(): Map<Language, { pcm: Float32Array; sampleRate: number; humEndSeconds: number }> {
	const takes = new Map<Language, { pcm: Float32Array; sampleRate: number; humEndSeconds: number }>();
	for (const language of LANGUAGES) {
		const take = humAndReadingTake(language);
		const pcm = new Float32Array(TAKE_SECONDS * take.sampleRate);
		pcm.set(take.pcm.subarray(0, pcm.length));
		takes.set(language, { ...take, pcm });
	}
	return takes;
}

/** Reads the song's event stream until its mix is done or it fails; marks the times of each milestone. */
async function followSong(baseUrl: string, songId: string, headers: Record<string, string>, started: number, result: StudentResult): Promise<void> {
	const controller = new AbortController();
	const timer = setTimeout(() => controller.abort(), STUDENT_TIMEOUT_MS);
	const since = () => (performance.now() - started) / 1000;
	try {
		const response = await fetch(`${baseUrl}/api/songs/${songId}/events`, { headers, signal: controller.signal });
		if (!response.ok) throw new Error(`events: HTTP ${response.status}`);
		for await (const { event, data } of sseEvents(response)) {
			if (event === 'failed') throw new Error(`the song failed: ${data}`);
			if (event !== 'status') continue;
			const status = JSON.parse(data) as SongStatus;
			if (result.analysed === undefined && status.stages.some((s) => s.stage === 'analyse' && s.done)) result.analysed = since();
			if (result.firstPhrase === undefined && status.phrases[0]?.ready) {
				result.firstPhrase = since();
				result.firstPhraseAt = Date.now();
			}
			if (status.composedRevision === status.revision && status.stages.every((s) => s.done)) {
				result.mixed = since();
				result.mixedAt = Date.now();
				return;
			}
		}
		throw new Error('the event stream closed before the mix was done');
	} finally {
		clearTimeout(timer);
		controller.abort();
	}
}

async function student(stack: Stack, index: number, take: { pcm: Float32Array; sampleRate: number; humEndSeconds: number }, language: Language): Promise<StudentResult> {
	const result: StudentResult = {};
	const headers = ownerHeaders(newOwnerKey());
	// A gain a little different per student: different bytes, so nothing is shared by content address.
	const gain = 1 - 0.004 * index;
	const pcm = take.pcm.map((v) => v * gain);
	const started = performance.now();
	let step = 'upload';
	try {
		const body = new FormData();
		body.set('audio', new Blob([encodeWav(pcm, take.sampleRate) as BlobPart]), `student-${index + 1}.wav`);
		body.set('language', language);
		body.set('source', 'recording');
		body.set('humEndSeconds', String(take.humEndSeconds));
		const upload = await fetch(`${stack.baseUrl}/api/takes`, { method: 'POST', body, headers });
		if (upload.status !== 201) throw new Error(`upload: HTTP ${upload.status} ${await upload.text()}`);
		const takeId = ((await upload.json()) as { take: { id: string } }).take.id;
		step = 'song request';
		const asked = await fetch(`${stack.baseUrl}/api/takes/${takeId}/songs`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ seed: index + 1 }) });
		if (asked.status !== 202) throw new Error(`song: HTTP ${asked.status} ${await asked.text()}`);
		const { songId } = (await asked.json()) as { songId: string };
		step = 'song events';
		await followSong(stack.baseUrl, songId, headers, started, result);
	} catch (e) {
		const cause = (e as Error & { cause?: { code?: string; message?: string } }).cause;
		result.error = `${step}: ${(e as Error).message}${cause ? ` (${cause.code ?? cause.message})` : ''}`;
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
