/**
 * Cross-site request guard for requests that change state (POST, PUT, PATCH, DELETE).
 *
 * adapter-node cannot know whether it is reached over http or https without `ORIGIN` (it assumes
 * https), and the studio is opened as http://127.0.0.1, http://localhost or a LAN address, so the
 * check compares the browser's `Origin` *host* (name and port) with the `Host` the request was sent
 * to, and trusts the browser's own `Sec-Fetch-Site` verdict when it gives one.
 */
export interface OriginHeaders {
	/** The `Origin` header, or null when the client sent none (curl, scripts). */
	origin: string | null;
	/** The `Host` header the request was sent to. */
	host: string | null;
	/** The `Sec-Fetch-Site` header (browsers send it on every request), or null. */
	secFetchSite: string | null;
}

/** A sentence for the user when the request is refused, or null when it may proceed. */
export function crossSiteRefusal({ origin, host, secFetchSite }: OriginHeaders): string | null {
	if (secFetchSite === 'cross-site' || secFetchSite === 'same-site') {
		return `Requests from ${origin ?? 'another site'} may not change this studio.`;
	}
	// No Origin: not a browser's cross-site request (browsers always send Origin on these methods).
	if (origin === null) return null;
	let originHost: string;
	try {
		originHost = new URL(origin).host;
	} catch {
		// "null" (sandboxed frames, file: pages) or garbage.
		return `Requests from ${origin} may not change this studio.`;
	}
	if (host === null || originHost.toLowerCase() !== host.toLowerCase()) {
		return `Requests from ${origin} may not change this studio; open the studio at its own address instead.`;
	}
	return null;
}
