/**
 * Who may do what in a class, route by route (built server, real worker and Redis): one row per
 * route (method, path, body) with the status each of five askers gets: the student who made the
 * work, a classmate, the class's teacher, the teacher of another class, and a request with no key.
 * A refusal is the same 404 as something that does not exist; a right asker with a bad body gets
 * the route's own 400, which shows the rights let it through without changing anything.
 *
 * Adding a route is one line in ROUTES. Paths name what the setup made: {class}, {otherClass},
 * {code}, {take}, {song}, {vocal}. A row marked `fresh` gets a new take (and song) for each asker
 * it expects to succeed, so a deletion does not take the shared ones from the rows after it.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analysedTake, askForSong, joinClass, startClass, teacherHeaders, waitForMix, type JoinedStudent, type StartedClass } from '../helpers/classroom';
import { HAS_ESPEAK } from '../helpers/espeak';
import { ownerHeaders } from '../helpers/owner';
import { uploadSongTake } from '../helpers/song-take';
import { startStack, type Stack } from '../helpers/stack';

const HAS_REDIS = spawnSync('redis-server', ['--version']).status === 0;

const ASKERS = ['student', 'classmate', 'teacher', 'other teacher', 'no key'] as const;
type Asker = (typeof ASKERS)[number];
/** Statuses in the order of ASKERS: [student who made it, classmate, teacher of the class, teacher of another class, no key]. */
type Expected = [number, number, number, number, number];
type Row = [method: string, path: string, body: unknown, expected: Expected, options?: { fresh?: 'take' | 'song' }];

const ROUTES: Row[] = [
	// The class routes.
	['POST', '/api/classes', { title: 'Another class' }, [201, 201, 201, 201, 201]],
	['GET', '/api/classes', undefined, [200, 200, 200, 200, 200]],
	['GET', '/api/classes/{class}', undefined, [200, 200, 200, 404, 404]],
	['PATCH', '/api/classes/{class}', { locked: false }, [404, 404, 200, 404, 404]],
	['PATCH', '/api/classes/{class}', { retentionDays: 0 }, [404, 404, 400, 404, 404]],
	['GET', '/api/classes/{otherClass}', undefined, [404, 404, 404, 200, 404]],
	['POST', '/api/classes/{class}/consent', undefined, [200, 200, 400, 404, 404]],
	['POST', '/api/classes/{class}/recording', undefined, [204, 204, 400, 404, 404]],
	['POST', '/api/classes/{class}/leave', undefined, [204, 204, 400, 404, 404]],
	['GET', '/api/classes/{class}/export', undefined, [404, 404, 200, 404, 404]],
	['GET', '/api/join/{code}', undefined, [200, 200, 200, 200, 200]],
	['GET', '/api/classes/{class}/events', undefined, [404, 404, 200, 404, 404]],
	['GET', '/api/classes/{class}/me', undefined, [200, 200, 400, 404, 404]],
	['PUT', '/api/classes/{class}/songs/{song}/feedback', { starred: true, comment: 'Lovely tune!' }, [404, 404, 200, 404, 404]],
	['PUT', '/api/classes/{otherClass}/songs/{song}/feedback', { starred: true, comment: 'Not my class' }, [404, 404, 404, 404, 404]],
	['PUT', '/api/classes/{class}/projector', { songId: null }, [404, 404, 200, 404, 404]],
	// The gallery: a song is heard by classmates only once the teacher shared it.
	['GET', '/api/classes/{class}/gallery', undefined, [200, 200, 200, 404, 404]],
	['GET', '/api/classes/{class}/gallery/{song}/audio', undefined, [404, 404, 404, 404, 404]],
	['PUT', '/api/classes/{class}/gallery/{song}', undefined, [404, 404, 204, 404, 404]],
	['GET', '/api/classes/{class}/gallery/{song}/audio', undefined, [200, 200, 200, 404, 404]],
	['DELETE', '/api/classes/{class}/gallery/{song}', undefined, [404, 404, 204, 404, 404]],
	['GET', '/api/classes/{class}/gallery/{song}/audio', undefined, [404, 404, 404, 404, 404]],
	// The student's take.
	['GET', '/api/takes/{take}', undefined, [200, 404, 200, 404, 404]],
	['GET', '/api/takes/{take}/audio', undefined, [200, 404, 200, 404, 404]],
	['GET', '/api/takes/{take}/notes.mid', undefined, [200, 404, 200, 404, 404]],
	['GET', '/api/takes/{take}/songs', undefined, [200, 404, 200, 404, 404]],
	['GET', '/api/takes/{take}/voice', undefined, [200, 404, 200, 404, 404]],
	['GET', '/api/takes/{take}/events', undefined, [200, 404, 200, 404, 404]],
	['PATCH', '/api/takes/{take}', { name: '' }, [400, 404, 404, 404, 404]],
	['POST', '/api/takes/{take}/songs', { style: 'polka' }, [400, 404, 404, 404, 404]],
	// The student's song and its vocal.
	['GET', '/api/songs/{song}', undefined, [200, 404, 200, 404, 404]],
	...(['wav16', 'wav24', 'mp3', 'midi', 'json', 'vocal', 'backing', 'musicxml'] as const).map((format): Row => ['GET', `/api/songs/{song}/export/${format}`, undefined, [200, 404, 200, 404, 404]]),
	['GET', '/api/songs/{song}/revisions', undefined, [200, 404, 200, 404, 404]],
	['GET', '/api/songs/{song}/revisions/1/export/mp3', undefined, [200, 404, 200, 404, 404]],
	['GET', '/api/songs/{song}/backing', undefined, [200, 404, 200, 404, 404]],
	['GET', '/api/songs/{song}/events', undefined, [200, 404, 200, 404, 404]],
	['GET', '/api/vocals/{vocal}', undefined, [200, 404, 200, 404, 404]],
	['GET', '/api/vocals/{vocal}/full', undefined, [200, 404, 200, 404, 404]],
	['GET', '/api/vocals/{vocal}/phrases/0', undefined, [200, 404, 200, 404, 404]],
	// No public share link in a class, not even for the student who made the song.
	['POST', '/api/songs/{song}/share', undefined, [404, 404, 404, 404, 404]],
	['DELETE', '/api/songs/{song}/share', undefined, [404, 404, 404, 404, 404]],
	['PATCH', '/api/songs/{song}', { name: '' }, [400, 404, 404, 404, 404]],
	['POST', '/api/songs/{song}/edits', {}, [400, 404, 404, 404, 404]],
	['PATCH', '/api/songs/{song}/revisions/1', { name: '' }, [400, 404, 404, 404, 404]],
	// Deletions last, each on work of its own.
	['DELETE', '/api/songs/{song}', undefined, [204, 404, 204, 404, 404], { fresh: 'song' }],
	['DELETE', '/api/takes/{take}/voice', undefined, [204, 404, 204, 404, 404], { fresh: 'take' }],
	['DELETE', '/api/takes/{take}', undefined, [204, 404, 204, 404, 404], { fresh: 'take' }],
	['DELETE', '/api/classes/{otherClass}', undefined, [404, 404, 404, 204, 404]]
];

