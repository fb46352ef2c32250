import type { RequestHandler } from './$types';
import { studioQueue } from '$lib/server/studio';

/** Liveness plus a Redis round trip, for start-up scripts and load balancers. */
export const GET: RequestHandler = async () => {
	try {
		const counts = await studioQueue().getJobCounts('waiting', 'active', 'failed');
		return Response.json({ ok: true, queue: counts });
	} catch (e) {
		return Response.json({ ok: false, error: { code: 'queue_unavailable', message: String(e) } }, { status: 503 });
	}
};
