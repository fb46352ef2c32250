import type { RequestHandler } from './$types';
import { deleteVoiceProfile } from '$lib/server/deletion';
import { withErrors } from '$lib/server/errors';
import { studioStore } from '$lib/server/studio';
import { requireTake } from '$lib/server/takes';

/** The take's owner deletes the voice learned from it and everything sung with it; the take and its melody stay. */
export const DELETE: RequestHandler = ({ params }) =>
	withErrors(async () => {
		const store = studioStore();
		const take = await requireTake(store, params.id);
		await deleteVoiceProfile(store, take);
		return new Response(null, { status: 204 });
	});
