import type { RequestHandler } from './$types';
import { actorOf } from '$lib/server/access';
import { withErrors } from '$lib/server/errors';
import { ownerLibrary } from '$lib/server/library';
import { studioLibrarySources, studioStore } from '$lib/server/studio';

/** The asker's takes and songs, newest first (name, language, length, status); empty for a request without an owner key. */
export const GET: RequestHandler = ({ request }) =>
	withErrors(async () => {
		const { ownerHash } = actorOf(request);
		if (!ownerHash) return Response.json({ takes: [], songs: [] });
		return Response.json(await ownerLibrary(studioStore(), ownerHash, studioLibrarySources()));
	});
