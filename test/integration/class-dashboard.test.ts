/**
 * The teacher's dashboard through the whole stack (built server, real worker and Redis): the class's
 * event stream shows each student's stage as it changes (joined, recording within 1 s, analysing,
 * singing, the first phrase or the mix), the teacher's feedback, gallery and projector routes work
 * for the teacher of the class and answer 404 to anyone else, and a song of another class's student
 * is out of reach.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardChange, DashboardEntry, TeacherClassView } from '../../src/lib/classroom';
import { HAS_ESPEAK } from '../helpers/espeak';
import { uploadSongTake } from '../helpers/song-take';
import { sseEvents } from '../helpers/sse';
import { startStack, type Stack } from '../helpers/stack';

const HAS_REDIS = spawnSync('redis-server', ['--version']).status === 0;
const JSON_HEADERS = { 'content-type': 'application/json' };

interface Arrival {
	event: string;
	data: unknown;
	atMs: number;
}

/** A class's event stream read in the background; `until` waits for an event after the ones already looked at. */
class Stream {
	readonly arrivals: Arrival[] = [];
	private cursor = 0;
	private readonly controller = new AbortController();
	private ended: Promise<void> = Promise.resolve();

	static async open(baseUrl: string, classId: string, headers: Record<string, string>): Promise<Stream> {
		const stream = new Stream();
		const response = await fetch(`${baseUrl}/api/classes/${classId}/events`, { headers, signal: stream.controller.signal });
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
		stream.ended = (async () => {
			try {
				for await (const { event, data } of sseEvents(response)) stream.arrivals.push({ event, data: JSON.parse(data), atMs: Date.now() });
			} catch {
				// Aborted by close().
			}
		})();
		return stream;
	}

