/**
 * The end of a class through the whole stack (built server, real worker and Redis): the teacher
 * downloads everything (a zip with each student's mixed songs and a CSV), ends the class while a
 * take is still being analysed and a voice recording is still being learned, and then nothing of
 * the class is left in DATA_DIR, its join code opens nothing and its keys reach nothing. Then a
 * class nobody ended is ended by the worker's sweep once its retention period is over, and a class
 * still within it is not.
 */
import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWav } from '../../src/lib/audio/wav';
import type { ClassRecord } from '../../src/lib/classroom';
import { READING_PROMPTS } from '../../src/lib/lyrics/prompts';
import { secretHash } from '../../src/lib/server/owner-key';
import { analysedTake, askForSong, joinClass, startClass, teacherHeaders, waitForMix, type JoinedStudent, type StartedClass } from '../helpers/classroom';
import { filesOnly, filesUnder, pathsMentioning } from '../helpers/data-dir';
import { HAS_ESPEAK, renderEspeak } from '../helpers/espeak';
import { ownerHeaders } from '../helpers/owner';
import { pollUntil } from '../helpers/poll';
import { uploadSongTake } from '../helpers/song-take';
import { startStack, type Stack } from '../helpers/stack';

const HAS_REDIS = spawnSync('redis-server', ['--version']).status === 0;
const SWEEP_INTERVAL_MS = 500;

