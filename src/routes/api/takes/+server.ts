import type { RequestHandler } from './$types';
import { readConfig } from '$lib/server/config';
import { StudioError, withErrors } from '$lib/server/errors';
import { enqueueAnalysis } from '$lib/server/queue';
import { studioQueue, studioStore } from '$lib/server/studio';
import { createTake } from '$lib/server/takes';
import { readUpload } from '$lib/server/upload';
import { uploadSlots } from '$lib/server/upload-slots';

/** Upload a take: validate, store it, queue its analysis. */
export const POST: RequestHandler = ({ request }) =>
	withErrors(async () => {
		const { maxUploadBytes } = readConfig();
		const take = await uploadSlots.run(async () => createTake(studioStore(), await readUpload(request, maxUploadBytes), { maxBytes: maxUploadBytes }));
		try {
			await enqueueAnalysis(studioQueue(), take.id);
		} catch (e) {
			console.error('[studio] could not queue analysis', e);
			// The take is stored; opening it later queues the analysis again.
			throw new StudioError('queue_unavailable', 503, `Your take was saved (id ${take.id}) but the job queue is not reachable; open it again in a moment to start the analysis.`);
		}
		return Response.json({ take }, { status: 201, headers: { location: `/api/takes/${take.id}` } });
	});
