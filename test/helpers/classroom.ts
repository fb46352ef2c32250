/**
 * A class on a running stack, as a teacher and students make one through the API: the teacher
 * starts it (and gets a teacher key), students join with the code (each gets an owner key of
 * their own), agree to the notice, record and ask for a song.
 */
import { ownerHeaders } from './owner';
import { follow, mixed, waitForAnalysis } from './song-events';
import { uploadSongTake } from './song-take';

export const teacherHeaders = (key: string, headers: Record<string, string> = {}): Record<string, string> => ({ ...headers, 'x-teacher-key': key });

export interface StartedClass {
	id: string;
	joinCode: string;
	teacherKey: string;
}

export interface JoinedStudent {
	key: string;
	name: string;
}

async function expectStatus(response: Response, status: number, what: string): Promise<void> {
	if (response.status !== status) throw new Error(`${what} answered ${response.status}: ${await response.text()}`);
}

/** Starts a class with `settings`; pass `teacherKey` to start it with a key the teacher already holds. */
export async function startClass(baseUrl: string, settings: Record<string, unknown> = {}, teacherKey?: string): Promise<StartedClass> {
	const response = await fetch(`${baseUrl}/api/classes`, { method: 'POST', headers: { 'content-type': 'application/json', ...(teacherKey ? { 'x-teacher-key': teacherKey } : {}) }, body: JSON.stringify(settings) });
	await expectStatus(response, 201, 'starting a class');
	const { class: started } = (await response.json()) as { class: { id: string; joinCode: string } };
	return { id: started.id, joinCode: started.joinCode, teacherKey: teacherKey ?? response.headers.get('x-teacher-key')! };
}

/** Joins the class as `name` and agrees to its notice. */
export async function joinClass(baseUrl: string, cls: StartedClass, name: string, { consent = true } = {}): Promise<JoinedStudent> {
	const response = await fetch(`${baseUrl}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: cls.joinCode, name }) });
	await expectStatus(response, 201, `joining as ${name}`);
	const key = response.headers.get('x-owner-key')!;
	if (consent) await expectStatus(await fetch(`${baseUrl}/api/classes/${cls.id}/consent`, { method: 'POST', headers: ownerHeaders(key) }), 200, 'agreeing to the notice');
	return { key, name };
}

/** The student records a take (hum and reading) and waits for its analysis; returns the take's id. */
export async function analysedTake(baseUrl: string, student: JoinedStudent): Promise<string> {
	const takeId = await uploadSongTake(baseUrl, 'en', ownerHeaders(student.key));
	await waitForAnalysis(baseUrl, takeId, ownerHeaders(student.key));
	return takeId;
}

/** The student asks for a song from the take; returns its id (mixing goes on in the worker). */
export async function askForSong(baseUrl: string, student: JoinedStudent, takeId: string): Promise<string> {
	const response = await fetch(`${baseUrl}/api/takes/${takeId}/songs`, { method: 'POST', headers: ownerHeaders(student.key, { 'content-type': 'application/json' }), body: JSON.stringify({ style: 'lo-fi', seed: 5, lyrics: 'Sing a song with me' }) });
	await expectStatus(response, 202, 'asking for a song');
	return ((await response.json()) as { songId: string }).songId;
}

/** Waits until the song's first revision is mixed (its event stream says every stage is done); throws if it fails. */
export async function waitForMix(baseUrl: string, student: JoinedStudent, songId: string, timeoutMs = 240_000): Promise<void> {
	await follow(baseUrl, songId, mixed(1), {}, timeoutMs, ownerHeaders(student.key));
}
