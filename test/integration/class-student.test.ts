/**
 * Classroom mode, the student's side, through the whole stack (built server, real worker and
 * Redis): joining with a code as people type it, refusals for a wrong code and a locked class, no
 * recording kept before consent, the student's own page (/me) with their stage and songs, the
 * class gallery's player (a classmate hears only what the teacher shared), a student of another
 * class who reaches nothing of this one, and no public share link for a class song.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWav } from '../../src/lib/audio';
import { setFeedback, shareToGallery } from '../../src/lib/server/classes';
import { FileStore } from '../../src/lib/server/storage';
import { makeHumMelody } from '../fixtures/hum-melody';
import { HAS_ESPEAK } from '../helpers/espeak';
import { follow, mixed } from '../helpers/song-events';
import { uploadSongTake } from '../helpers/song-take';
import { startStack, type Stack } from '../helpers/stack';

const HAS_REDIS = spawnSync('redis-server', ['--version']).status === 0;

interface Joined {
	key: string;
	classId: string;
	studentId: string;
	name: string;
}

describe.skipIf((!HAS_REDIS || !HAS_ESPEAK) && !process.env.CI)('classroom, the student’s side (built server, real worker and Redis)', () => {
	let stack: Stack;
	let store: FileStore;
	let teacherKey: string;
	let classId: string;
	let joinCode: string;
	let mei: Joined;
	let ken: Joined;
	/** A student of another class. */
	let outsider: Joined;
	let takeId: string;
	let songId: string;

	const url = (path: string) => `${stack.baseUrl}${path}`;
	const as = (key: string, headers: Record<string, string> = {}) => ({ ...headers, 'x-owner-key': key });
	const teacher = (headers: Record<string, string> = {}) => ({ ...headers, 'x-teacher-key': teacherKey });
	const jsonHeaders = { 'content-type': 'application/json' };

	async function startClass(title: string, key?: string): Promise<{ id: string; joinCode: string; key: string }> {
		const response = await fetch(url('/api/classes'), { method: 'POST', headers: { ...jsonHeaders, ...(key ? { 'x-teacher-key': key } : {}) }, body: JSON.stringify({ title }) });
		expect(response.status).toBe(201);
		const { class: c } = (await response.json()) as { class: { id: string; joinCode: string } };
		return { id: c.id, joinCode: c.joinCode, key: key ?? response.headers.get('x-teacher-key')! };
	}

	async function join(code: string, name: string): Promise<Response> {
		return fetch(url('/api/join'), { method: 'POST', headers: jsonHeaders, body: JSON.stringify({ code, name }) });
	}

	async function joined(response: Response): Promise<Joined> {
		expect(response.status).toBe(201);
		const body = (await response.json()) as { classId: string; student: { id: string; displayName: string } };
		return { key: response.headers.get('x-owner-key')!, classId: body.classId, studentId: body.student.id, name: body.student.displayName };
	}

	async function errorOf(response: Response): Promise<{ status: number; code: string }> {
		return { status: response.status, code: ((await response.json()) as { error: { code: string } }).error.code };
	}

	function humForm(): FormData {
		const hum = makeHumMelody({});
		const body = new FormData();
		body.set('audio', new Blob([encodeWav(hum.pcm, hum.sampleRate) as BlobPart]), 'take.wav');
		body.set('language', 'en');
		body.set('source', 'recording');
		return body;
	}

	beforeAll(async () => {
		stack = await startStack();
		store = new FileStore(stack.dataDir);
		const started = await startClass('4B music');
		({ id: classId, joinCode, key: teacherKey } = started);
		const other = await startClass('5C music');
		outsider = await joined(await join(other.joinCode, 'Outsider'));
	}, 90_000);
	afterAll(async () => {
		await stack?.stop();
	});

	it('joins with the code typed in lower case with a space or a dash; a wrong code is 404 join_code_unknown', async () => {
		mei = await joined(await join(` ${joinCode.slice(0, 3).toLowerCase()} ${joinCode.slice(3).toLowerCase()} `, 'Mei'));
		ken = await joined(await join(`${joinCode.slice(0, 3)}-${joinCode.slice(3).toLowerCase()}`, 'Ken'));
		expect(mei).toMatchObject({ classId, name: 'Mei' });
		expect(ken).toMatchObject({ classId, name: 'Ken' });
		expect(mei.key).toMatch(/^[A-Za-z0-9_-]{20,}$/);
		expect(mei.key).not.toBe(ken.key);
		const preview = await fetch(url(`/api/join/${joinCode.toLowerCase()}`));
		expect(await preview.json()).toEqual({ code: joinCode, title: '4B music', locked: false });

		const wrong = [...joinCode].map((c) => (c === 'A' ? 'C' : 'A')).join('');
		expect(await errorOf(await join(wrong, 'Mei'))).toEqual({ status: 404, code: 'join_code_unknown' });
		expect(await errorOf(await fetch(url(`/api/join/${wrong}`)))).toEqual({ status: 404, code: 'join_code_unknown' });
	});

	it('refuses a new student of a locked class with 403 class_locked, and says it is locked before the name is typed', async () => {
		const locked = await startClass('Locked class', teacherKey);
		const patched = await fetch(url(`/api/classes/${locked.id}`), { method: 'PATCH', headers: teacher(jsonHeaders), body: JSON.stringify({ locked: true }) });
		expect(patched.status).toBe(200);
		expect(((await (await fetch(url(`/api/join/${locked.joinCode}`))).json()) as { locked: boolean }).locked).toBe(true);
		expect(await errorOf(await join(locked.joinCode, 'Late'))).toEqual({ status: 403, code: 'class_locked' });
	});

	it('keeps nothing uploaded before the student agrees (403 consent_required); after agreeing the upload is 201 and /me shows the stage', async () => {
		const refused = await fetch(url('/api/takes'), { method: 'POST', headers: as(mei.key), body: humForm() });
		expect(await errorOf(refused)).toEqual({ status: 403, code: 'consent_required' });
		const library = (await (await fetch(url('/api/library'), { headers: as(mei.key) })).json()) as { takes: unknown[]; songs: unknown[] };
		expect(library.takes).toEqual([]);
		const before = (await (await fetch(url(`/api/classes/${classId}/me`), { headers: as(mei.key) })).json()) as { mayRecord: boolean; stage: { stage: string; takeId: string | null } };
		expect(before.mayRecord).toBe(false);
		expect(before.stage).toMatchObject({ stage: 'joined', takeId: null });

		for (const key of [mei.key, ken.key]) expect((await fetch(url(`/api/classes/${classId}/consent`), { method: 'POST', headers: as(key) })).status).toBe(200);
		expect((await fetch(url(`/api/classes/${classId}/recording`), { method: 'POST', headers: as(mei.key) })).status).toBe(204);
		const recording = (await (await fetch(url(`/api/classes/${classId}/me`), { headers: as(mei.key) })).json()) as { stage: { stage: string } };
		expect(recording.stage.stage).toBe('recording');

		takeId = await uploadSongTake(stack.baseUrl, 'en', as(mei.key));
		const asked = await fetch(url(`/api/takes/${takeId}/songs`), { method: 'POST', headers: as(mei.key, jsonHeaders), body: JSON.stringify({ language: 'en', style: 'pop-ballad', seed: 3 }) });
		expect(asked.status).toBe(202);
		songId = ((await asked.json()) as { songId: string }).songId;

		const me = await fetch(url(`/api/classes/${classId}/me`), { headers: as(mei.key) });
		expect(me.status).toBe(200);
		const view = (await me.json()) as { mayRecord: boolean; student: { displayName: string }; stage: { stage: string; takeId: string; songId: string }; songs: Array<Record<string, unknown>> };
		expect(view.mayRecord).toBe(true);
		expect(view.student.displayName).toBe('Mei');
		expect(['analysing', 'singing', 'mixing']).toContain(view.stage.stage);
		expect(view.stage).toMatchObject({ takeId, songId });
		expect(view.songs).toEqual([expect.objectContaining({ songId, takeId, feedback: null, inGallery: false })]);

		// The teacher's star and comment reach the student's page.
		await setFeedback(store, classId, songId, { starred: true, comment: 'Lovely tune!', updatedAt: new Date().toISOString() });
		const withFeedback = (await (await fetch(url(`/api/classes/${classId}/me`), { headers: as(mei.key) })).json()) as { songs: Array<{ feedback: { starred: boolean; comment: string } | null }> };
		expect(withFeedback.songs[0].feedback).toMatchObject({ starred: true, comment: 'Lovely tune!' });

		expect(await errorOf(await fetch(url(`/api/classes/${classId}/me`), { headers: teacher() }))).toEqual({ status: 400, code: 'not_a_student' });
	});

	it('gives a class song no public share link (404), says it is a class song, and lets the teacher open it', async () => {
		expect(await errorOf(await fetch(url(`/api/songs/${songId}/share`), { method: 'POST', headers: as(mei.key) }))).toEqual({ status: 404, code: 'song_not_found' });
		const own = (await (await fetch(url(`/api/songs/${songId}`), { headers: as(mei.key) })).json()) as { inClass: boolean; classId: string | null };
		expect(own).toMatchObject({ inClass: true, classId });
		const seenByTeacher = await fetch(url(`/api/songs/${songId}`), { headers: teacher() });
		expect(seenByTeacher.status).toBe(200);
		expect(await seenByTeacher.json()).toMatchObject({ inClass: true, classId: null });
	});

	it('answers a student of another class 404 class_not_found for everything of this class, and 404 for its songs', async () => {
		const paths: Array<[string, string]> = [
			['GET', `/api/classes/${classId}`],
			['GET', `/api/classes/${classId}/me`],
			['GET', `/api/classes/${classId}/gallery`],
			['GET', `/api/classes/${classId}/gallery/${songId}/audio`],
			['POST', `/api/classes/${classId}/consent`],
			['POST', `/api/classes/${classId}/recording`],
			['POST', `/api/classes/${classId}/leave`]
		];
		for (const [method, path] of paths) expect(await errorOf(await fetch(url(path), { method, headers: as(outsider.key) })), `${method} ${path}`).toEqual({ status: 404, code: 'class_not_found' });
		expect((await fetch(url(`/api/songs/${songId}`), { headers: as(outsider.key) })).status).toBe(404);
		expect((await fetch(url(`/api/takes/${takeId}`), { headers: as(outsider.key) })).status).toBe(404);
	});

	it('plays a classmate’s song in the gallery only once the teacher shared it: 404 before, 409 until mixed, then the MP3', async () => {
		const audio = () => fetch(url(`/api/classes/${classId}/gallery/${songId}/audio`), { headers: as(ken.key) });
		expect(await errorOf(await audio())).toEqual({ status: 404, code: 'song_not_in_gallery' });
		expect(await (await fetch(url(`/api/classes/${classId}/gallery`), { headers: as(ken.key) })).json()).toEqual([]);

		await shareToGallery(store, classId, { songId, studentId: mei.studentId, sharedAt: new Date().toISOString() });
		for (const headers of [as(ken.key), teacher()]) {
			const gallery = await fetch(url(`/api/classes/${classId}/gallery`), { headers });
			expect(await gallery.json()).toEqual([{ songId, studentName: 'Mei', sharedAt: expect.any(String), audioUrl: `/api/classes/${classId}/gallery/${songId}/audio` }]);
		}
		const early = await audio();
		if (early.status !== 200) expect(await errorOf(early)).toEqual({ status: 409, code: 'gallery_song_not_mixed' });
		expect(((await (await fetch(url(`/api/classes/${classId}/me`), { headers: as(mei.key) })).json()) as { songs: Array<{ inGallery: boolean }> }).songs[0].inGallery).toBe(true);

		await follow(stack.baseUrl, songId, mixed(1), {}, 240_000, as(mei.key));
		const played = await audio();
		expect(played.status).toBe(200);
		expect(played.headers.get('content-type')).toBe('audio/mpeg');
		const bytes = new Uint8Array(await played.arrayBuffer());
		// An MP3 starts with an ID3 tag or a frame sync.
		expect(new TextDecoder().decode(bytes.subarray(0, 3)) === 'ID3' || (bytes[0] === 0xff && (bytes[1] & 0xe0) === 0xe0)).toBe(true);
		expect(bytes.length).toBeGreaterThan(10_000);
		const mine = (await (await fetch(url(`/api/classes/${classId}/me`), { headers: as(mei.key) })).json()) as { stage: { stage: string } };
		expect(mine.stage.stage).toBe('ready');
	}, 300_000);

	it('lets a student leave the class on this device: the class then answers their key 404', async () => {
		const left = await fetch(url(`/api/classes/${classId}/leave`), { method: 'POST', headers: as(ken.key) });
		expect(left.status).toBe(204);
		// Leaving drops the cookie; the key itself still names the student (the teacher keeps their work).
		expect(left.headers.getSetCookie().some((c) => c.startsWith('h2s_owner=;'))).toBe(true);
	});
});
