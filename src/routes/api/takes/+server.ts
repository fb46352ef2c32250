import type { RequestHandler } from './$types';
import { readConfig } from '$lib/server/config';
import { withErrors } from '$lib/server/errors';
import { enqueueAnalysis } from '$lib/server/queue';
import { withQueue } from '$lib/server/queue-availability';
import { studioQueue, studioStore } from '$lib/server/studio';
import { createTake } from '$lib/server/takes';
import { readUpload } from '$lib/server/upload';

/** Upload a take: validate, store it, queue its analysis. */
export const POST: RequestHandler = ({ request }) =>
	withErrors(async () => {
		const { maxUploadBytes } = readConfig();
		const input = await readUpload(request, maxUploadBytes);
		const take = await createTake(studioStore(), input, { maxBytes: maxUploadBytes });
		// The take is stored either way; the worker re-queues an analysis that never reached the queue.
		await withQueue(() => enqueueAnalysis(studioQueue(), take.id), {
			message: `Your take was saved (id ${take.id}), but the studio’s job queue is not reachable right now; its analysis will start by itself when the queue is back.`
		});
		return Response.json({ take }, { status: 201, headers: { location: `/api/takes/${take.id}` } });
	});
