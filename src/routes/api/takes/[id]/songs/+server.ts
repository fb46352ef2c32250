import type { RequestHandler } from './$types';
import { withErrors } from '$lib/server/errors';
import { readJsonBody } from '$lib/server/json-body';
import { COMPOSE_QUEUE, enqueueCompose } from '$lib/server/queue';
import { SONG_KEPT_MESSAGE, withQueue } from '$lib/server/queue-availability';
import { createSong } from '$lib/server/songs';
import { studioSongQueue, studioStore } from '$lib/server/studio';
import { requireTake } from '$lib/server/takes';

/** A new song from the take (analysed, or still being analysed): stores the request and queues the compose stage, which waits for the analysis; the page follows its events. */
export const POST: RequestHandler = ({ params, request }) =>
	withErrors(async () => {
		const store = studioStore();
		const take = await requireTake(store, params.id);
		const record = await createSong(store, take, await readJsonBody(request, '{"style": "lo-fi", "lyrics": "…"}'));
		// The song is stored either way; the worker re-queues a compose that never reached the queue.
		await withQueue(() => enqueueCompose(studioSongQueue(COMPOSE_QUEUE), record.id, record.revision), { message: SONG_KEPT_MESSAGE });
		return Response.json({ songId: record.id, revision: record.revision, request: record.request }, { status: 202 });
	});
