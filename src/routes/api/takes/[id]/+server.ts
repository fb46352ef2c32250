import type { RequestHandler } from './$types';
import { actorOf, takeFor, takeView } from '$lib/server/access';
import { getAnalysis } from '$lib/server/analysis';
import { deleteTake } from '$lib/server/deletion';
import { withErrors } from '$lib/server/errors';
import { readJsonBody } from '$lib/server/json-body';
import { parseName, renameTake, takeName } from '$lib/server/names';
import { isTakeId } from '$lib/server/keys';
import { ownerListsTake } from '$lib/server/library-index';
import { takeProgress } from '$lib/server/progress';
import { withQueue } from '$lib/server/queue-availability';
import { studioQueue, studioStore } from '$lib/server/studio';
import { getTake } from '$lib/server/takes';

/** The take (with the name its owner gave it), where its analysis stands, and the analysis once done. */
export const GET: RequestHandler = ({ params, request }) =>
	withErrors(async () => {
		const store = studioStore();
		const take = await takeFor(store, actorOf(request), params.id, 'take.read');
		const progress = await withQueue(() => takeProgress(store, studioQueue(), take));
		const analysis = progress.status === 'completed' ? await getAnalysis(store, take) : null;
		return Response.json({ take: takeView(take), name: (await takeName(store, take.id)) ?? take.originalName, progress, analysis });
	});

/** Rename: `{"name": "…"}` (1–100 characters). */
export const PATCH: RequestHandler = ({ params, request }) =>
	withErrors(async () => {
		const store = studioStore();
		const take = await takeFor(store, actorOf(request), params.id, 'take.edit');
		const body = (await readJsonBody(request, '{"name": "Morning hum"}')) as { name?: unknown };
		const name = parseName(body?.name);
		await renameTake(store, take.id, name);
		return Response.json({ id: take.id, name });
	});

/** The owner deletes the take and everything made from it (recording, audio, analysis, voice, vocals, songs, mixes, exports). */
export const DELETE: RequestHandler = ({ params, request }) =>
	withErrors(async () => {
		const store = studioStore();
		const actor = actorOf(request);
		// A deletion that stopped midway (the record already gone) is finished for the owner whose library still lists the take.
		const unfinished = actor.ownerHash !== null && isTakeId(params.id) && !(await getTake(store, params.id)) && (await ownerListsTake(store, actor.ownerHash, params.id));
		const takeId = unfinished ? params.id : (await takeFor(store, actor, params.id, 'take.delete')).id;
		await deleteTake(store, takeId, actor.ownerHash ?? undefined);
		return new Response(null, { status: 204 });
	});
