import type { RequestHandler } from './$types';
import { clientIdentity } from '$lib/server/client-identity';
import { readConfig } from '$lib/server/config';
import { StudioError, withErrors } from '$lib/server/errors';
import { enqueueAnalysis } from '$lib/server/queue';
import { enforceRateLimit } from '$lib/server/rate-limits';
import { studioInspectionPool, studioQueue, studioStore } from '$lib/server/studio';
import { createTake } from '$lib/server/takes';
import { readUpload } from '$lib/server/upload';

/** Upload a take: validate, store it, queue its analysis. */
export const POST: RequestHandler = ({ request, getClientAddress }) =>
	withErrors(async () => {
		await enforceRateLimit('upload', clientIdentity(request, getClientAddress()));
		const { maxUploadBytes } = readConfig();
		const input = await readUpload(request, maxUploadBytes);
		const pool = studioInspectionPool();
		const take = await createTake(studioStore(), input, { maxBytes: maxUploadBytes, inspect: (bytes) => pool.inspect(bytes) });
		try {
			await enqueueAnalysis(studioQueue(), take.id);
		} catch (e) {
			console.error('[studio] could not queue analysis', e);
			// The take is stored; opening it later queues the analysis again.
			throw new StudioError('queue_unavailable', 503, `Your take was saved (id ${take.id}) but the job queue is not reachable; open it again in a moment to start the analysis.`);
		}
		return Response.json({ take }, { status: 201, headers: { location: `/api/takes/${take.id}` } });
	});
