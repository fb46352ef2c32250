/**
 * Classes in storage (classroom mode): starting one, joining it with its code, the students, their
 * consent, the gallery the teacher curates and the teacher's feedback. Rights are checked by the
 * callers (class-access.ts); this file only reads and writes.
 *
 * A student is an owner key given on joining, so everything the student makes is theirs in the
 * usual way (rights.ts), and `students/<ownerHash>.json` says which class it belongs to.
 */
import { randomBytes, randomInt } from 'node:crypto';
import {
	DEFAULT_NOTICE,
	DEFAULT_RETENTION_DAYS,
	EMPTY_ASSIGNMENT,
	makeJoinCode,
	type ClassRecord,
	type ClassSettingsChange,
	type SongFeedback,
	type StudentRecord
} from '../classroom';
import { StudioError } from './errors';
import {
	classFeedbackKey,
	classGalleryFolder,
	classGalleryKey,
	classRecordKey,
	classStudentKey,
	classStudentsFolder,
	joinCodeKey,
	studentOfOwnerKey,
	teacherClassesFolder
} from './keys';
import { getJson, putJson, type BlobStore } from './storage';

const CLASS_ID = /^[a-f0-9]{20}$/;
const STUDENT_ID = /^[a-f0-9]{12}$/;

export const isClassId = (value: string) => CLASS_ID.test(value);
export const isStudentId = (value: string) => STUDENT_ID.test(value);

export function classNotFound(): StudioError {
	return new StudioError('class_not_found', 404, 'There is no such class here (it may have ended). Ask your teacher for the join code.');
}

export interface StudentLink {
	classId: string;
	studentId: string;
}

export interface GalleryEntry {
	songId: string;
	studentId: string;
	sharedAt: string;
}

/** Starts a class for the holder of `teacherHash`, with a fresh join code no live class uses. */
export async function createClass(store: BlobStore, teacherHash: string, settings: ClassSettingsChange, now = new Date()): Promise<ClassRecord> {
	const id = randomBytes(10).toString('hex');
	let joinCode = makeJoinCode(randomInt);
	for (let tries = 0; await store.has(joinCodeKey(joinCode)); tries++) {
		if (tries > 20) throw new StudioError('join_codes_exhausted', 503, 'The studio could not find a free join code; try again.');
		joinCode = makeJoinCode(randomInt);
	}
	const record: ClassRecord = {
		id,
		createdAt: now.toISOString(),
		title: settings.title ?? 'Class',
		teacherHash,
		joinCode,
		notice: settings.notice ?? DEFAULT_NOTICE,
		retentionDays: settings.retentionDays ?? DEFAULT_RETENTION_DAYS,
		consentBy: settings.consentBy ?? 'student',
		teacherConsentAt: settings.teacherConsent ? now.toISOString() : null,
		locked: settings.locked ?? false,
		assignment: settings.assignment ?? { ...EMPTY_ASSIGNMENT },
		projectorSongId: null
	};
	await putJson(store, classRecordKey(id), record);
	await putJson(store, joinCodeKey(joinCode), { classId: id });
	await store.put(`${teacherClassesFolder(teacherHash)}/${id}`, new Uint8Array(0));
	return record;
}

export async function getClass(store: BlobStore, classId: string): Promise<ClassRecord | null> {
	if (!isClassId(classId)) return null;
	return getJson<ClassRecord>(store, classRecordKey(classId));
}

/** The live class a (normalised) join code opens, or null. */
export async function classByJoinCode(store: BlobStore, code: string): Promise<ClassRecord | null> {
	const link = await getJson<{ classId: string }>(store, joinCodeKey(code));
	return link ? getClass(store, link.classId) : null;
}

