/**
 * `npm run bench -- classroom`: a class on the real stack (Redis, the worker, the built web server;
 * test/helpers/stack.ts), as a teacher and students use it: the teacher starts a class
 * (POST /api/classes), every student joins with the code and a name (POST /api/join) and agrees to
 * the notice, then each says they are recording and uploads a 60 s take (hum + reading), spread
 * evenly over the first CLASSROOM_SPREAD_SECONDS (default 60; 0: all at once), and asks for a song
 * as soon as the upload is accepted. Figures per student, from the upload's response: its first
 * sung phrase and its mastered mix (p50, p95; goal: first phrase p95 ≤ 120 s). Then the same class
 * with a second worker process (both serving every queue). When the teacher's dashboard stream
 * (GET /api/classes/<id>/events) exists, also how late it tells each change (analysed, first
 * phrase, mixed) after the student's own song stream saw it. CLASSROOM_STUDENTS (default 30) sets
 * the class size. Needs espeak-ng, redis-server and `npm run build`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { HAS_ESPEAK } from '../helpers/espeak';
import { REPO_ROOT } from '../helpers/paths';
import { sseEvents } from '../helpers/sse';
import { startStack, startWorker, type Stack } from '../helpers/stack';
import type { Benchmark, Figure } from './run';
import { describeFailure, followSong, LANGUAGES, languageTakes, percentile, studentTakeBody, TAKE_SECONDS, uploadAndAskForSong, type StudentResult, type Take } from './students';
import type { Language } from '../../src/lib/take/types';

const FIRST_PHRASE_GOAL_P95_SECONDS = 120;

function envNumber(name: string, fallback: number, min: number): number {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isFinite(value) || value < min) throw new RangeError(`${name} must be a number ≥ ${min}, got ${JSON.stringify(raw)}`);
	return value;
}

interface ClassStarted {
	classId: string;
	joinCode: string;
	teacherHeaders: Record<string, string>;
}

interface Student {
	index: number;
	id: string;
	headers: Record<string, string>;
}

/** What the teacher's dashboard said about a student, and when it arrived (wall-clock ms). */
interface DashboardArrival {
	stage: string;
	firstPhraseReady: boolean;
	atMs: number;
}

async function startClass(baseUrl: string): Promise<ClassStarted> {
	const response = await fetch(`${baseUrl}/api/classes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Benchmark class' }) });
	if (response.status !== 201) throw new Error(`class: HTTP ${response.status} ${await response.text()}`);
	const teacherKey = response.headers.get('x-teacher-key');
	const body = (await response.json()) as { class: { id: string; joinCode: string } };
	if (!teacherKey) throw new Error('class: no teacher key in the answer');
	return { classId: body.class.id, joinCode: body.class.joinCode, teacherHeaders: { 'x-teacher-key': teacherKey } };
}

/** Joins with the code and a name, and agrees to the class's notice. */
async function joinClass(baseUrl: string, started: ClassStarted, index: number): Promise<Student> {
	const joined = await fetch(`${baseUrl}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: started.joinCode, name: `Student ${index + 1}` }) });
	if (joined.status !== 201) throw new Error(`join: HTTP ${joined.status} ${await joined.text()}`);
	const ownerKey = joined.headers.get('x-owner-key');
	if (!ownerKey) throw new Error('join: no owner key in the answer');
	const { student } = (await joined.json()) as { student: { id: string } };
	const headers = { 'x-owner-key': ownerKey };
	const consent = await fetch(`${baseUrl}/api/classes/${started.classId}/consent`, { method: 'POST', headers });
	if (consent.status !== 200) throw new Error(`consent: HTTP ${consent.status} ${await consent.text()}`);
	return { index, id: student.id, headers };
}

