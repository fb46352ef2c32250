/**
 * The class routes' gate: who may see or change a class. The teacher is the holder of the teacher
 * key whose hash the class keeps; a student is an owner key given on joining it; anyone else gets
 * the same 404 as a class that does not exist (a teacher of another class included).
 */
import { hasConsent, type ClassRecord, type StudentRecord } from '../classroom';
import { classNotFound, getClass, studentOfOwner } from './classes';
import { StudioError } from './errors';
import type { Actor } from './rights';
import type { BlobStore } from './storage';

export type ClassMembership = { role: 'teacher'; record: ClassRecord } | { role: 'student'; record: ClassRecord; student: StudentRecord };

/** The class as its teacher, or as one of its students when `students` allows them. */
export async function classFor(store: BlobStore, actor: Actor, classId: string, who: 'teacher' | 'member'): Promise<ClassMembership> {
	const record = await getClass(store, classId);
	if (!record || record.endedAt) throw classNotFound();
	if (actor.teacherHash && actor.teacherHash === record.teacherHash) return { role: 'teacher', record };
	if (who === 'member') {
		const student = await studentOfOwner(store, actor.ownerHash);
		if (student && student.classId === record.id) return { role: 'student', record, student };
	}
	throw classNotFound();
}

/** The class's teacher only. */
export async function classForTeacher(store: BlobStore, actor: Actor, classId: string): Promise<ClassRecord> {
	return (await classFor(store, actor, classId, 'teacher')).record;
}

export function consentRequired(): StudioError {
	return new StudioError('consent_required', 403, 'Before you record, read your class’s notice about your voice and agree to it (or ask your teacher to agree for the class). Nothing was recorded or kept.');
}

export function classEnded(): StudioError {
	return new StudioError('class_ended', 410, 'Your class has ended, and everything recorded in it was deleted. Nothing new can be recorded for it.');
}

/**
 * Before a recording is stored for an owner: a student of a class needs the class's consent and a
 * class that has not ended. Owners outside classes record as always. Returns the student, if any.
 */
export async function assertMayRecord(store: BlobStore, ownerHash: string | null): Promise<StudentRecord | null> {
	const open = await assertClassOpen(store, ownerHash);
	if (open && !hasConsent(open.record, open.student)) throw consentRequired();
	return open?.student ?? null;
}

/**
 * Before new work for an owner (a song asked for, an edit): a student's class must not have ended
 * (its ending is deleting their work at that moment). Owners outside classes go on as always.
 */
export async function assertClassOpen(store: BlobStore, ownerHash: string | null | undefined): Promise<{ record: ClassRecord; student: StudentRecord } | null> {
	const student = await studentOfOwner(store, ownerHash);
	if (!student) return null;
	const record = await getClass(store, student.classId);
	if (!record || record.endedAt) throw classEnded();
	return { record, student };
}

/**
 * After something was stored for a student (a take, a joining): when the class ended meanwhile, its
 * ending may have listed the student's work before this was indexed, so `undo` removes it here and
 * the student is told the class ended. Ending marks the class first, so one of the two always sees
 * the other.
 */
export async function undoIfClassEnded(store: BlobStore, student: Pick<StudentRecord, 'classId'> | null, undo: () => Promise<unknown>): Promise<void> {
	if (!student) return;
	const record = await getClass(store, student.classId);
	if (record && !record.endedAt) return;
	await undo();
	throw classEnded();
}
