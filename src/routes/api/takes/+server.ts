import type { RequestHandler } from './$types';
import { readConfig } from '$lib/server/config';
import { asUserError, withErrors } from '$lib/server/errors';
import { takeView } from '$lib/server/access';
import { mintSecret, OWNER_HEADER, ownerCookieHeader, ownerKeyOf, secretHash } from '$lib/server/owner-key';
import { enqueueAnalysis } from '$lib/server/queue';
import { withQueue } from '$lib/server/queue-availability';
import { clientIdentity } from '$lib/server/client-identity';
import { enforceRateLimit } from '$lib/server/rate-limits';
import { studioInspectionPool, studioQueue, studioStore } from '$lib/server/studio';
import { createTake } from '$lib/server/takes';
import { assertMayRecord, undoIfClassEnded } from '$lib/server/class-access';
import { deleteTake } from '$lib/server/deletion';
import { readUpload } from '$lib/server/upload';
import { uploadSlots } from '$lib/server/upload-slots';

/**
 * Upload a take: validate, store it, queue its analysis. The take belongs to the owner key the
 * request proves; a request without one gets a new key, as a cookie for the browser and in the
 * `x-owner-key` header for scripts, which must send it back to reach the take again.
 */
export const POST: RequestHandler = ({ request, getClientAddress }) =>
	withErrors(async () => {
		await enforceRateLimit('upload', clientIdentity(request, getClientAddress()));
		const { maxUploadBytes } = readConfig();
		const provedKey = ownerKeyOf(request.headers);
		const ownerKey = provedKey ?? mintSecret();
		const pool = studioInspectionPool();
		// Two uploads are read and decoded at a time; the rest wait unread in their sockets (web memory stays bounded).
		const take = await uploadSlots.run(async () => {
			const upload = await readUpload(request, maxUploadBytes);
			// A student of a class records only after the class's consent (read once the body is in, so the answer is not a reset connection).
			const student = await assertMayRecord(studioStore(), provedKey ? secretHash(provedKey) : null);
			const created = await createTake(studioStore(), { ...upload, ownerHash: secretHash(ownerKey) }, { maxBytes: maxUploadBytes, inspect: (bytes) => pool.inspect(bytes) });
			await undoIfClassEnded(studioStore(), student, () => deleteTake(studioStore(), created.id, created.ownerHash));
			return created;
		});
		const headers = new Headers({ location: `/api/takes/${take.id}` });
		if (!provedKey) {
			headers.set('set-cookie', ownerCookieHeader(ownerKey));
			headers.set(OWNER_HEADER, ownerKey);
		}
		try {
			// The take is stored either way; the worker re-queues an analysis that never reached the queue.
			await withQueue(() => enqueueAnalysis(studioQueue(), take.id), {
				message: `Your take was saved (id ${take.id}), but the studio’s job queue is not reachable right now; its analysis will start by itself when the queue is back.`
			});
		} catch (e) {
			const refusal = asUserError(e);
			if (!refusal) throw e;
			// The new owner key goes along, or the saved take could never be reached.
			return Response.json({ error: refusal.toJson() }, { status: refusal.httpStatus, headers });
		}
		return Response.json({ take: takeView(take) }, { status: 201, headers });
	});
