import type { RequestHandler } from './$types';
import { withErrors } from '$lib/server/errors';
import { fullVocalKey } from '$lib/server/keys';
import { actorOf, vocalFor } from '$lib/server/access';
import { studioStore } from '$lib/server/studio';
import { wavResponse } from '$lib/server/vocal-audio';

export const GET: RequestHandler = ({ params, request }) =>
	withErrors(async () => {
		const store = studioStore();
		const plan = await vocalFor(store, actorOf(request), params.vocalId, 'vocal.read');
		return wavResponse(store, fullVocalKey(plan.vocalId), `vocal-${plan.takeId}.wav`, 'The full vocal is still being mixed; try again in a moment.');
	});
