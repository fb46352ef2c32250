import type { RequestHandler } from './$types';
import { StudioError, withErrors } from '$lib/server/errors';
import { phraseAudioKey } from '$lib/server/keys';
import { requireVocalPlan } from '$lib/server/sing-stage';
import { studioStore } from '$lib/server/studio';
import { wavResponse } from '$lib/server/vocal-audio';

export const GET: RequestHandler = ({ params }) =>
	withErrors(async () => {
		const store = studioStore();
		const plan = await requireVocalPlan(store, params.vocalId);
		const phrase = plan.phrases[Number(params.index)];
		if (!phrase) throw new StudioError('phrase_not_found', 404, `The vocal has ${plan.phrases.length} phrases; there is no phrase ${params.index}.`);
		return wavResponse(store, phraseAudioKey(phrase.id), `phrase-${phrase.index + 1}.wav`, `Phrase ${phrase.index + 1} is still being sung; try again in a moment.`);
	});
