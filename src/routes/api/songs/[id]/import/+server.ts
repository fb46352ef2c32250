import type { RequestHandler } from './$types';
import { actorOf, songFor } from '$lib/server/access';
import { clientIdentity } from '$lib/server/client-identity';
import { startEditedRender } from '$lib/server/edited-render';
import { withErrors } from '$lib/server/errors';
import { writesWhileLive } from '$lib/server/liveness';
import { enforceRateLimit } from '$lib/server/rate-limits';
import { readImportForm, reviseSongByImport } from '$lib/server/song-import';
import { studioStore } from '$lib/server/studio';

/**
 * A melody from a file: multipart `file` (.mid, .midi, .musicxml or .xml, at most 2 MB) and
 * optionally `baseRevision`. The file's notes (and a lead sheet's chords, key and tempo) become
 * the next revision as one edit, exactly as POST /edits stores it, and its render starts here.
 * A broken or unsingable file is a 422 saying why.
 */
export const POST: RequestHandler = ({ params, request, getClientAddress }) =>
	withErrors(async () => {
		const store = studioStore();
		const record = await songFor(store, actorOf(request), params.id, 'song.edit');
		await enforceRateLimit('edit', clientIdentity(request, getClientAddress()));
		const upload = await readImportForm(request);
		const live = writesWhileLive(store, { takeId: record.takeId, songId: record.id });
		const next = await reviseSongByImport(live, record, upload);
		const composed = await startEditedRender(store, live, next);
		return Response.json({ songId: next.id, revision: next.revision, composed }, { status: 201 });
	});
