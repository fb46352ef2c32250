import type { RequestHandler } from './$types';
import { clientIdentity } from '$lib/server/client-identity';
import { withErrors } from '$lib/server/errors';
import { readJsonBody } from '$lib/server/json-body';
import { COMPOSE_QUEUE, enqueueCompose } from '$lib/server/queue';
import { enforceRateLimit } from '$lib/server/rate-limits';
import { createSong } from '$lib/server/songs';
import { studioSongQueue, studioStore } from '$lib/server/studio';
import { requireTake } from '$lib/server/takes';

/** A new song from the take (analysed, or still being analysed): stores the request and queues the compose stage, which waits for the analysis; the page follows its events. */
export const POST: RequestHandler = ({ params, request, getClientAddress }) =>
	withErrors(async () => {
		const store = studioStore();
		const take = await requireTake(store, params.id);
		await enforceRateLimit('song', clientIdentity(request, getClientAddress()));
		const record = await createSong(store, take, await readJsonBody(request, '{"style": "lo-fi", "lyrics": "…"}'));
		await enqueueCompose(studioSongQueue(COMPOSE_QUEUE), record.id, record.revision);
		return Response.json({ songId: record.id, revision: record.revision, request: record.request }, { status: 202 });
	});
