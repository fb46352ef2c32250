import type { RequestHandler } from './$types';
import { assertClassOpen } from '$lib/server/class-access';
import { actorOf, songFor } from '$lib/server/access';
import { clientIdentity } from '$lib/server/client-identity';
import { withErrors } from '$lib/server/errors';
import { writesWhileLive } from '$lib/server/liveness';
import { readJsonBody } from '$lib/server/json-body';
import { enforceRateLimit } from '$lib/server/rate-limits';
import { startEditedRender } from '$lib/server/edited-render';
import { reviseSongByEdits } from '$lib/server/song-edit-revision';
import { studioStore } from '$lib/server/studio';

/** Most bytes of edits one request carries (a key change moves every note: its patch holds them twice). */
const MAX_EDIT_BODY_BYTES = 4 * 1024 * 1024;

/**
 * Note-by-note edits: `{ baseRevision, commands }` as the page's command stack made them on the
 * revision it shows. They become the next revision at once (no composing: the document is the
 * edit), and its render starts here; only the phrases the edits changed are sung again.
 */
export const POST: RequestHandler = ({ params, request, getClientAddress }) =>
	withErrors(async () => {
		const store = studioStore();
		const record = await songFor(store, actorOf(request), params.id, 'song.edit');
		await assertClassOpen(store, record.ownerHash);
		await enforceRateLimit('edit', clientIdentity(request, getClientAddress()));
		const body = await readJsonBody(request, '{"baseRevision": 2, "commands": [{"label": "Move a note", "patches": [...]}]}', MAX_EDIT_BODY_BYTES);
		// An edit racing a deletion must not bring the song back.
		const live = writesWhileLive(store, { takeId: record.takeId, songId: record.id });
		const next = await reviseSongByEdits(live, record, body);
		const composed = await startEditedRender(store, live, next);
		return Response.json({ songId: next.id, revision: next.revision, composed }, { status: 201 });
	});
