import type { RequestHandler } from './$types';
import { actorOf } from '$lib/server/access';
import { classForTeacher } from '$lib/server/class-access';
import { classSongFor } from '$lib/server/class-songs';
import { saveClass } from '$lib/server/classes';
import { teacherClassView } from '$lib/server/class-views';
import { StudioError, withErrors } from '$lib/server/errors';
import { readJsonBody } from '$lib/server/json-body';
import { studioStore } from '$lib/server/studio';

/** What the projector shows: `{"songId": "<a student's song>"}`, or `{"songId": null}` for the join code. */
export const PUT: RequestHandler = ({ params, request }) =>
	withErrors(async () => {
		const store = studioStore();
		const record = await classForTeacher(store, actorOf(request), params.id);
		const body = (await readJsonBody(request, '{"songId": null}')) as { songId?: unknown } | null;
		const songId = body && typeof body === 'object' && !Array.isArray(body) ? body.songId : undefined;
		if (songId !== null && typeof songId !== 'string')
			throw new StudioError('bad_request', 400, 'Send the song to show as {"songId": "<id>"}, or {"songId": null} to show the join code.');
		const projectorSongId = songId === null ? null : (await classSongFor(store, record, songId)).song.id;
		const next = { ...record, projectorSongId };
		await saveClass(store, next);
		return Response.json({ class: teacherClassView(next) });
	});
