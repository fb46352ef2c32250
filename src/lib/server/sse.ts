/** Server-Sent Events framing (WHATWG HTML §9.2): `event:` line, `data:` line(s), blank line. */
export function sseMessage(event: string, data: unknown): string {
	const json = JSON.stringify(data);
	return `event: ${event}\ndata: ${json}\n\n`;
}

/** A comment line keeps proxies from closing an idle stream. */
export const SSE_HEARTBEAT = ': heartbeat\n\n';

export const SSE_HEADERS = {
	'content-type': 'text/event-stream; charset=utf-8',
	'cache-control': 'no-cache, no-transform',
	connection: 'keep-alive',
	'x-accel-buffering': 'no'
} as const;
