/** What a class's state lets its students do: record only after consent, nothing new once it ended (storage only; the routes are in the permission matrix). */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertClassOpen, assertMayRecord, undoIfClassEnded } from '../../../src/lib/server/class-access';
import { createClass, joinClass, saveClass, saveStudent } from '../../../src/lib/server/classes';
import { FileStore } from '../../../src/lib/server/storage';

describe('class-access', () => {
	let dir: string;
	let store: FileStore;
	beforeEach(async () => {
		dir = await mkdtemp(path.join(os.tmpdir(), 'h2s-class-access-'));
		store = new FileStore(dir);
	});
	afterEach(() => rm(dir, { recursive: true, force: true }));

	const STUDENT = 'b'.repeat(64);
	const refusal = (p: Promise<unknown>) => p.then(
		() => null,
		(e: { code: string; httpStatus: number }) => `${e.httpStatus} ${e.code}`
	);

	it('lets an owner outside any class do everything, as before', async () => {
		expect(await assertClassOpen(store, 'c'.repeat(64))).toBeNull();
		expect(await assertMayRecord(store, 'c'.repeat(64))).toBeNull();
		expect(await assertClassOpen(store, null)).toBeNull();
	});

	it('asks a student for consent before recording, and refuses everything new once the class ended', async () => {
		const cls = await createClass(store, 'a'.repeat(64), {});
		const student = await joinClass(store, cls, 'Mei', STUDENT);
		expect(await refusal(assertMayRecord(store, STUDENT))).toBe('403 consent_required');
		expect((await assertClassOpen(store, STUDENT))?.student.id).toBe(student.id);
		await saveStudent(store, { ...student, consentAt: new Date().toISOString() });
		expect((await assertMayRecord(store, STUDENT))?.id).toBe(student.id);

		await saveClass(store, { ...cls, endedAt: new Date().toISOString() });
		expect(await refusal(assertMayRecord(store, STUDENT))).toBe('410 class_ended');
		expect(await refusal(assertClassOpen(store, STUDENT))).toBe('410 class_ended');
	});

	it('undoes what was stored for a student of a class that ended meanwhile, and only then', async () => {
		const cls = await createClass(store, 'a'.repeat(64), {});
		const student = await joinClass(store, cls, 'Mei', STUDENT);
		const undone: string[] = [];
		await undoIfClassEnded(store, student, async () => undone.push('live'));
		await undoIfClassEnded(store, null, async () => undone.push('no class'));
		expect(undone).toEqual([]);
		await saveClass(store, { ...cls, endedAt: new Date().toISOString() });
		expect(await refusal(undoIfClassEnded(store, student, async () => undone.push('ended')))).toBe('410 class_ended');
		await rm(path.join(dir, 'classes'), { recursive: true });
		expect(await refusal(undoIfClassEnded(store, student, async () => undone.push('gone')))).toBe('410 class_ended');
		expect(undone).toEqual(['ended', 'gone']);
	});
});
