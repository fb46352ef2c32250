import type { RequestHandler } from './$types';
import { actorOf, songFor } from '$lib/server/access';
import { withErrors } from '$lib/server/errors';
import { parseExportFormat, songExport } from '$lib/server/song-exports';
import { requireComposedRevision, revisionOf } from '$lib/server/song-revisions';
import { studioStore } from '$lib/server/studio';

/** A download of one version (as /export/[format] gives the newest): the page plays an older version's mix from here to compare. */
export const GET: RequestHandler = ({ params, request }) =>
	withErrors(async () => {
		const store = studioStore();
		const format = parseExportFormat(params.format);
		const record = await songFor(store, actorOf(request), params.id, `song.export.${format}`);
		const composed = await requireComposedRevision(store, record, revisionOf(record, params.revision));
		const file = await songExport(store, composed, format);
		// A version's files never change (they are content-addressed), so the browser may keep them.
		return new Response(file.bytes as BodyInit, { headers: { 'content-type': file.contentType, 'content-disposition': `attachment; filename="${file.filename}"`, 'cache-control': 'private, max-age=3600' } });
	});
