import type { RequestHandler } from './$types';
import { StudioError, withErrors } from '$lib/server/errors';
import { backingScoreKey } from '$lib/server/keys';
import { actorOf, songFor } from '$lib/server/access';
import { latestComposedSong } from '$lib/server/songs';
import { studioStore } from '$lib/server/studio';

/** The backing score of the newest composed revision, for live playback with Tone.js in the page. */
export const GET: RequestHandler = ({ params, request }) =>
	withErrors(async () => {
		const store = studioStore();
		const composed = await latestComposedSong(store, await songFor(store, actorOf(request), params.id, 'song.read'));
		const bytes = composed ? await store.get(backingScoreKey(composed.backingId)) : null;
		if (!bytes) throw new StudioError('not_ready', 404, 'The song is still being composed.');
		return new Response(bytes as BodyInit, { headers: { 'content-type': 'application/json', 'cache-control': 'private, max-age=31536000, immutable' } });
	});
