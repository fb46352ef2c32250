import type { RequestHandler } from './$types';
import { StudioError, withErrors } from '$lib/server/errors';
import { parseExportFormat, songExport } from '$lib/server/song-exports';
import { actorOf, songFor } from '$lib/server/access';
import { latestComposedSong } from '$lib/server/songs';
import { studioStore } from '$lib/server/studio';

/** A download of the newest composed revision: wav16, wav24, mp3, midi, json, vocal, backing or musicxml (the lead sheet). */
export const GET: RequestHandler = ({ params, request }) =>
	withErrors(async () => {
		const store = studioStore();
		const format = parseExportFormat(params.format);
		const composed = await latestComposedSong(store, await songFor(store, actorOf(request), params.id, `song.export.${format}`));
		if (!composed) throw new StudioError('not_ready', 404, 'The song is still being composed.');
		const file = await songExport(store, composed, format);
		return new Response(file.bytes as BodyInit, { headers: { 'content-type': file.contentType, 'content-disposition': `attachment; filename="${file.filename}"`, 'cache-control': 'no-cache' } });
	});
