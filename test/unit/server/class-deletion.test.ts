/**
 * Ending classes in storage (no takes here: the integration test ends classes with real work in
 * them): what an ending removes, and which classes the retention sweep ends.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { classByJoinCode, createClass, joinClass, saveClass, setFeedback, shareToGallery, studentOfOwner } from '../../../src/lib/server/classes';
import { endClass, endExpiredClasses, ENDING_GRACE_MS } from '../../../src/lib/server/class-deletion';
import { FileStore } from '../../../src/lib/server/storage';

const DAY_MS = 86_400_000;
const START = new Date('2026-12-01T09:00:00.000Z');

async function allPaths(root: string): Promise<string[]> {
	return (await readdir(root, { recursive: true })).map((p) => p.split(path.sep).join('/')).sort();
}

describe('ending classes', () => {
	let dir: string;
	let store: FileStore;
	beforeEach(async () => {
		dir = await mkdtemp(path.join(os.tmpdir(), 'h2s-class-end-'));
		store = new FileStore(dir);
	});
	afterEach(() => rm(dir, { recursive: true, force: true }));

	it('removes the class, its students, gallery, feedback, join code and the ways in, and the teacher’s folder with their last class', async () => {
		const cls = await createClass(store, 'a'.repeat(64), { title: '4B' }, START);
		const other = await createClass(store, 'a'.repeat(64), { title: '4C' }, START);
		const mei = await joinClass(store, cls, 'Mei', 'b'.repeat(64), START);
		await shareToGallery(store, cls.id, { songId: 'song1', studentId: mei.id, sharedAt: START.toISOString() });
		await setFeedback(store, cls.id, 'song1', { starred: true, comment: 'Nice', updatedAt: START.toISOString() });
		const kept = await allPaths(dir);

		await endClass(store, cls, START);
		const left = await allPaths(dir);
		expect(left.filter((p) => p.includes(cls.id) || p.includes('b'.repeat(64)) || p.includes(cls.joinCode))).toEqual([]);
		expect(await classByJoinCode(store, cls.joinCode)).toBeNull();
		expect(await studentOfOwner(store, mei.ownerHash)).toBeNull();
		// The teacher's other class is untouched.
		expect(left.filter((p) => p.includes(other.id) || p.includes(other.joinCode))).toEqual(kept.filter((p) => p.includes(other.id) || p.includes(other.joinCode)));
		expect(left).toContain(`teachers/${'a'.repeat(64)}/classes/${other.id}`);

		await endClass(store, other, START);
		expect((await allPaths(dir)).filter((p) => p.includes('a'.repeat(64)))).toEqual([]);
	});

	it('sweeps the classes whose retention period is over and the endings a crash left, not the ones still running or being ended now', async () => {
		const expired = await createClass(store, 'a'.repeat(64), { retentionDays: 1 }, START);
		const within = await createClass(store, 'a'.repeat(64), { retentionDays: 30 }, START);
		const now = new Date(START.getTime() + 2 * DAY_MS);
		const beingEnded = await createClass(store, 'c'.repeat(64), {}, START);
		await saveClass(store, { ...beingEnded, endedAt: new Date(now.getTime() - ENDING_GRACE_MS / 2).toISOString() });
		const leftByACrash = await createClass(store, 'c'.repeat(64), {}, START);
		await saveClass(store, { ...leftByACrash, endedAt: new Date(now.getTime() - ENDING_GRACE_MS).toISOString() });

		const heard: string[] = [];
		const ended = await endExpiredClasses(store, now, (record, reason) => heard.push(`${record.id} ${reason}`));
		expect(ended.sort()).toEqual([expired.id, leftByACrash.id].sort());
		expect(heard.sort()).toEqual([`${expired.id} expired`, `${leftByACrash.id} unfinished`].sort());
		expect((await store.list('classes')).sort()).toEqual([within.id, beingEnded.id].sort());
		// The day it expires, to the millisecond (the ending left half done is over its grace by then: it goes too).
		expect(await endExpiredClasses(store, new Date(START.getTime() + 30 * DAY_MS - 1))).toEqual([beingEnded.id]);
		expect(await endExpiredClasses(store, new Date(START.getTime() + 30 * DAY_MS))).toEqual([within.id]);
	});
});
