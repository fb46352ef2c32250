import type { RequestHandler } from './$types';
import { encodeWav } from '$lib/audio';
import { StudioError, withErrors } from '$lib/server/errors';
import { studioStore } from '$lib/server/studio';
import { actorOf, takeFor } from '$lib/server/access';
import { loadTakePcm } from '$lib/server/takes';

/** The canonical take as a 16-bit mono WAV at the studio rate, for playback and waveforms. */
export const GET: RequestHandler = ({ params, request }) =>
	withErrors(async () => {
		const store = studioStore();
		const take = await takeFor(store, actorOf(request), params.id, 'take.audio');
		const pcm = await loadTakePcm(store, take);
		if (!pcm) throw new StudioError('take_audio_not_ready', 409, 'The take is still being decoded; try again when its analysis has started.');
		const wav = encodeWav(pcm, take.sampleRate, { bitDepth: 16 });
		return new Response(wav as BodyInit, {
			headers: {
				'content-type': 'audio/wav',
				'content-length': String(wav.byteLength),
				'cache-control': 'private, max-age=31536000, immutable',
				'content-disposition': `inline; filename="take-${take.id}.wav"`
			}
		});
	});