	async until<T>(what: string, event: string, holds: (data: T) => boolean, timeoutMs = 10_000): Promise<{ data: T; atMs: number }> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			while (this.cursor < this.arrivals.length) {
				const arrival = this.arrivals[this.cursor++];
				if (arrival.event === event && holds(arrival.data as T)) return { data: arrival.data as T, atMs: arrival.atMs };
			}
			if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; events: ${this.arrivals.map((a) => a.event).join(', ')}`);
			await new Promise((r) => setTimeout(r, 20));
		}
	}

	async close(): Promise<void> {
		this.controller.abort();
		await this.ended;
	}
}

describe.skipIf((!HAS_REDIS || !HAS_ESPEAK) && !process.env.CI)('the teacher’s dashboard (built server, real worker and Redis)', () => {
	let stack: Stack;
	let baseUrl: string;
	const teacherA: Record<string, string> = {};
	const teacherB: Record<string, string> = {};
	let classA: TeacherClassView;
	let classB: TeacherClassView;
	const students: Record<'mei' | 'ken' | 'other', { headers: Record<string, string>; id: string }> = {} as never;
	let stream: Stream;
	let meiSong: string;

	async function startClass(title: string, into: Record<string, string>): Promise<TeacherClassView> {
		const response = await fetch(`${baseUrl}/api/classes`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ title }) });
		expect(response.status).toBe(201);
		into['x-teacher-key'] = response.headers.get('x-teacher-key')!;
		return ((await response.json()) as { class: TeacherClassView }).class;
	}

	async function join(cls: TeacherClassView, name: string): Promise<{ headers: Record<string, string>; id: string }> {
		const joined = await fetch(`${baseUrl}/api/join`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ code: cls.joinCode.toLowerCase(), name }) });
		expect(joined.status).toBe(201);
		const headers = { 'x-owner-key': joined.headers.get('x-owner-key')! };
		const body = (await joined.json()) as { student: { id: string } };
		expect((await fetch(`${baseUrl}/api/classes/${cls.id}/consent`, { method: 'POST', headers })).status).toBe(200);
		return { headers, id: body.student.id };
	}

	beforeAll(async () => {
		stack = await startStack();
		baseUrl = stack.baseUrl;
		classA = await startClass('4B music', teacherA);
		classB = await startClass('4C music', teacherB);
		students.mei = await join(classA, 'Mei');
		students.ken = await join(classA, 'Ken');
		students.other = await join(classB, 'Ada');
	}, 60_000);
	afterAll(async () => {
		await stream?.close();
		await stack?.stop();
	});

	it('streams the class and every student on connect, then each stage change (recording within 1 s) through to the song', async () => {
		stream = await Stream.open(baseUrl, classA.id, teacherA);
		const { data: cls } = await stream.until<TeacherClassView>('the class', 'class', () => true);
		expect(cls).toMatchObject({ id: classA.id, title: '4B music', joinCode: classA.joinCode, projectorSongId: null });
		expect(cls).not.toHaveProperty('teacherHash');
		const { data: all } = await stream.until<DashboardEntry[]>('the students', 'students', () => true);
		expect(all.map((e) => [e.student.displayName, e.view.stage, e.feedback, e.inGallery])).toEqual([
			['Mei', 'joined', null, false],
			['Ken', 'joined', null, false]
		]);
		expect(all[0].student).toEqual({ id: students.mei.id, displayName: 'Mei', joinedAt: expect.any(String), consentAt: expect.any(String) });
		expect(all[0].student).not.toHaveProperty('ownerHash');

		// The student's page says recording started: the dashboard shows it within a second.
		const saidMs = Date.now();
		expect((await fetch(`${baseUrl}/api/classes/${classA.id}/recording`, { method: 'POST', headers: students.mei.headers })).status).toBe(204);
		const recording = await stream.until<DashboardChange>('Mei recording', 'student', (e) => e.student.id === students.mei.id && e.view.stage === 'recording', 5_000);
		expect(recording.atMs - saidMs).toBeLessThan(1_000);
		expect(recording.data.changedAtMs).toBeGreaterThanOrEqual(saidMs);
		expect(recording.data.changedAtMs).toBeLessThanOrEqual(recording.atMs);
		// Only the student who changed was sent.
		expect(stream.arrivals.filter((a) => a.event === 'student').every((a) => (a.data as DashboardChange).student.id === students.mei.id)).toBe(true);

		const takeId = await uploadSongTake(baseUrl, 'en', students.mei.headers);
		const analysing = await stream.until<DashboardChange>('Mei analysing', 'student', (e) => e.student.id === students.mei.id && e.view.stage === 'analysing');
		expect(analysing.data.view.takeId).toBe(takeId);
		const asked = await fetch(`${baseUrl}/api/takes/${takeId}/songs`, { method: 'POST', headers: { ...students.mei.headers, ...JSON_HEADERS }, body: JSON.stringify({ style: 'lo-fi', seed: 5 }) });
		expect(asked.status).toBe(202);
		meiSong = ((await asked.json()) as { songId: string }).songId;
		// The first phrase is sung (or the whole song mixed) with the stream following every step.
		const sung = await stream.until<DashboardChange>(
			'Mei’s first phrase',
			'student',
			(e) => e.student.id === students.mei.id && e.view.songId === meiSong && (e.view.firstPhraseReady || e.view.stage === 'ready'),
			150_000
		);
		expect(['singing', 'mixing', 'ready']).toContain(sung.data.view.stage);
		const stages = stream.arrivals.filter((a) => a.event === 'student' && (a.data as DashboardChange).student.id === students.mei.id).map((a) => (a.data as DashboardChange).view.stage);
		expect(stages[0]).toBe('recording');
		expect(stages.indexOf('analysing')).toBeGreaterThan(0);
		expect(['singing', 'mixing', 'ready']).toContain(stages.at(-1));
		expect(stream.arrivals.some((a) => a.event === 'student' && (a.data as DashboardChange).student.id === students.ken.id)).toBe(false);
	}, 180_000);

	it('answers the class’s stream only to its teacher: another class’s teacher, a student and no key get 404', async () => {
		for (const headers of [teacherB, students.mei.headers, {}]) {
			const response = await fetch(`${baseUrl}/api/classes/${classA.id}/events`, { headers });
			expect(response.status).toBe(404);
			expect(((await response.json()) as { error: { code: string } }).error.code).toBe('class_not_found');
		}
	});

	it('keeps the teacher’s star and comment, gallery and projector choice, each shown live on the stream; anyone else gets 404', async () => {
		const feedbackUrl = `${baseUrl}/api/classes/${classA.id}/songs/${meiSong}/feedback`;
		const galleryUrl = `${baseUrl}/api/classes/${classA.id}/gallery/${meiSong}`;
		const projectorUrl = `${baseUrl}/api/classes/${classA.id}/projector`;
		const feedback = JSON.stringify({ starred: true, comment: '  Lovely tune!  ' });
		const requests = [
			{ method: 'PUT', url: feedbackUrl, body: feedback },
			{ method: 'PUT', url: galleryUrl },
			{ method: 'DELETE', url: galleryUrl },
			{ method: 'PUT', url: projectorUrl, body: JSON.stringify({ songId: meiSong }) }
		];
		for (const request of requests) {
			for (const [who, headers] of [['another class’s teacher', teacherB], ['the student', students.mei.headers], ['another student', students.ken.headers], ['no key', {}]] as const) {
				const response = await fetch(request.url, { method: request.method, headers: { ...headers, ...JSON_HEADERS }, body: request.body });
				expect(response.status, `${who}: ${request.method} ${request.url}`).toBe(404);
			}
		}
		// Nothing the others asked for happened: a fresh stream starts from the class as it is.
		const fresh = await Stream.open(baseUrl, classA.id, teacherA);
		const { data: before } = await fresh.until<TeacherClassView>('the class', 'class', () => true);
		const { data: entries } = await fresh.until<DashboardEntry[]>('the students', 'students', () => true);
		await fresh.close();
		expect(before.projectorSongId).toBeNull();
		expect(entries.find((e) => e.view.songId === meiSong)).toMatchObject({ feedback: null, inGallery: false });

		const starred = await fetch(feedbackUrl, { method: 'PUT', headers: { ...teacherA, ...JSON_HEADERS }, body: feedback });
		expect(starred.status).toBe(200);
		expect(((await starred.json()) as { feedback: { starred: boolean; comment: string } }).feedback).toMatchObject({ starred: true, comment: 'Lovely tune!' });
		await stream.until<DashboardChange>('the star', 'student', (e) => e.view.songId === meiSong && e.feedback?.starred === true && e.feedback.comment === 'Lovely tune!');
		const tooLong = await fetch(feedbackUrl, { method: 'PUT', headers: { ...teacherA, ...JSON_HEADERS }, body: JSON.stringify({ starred: true, comment: 'x'.repeat(501) }) });
		expect(tooLong.status).toBe(400);
		expect(((await tooLong.json()) as { error: { code: string } }).error.code).toBe('bad_feedback');

		expect((await fetch(galleryUrl, { method: 'PUT', headers: teacherA })).status).toBe(204);
		await stream.until<DashboardChange>('shared to the gallery', 'student', (e) => e.view.songId === meiSong && e.inGallery);
		expect((await fetch(galleryUrl, { method: 'DELETE', headers: teacherA })).status).toBe(204);
		await stream.until<DashboardChange>('taken out of the gallery', 'student', (e) => e.view.songId === meiSong && !e.inGallery);

		const shown = await fetch(projectorUrl, { method: 'PUT', headers: { ...teacherA, ...JSON_HEADERS }, body: JSON.stringify({ songId: meiSong }) });
		expect(shown.status).toBe(200);
		await stream.until<TeacherClassView>('the projector showing the song', 'class', (c) => c.projectorSongId === meiSong);
		expect((await fetch(projectorUrl, { method: 'PUT', headers: { ...teacherA, ...JSON_HEADERS }, body: JSON.stringify({ songId: null }) })).status).toBe(200);
		await stream.until<TeacherClassView>('the projector back to the join code', 'class', (c) => c.projectorSongId === null);
		const bad = await fetch(projectorUrl, { method: 'PUT', headers: { ...teacherA, ...JSON_HEADERS }, body: JSON.stringify({ songId: 42 }) });
		expect(bad.status).toBe(400);
	});

	it('refuses the teacher a song that is not their students’: another class’s student’s, or none, is the 404 song_not_found', async () => {
		const takeId = await uploadSongTake(baseUrl, 'en', students.other.headers);
		const asked = await fetch(`${baseUrl}/api/takes/${takeId}/songs`, { method: 'POST', headers: { ...students.other.headers, ...JSON_HEADERS }, body: '{}' });
		expect(asked.status).toBe(202);
		const otherSong = ((await asked.json()) as { songId: string }).songId;
		for (const songId of [otherSong, 'f'.repeat(20)]) {
			const answers = [
				await fetch(`${baseUrl}/api/classes/${classA.id}/songs/${songId}/feedback`, { method: 'PUT', headers: { ...teacherA, ...JSON_HEADERS }, body: JSON.stringify({ starred: true, comment: '' }) }),
				await fetch(`${baseUrl}/api/classes/${classA.id}/gallery/${songId}`, { method: 'PUT', headers: teacherA }),
				await fetch(`${baseUrl}/api/classes/${classA.id}/gallery/${songId}`, { method: 'DELETE', headers: teacherA }),
				await fetch(`${baseUrl}/api/classes/${classA.id}/projector`, { method: 'PUT', headers: { ...teacherA, ...JSON_HEADERS }, body: JSON.stringify({ songId }) })
			];
			for (const answer of answers) {
				expect(answer.status).toBe(404);
				expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('song_not_found');
			}
		}
		// Its own teacher may.
		expect((await fetch(`${baseUrl}/api/classes/${classB.id}/gallery/${otherSong}`, { method: 'PUT', headers: teacherB })).status).toBe(204);
	}, 30_000);

	it('tells the stream the class ended, and closes it', async () => {
		expect((await fetch(`${baseUrl}/api/classes/${classA.id}`, { method: 'DELETE', headers: teacherA })).status).toBe(204);
		const { data } = await stream.until<{ code: string }>('the end', 'ended', () => true, 5_000);
		expect(data.code).toBe('class_not_found');
	}, 60_000);
});
