import type { RequestHandler } from './$types';
import { clientIdentity } from '$lib/server/client-identity';
import { withErrors } from '$lib/server/errors';
import { readJsonBody } from '$lib/server/json-body';
import { writesWhileLive } from '$lib/server/liveness';
import { COMPOSE_QUEUE, enqueueCompose } from '$lib/server/queue';
import { enforceRateLimit } from '$lib/server/rate-limits';
import { SONG_KEPT_MESSAGE, withQueue } from '$lib/server/queue-availability';
import { createSong } from '$lib/server/songs';
import { songQueueRank } from '$lib/server/song-rank';
import { songsOfTake } from '$lib/server/library';
import { studioLibrarySources, studioSongQueue, studioStore } from '$lib/server/studio';
import { assertClassOpen } from '$lib/server/class-access';
import { actorOf, takeFor } from '$lib/server/access';

/** A new song from the take (analysed, or still being analysed): stores the request and queues the compose stage, which waits for the analysis; the page follows its events. */
export const POST: RequestHandler = ({ params, request, getClientAddress }) =>
	withErrors(async () => {
		const store = studioStore();
		const take = await takeFor(store, actorOf(request), params.id, 'take.sing');
		await assertClassOpen(store, take.ownerHash);
		await enforceRateLimit('song', clientIdentity(request, getClientAddress()));
		const record = await createSong(writesWhileLive(store, { takeId: take.id }), take, await readJsonBody(request, '{"style": "lo-fi", "lyrics": "…"}'));
		const rank = await songQueueRank(store, record);
		// The song is stored either way; the worker re-queues a compose that never reached the queue.
		await withQueue(() => enqueueCompose(studioSongQueue(COMPOSE_QUEUE), record.id, record.revision, rank), { message: SONG_KEPT_MESSAGE });
		return Response.json({ songId: record.id, revision: record.revision, request: record.request }, { status: 202 });
	});

/** The songs made from the take, newest first (name, language, length, status), for the take's page. */
export const GET: RequestHandler = ({ params, request }) =>
	withErrors(async () => {
		const store = studioStore();
		const take = await takeFor(store, actorOf(request), params.id, 'take.read');
		return Response.json({ songs: await songsOfTake(store, take.id, studioLibrarySources()) });
	});
