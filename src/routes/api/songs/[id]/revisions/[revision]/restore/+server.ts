import type { RequestHandler } from './$types';
import { actorOf, songFor } from '$lib/server/access';
import { clientIdentity } from '$lib/server/client-identity';
import { startEditedRender } from '$lib/server/edited-render';
import { withErrors } from '$lib/server/errors';
import { readJsonBody } from '$lib/server/json-body';
import { writesWhileLive } from '$lib/server/liveness';
import { enforceRateLimit } from '$lib/server/rate-limits';
import { restoreRevision, revisionOf } from '$lib/server/song-revisions';
import { studioStore } from '$lib/server/studio';

/**
 * Restores a version as the next revision (history is never rewritten): its notes, chords and
 * settings come back and are rendered like an edit, reusing every phrase and bar already made.
 * Optional body `{"baseRevision": 7}`: restore only if the song is still at version 7.
 */
export const POST: RequestHandler = ({ params, request, getClientAddress }) =>
	withErrors(async () => {
		const store = studioStore();
		const record = await songFor(store, actorOf(request), params.id, 'song.edit');
		await enforceRateLimit('edit', clientIdentity(request, getClientAddress()));
		const revision = revisionOf(record, params.revision);
		const body = await readJsonBody(request, '{"baseRevision": 7}');
		// A restore racing a deletion must not bring the song back.
		const live = writesWhileLive(store, { takeId: record.takeId, songId: record.id });
		const next = await restoreRevision(live, record, revision, body);
		const composed = await startEditedRender(store, live, next);
		return Response.json({ songId: next.id, revision: next.revision, restoredFrom: revision, composed }, { status: 201 });
	});
