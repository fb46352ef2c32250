import type { RequestHandler } from './$types';
import { clientIdentity, clientName } from '$lib/server/client-identity';
import { actorOf, songFor } from '$lib/server/access';
import { asUserError, withErrors } from '$lib/server/errors';
import { analyzeJobId } from '$lib/server/queue';
import { withQueue } from '$lib/server/queue-availability';
import { songStatus } from '$lib/server/song-status';
import { requireSong } from '$lib/server/songs';
import { eventStreamResponse } from '$lib/server/sse';
import { studioEventStreams, studioQueue, studioRelay, studioSongFailure, studioSongRelays, studioStore } from '$lib/server/studio';
import { takeProgress } from '$lib/server/progress';
import { requireTake } from '$lib/server/takes';

/** A safety net under the queue events (a missed event, an edit's new revision): read storage this often anyway. */
const SAFETY_POLL_MS = 5_000;

/**
 * A song's progress as a stream: a `status` event whenever anything changed (stage fractions,
 * each phrase as it is sung, the mix, a new revision after an edit) and `failed` with the error.
 * The status is read from storage, where every finished artifact is, so a reload catches up: once
 * on connect, again whenever a queue event arrives for one of the song's jobs (or its take's
 * analysis), and every 5 s as a safety net. It stays open for the edits that follow until the page
 * closes it. Open streams are capped per client and in total (429 / 503 with a sentence).
 */
export const GET: RequestHandler = ({ params, request, getClientAddress }) =>
	withErrors(async () => {
		const client = clientName(clientIdentity(request, getClientAddress()));
		return studioEventStreams().openCounted(client, async (release) => {
			const store = studioStore();
			const song = await songFor(store, actorOf(request), params.id, 'song.read');
			const relays = studioSongRelays();
			const analysisRelay = studioRelay();
			await withQueue(() => Promise.all([...relays, analysisRelay].map((r) => r.waitUntilReady())));
			return eventStreamResponse(request, release, async (channel) => {
				let last = '';
				let busy = false;
				let again = false;
				const refresh = async () => {
					if (busy) {
						again = true;
						return;
					}
					busy = true;
					try {
						do {
							again = false;
							const record = await requireSong(store, params.id);
							const take = await requireTake(store, record.takeId);
							const status = await songStatus(store, record, (stage, songId, revision) => withQueue(() => studioSongFailure(stage, songId, revision)), () =>
								withQueue(() => takeProgress(store, studioQueue(), take))
							);
							const json = JSON.stringify(status);
							if (json !== last) {
								last = json;
								channel.send('status', status);
							}
							if (status.error) {
								channel.send('failed', status.error);
								channel.close();
							}
						} while (again && !channel.closed);
					} catch (e) {
						// While Redis is down the stream waits (the page keeps its last status) rather than failing the song.
						if (asUserError(e)?.code === 'queue_unavailable') return;
						// A song deleted while its page is open says so (song_not_found), not "internal error".
						channel.send('failed', asUserError(e)?.toJson() ?? { code: 'internal_error', message: (e as Error).message });
						channel.close();
					} finally {
						busy = false;
					}
				};
				const onEvent = () => void refresh();
				// Subscribe before the first read so nothing happens unseen in between.
				const unsubscribes = [...relays.map((r) => r.subscribe(song.id, onEvent)), analysisRelay.subscribe(analyzeJobId(song.takeId), onEvent)];
				const poll = setInterval(onEvent, SAFETY_POLL_MS);
				await refresh();
				return () => {
					clearInterval(poll);
					for (const unsubscribe of unsubscribes) unsubscribe();
				};
			});
		});
	});
