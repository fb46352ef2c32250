import type { RequestHandler } from './$types';
import { actorOf, songFor } from '$lib/server/access';
import { withErrors } from '$lib/server/errors';
import { revokeShare, shareSong } from '$lib/server/shares';
import { studioStore } from '$lib/server/studio';

/**
 * A listen-only link to the song: a new token each time (the previous link stops working, since
 * only its hash was kept). Whoever holds it can play and download the mix, nothing else.
 */
export const POST: RequestHandler = ({ params, request }) =>
	withErrors(async () => {
		const store = studioStore();
		const record = await songFor(store, actorOf(request), params.id, 'song.share');
		const token = await shareSong(store, record.id);
		return Response.json({ token, url: `/listen/${token}`, api: `/api/listen/${token}` }, { status: 201 });
	});

/** Revoke the share link. */
export const DELETE: RequestHandler = ({ params, request }) =>
	withErrors(async () => {
		const store = studioStore();
		const record = await songFor(store, actorOf(request), params.id, 'song.share');
		await revokeShare(store, record.id);
		return new Response(null, { status: 204 });
	});
