import type { RequestHandler } from './$types';
import { deleteVoiceProfile } from '$lib/server/deletion';
import { asUserError, withErrors } from '$lib/server/errors';
import { readConfig } from '$lib/server/config';
import { clientIdentity } from '$lib/server/client-identity';
import { enforceRateLimit } from '$lib/server/rate-limits';
import { withQueue } from '$lib/server/queue-availability';
import { studioInspectionPool, studioQueue, studioStore } from '$lib/server/studio';
import { uploadSlots } from '$lib/server/upload-slots';
import { createVoiceSource, enqueueVoiceSource, readVoiceSourceUpload, voiceSourceStatus } from '$lib/server/voice-source';
import { actorOf, takeFor } from '$lib/server/access';
import { assertMayRecord } from '$lib/server/class-access';
import { writesWhileLive } from '$lib/server/liveness';

/** The take's owner deletes the voice learned from it and everything sung with it; the take and its melody stay. */
export const DELETE: RequestHandler = ({ params, request }) =>
	withErrors(async () => {
		const store = studioStore();
		const take = await takeFor(store, actorOf(request), params.id, 'voice.delete');
		await deleteVoiceProfile(store, take);
		return new Response(null, { status: 204 });
	});

/**
 * Learn the take's voice from another recording: multipart `audio` (any format a take may be),
 * `text` (what was said, ≤ 2000 characters), `language` (default the take's). Checked and stored
 * here, learned by a job; answers 202 with where it stands (GET below).
 */
export const POST: RequestHandler = ({ params, request, getClientAddress }) =>
	withErrors(async () => {
		const store = studioStore();
		await enforceRateLimit('upload', clientIdentity(request, getClientAddress()));
		const { maxUploadBytes } = readConfig();
		const pool = studioInspectionPool();
		// Read and decoded in the upload slots and threads, as a take upload is. The body is read before
		// the rights are checked, so a refused client is answered after its upload, not reset midway.
		const source = await uploadSlots.run(async () => {
			const upload = await readVoiceSourceUpload(request, maxUploadBytes);
			const take = await takeFor(store, actorOf(request), params.id, 'take.edit');
			await assertMayRecord(store, take.ownerHash ?? null);
			// Kept only while the take lives: a take deleted meanwhile (its class ended) gets no new files.
			return { take, record: await createVoiceSource(writesWhileLive(store, { takeId: take.id }), take, upload, (bytes) => pool.inspect(bytes)) };
		});
		const { take, record } = source;
		try {
			await withQueue(() => enqueueVoiceSource(studioQueue(), take.id, record.id), {
				message: 'Your recording was saved, but the studio’s job queue is not reachable right now; the voice will be learned when you open this take again.'
			});
		} catch (e) {
			const refusal = asUserError(e);
			if (!refusal) throw e;
			return Response.json({ error: refusal.toJson(), sourceId: record.id }, { status: refusal.httpStatus });
		}
		return Response.json({ sourceId: record.id, ...(await voiceSourceStatus(store, studioQueue(), take)) }, { status: 202 });
	});

/** Where the take's voice sources stand: the one it sings with (with its coverage) and the one sent last. */
export const GET: RequestHandler = ({ params, request }) =>
	withErrors(async () => {
		const store = studioStore();
		const take = await takeFor(store, actorOf(request), params.id, 'take.read');
		return Response.json(await withQueue(() => voiceSourceStatus(store, studioQueue(), take)));
	});
