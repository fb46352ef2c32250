import type { RequestHandler } from './$types';
import { actorOf } from '$lib/server/access';
import { classFor } from '$lib/server/class-access';
import { galleryView } from '$lib/server/class-gallery';
import { withErrors } from '$lib/server/errors';
import { studioStore } from '$lib/server/studio';

/** The songs the teacher shared with the class, for the teacher and the class's students. */
export const GET: RequestHandler = ({ params, request }) =>
	withErrors(async () => {
		const store = studioStore();
		const { record } = await classFor(store, actorOf(request), params.id, 'member');
		return Response.json(await galleryView(store, record.id));
	});
