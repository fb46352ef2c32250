import type { RequestHandler } from './$types';
import { withErrors } from '$lib/server/errors';
import { vocalStatus } from '$lib/server/sing-stage';
import { actorOf, vocalFor } from '$lib/server/access';
import { studioStore } from '$lib/server/studio';

/** Which phrases of a vocal are rendered (the page polls this and plays each as it arrives). */
export const GET: RequestHandler = ({ params, request }) =>
	withErrors(async () => {
		const store = studioStore();
		const plan = await vocalFor(store, actorOf(request), params.vocalId, 'vocal.read');
		const { phrasesReady, fullReady } = await vocalStatus(store, plan);
		return Response.json({
			vocalId: plan.vocalId,
			fitMessage: plan.fitMessage,
			voice: plan.voice,
			fullReady,
			phrases: plan.phrases.map((p, i) => ({ index: p.index, text: p.text, startSeconds: p.startSeconds, endSeconds: p.endSeconds, renderStartSeconds: p.renderStartSeconds, ready: phrasesReady[i] }))
		});
	});
