import type { Handle, ServerInit } from '@sveltejs/kit';
import { readConfig } from '$lib/server/config';
import { removeStaleTempFiles } from '$lib/server/stale-temp-files';
import { crossSiteRefusal } from '$lib/server/same-origin';
import { closeStudioServices } from '$lib/server/studio';

/** At start: temporary files a killed process or a refused write left behind are removed. */
export const init: ServerInit = async () => {
	const removed = await removeStaleTempFiles(readConfig().dataDir);
	if (removed.length) console.log(`[studio] removed ${removed.length} stale temporary file(s) left by an interrupted write`);
};

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Cross-site request forgery guard (see same-origin.ts): browsers' requests from other sites are refused. */
export const handle: Handle = async ({ event, resolve }) => {
	const headers = event.request.headers;
	if (UNSAFE_METHODS.has(event.request.method)) {
		const refusal = crossSiteRefusal({ origin: headers.get('origin'), host: headers.get('host'), secFetchSite: headers.get('sec-fetch-site') });
		if (refusal) return Response.json({ error: { code: 'cross_origin', message: refusal } }, { status: 403 });
	}
	return resolve(event);
};

// adapter-node emits this after it stops accepting requests on SIGTERM/SIGINT; the open Redis
// connections would otherwise keep the process alive.
process.on('sveltekit:shutdown' as 'exit', () => {
	void closeStudioServices();
});
