import type { RequestHandler } from './$types';
import { StudioError, withErrors } from '$lib/server/errors';
import { phraseAudioKey } from '$lib/server/keys';
import { actorOf, vocalFor } from '$lib/server/access';
import { studioStore } from '$lib/server/studio';
import { wavResponse } from '$lib/server/vocal-audio';

export const GET: RequestHandler = ({ params, request }) =>
	withErrors(async () => {
		const store = studioStore();
		const plan = await vocalFor(store, actorOf(request), params.vocalId, 'vocal.read');
		const phrase = plan.phrases[Number(params.index)];
		if (!phrase) throw new StudioError('phrase_not_found', 404, `The vocal has ${plan.phrases.length} phrases; there is no phrase ${params.index}.`);
		return wavResponse(store, phraseAudioKey(phrase.id), `phrase-${phrase.index + 1}.wav`, `Phrase ${phrase.index + 1} is still being sung; try again in a moment.`);
	});
