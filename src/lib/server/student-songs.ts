/**
 * A student's own songs as their class page lists them: each with the teacher's star and comment
 * and whether the teacher shared it to the class gallery.
 */
import type { StudentRecord, StudentSongView } from '../classroom';
import { getFeedback, isInGallery } from './classes';
import { songName } from './names';
import type { BlobStore } from './storage';
import { songsOfStudent } from './student-progress';

/** Newest first. */
export async function studentSongViews(store: BlobStore, student: StudentRecord): Promise<StudentSongView[]> {
	const songs = await songsOfStudent(store, student);
	return Promise.all(
		songs.map(async (song) => ({
			songId: song.id,
			takeId: song.takeId,
			createdAt: song.createdAt,
			name: await songName(store, song.id),
			feedback: await getFeedback(store, student.classId, song.id),
			inGallery: await isInGallery(store, student.classId, song.id)
		}))
	);
}
