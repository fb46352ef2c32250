import type { RequestHandler } from './$types';
import { getAnalysis } from '$lib/server/analysis';
import { clientIdentity, clientName } from '$lib/server/client-identity';
import { withErrors } from '$lib/server/errors';
import { takeProgress } from '$lib/server/progress';
import { analyzeJobId } from '$lib/server/queue';
import { withQueue } from '$lib/server/queue-availability';
import { eventStreamResponse } from '$lib/server/sse';
import { studioEventStreams, studioQueue, studioRelay, studioStore } from '$lib/server/studio';
import { actorOf, takeFor } from '$lib/server/access';
import type { RelayEvent } from '$lib/server/progress-relay';
import type { AnalysisProgress } from '$lib/take/types';

/**
 * The analysis of one take as a stream: the current state first (so a reloaded page catches up),
 * then every change, and `done` with the result or `failed` with the error, after which it closes.
 * Open streams are capped per client and in total (429 / 503 with a sentence).
 */
export const GET: RequestHandler = ({ params, request, getClientAddress }) =>
	withErrors(async () => {
		const client = clientName(clientIdentity(request, getClientAddress()));
		return studioEventStreams().openCounted(client, async (release) => {
			const store = studioStore();
			const take = await takeFor(store, actorOf(request), params.id, 'take.read');
			const relay = studioRelay();
			await withQueue(() => relay.waitUntilReady());
			return eventStreamResponse(request, release, async (channel) => {
				const finish = async (progress: AnalysisProgress) => {
					channel.send('progress', progress);
					if (progress.status === 'completed') {
						channel.send('done', { analysis: await getAnalysis(store, take) });
						channel.close();
					} else if (progress.status === 'failed') {
						channel.send('failed', progress.error);
						channel.close();
					}
				};
				// Subscribe before reading the snapshot so nothing happens unseen in between.
				let lastFraction = 0;
				const unsubscribe = relay.subscribe(analyzeJobId(take.id), (event: RelayEvent) => {
					void (async () => {
						switch (event.type) {
							case 'waiting':
								return channel.send('progress', { status: 'queued', stage: 'queued', fraction: 0 });
							case 'active':
								return channel.send('progress', { status: 'active', stage: 'decoding', fraction: lastFraction });
							case 'progress':
								lastFraction = event.progress.fraction;
								return channel.send('progress', { status: 'active', ...event.progress });
							case 'completed':
								return finish({ status: 'completed', stage: 'done', fraction: 1 });
							case 'failed':
								return finish({ status: 'failed', stage: 'done', fraction: lastFraction, error: event.error });
						}
					})().catch((e) => console.error('[studio] SSE relay error', e));
				});
				try {
					const snapshot = await withQueue(() => takeProgress(store, studioQueue(), take));
					lastFraction = snapshot.fraction;
					await finish(snapshot);
				} catch (e) {
					unsubscribe();
					throw e;
				}
				return unsubscribe;
			});
		});
	});
