import type { RequestHandler } from './$types';
import { actorOf, songFor, songRecordView } from '$lib/server/access';
import { deleteSong } from '$lib/server/deletion';
import { withErrors } from '$lib/server/errors';
import { readJsonBody } from '$lib/server/json-body';
import { parseName, renameSong, songName } from '$lib/server/names';
import { COMPOSE_QUEUE, enqueueCompose } from '$lib/server/queue';
import { latestComposedSong, reviseSong } from '$lib/server/songs';
import { studioSongQueue, studioStore } from '$lib/server/studio';

/** The song, for its owner only: its latest request and the newest composed revision (with its report). */
export const GET: RequestHandler = ({ params, request }) =>
	withErrors(async () => {
		const store = studioStore();
		const record = await songFor(store, actorOf(request), params.id, 'song.read');
		return Response.json({ record: songRecordView(record), name: await songName(store, record.id), composed: await latestComposedSong(store, record) });
	});

/**
 * An edit (lyrics, style, language, candidate, mix): a new revision, composed and rendered anew;
 * unchanged phrases are reused. `name` renames the song; a body with only a name makes no revision.
 */
export const PATCH: RequestHandler = ({ params, request }) =>
	withErrors(async () => {
		const store = studioStore();
		const record = await songFor(store, actorOf(request), params.id, 'song.edit');
		const body = await readJsonBody(request, '{"candidate": 1}');
		const isObject = body !== null && typeof body === 'object' && !Array.isArray(body);
		const { name: rawName, ...edit } = isObject ? (body as Record<string, unknown>) : {};
		const name = rawName === undefined ? undefined : parseName(rawName);
		if (name !== undefined && Object.keys(edit).length === 0) {
			await renameSong(store, record.id, name);
			return Response.json({ songId: record.id, revision: record.revision, request: record.request, name });
		}
		const next = await reviseSong(store, record, isObject ? edit : body);
		if (name !== undefined) await renameSong(store, record.id, name);
		await enqueueCompose(studioSongQueue(COMPOSE_QUEUE), next.id, next.revision);
		return Response.json({ songId: next.id, revision: next.revision, request: next.request, ...(name !== undefined ? { name } : {}) }, { status: 202 });
	});

/** The owner deletes the song (its take stays). */
export const DELETE: RequestHandler = ({ params, request }) =>
	withErrors(async () => {
		const store = studioStore();
		await deleteSong(store, await songFor(store, actorOf(request), params.id, 'song.delete'));
		return new Response(null, { status: 204 });
	});
