/**
 * A song as the teacher of a class reaches it from the class's routes (feedback, gallery, projector):
 * only a song of a student of that class. Any other id (another class's student, someone outside
 * classes, no such song) is the same 404 as a missing song, so a teacher learns nothing of others.
 */
import type { ClassRecord, StudentRecord } from '../classroom';
import { studentOfOwner } from './classes';
import { getSong, songNotFound, type SongRecord } from './songs';
import type { BlobStore } from './storage';

export async function classSongFor(store: BlobStore, record: ClassRecord, songId: string): Promise<{ song: SongRecord; student: StudentRecord }> {
	const song = await getSong(store, songId);
	const student = await studentOfOwner(store, song?.ownerHash);
	if (!song || !student || student.classId !== record.id) throw songNotFound(songId);
	return { song, student };
}
