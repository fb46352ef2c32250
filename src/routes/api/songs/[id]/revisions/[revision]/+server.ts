import type { RequestHandler } from './$types';
import { actorOf, songFor } from '$lib/server/access';
import { withErrors } from '$lib/server/errors';
import { readJsonBody } from '$lib/server/json-body';
import { nameRevision, revisionOf } from '$lib/server/song-revisions';
import { studioStore } from '$lib/server/studio';

/** Names a version (`{"name": "Before the key change"}`) or removes its name (`{"name": null}`); makes no revision. */
export const PATCH: RequestHandler = ({ params, request }) =>
	withErrors(async () => {
		const store = studioStore();
		const record = await songFor(store, actorOf(request), params.id, 'song.edit');
		const revision = revisionOf(record, params.revision);
		const name = await nameRevision(store, record, revision, await readJsonBody(request, '{"name": "Before the key change"}'));
		return Response.json({ songId: record.id, revision, name });
	});
