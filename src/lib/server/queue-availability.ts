/**
 * The web's calls into Redis answer within a deadline: while Redis is down (killed, restarting,
 * refusing writes) a request gets a 503 `queue_unavailable` with a sentence within about two
 * seconds instead of hanging on BullMQ's reconnect loop.
 */
import { StudioError } from './errors';
import { isRedisUnavailable, QUEUE_UNAVAILABLE_MESSAGE } from './redis-errors';

/** The longest a request waits on the queue before answering 503, ms. */
export const QUEUE_DEADLINE_MS = 1500;

/** A song (or an edit of one) is stored before its compose job is queued; the worker queues it later if that failed. */
export const SONG_KEPT_MESSAGE = 'Your song was saved, but the studio’s job queue is not reachable right now; it will be composed by itself when the queue is back.';

export function queueUnavailable(message = QUEUE_UNAVAILABLE_MESSAGE): StudioError {
	return new StudioError('queue_unavailable', 503, message);
}

/** Redis answered but refused (MISCONF, READONLY, OOM…): say so with its reason; otherwise it is unreachable. */
function redisRefusalMessage(e: Error): string {
	if (e.name !== 'ReplyError') return QUEUE_UNAVAILABLE_MESSAGE;
	return `The studio’s job queue (Redis) refused the request (${e.message.split('\n')[0].slice(0, 200)}); try again in a moment.`;
}

/**
 * Runs a call that needs the queue; a Redis failure, or no answer within `deadlineMs`, becomes a
 * 503 `queue_unavailable` (with `message` when given). Other errors pass through unchanged.
 */
export async function withQueue<T>(run: () => Promise<T>, { deadlineMs = QUEUE_DEADLINE_MS, message }: { deadlineMs?: number; message?: string } = {}): Promise<T> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const deadline = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(queueUnavailable(message)), deadlineMs);
	});
	const call = run();
	// A call that loses the race may still fail later; that failure is already answered.
	call.catch(() => {});
	try {
		return await Promise.race([call, deadline]);
	} catch (e) {
		if (isRedisUnavailable(e)) throw queueUnavailable(message ?? redisRefusalMessage(e as Error));
		throw e;
	} finally {
		clearTimeout(timer);
	}
}
