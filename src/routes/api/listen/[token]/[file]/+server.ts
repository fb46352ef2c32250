import type { RequestHandler } from './$types';
import { songForListener } from '$lib/server/access';
import { StudioError, withErrors } from '$lib/server/errors';
import { latestMixedSong, LISTEN_FILES, listenFileName } from '$lib/server/listen';
import { songName } from '$lib/server/names';
import { songExport } from '$lib/server/song-exports';
import { studioStore } from '$lib/server/studio';

/** A share link's mix download: `mix.wav` (16-bit), `mix-24bit.wav` or `mix.mp3` of the newest mixed revision. */
export const GET: RequestHandler = ({ params }) =>
	withErrors(async () => {
		if (!Object.hasOwn(LISTEN_FILES, params.file)) throw new StudioError('unknown_listen_file', 404, `No file "${params.file}": choose one of ${Object.keys(LISTEN_FILES).join(', ')}.`);
		const format = LISTEN_FILES[params.file];
		const store = studioStore();
		const record = await songForListener(store, params.token, `song.export.${format}`);
		const mixed = await latestMixedSong(store, record);
		if (!mixed) throw new StudioError('not_ready', 404, 'The song is still being mixed; try again in a moment.');
		const file = await songExport(store, mixed, format);
		const filename = listenFileName((await songName(store, record.id)) ?? 'song', params.file);
		return new Response(file.bytes as BodyInit, { headers: { 'content-type': file.contentType, 'content-disposition': `attachment; filename="${filename}"`, 'cache-control': 'no-store' } });
	});
