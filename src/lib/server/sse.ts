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

const HEARTBEAT_MS = 15_000;

/** What a stream's body uses to talk to the page. */
export interface SseChannel {
	send(event: string, data: unknown): void;
	/** Ends the stream (idempotent). */
	close(): void;
	readonly closed: boolean;
}

/**
 * An event-stream response. `start` subscribes to what the stream follows and returns the function
 * that unsubscribes; the stream ends when `start`'s channel closes it, the client goes away
 * (abort or cancel) or `start` throws (sent as `failed`). On every end, once: the heartbeat stops,
 * the subscriptions are dropped and `release` (the stream's place under the caps) is called.
 */
export function eventStreamResponse(request: Request, release: () => void, start: (channel: SseChannel) => Promise<() => void>): Response {
	const encoder = new TextEncoder();
	let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
	let cleanup: (() => void) | null = null;
	let heartbeat: ReturnType<typeof setInterval> | null = null;
	let closed = false;
	const write = (text: string) => {
		if (closed || !controller) return;
		try {
			controller.enqueue(encoder.encode(text));
		} catch {
			close();
		}
	};
	const close = () => {
		if (closed) return;
		closed = true;
		if (heartbeat) clearInterval(heartbeat);
		cleanup?.();
		release();
		try {
			controller?.close();
		} catch {
			// The client has gone.
		}
	};
	const channel: SseChannel = {
		send: (event, data) => write(sseMessage(event, data)),
		close,
		get closed() {
			return closed;
		}
	};
	const stream = new ReadableStream<Uint8Array>({
		async start(c) {
			controller = c;
			heartbeat = setInterval(() => write(SSE_HEARTBEAT), HEARTBEAT_MS);
			request.signal.addEventListener('abort', close);
			try {
				const unsubscribe = await start(channel);
				if (closed) unsubscribe();
				else cleanup = unsubscribe;
			} catch (e) {
				console.error('[studio] event stream failed', e);
				channel.send('failed', { code: 'internal_error', message: e instanceof Error ? e.message : String(e) });
				close();
			}
		},
		cancel() {
			close();
		}
	});
	return new Response(stream, { headers: SSE_HEADERS });
}
