import type { RequestHandler } from './$types';
import { getAnalysis } from '$lib/server/analysis';
import { asUserError, withErrors } from '$lib/server/errors';
import { takeProgress } from '$lib/server/progress';
import { analyzeJobId } from '$lib/server/queue';
import { queueUnavailable, withQueue } from '$lib/server/queue-availability';
import { SSE_HEADERS, SSE_HEARTBEAT, sseMessage } from '$lib/server/sse';
import { studioQueue, studioRelay, studioStore } from '$lib/server/studio';
import { requireTake } from '$lib/server/takes';
import type { RelayEvent } from '$lib/server/progress-relay';
import type { AnalysisProgress } from '$lib/take/types';

const HEARTBEAT_MS = 15_000;

/**
 * The analysis of one take as a stream: the current state first (so a reloaded page catches up),
 * then every change, and `done` with the result or `failed` with the error, after which it closes.
 */
export const GET: RequestHandler = ({ params, request }) =>
	withErrors(async () => {
		const store = studioStore();
		const take = await requireTake(store, params.id);
		const relay = studioRelay();
		await withQueue(() => relay.waitUntilReady());
		const encoder = new TextEncoder();
		let cleanup = () => {};

		const stream = new ReadableStream<Uint8Array>({
			async start(controller) {
				let closed = false;
				const send = (event: string, data: unknown) => {
					if (!closed) controller.enqueue(encoder.encode(sseMessage(event, data)));
				};
				const close = () => {
					if (closed) return;
					closed = true;
					cleanup();
					try {
						controller.close();
					} catch {
						// Already closed by the client going away.
					}
				};
				const finish = async (progress: AnalysisProgress) => {
					send('progress', progress);
					if (progress.status === 'completed') {
						send('done', { analysis: await getAnalysis(store, take) });
						close();
					} else if (progress.status === 'failed') {
						send('failed', progress.error);
						close();
					}
				};
				// Subscribe before reading the snapshot so nothing happens unseen in between.
				let lastFraction = 0;
				const unsubscribe = relay.subscribe(analyzeJobId(take.id), (event: RelayEvent) => {
					void (async () => {
						switch (event.type) {
							case 'waiting':
								return send('progress', { status: 'queued', stage: 'queued', fraction: 0 });
							case 'active':
								return send('progress', { status: 'active', stage: 'decoding', fraction: lastFraction });
							case 'progress':
								lastFraction = event.progress.fraction;
								return send('progress', { status: 'active', ...event.progress });
							case 'completed':
								return finish({ status: 'completed', stage: 'done', fraction: 1 });
							case 'failed':
								return finish({ status: 'failed', stage: 'done', fraction: lastFraction, error: event.error });
						}
					})().catch((e) => console.error('[studio] SSE relay error', e));
				});
				const heartbeat = setInterval(() => {
					if (!closed) controller.enqueue(encoder.encode(SSE_HEARTBEAT));
				}, HEARTBEAT_MS);
				cleanup = () => {
					unsubscribe();
					clearInterval(heartbeat);
				};
				request.signal.addEventListener('abort', close);
				try {
					const snapshot = await withQueue(() => takeProgress(store, studioQueue(), take));
					lastFraction = snapshot.fraction;
					await finish(snapshot);
				} catch (e) {
					send('failed', (asUserError(e) ?? queueUnavailable()).toJson());
					close();
				}
			},
			cancel() {
				cleanup();
			}
		});
		return new Response(stream, { headers: SSE_HEADERS });
	});
