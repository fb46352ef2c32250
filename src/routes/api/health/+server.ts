import type { RequestHandler } from './$types';
import { readConfig } from '$lib/server/config';
import { asUserError } from '$lib/server/errors';
import { queueUnavailable, withQueue } from '$lib/server/queue-availability';
import { whenReady } from '$lib/server/redis';
import { studioQueue, studioRedis } from '$lib/server/studio';

/** How long the health key lives, s: long enough to see by hand, short enough never to pile up. */
const HEALTH_KEY_TTL_SECONDS = 60;

/**
 * Liveness plus a real Redis write (so a Redis that refuses writes, e.g. MISCONF after a failed
 * save, or a read-only replica, shows as down) and the queue's counts, for start-up scripts and
 * load balancers. Answers within about two seconds either way.
 */
export const GET: RequestHandler = async () => {
	try {
		const queue = studioQueue();
		const counts = await withQueue(async () => {
			await (await whenReady(studioRedis())).set(`${readConfig().queuePrefix}:health`, new Date().toISOString(), 'EX', HEALTH_KEY_TTL_SECONDS);
			return queue.getJobCounts('waiting', 'active', 'failed');
		});
		return Response.json({ ok: true, queue: counts });
	} catch (e) {
		const error = asUserError(e) ?? queueUnavailable();
		return Response.json({ ok: false, error: error.toJson() }, { status: 503 });
	}
};