/** Says recording started, uploads at once, asks for the song and follows it; times from the upload's response. */
async function studentSong(baseUrl: string, classId: string, student: Student, take: Take, language: Language): Promise<StudentResult> {
	const result: StudentResult = {};
	let step = 'recording note';
	try {
		const note = await fetch(`${baseUrl}/api/classes/${classId}/recording`, { method: 'POST', headers: student.headers });
		if (note.status !== 204) throw new Error(`HTTP ${note.status} ${await note.text()}`);
		step = 'upload or song request';
		let uploadedAt = performance.now();
		const songId = await uploadAndAskForSong(baseUrl, student.headers, studentTakeBody(student.index, take, language), student.index + 1, () => (uploadedAt = performance.now()));
		step = 'song events';
		await followSong(baseUrl, songId, student.headers, uploadedAt, result);
	} catch (e) {
		result.error = describeFailure(step, e);
	}
	return result;
}

/** Follows the teacher's dashboard stream, if the studio has one (null on 404): every student event, by student id. */
async function followDashboard(baseUrl: string, started: ClassStarted, signal: AbortSignal): Promise<{ arrivals: Map<string, DashboardArrival[]>; ended: Promise<void> } | null> {
	const response = await fetch(`${baseUrl}/api/classes/${started.classId}/events`, { headers: started.teacherHeaders, signal });
	if (response.status === 404) return null;
	if (!response.ok) throw new Error(`dashboard: HTTP ${response.status} ${await response.text()}`);
	const arrivals = new Map<string, DashboardArrival[]>();
	const ended = (async () => {
		try {
			for await (const { event, data } of sseEvents(response)) {
				if (event !== 'student') continue;
				const { student, view } = JSON.parse(data) as { student: { id: string }; view: { stage: string; firstPhraseReady?: boolean } };
				const list = arrivals.get(student.id) ?? [];
				list.push({ stage: view.stage, firstPhraseReady: view.firstPhraseReady === true, atMs: Date.now() });
				arrivals.set(student.id, list);
			}
		} catch (e) {
			if (!signal.aborted) throw e;
		}
	})();
	return { arrivals, ended };
}

/** ms from each change the student's own stream saw to the dashboard's first event showing it; and how many changes it never showed. */
function dashboardLatencies(students: Student[], results: StudentResult[], arrivals: Map<string, DashboardArrival[]>): { latenciesMs: number[]; missed: number } {
	const AFTER_ANALYSIS = new Set(['singing', 'mixing', 'ready']);
	const changes: Array<[keyof StudentResult, (a: DashboardArrival) => boolean]> = [
		['analysedAt', (a) => AFTER_ANALYSIS.has(a.stage)],
		['firstPhraseAt', (a) => a.firstPhraseReady || a.stage === 'ready'],
		['mixedAt', (a) => a.stage === 'ready']
	];
	const latenciesMs: number[] = [];
	let missed = 0;
	students.forEach((student, i) => {
		for (const [key, shows] of changes) {
			const sawAt = results[i][key] as number | undefined;
			if (sawAt === undefined) continue;
			const arrival = (arrivals.get(student.id) ?? []).find(shows);
			if (arrival) latenciesMs.push(arrival.atMs - sawAt);
			else missed++;
		}
	});
	return { latenciesMs, missed };
}

