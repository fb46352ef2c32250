/**
 * The class gallery as its members see it: the songs the teacher shared, each with the name of the
 * student who made it and a player address inside the class (not a public share link), and the
 * mastered mix of one shared song. A song not in the gallery answers like a song that is not there.
 */
import type { GallerySongView } from '../classroom';
import { galleryEntries, getStudent, isInGallery, studentOfOwner } from './classes';
import { StudioError } from './errors';
import { songExport } from './song-exports';
import { getSong, latestComposedSong } from './songs';
import type { BlobStore } from './storage';

export const galleryAudioUrl = (classId: string, songId: string) => `/api/classes/${classId}/gallery/${songId}/audio`;

/** The gallery in the order the teacher shared, leaving out a song whose student is gone. */
export async function galleryView(store: BlobStore, classId: string): Promise<GallerySongView[]> {
	const entries = await galleryEntries(store, classId);
	const views = await Promise.all(
		entries.map(async (entry) => {
			const student = await getStudent(store, classId, entry.studentId);
			return student ? { songId: entry.songId, studentName: student.displayName, sharedAt: entry.sharedAt, audioUrl: galleryAudioUrl(classId, entry.songId) } : null;
		})
	);
	return views.filter((v): v is GallerySongView => v !== null);
}

function notInGallery(): StudioError {
	return new StudioError('song_not_in_gallery', 404, 'That song is not in your class’s gallery (the teacher may have taken it out).');
}

/** The shared song's mastered mix as MP3; 404 for a song not in this class's gallery, 409 while its mix is not ready. */
export async function galleryAudio(store: BlobStore, classId: string, songId: string): Promise<{ bytes: Uint8Array; contentType: string }> {
	if (!(await isInGallery(store, classId, songId))) throw notInGallery();
	const record = await getSong(store, songId);
	const maker = record ? await studentOfOwner(store, record.ownerHash) : null;
	if (!record || maker?.classId !== classId) throw notInGallery();
	const composed = await latestComposedSong(store, record);
	const notMixed = new StudioError('gallery_song_not_mixed', 409, 'This song is still being made; it can be played here once its mix is ready. Try again in a minute.');
	if (!composed) throw notMixed;
	try {
		const file = await songExport(store, composed, 'mp3');
		return { bytes: file.bytes, contentType: file.contentType };
	} catch (e) {
		if (e instanceof StudioError && e.code === 'not_ready') throw notMixed;
		throw e;
	}
}
