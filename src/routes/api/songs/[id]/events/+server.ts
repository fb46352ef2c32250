import type { RequestHandler } from './$types';
import { asUserError, withErrors } from '$lib/server/errors';
import { COMPOSE_QUEUE, MIX_QUEUE, composeJobId, mixJobId, songJobFailure } from '$lib/server/queue';
import { withQueue } from '$lib/server/queue-availability';
import { songStatus, type JobFailure } from '$lib/server/song-status';
import { requireSong } from '$lib/server/songs';
import { SSE_HEADERS, SSE_HEARTBEAT, sseMessage } from '$lib/server/sse';
import { studioQueue, studioSongQueue, studioStore } from '$lib/server/studio';
import { takeProgress } from '$lib/server/progress';
import { requireTake } from '$lib/server/takes';

const POLL_MS = 250;
const HEARTBEAT_MS = 15_000;

/**
 * A song's progress as a stream: a `status` event whenever anything changed (stage fractions,
 * each phrase as it is sung, the mix, a new revision after an edit) and `failed` with the error.
 * Read from storage, where every finished artifact is, so a reload catches up; it stays open for
 * the edits that follow until the page closes it.
 */
export const GET: RequestHandler = ({ params, request }) =>
	withErrors(async () => {
		const store = studioStore();
		await requireSong(store, params.id);
		const failure: JobFailure = (stage, songId, revision) =>
			withQueue(() => (stage === 'compose' ? songJobFailure(studioSongQueue(COMPOSE_QUEUE), composeJobId(songId, revision)) : songJobFailure(studioSongQueue(MIX_QUEUE), mixJobId(songId, revision))));
		const encoder = new TextEncoder();
		let stop = () => {};
		const stream = new ReadableStream<Uint8Array>({
			start(controller) {
				let closed = false;
				let last = '';
				let lastBeat = Date.now();
				const send = (text: string) => {
					if (!closed) controller.enqueue(encoder.encode(text));
				};
				const close = () => {
					if (closed) return;
					closed = true;
					stop();
					try {
						controller.close();
					} catch {
						// The client has gone.
					}
				};
				let busy = false;
				const tick = async () => {
					if (closed || busy) return;
					busy = true;
					try {
						const record = await requireSong(store, params.id);
						const take = await requireTake(store, record.takeId);
						const status = await songStatus(store, record, failure, () => withQueue(() => takeProgress(store, studioQueue(), take)));
						const json = JSON.stringify(status);
						if (json !== last) {
							last = json;
							send(sseMessage('status', status));
						} else if (Date.now() - lastBeat > HEARTBEAT_MS) {
							lastBeat = Date.now();
							send(SSE_HEARTBEAT);
						}
						if (status.error) {
							send(sseMessage('failed', status.error));
							close();
						}
					} catch (e) {
						// While Redis is down the stream waits (the page keeps its last status) rather than failing the song.
						if (asUserError(e)?.code === 'queue_unavailable') return;
						send(sseMessage('failed', asUserError(e)?.toJson() ?? { code: 'internal_error', message: (e as Error).message }));
						close();
					} finally {
						busy = false;
					}
				};
				const timer = setInterval(() => void tick(), POLL_MS);
				stop = () => clearInterval(timer);
				request.signal.addEventListener('abort', close);
				void tick();
			},
			cancel() {
				stop();
			}
		});
		return new Response(stream, { headers: SSE_HEADERS });
	});
