import type { RequestHandler } from './$types';
import { withErrors } from '$lib/server/errors';
import { readJsonBody } from '$lib/server/json-body';
import { COMPOSE_QUEUE, enqueueCompose } from '$lib/server/queue';
import { SONG_KEPT_MESSAGE, withQueue } from '$lib/server/queue-availability';
import { latestComposedSong, requireSong, reviseSong } from '$lib/server/songs';
import { studioSongQueue, studioStore } from '$lib/server/studio';

/** The song: its latest request and the newest composed revision (with its report). */
export const GET: RequestHandler = ({ params }) =>
	withErrors(async () => {
		const store = studioStore();
		const record = await requireSong(store, params.id);
		return Response.json({ record, composed: await latestComposedSong(store, record) });
	});

/** An edit (lyrics, style, language, candidate, mix): a new revision, composed and rendered anew; unchanged phrases are reused. */
export const PATCH: RequestHandler = ({ params, request }) =>
	withErrors(async () => {
		const store = studioStore();
		const record = await reviseSong(store, await requireSong(store, params.id), await readJsonBody(request, '{"candidate": 1}'));
		await withQueue(() => enqueueCompose(studioSongQueue(COMPOSE_QUEUE), record.id, record.revision), { message: SONG_KEPT_MESSAGE });
		return Response.json({ songId: record.id, revision: record.revision, request: record.request }, { status: 202 });
	});
