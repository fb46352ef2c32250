import type { RequestHandler } from './$types';
import { songForListener } from '$lib/server/access';
import { withErrors } from '$lib/server/errors';
import { listenerView } from '$lib/server/listen';
import { studioStore } from '$lib/server/studio';

/** What a share link shows: name, language, length, lyrics and the mix's download URLs; never the take, the recording or the voice. */
export const GET: RequestHandler = ({ params }) =>
	withErrors(async () => {
		const store = studioStore();
		const record = await songForListener(store, params.token, 'song.listen');
		return Response.json(await listenerView(store, record, params.token), { headers: { 'cache-control': 'no-store' } });
	});
