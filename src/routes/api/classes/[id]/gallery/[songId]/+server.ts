import type { RequestHandler } from './$types';
import { actorOf } from '$lib/server/access';
import { classForTeacher } from '$lib/server/class-access';
import { classSongFor } from '$lib/server/class-songs';
import { shareToGallery, unshareFromGallery } from '$lib/server/classes';
import { withErrors } from '$lib/server/errors';
import { studioStore } from '$lib/server/studio';

/** The teacher shares a student's song to the class gallery, where the class's students can hear it. */
export const PUT: RequestHandler = ({ params, request }) =>
	withErrors(async () => {
		const store = studioStore();
		const record = await classForTeacher(store, actorOf(request), params.id);
		const { song, student } = await classSongFor(store, record, params.songId);
		await shareToGallery(store, record.id, { songId: song.id, studentId: student.id, sharedAt: new Date().toISOString() });
		return new Response(null, { status: 204 });
	});

/** The teacher takes a song out of the gallery (the song itself stays the student's). */
export const DELETE: RequestHandler = ({ params, request }) =>
	withErrors(async () => {
		const store = studioStore();
		const record = await classForTeacher(store, actorOf(request), params.id);
		const { song } = await classSongFor(store, record, params.songId);
		await unshareFromGallery(store, record.id, song.id);
		return new Response(null, { status: 204 });
	});
