import type { RequestHandler } from './$types';
import { StudioError, withErrors } from '$lib/server/errors';
import { writesWhileLive } from '$lib/server/liveness';
import { planVocal } from '$lib/server/sing-stage';
import { enqueueVocal } from '$lib/server/queue';
import { withQueue } from '$lib/server/queue-availability';
import { studioSingFlow, studioStore } from '$lib/server/studio';
import { parseLanguage } from '$lib/server/takes';
import { takeProfileId } from '$lib/server/voice-stage';
import { actorOf, takeFor } from '$lib/server/access';

/** Sing lyrics on the take's melody in the take's voice: plans the phrases, starts the render flow. */
export const POST: RequestHandler = ({ params, request }) =>
	withErrors(async () => {
		const store = studioStore();
		const take = await takeFor(store, actorOf(request), params.id, 'take.sing');
		let body: { lyrics?: unknown; language?: unknown };
		try {
			body = await request.json();
		} catch {
			throw new StudioError('bad_request', 400, 'Send the lyrics as JSON: {"lyrics": "…"}.');
		}
		const language = body.language === undefined ? take.language : parseLanguage(body.language);
		// A plan stored while the take or its voice is being deleted is taken back.
		const plan = await planVocal(writesWhileLive(store, { takeId: take.id, profileId: await takeProfileId(store, take) }), take, body.lyrics, language);
		await withQueue(() => enqueueVocal(studioSingFlow(), plan.vocalId, plan.phrases.length));
		return Response.json(
			{
				vocalId: plan.vocalId,
				fitMessage: plan.fitMessage,
				voice: plan.voice,
				phrases: plan.phrases.map((p) => ({ index: p.index, text: p.text, startSeconds: p.startSeconds, endSeconds: p.endSeconds, renderStartSeconds: p.renderStartSeconds }))
			},
			{ status: 202 }
		);
	});