describe.skipIf((!HAS_REDIS || !HAS_ESPEAK) && !process.env.CI)('who may do what in a class (built server, real worker and Redis)', () => {
	let stack: Stack;
	let cls: StartedClass;
	let otherClass: StartedClass;
	let student: JoinedStudent;
	let classmate: JoinedStudent;
	const ids: Record<string, string> = {};

	beforeAll(async () => {
		stack = await startStack();
		cls = await startClass(stack.baseUrl, { title: '4B music' });
		otherClass = await startClass(stack.baseUrl, { title: '4C music' });
		student = await joinClass(stack.baseUrl, cls, 'Mei');
		classmate = await joinClass(stack.baseUrl, cls, 'Ann');
		ids.take = await analysedTake(stack.baseUrl, student);
		ids.song = await askForSong(stack.baseUrl, student, ids.take);
		await waitForMix(stack.baseUrl, student, ids.song);
		const song = (await (await fetch(`${stack.baseUrl}/api/songs/${ids.song}`, { headers: ownerHeaders(student.key) })).json()) as { composed: { vocalId: string } };
		ids.vocal = song.composed.vocalId;
		ids.class = cls.id;
		ids.otherClass = otherClass.id;
		ids.code = cls.joinCode;
	}, 360_000);
	afterAll(async () => {
		await stack?.stop();
	});

	const headersOf = (asker: Asker): Record<string, string> =>
		({ student: ownerHeaders(student.key), classmate: ownerHeaders(classmate.key), teacher: teacherHeaders(cls.teacherKey), 'other teacher': teacherHeaders(otherClass.teacherKey), 'no key': {} })[asker];

	/** New work of the student's for a row that deletes it: a take (not waited on) or a song of the analysed take. */
	async function freshIds(kind: 'take' | 'song'): Promise<Record<string, string>> {
		if (kind === 'take') return { ...ids, take: await uploadSongTake(stack.baseUrl, 'en', ownerHeaders(student.key)) };
		return { ...ids, song: await askForSong(stack.baseUrl, student, ids.take) };
	}

	it.each(ROUTES.map((row, i) => [`${i + 1}. ${row[0]} ${row[1]}`, row] as const))('%s', async (_, [method, template, body, expected, options]) => {
		const got: Record<string, number> = {};
		// The refused askers first, on work an allowed asker has not deleted yet.
		const order = [...ASKERS].sort((a, b) => Number(expected[ASKERS.indexOf(a)] < 300) - Number(expected[ASKERS.indexOf(b)] < 300));
		const shared = options?.fresh ? await freshIds(options.fresh) : ids;
		for (const asker of order) {
			const allowed = expected[ASKERS.indexOf(asker)] < 300;
			const names = options?.fresh && allowed ? await freshIds(options.fresh) : shared;
			const path = template.replace(/\{(\w+)\}/g, (_, name: string) => names[name]);
			const response = await fetch(`${stack.baseUrl}${path}`, {
				method,
				headers: { ...headersOf(asker), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
				body: body === undefined ? undefined : JSON.stringify(body)
			});
			// An event stream stays open: its status is all the row needs.
			await response.body?.cancel();
			got[asker] = response.status;
		}
		expect(got).toEqual(Object.fromEntries(ASKERS.map((asker, i) => [asker, expected[i]])));
	}, 60_000);
});
