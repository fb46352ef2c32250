import type { RequestHandler } from './$types';
import { readConfig } from '$lib/server/config';
import { StudioError, withErrors } from '$lib/server/errors';
import { takeView } from '$lib/server/access';
import { mintSecret, OWNER_HEADER, ownerCookieHeader, ownerKeyOf, secretHash } from '$lib/server/owner-key';
import { enqueueAnalysis } from '$lib/server/queue';
import { clientIdentity } from '$lib/server/client-identity';
import { enforceRateLimit } from '$lib/server/rate-limits';
import { studioInspectionPool, studioQueue, studioStore } from '$lib/server/studio';
import { createTake } from '$lib/server/takes';
import { readUpload } from '$lib/server/upload';

/**
 * Upload a take: validate, store it, queue its analysis. The take belongs to the owner key the
 * request proves; a request without one gets a new key, as a cookie for the browser and in the
 * `x-owner-key` header for scripts, which must send it back to reach the take again.
 */
export const POST: RequestHandler = ({ request, getClientAddress }) =>
	withErrors(async () => {
		await enforceRateLimit('upload', clientIdentity(request, getClientAddress()));
		const { maxUploadBytes } = readConfig();
		const input = await readUpload(request, maxUploadBytes);
		const provedKey = ownerKeyOf(request.headers);
		const ownerKey = provedKey ?? mintSecret();
		const pool = studioInspectionPool();
		const take = await createTake(studioStore(), { ...input, ownerHash: secretHash(ownerKey) }, { maxBytes: maxUploadBytes, inspect: (bytes) => pool.inspect(bytes) });
		const headers = new Headers({ location: `/api/takes/${take.id}` });
		if (!provedKey) {
			headers.set('set-cookie', ownerCookieHeader(ownerKey));
			headers.set(OWNER_HEADER, ownerKey);
		}
		try {
			await enqueueAnalysis(studioQueue(), take.id);
		} catch (e) {
			console.error('[studio] could not queue analysis', e);
			// The take is stored; opening it later queues the analysis again (so the new key is sent along).
			const refusal = new StudioError('queue_unavailable', 503, `Your take was saved (id ${take.id}) but the job queue is not reachable; open it again in a moment to start the analysis.`);
			return Response.json({ error: refusal.toJson() }, { status: refusal.httpStatus, headers });
		}
		return Response.json({ take: takeView(take) }, { status: 201, headers });
	});
