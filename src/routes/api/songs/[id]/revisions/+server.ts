import type { RequestHandler } from './$types';
import { actorOf, songFor } from '$lib/server/access';
import { withErrors } from '$lib/server/errors';
import { listRevisions, parseBefore } from '$lib/server/song-revisions';
import { studioStore } from '$lib/server/studio';

/**
 * The song's versions, newest first, 50 at a time (`?before=N` lists those below N): each one's
 * number, when it was composed, what changed, its name and whether its mix is ready.
 */
export const GET: RequestHandler = ({ params, request, url }) =>
	withErrors(async () => {
		const store = studioStore();
		const record = await songFor(store, actorOf(request), params.id, 'song.read');
		return Response.json(await listRevisions(store, record, parseBefore(url.searchParams.get('before'))));
	});
