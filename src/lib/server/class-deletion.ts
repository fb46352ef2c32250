/**
 * Ending a class: everything recorded, learned and made in it is deleted, then the class itself.
 * Also what the retention sweep runs on classes nobody ended.
 *
 * Order, so a crash midway leaves a re-run able to finish: first the class is marked ended and its
 * join code removed (no join, upload or song request is accepted from then on), then each student's
 * takes and songs (deletion.ts cascades through voices, vocals, mixes and exports) and the
 * student's indexes, and the class's folder last: while it exists the class is listed, and ending
 * it again picks up where the crash stopped.
 */
import { classExpiresAtMs, type ClassRecord } from '../classroom';
import { forgetStudent, getClass, listStudents, saveClass } from './classes';
import { deleteSong, deleteTake } from './deletion';
import { classesFolder, classFolderKey, joinCodeKey, ownerFolderKey, teacherClassesFolder, teacherFolderKey } from './keys';
import { ownerSongIds, ownerTakeIds } from './library-index';
import type { BlobStore } from './storage';

export async function endClass(store: BlobStore, record: ClassRecord, now = new Date()): Promise<void> {
	if (!record.endedAt) await saveClass(store, { ...record, endedAt: now.toISOString(), locked: true });
	await store.delete(joinCodeKey(record.joinCode));
	for (const student of await listStudents(store, record.id)) {
		// Takes first: deleting one deletes its songs, voice sources and voices, and makes any job
		// still running for it discard what it finishes (liveness.ts). Then songs the index still
		// lists (a deletion a crash interrupted), then the student's indexes and link.
		for (const takeId of await ownerTakeIds(store, student.ownerHash)) await deleteTake(store, takeId, student.ownerHash);
		for (const songId of await ownerSongIds(store, student.ownerHash)) await deleteSong(store, songId, undefined, student.ownerHash);
		await store.deleteFolder(ownerFolderKey(student.ownerHash));
		await forgetStudent(store, student);
	}
	await store.delete(`${teacherClassesFolder(record.teacherHash)}/${record.id}`);
	// The teacher's folder goes with their last class (nothing else is kept under it).
	if ((await store.list(teacherClassesFolder(record.teacherHash))).length === 0) await store.deleteFolder(teacherFolderKey(record.teacherHash));
	await store.deleteFolder(classFolderKey(record.id));
}

/** A class marked ended less than this long ago is still being ended by the teacher's request; the sweep leaves it alone until then (ms). */
export const ENDING_GRACE_MS = 10 * 60_000;

export type ClassEndReason = 'expired' | 'unfinished';

/**
 * Ends every class whose retention period is over, and finishes an ending that a crash
 * interrupted (marked ended over ENDING_GRACE_MS ago); `onEnded` hears of each (the worker logs
 * it). Returns their ids.
 */
export async function endExpiredClasses(store: BlobStore, now = new Date(), onEnded: (record: ClassRecord, reason: ClassEndReason) => void = () => {}): Promise<string[]> {
	const ended: string[] = [];
	for (const classId of await store.list(classesFolder)) {
		const record = await getClass(store, classId);
		if (!record) continue;
		const reason: ClassEndReason | null = record.endedAt
			? Date.parse(record.endedAt) + ENDING_GRACE_MS <= now.getTime()
				? 'unfinished'
				: null
			: classExpiresAtMs(record.createdAt, record.retentionDays) <= now.getTime()
				? 'expired'
				: null;
		if (!reason) continue;
		await endClass(store, record, now);
		ended.push(classId);
		onEnded(record, reason);
	}
	return ended;
}
