import type { RequestHandler } from './$types';
import { getAnalysis } from '$lib/server/analysis';
import { StudioError, withErrors } from '$lib/server/errors';
import { studioStore } from '$lib/server/studio';
import { actorOf, takeFor } from '$lib/server/access';
import { notesToMidi } from '$lib/song';

export const GET: RequestHandler = ({ params, request }) =>
	withErrors(async () => {
		const store = studioStore();
		const take = await takeFor(store, actorOf(request), params.id, 'take.read');
		const analysis = await getAnalysis(store, take);
		if (!analysis) throw new StudioError('analysis_not_ready', 409, 'The notes are not ready yet: wait for the analysis to finish.');
		const midi = notesToMidi(analysis.notes, { tempoBpm: analysis.tempo?.bpm ?? 120, name: `Take ${take.id}` });
		return new Response(midi as BodyInit, {
			headers: {
				'content-type': 'audio/midi',
				'content-disposition': `attachment; filename="take-${take.id}-notes.mid"`
			}
		});
	});
