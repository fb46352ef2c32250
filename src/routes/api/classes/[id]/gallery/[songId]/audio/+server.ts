import type { RequestHandler } from './$types';
import { actorOf } from '$lib/server/access';
import { classFor } from '$lib/server/class-access';
import { galleryAudio } from '$lib/server/class-gallery';
import { withErrors } from '$lib/server/errors';
import { studioStore } from '$lib/server/studio';

/** A gallery song's mastered mix (MP3) for the class's members; songs not in the gallery stay private (404). */
export const GET: RequestHandler = ({ params, request }) =>
	withErrors(async () => {
		const store = studioStore();
		const { record } = await classFor(store, actorOf(request), params.id, 'member');
		const file = await galleryAudio(store, record.id, params.songId);
		return new Response(file.bytes as BodyInit, { headers: { 'content-type': file.contentType, 'cache-control': 'private, no-cache' } });
	});
