import type { Handle, ServerInit } from '@sveltejs/kit';
import { readConfig } from '$lib/server/config';
import { removeStaleTempFiles } from '$lib/server/stale-temp-files';
import { crossSiteRefusal } from '$lib/server/same-origin';
import { closeStudioServices } from '$lib/server/studio';
import { negotiateUiLocale, UI_LOCALE_COOKIE } from '$lib/i18n';

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
		if (refusal) return withSecurityHeaders(Response.json({ error: { code: 'cross_origin', message: refusal } }, { status: 403 }));
	}
	// The interface language: the browser's saved choice, else its Accept-Language (i18n/locales.ts).
	const uiLocale = negotiateUiLocale(headers.get('accept-language'), event.cookies.get(UI_LOCALE_COOKIE));
	event.locals.uiLocale = uiLocale;
	const response = await resolve(event, { transformPageChunk: ({ html }) => html.replace('%h2s.lang%', uiLocale) });
	return withSecurityHeaders(response);
};

/**
 * Headers for every response, pages and API alike (pages also get the CSP from svelte.config.js;
 * API responses are data, never documents, so their policy forbids everything).
 */
const SECURITY_HEADERS: Record<string, string> = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'no-referrer',
	'x-frame-options': 'DENY',
	'cross-origin-opener-policy': 'same-origin',
	'cross-origin-resource-policy': 'same-origin',
	'permissions-policy': 'microphone=(self), camera=(), geolocation=()'
};
const DATA_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox";

function withSecurityHeaders(response: Response): Response {
	let headers: Headers;
	try {
		headers = response.headers;
		for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
	} catch {
		// Immutable headers (a fetched Response passed through): copy into a new Response.
		response = new Response(response.body, response);
		headers = response.headers;
		for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
	}
	if (!headers.has('content-security-policy')) headers.set('content-security-policy', DATA_CSP);
	return response;
}

// adapter-node emits this after it stops accepting requests on SIGTERM/SIGINT; the open Redis
// connections would otherwise keep the process alive.
process.on('sveltekit:shutdown' as 'exit', () => {
	void closeStudioServices();
});
