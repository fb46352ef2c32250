import type { RequestHandler } from './$types';
import { withErrors } from '$lib/server/errors';
import { fullVocalKey } from '$lib/server/keys';
import { requireVocalPlan } from '$lib/server/sing-stage';
import { studioStore } from '$lib/server/studio';
import { wavResponse } from '$lib/server/vocal-audio';

export const GET: RequestHandler = ({ params }) =>
	withErrors(async () => {
		const store = studioStore();
		const plan = await requireVocalPlan(store, params.vocalId);
		return wavResponse(store, fullVocalKey(plan.vocalId), `vocal-${plan.takeId}.wav`, 'The full vocal is still being mixed; try again in a moment.');
	});
