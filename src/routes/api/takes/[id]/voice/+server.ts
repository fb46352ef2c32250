import type { RequestHandler } from './$types';
import { deleteVoiceProfile } from '$lib/server/deletion';
import { withErrors } from '$lib/server/errors';
import { studioStore } from '$lib/server/studio';
import { actorOf, takeFor } from '$lib/server/access';

/** The take's owner deletes the voice learned from it and everything sung with it; the take and its melody stay. */
export const DELETE: RequestHandler = ({ params, request }) =>
	withErrors(async () => {
		const store = studioStore();
		const take = await takeFor(store, actorOf(request), params.id, 'voice.delete');
		await deleteVoiceProfile(store, take);
		return new Response(null, { status: 204 });
	});
