import type { RequestHandler } from './$types';
import { getAnalysis } from '$lib/server/analysis';
import { withErrors } from '$lib/server/errors';
import { takeProgress } from '$lib/server/progress';
import { withQueue } from '$lib/server/queue-availability';
import { studioQueue, studioStore } from '$lib/server/studio';
import { requireTake } from '$lib/server/takes';

export const GET: RequestHandler = ({ params }) =>
	withErrors(async () => {
		const store = studioStore();
		const take = await requireTake(store, params.id);
		const progress = await withQueue(() => takeProgress(store, studioQueue(), take));
		const analysis = progress.status === 'completed' ? await getAnalysis(store, take) : null;
		return Response.json({ take, progress, analysis });
	});