describe.skipIf((!HAS_REDIS || !HAS_ESPEAK) && !process.env.CI)('ending a class (built server, real worker and Redis)', () => {
	let stack: Stack;
	beforeAll(async () => {
		// A short sweep, as README "Configuration" documents it, so the retention test need not wait an hour.
		stack = await startStack({ extraEnv: { CLASS_SWEEP_INTERVAL_MS: String(SWEEP_INTERVAL_MS) } });
	}, 60_000);
	afterAll(async () => {
		await stack?.stop();
	});
	const api = (route: string, headers: Record<string, string> = {}, init: RequestInit = {}) => fetch(`${stack.baseUrl}/api${route}`, { ...init, headers });
	const workerSays = (pattern: RegExp, what: string, timeoutMs = 120_000) => pollUntil(what, async () => (pattern.test(stack.worker.output()) ? true : null), timeoutMs);

	it('downloads every student’s songs as a zip, then ends the class leaving nothing of it', async () => {
		const before = await filesOnly(stack.dataDir);
		const cls: StartedClass = await startClass(stack.baseUrl, { title: '4B 音樂: term 1' });
		const students: JoinedStudent[] = [await joinClass(stack.baseUrl, cls, 'Mei, "the singer"'), await joinClass(stack.baseUrl, cls, '陳小明'), await joinClass(stack.baseUrl, cls, 'Late Lee')];
		const [mei, chan, lee] = students;
		// Two songs at once, as in a classroom.
		const takes = await Promise.all([analysedTake(stack.baseUrl, mei), analysedTake(stack.baseUrl, chan)]);
		const songs = [await askForSong(stack.baseUrl, mei, takes[0]), await askForSong(stack.baseUrl, chan, takes[1])];
		await Promise.all([waitForMix(stack.baseUrl, mei, songs[0]), waitForMix(stack.baseUrl, chan, songs[1])]);

		const download = await api(`/classes/${cls.id}/export`, teacherHeaders(cls.teacherKey));
		expect(download.status).toBe(200);
		expect(download.headers.get('content-type')).toBe('application/zip');
		expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="class-4B ___ term 1-\d{4}-\d\d-\d\d\.zip"; filename\*=UTF-8''class-4B%20%E9%9F%B3%E6%A8%82_%20term%201-/);
		const zip = unzipSync(new Uint8Array(await download.arrayBuffer()));
		expect(Object.keys(zip).sort()).toEqual(['01-Mei, _the singer_/song-1-lyrics.txt', '01-Mei, _the singer_/song-1.mid', '01-Mei, _the singer_/song-1.mp3', '02-陳小明/song-1-lyrics.txt', '02-陳小明/song-1.mid', '02-陳小明/song-1.mp3', 'songs.csv']);
		for (const [i, folder] of ['01-Mei, _the singer_', '02-陳小明'].entries()) {
			const mp3 = new Uint8Array(await (await api(`/songs/${songs[i]}/export/mp3`, ownerHeaders(students[i].key))).arrayBuffer());
			expect(Buffer.from(zip[`${folder}/song-1.mp3`]).equals(Buffer.from(mp3)), `${folder} mp3`).toBe(true);
			expect(strFromU8(zip[`${folder}/song-1.mid`].slice(0, 4))).toBe('MThd');
			expect(strFromU8(zip[`${folder}/song-1-lyrics.txt`])).toMatch(/^Sing a song with me\n/);
		}
		const csv = strFromU8(zip['songs.csv']).split('\r\n');
		expect(csv[0]).toBe('student,joined at,consent at,song id,created at,stage,star,comment,files');
		expect(csv[1]).toMatch(new RegExp(`^"Mei, ""the singer""",[^,]+Z,[^,]+Z,${songs[0]},[^,]+Z,ready,false,,"01-Mei, _the singer_/song-1.mp3 `));
		expect(csv[2]).toMatch(new RegExp(`^陳小明,[^,]+Z,[^,]+Z,${songs[1]},[^,]+Z,ready,false,,02-陳小明/song-1.mp3 02-陳小明/song-1.mid 02-陳小明/song-1-lyrics.txt$`));
		expect(csv[3]).toMatch(/^Late Lee,[^,]+Z,[^,]+Z,,,no song,false,,$/);
		expect(await api(`/classes/${cls.id}/export`, ownerHeaders(mei.key)).then((r) => r.status)).toBe(404);

		// Work still going when the class ends: a take being analysed, a voice recording being learned.
		const lateTake = await uploadSongTake(stack.baseUrl, 'en', ownerHeaders(lee.key));
		const reading = READING_PROMPTS.en.lines.slice(0, 2).join(' ');
		const voice = new FormData();
		voice.set('audio', new Blob([encodeWav(renderEspeak(reading, { voice: 'en-us', speed: 150 }, 44_100), 44_100) as BlobPart]), 'voice.wav');
		voice.set('text', reading);
		const learning = await api(`/takes/${takes[1]}/voice`, ownerHeaders(chan.key), { method: 'POST', body: voice });
		expect(learning.status, await learning.clone().text()).toBe(202);
		const { sourceId } = (await learning.json()) as { sourceId: string };

		const ended = await api(`/classes/${cls.id}`, teacherHeaders(cls.teacherKey), { method: 'DELETE' });
		expect(ended.status).toBe(204);
		// The jobs finish (or give up) on their own: what they made after the deletion must not stay.
		await workerSays(new RegExp(`analyze-${lateTake} (completed|failed)`), 'the late take’s analysis to end');
		await workerSays(new RegExp(`voice-source-${sourceId} (completed|failed)`), 'the voice recording’s job to end');
		await new Promise((r) => setTimeout(r, 1000));

		const after = await filesOnly(stack.dataDir);
		const added = [...after.keys()].filter((name) => !before.has(name));
		expect(added, 'files left from the class').toEqual([]);
		const ids = [cls.id, cls.joinCode, secretHash(cls.teacherKey), ...students.map((s) => secretHash(s.key)), ...takes, lateTake, ...songs, sourceId];
		expect(pathsMentioning(await filesUnder(stack.dataDir), ids), 'files or folders naming the class, its students, takes or songs').toEqual([]);

		expect((await api(`/join/${cls.joinCode}`)).status).toBe(404);
		const rejoin = await api('/join', { 'content-type': 'application/json' }, { method: 'POST', body: JSON.stringify({ code: cls.joinCode, name: 'Mei' }) });
		expect(rejoin.status).toBe(404);
		for (const who of [...students.map((s) => ownerHeaders(s.key)), teacherHeaders(cls.teacherKey)]) {
			const reached = await Promise.all(
				[`/classes/${cls.id}`, `/classes/${cls.id}/export`, ...takes.map((t) => `/takes/${t}`), `/takes/${lateTake}`, ...songs.map((s) => `/songs/${s}`), ...songs.map((s) => `/songs/${s}/export/mp3`), `/takes/${takes[1]}/voice`].map(async (route) => [route, (await api(route, who)).status])
			);
			expect(reached.filter(([, status]) => status !== 404)).toEqual([]);
			const library = (await (await api('/library', who)).json()) as { takes: unknown[]; songs: unknown[] };
			expect([...library.takes, ...library.songs]).toEqual([]);
		}
		expect((await (await api('/classes', teacherHeaders(cls.teacherKey))).json()).classes).toEqual([]);
	}, 420_000);

	it('lets the worker end a class whose retention period is over, and keeps one still within it', async () => {
		const before = await filesOnly(stack.dataDir);
		const expiring = await startClass(stack.baseUrl, { title: 'Summer camp', retentionDays: 1 });
		const keeping = await startClass(stack.baseUrl, { title: 'Next term', retentionDays: 1 }, expiring.teacherKey);
		const student = await joinClass(stack.baseUrl, expiring, 'Mei');
		const takeId = await analysedTake(stack.baseUrl, student);
		const other = await joinClass(stack.baseUrl, keeping, 'Ann');
		await new Promise((r) => setTimeout(r, 2 * SWEEP_INTERVAL_MS));
		expect((await api(`/classes/${expiring.id}`, teacherHeaders(expiring.teacherKey))).status, 'not ended before its time').toBe(200);

		// Started two days ago (as if the studio had been off since): its day is over.
		const recordPath = path.join(stack.dataDir, 'classes', expiring.id, 'class.json');
		const record = JSON.parse(await readFile(recordPath, 'utf8')) as ClassRecord;
		await writeFile(recordPath, JSON.stringify({ ...record, createdAt: new Date(Date.now() - 2 * 86_400_000).toISOString() }));
		await workerSays(new RegExp(`\\[worker\\] ended class ${expiring.id} \\("Summer camp"`), 'the sweep to end the class', 30_000);

		const after = await filesOnly(stack.dataDir);
		const left = [...after.keys()].filter((name) => !before.has(name));
		// Only the class still within its retention period remains: its record, join code, student and the teacher's list.
		expect(pathsMentioning(new Map(left.map((name) => [name, after.get(name)!])), [expiring.id, expiring.joinCode, secretHash(student.key), takeId])).toEqual([]);
		expect(left.every((name) => name.includes(keeping.id) || name.includes(keeping.joinCode) || name.includes(secretHash(other.key))), left.join('\n')).toBe(true);
		expect((await api(`/classes/${expiring.id}`, teacherHeaders(expiring.teacherKey))).status).toBe(404);
		expect((await api(`/takes/${takeId}`, ownerHeaders(student.key))).status).toBe(404);
		expect((await api(`/join/${expiring.joinCode}`)).status).toBe(404);
		expect((await api(`/classes/${keeping.id}`, teacherHeaders(keeping.teacherKey))).status).toBe(200);
		expect((await api(`/classes/${keeping.id}`, ownerHeaders(other.key))).status).toBe(200);
		// The class the teacher ended (first test) was theirs to end: the sweep ended only this one.
		expect(stack.worker.output().match(/\[worker\] (finished ending|ended) class .*/g)).toEqual([expect.stringContaining(`ended class ${expiring.id} ("Summer camp", started `)]);
	}, 240_000);
});