/** The classes started with a teacher key, newest first. */
export async function teacherClasses(store: BlobStore, teacherHash: string): Promise<ClassRecord[]> {
	const classes = await Promise.all((await store.list(teacherClassesFolder(teacherHash))).map((id) => getClass(store, id)));
	return classes.filter((c): c is ClassRecord => c !== null).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** The class with a settings change applied (teacher consent given or withdrawn now). */
export function withSettings(record: ClassRecord, change: ClassSettingsChange, now = new Date()): ClassRecord {
	const { teacherConsent, ...rest } = change;
	const next: ClassRecord = { ...record, ...rest };
	if (teacherConsent !== undefined) next.teacherConsentAt = teacherConsent ? (record.teacherConsentAt ?? now.toISOString()) : null;
	return next;
}

export async function saveClass(store: BlobStore, record: ClassRecord): Promise<void> {
	await putJson(store, classRecordKey(record.id), record);
}

/**
 * Adds a student with a display name and the owner key hash they were given. A name already taken
 * in the class gets a number ("Mei (2)"), so the teacher can tell the two apart.
 */
export async function joinClass(store: BlobStore, record: ClassRecord, displayName: string, ownerHash: string, now = new Date()): Promise<StudentRecord> {
	if (record.locked) throw new StudioError('class_locked', 403, 'This class is locked: your teacher is not letting anyone else join right now. Ask them to unlock it.');
	const taken = new Set((await listStudents(store, record.id)).map((s) => s.displayName.toLowerCase()));
	let name = displayName;
	for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${displayName} (${n})`;
	const student: StudentRecord = { id: randomBytes(6).toString('hex'), classId: record.id, displayName: name, ownerHash, joinedAt: now.toISOString(), consentAt: null, recordingSinceMs: null };
	await saveStudent(store, student);
	await putJson(store, studentOfOwnerKey(ownerHash), { classId: record.id, studentId: student.id } satisfies StudentLink);
	return student;
}

export async function saveStudent(store: BlobStore, student: StudentRecord): Promise<void> {
	await putJson(store, classStudentKey(student.classId, student.id), student);
}

/** Removes a student's record and the link from their owner key (what they made is deleted by the caller). */
export async function forgetStudent(store: BlobStore, student: Pick<StudentRecord, 'classId' | 'id' | 'ownerHash'>): Promise<void> {
	await store.delete(studentOfOwnerKey(student.ownerHash));
	await store.delete(classStudentKey(student.classId, student.id));
}

export async function getStudent(store: BlobStore, classId: string, studentId: string): Promise<StudentRecord | null> {
	if (!isClassId(classId) || !isStudentId(studentId)) return null;
	return getJson<StudentRecord>(store, classStudentKey(classId, studentId));
}

/** The class student an owner key was given to, or null for an owner outside any class. */
export async function studentOfOwner(store: BlobStore, ownerHash: string | null | undefined): Promise<StudentRecord | null> {
	if (!ownerHash) return null;
	const link = await getJson<StudentLink>(store, studentOfOwnerKey(ownerHash));
	return link ? getStudent(store, link.classId, link.studentId) : null;
}

/** The hash of the teacher key of the class an owner is a student of; null outside a class. */
export async function classTeacherOf(store: BlobStore, ownerHash: string | null | undefined): Promise<string | null> {
	if (!ownerHash) return null;
	const link = await getJson<StudentLink>(store, studentOfOwnerKey(ownerHash));
	return link ? ((await getClass(store, link.classId))?.teacherHash ?? null) : null;
}

/** The class's students in the order they joined. */
export async function listStudents(store: BlobStore, classId: string): Promise<StudentRecord[]> {
	const names = (await store.list(classStudentsFolder(classId))).filter((n) => n.endsWith('.json'));
	const students = await Promise.all(names.map((n) => getJson<StudentRecord>(store, `${classStudentsFolder(classId)}/${n}`)));
	return students.filter((s): s is StudentRecord => s !== null).sort((a, b) => a.joinedAt.localeCompare(b.joinedAt) || a.id.localeCompare(b.id));
}

export async function shareToGallery(store: BlobStore, classId: string, entry: GalleryEntry): Promise<void> {
	await putJson(store, classGalleryKey(classId, entry.songId), entry);
}

export async function unshareFromGallery(store: BlobStore, classId: string, songId: string): Promise<void> {
	await store.delete(classGalleryKey(classId, songId));
}

export async function galleryEntries(store: BlobStore, classId: string): Promise<GalleryEntry[]> {
	const names = (await store.list(classGalleryFolder(classId))).filter((n) => n.endsWith('.json'));
	const entries = await Promise.all(names.map((n) => getJson<GalleryEntry>(store, `${classGalleryFolder(classId)}/${n}`)));
	return entries.filter((e): e is GalleryEntry => e !== null).sort((a, b) => a.sharedAt.localeCompare(b.sharedAt));
}

export async function isInGallery(store: BlobStore, classId: string, songId: string): Promise<boolean> {
	return store.has(classGalleryKey(classId, songId));
}

export async function getFeedback(store: BlobStore, classId: string, songId: string): Promise<SongFeedback | null> {
	return getJson<SongFeedback>(store, classFeedbackKey(classId, songId));
}

export async function setFeedback(store: BlobStore, classId: string, songId: string, feedback: SongFeedback): Promise<void> {
	await putJson(store, classFeedbackKey(classId, songId), feedback);
}
