import type { RequestHandler } from './$types';
import { deleteSong } from '$lib/server/deletion';
import { StudioError, withErrors } from '$lib/server/errors';
import { writesWhileLive } from '$lib/server/liveness';
import { readJsonBody } from '$lib/server/json-body';
import { COMPOSE_QUEUE, enqueueCompose } from '$lib/server/queue';
import { isSongId, latestComposedSong, requireSong, reviseSong } from '$lib/server/songs';
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
		const current = await requireSong(store, params.id);
		// An edit racing a deletion must not bring the song back.
		const record = await reviseSong(writesWhileLive(store, { takeId: current.takeId, songId: current.id }), current, await readJsonBody(request, '{"candidate": 1}'));
		await enqueueCompose(studioSongQueue(COMPOSE_QUEUE), record.id, record.revision);
		return Response.json({ songId: record.id, revision: record.revision, request: record.request }, { status: 202 });
	});

/** Deletes the song: its revisions, vocals, backings, mixes and exports; the take stays. */
export const DELETE: RequestHandler = ({ params }) =>
	withErrors(async () => {
		if (!isSongId(params.id) || !(await deleteSong(studioStore(), params.id))) {
			throw new StudioError('song_not_found', 404, `No song with id ${JSON.stringify(params.id)}.`);
		}
		return new Response(null, { status: 204 });
	});
