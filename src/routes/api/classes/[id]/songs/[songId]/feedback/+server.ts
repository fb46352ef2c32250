import type { RequestHandler } from './$types';
import { parseFeedback } from '$lib/classroom';
import { actorOf } from '$lib/server/access';
import { classForTeacher } from '$lib/server/class-access';
import { classSongFor } from '$lib/server/class-songs';
import { setFeedback } from '$lib/server/classes';
import { withErrors } from '$lib/server/errors';
import { readJsonBody } from '$lib/server/json-body';
import { studioStore } from '$lib/server/studio';

/** The teacher stars or comments on a student's song: `{"starred": true, "comment": "Lovely tune!"}` (≤ 500 characters). */
export const PUT: RequestHandler = ({ params, request }) =>
	withErrors(async () => {
		const store = studioStore();
		const record = await classForTeacher(store, actorOf(request), params.id);
		const { song } = await classSongFor(store, record, params.songId);
		const feedback = parseFeedback(await readJsonBody(request, '{"starred": true, "comment": "Lovely tune!"}'));
		await setFeedback(store, record.id, song.id, feedback);
		return Response.json({ feedback });
	});