async function runClass(stack: Stack, takes: Map<Language, Take>, count: number, spreadSeconds: number, print: (figure: Figure) => void, prefix: string): Promise<void> {
	const started = await startClass(stack.baseUrl);
	const students: Student[] = [];
	for (let i = 0; i < count; i++) students.push(await joinClass(stack.baseUrl, started, i));
	const dashboardControl = new AbortController();
	const dashboard = await followDashboard(stack.baseUrl, started, dashboardControl.signal);
	const classStarted = performance.now();
	const results = await Promise.all(
		students.map(async (student) => {
			// Evenly over the spread: the first at once, the last at its end.
			const offsetMs = count > 1 ? (spreadSeconds * 1000 * student.index) / (count - 1) : 0;
			await new Promise((r) => setTimeout(r, offsetMs));
			const language = LANGUAGES[student.index % LANGUAGES.length];
			return studentSong(stack.baseUrl, started.classId, student, takes.get(language)!, language);
		})
	);
	const wallSeconds = (performance.now() - classStarted) / 1000;
	// The dashboard may tell the last change a moment after the student's own stream did.
	await new Promise((r) => setTimeout(r, 3000));
	dashboardControl.abort();
	await dashboard?.ended;

	const note = `${count} students, ${TAKE_SECONDS} s takes uploaded ${spreadSeconds > 0 ? `evenly over ${spreadSeconds} s` : 'all at once'}, from each upload's response`;
	const firstPhrases = results.map((r) => r.firstPhrase).filter((v): v is number => v !== undefined);
	const mixes = results.map((r) => r.mixed).filter((v): v is number => v !== undefined);
	const p95 = percentile(firstPhrases, 95);
	print({ name: `${prefix}.first_phrase_p50`, value: percentile(firstPhrases, 50), unit: 's', note: `${note}; ${firstPhrases.length} measured` });
	print({ name: `${prefix}.first_phrase_p95`, value: p95, unit: 's', note: `goal ≤ ${FIRST_PHRASE_GOAL_P95_SECONDS} s: ${p95 <= FIRST_PHRASE_GOAL_P95_SECONDS ? 'met' : 'missed'}; max ${Math.max(...firstPhrases).toFixed(1)} s` });
	print({ name: `${prefix}.mix_p50`, value: percentile(mixes, 50), unit: 's', note: `${mixes.length} measured` });
	print({ name: `${prefix}.mix_p95`, value: percentile(mixes, 95), unit: 's', note: `max ${Math.max(...mixes).toFixed(1)} s` });
	const failures = results.filter((r) => r.error || r.mixed === undefined);
	print({ name: `${prefix}.failures`, value: failures.length, unit: 'count', note: failures.map((r) => r.error ?? 'no mix').slice(0, 3).join(' | ') || 'none' });
	print({ name: `${prefix}.wall`, value: wallSeconds, unit: 's', note: 'from the first upload to the last mix' });
	if (!dashboard) {
		print({ name: `${prefix}.dashboard_latency.skipped`, value: 1, unit: 'flag', note: 'GET /api/classes/<id>/events answered 404' });
		return;
	}
	const { latenciesMs, missed } = dashboardLatencies(students, results, dashboard.arrivals);
	const seconds = latenciesMs.map((ms) => ms / 1000);
	print({ name: `${prefix}.dashboard_latency_p50`, value: percentile(seconds, 50), unit: 's', note: `${seconds.length} changes (analysed, first phrase, mixed) from the student's own song stream to the teacher's dashboard` });
	print({ name: `${prefix}.dashboard_latency_max`, value: seconds.length ? Math.max(...seconds) : NaN, unit: 's', note: `${missed} change(s) the dashboard never told` });
}

export const classroomBenchmark: Benchmark = async (print) => {
	const hasRedis = spawnSync('redis-server', ['--version']).status === 0;
	if (!HAS_ESPEAK || !hasRedis || !existsSync(path.join(REPO_ROOT, 'build/index.js'))) {
		print({ name: 'classroom.skipped', value: 1, unit: 'flag', note: 'needs espeak-ng, redis-server and `npm run build`' });
		return;
	}
	const count = Math.round(envNumber('CLASSROOM_STUDENTS', 30, 1));
	const spreadSeconds = envNumber('CLASSROOM_SPREAD_SECONDS', 60, 0);
	const takes = languageTakes();
	for (const workers of [1, 2]) {
		const stack = await startStack();
		// A second worker on the same Redis, DATA_DIR and queue prefix, serving every queue too.
		const extra = workers === 2 ? await startWorker({ redisUrl: stack.redisUrl, dataDir: stack.dataDir, queuePrefix: stack.queuePrefix }) : null;
		try {
			await runClass(stack, takes, count, spreadSeconds, print, workers === 1 ? 'classroom' : 'classroom.two_workers');
		} finally {
			await extra?.stop();
			await stack.stop();
		}
	}
};
