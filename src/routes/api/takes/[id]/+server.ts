import type { RequestHandler } from './$types';
import { getAnalysis } from '$lib/server/analysis';
import { deleteTake } from '$lib/server/deletion';
import { StudioError, withErrors } from '$lib/server/errors';
import { takeProgress } from '$lib/server/progress';
import { studioQueue, studioStore } from '$lib/server/studio';
import { isTakeId } from '$lib/server/keys';
import { requireTake } from '$lib/server/takes';

export const GET: RequestHandler = ({ params }) =>
	withErrors(async () => {
		const store = studioStore();
		const take = await requireTake(store, params.id);
		const progress = await takeProgress(store, studioQueue(), take);
		const analysis = progress.status === 'completed' ? await getAnalysis(store, take) : null;
		return Response.json({ take, progress, analysis });
	});

/**
 * Deletes the take and everything made from it (recording, audio, analysis, voice, vocals, songs,
 * mixes, exports). Also finishes a deletion that stopped midway.
 */
export const DELETE: RequestHandler = ({ params }) =>
	withErrors(async () => {
		if (!isTakeId(params.id) || !(await deleteTake(studioStore(), params.id))) {
			throw new StudioError('take_not_found', 404, `No take with id ${JSON.stringify(params.id)} exists; it may have been deleted.`);
		}
		return new Response(null, { status: 204 });
	});
