import type { RequestHandler } from './$types';
import { assertClassOpen } from '$lib/server/class-access';
import { actorOf, songFor, songRecordView } from '$lib/server/access';
import { studentOfOwner } from '$lib/server/classes';
import { deleteSong } from '$lib/server/deletion';
import { clientIdentity } from '$lib/server/client-identity';
import { withErrors } from '$lib/server/errors';
import { writesWhileLive } from '$lib/server/liveness';
import { readJsonBody } from '$lib/server/json-body';
import { parseName, renameSong, songName } from '$lib/server/names';
import { COMPOSE_QUEUE, enqueueCompose } from '$lib/server/queue';
import { getSong, isSongId, latestComposedSong, reviseSong } from '$lib/server/songs';
import { carryEditsForward } from '$lib/server/song-edit-revision';
import { songQueueRank } from '$lib/server/song-rank';
import { ownerListsSong } from '$lib/server/library-index';
import { enforceRateLimit } from '$lib/server/rate-limits';
import { SONG_KEPT_MESSAGE, withQueue } from '$lib/server/queue-availability';
import { studioSongQueue, studioStore } from '$lib/server/studio';

/**
 * The song, for its owner (and a class student's teacher): its latest request and the newest composed
 * revision (with its report); `inClass`: made in a class, so it has no public share link;
 * `classId`: the class, for the student who made it (null otherwise).
 */
export const GET: RequestHandler = ({ params, request }) =>
	withErrors(async () => {
		const store = studioStore();
		const actor = actorOf(request);
		const record = await songFor(store, actor, params.id, 'song.read');
		const student = await studentOfOwner(store, record.ownerHash);
		// The student's own song page links back to their class page (the teacher's view has its dashboard).
		const classId = student && actor.ownerHash === record.ownerHash ? student.classId : null;
		return Response.json({ record: songRecordView(record), name: await songName(store, record.id), composed: await latestComposedSong(store, record), inClass: student !== null, classId });
	});

/**
 * An edit (lyrics, style, language, candidate, mix): a new revision, composed and rendered anew;
 * unchanged phrases are reused. `name` renames the song; a body with only a name makes no revision.
 */
export const PATCH: RequestHandler = ({ params, request, getClientAddress }) =>
	withErrors(async () => {
		const store = studioStore();
		const record = await songFor(store, actorOf(request), params.id, 'song.edit');
		await assertClassOpen(store, record.ownerHash);
		await enforceRateLimit('song', clientIdentity(request, getClientAddress()));
		const body = await readJsonBody(request, '{"candidate": 1}');
		const isObject = body !== null && typeof body === 'object' && !Array.isArray(body);
		const { name: rawName, ...edit } = isObject ? (body as Record<string, unknown>) : {};
		const name = rawName === undefined ? undefined : parseName(rawName);
		if (name !== undefined && Object.keys(edit).length === 0) {
			await renameSong(store, record.id, name);
			return Response.json({ songId: record.id, revision: record.revision, request: record.request, name });
		}
		// An edit racing a deletion must not bring the song back.
		const live = writesWhileLive(store, { takeId: record.takeId, songId: record.id });
		const next = await reviseSong(live, record, isObject ? edit : body);
		// Hand edits survive a new style or mix; a new lyric or melody composes the song anew.
		await carryEditsForward(live, record, next);
		if (name !== undefined) await renameSong(store, record.id, name);
		const rank = await songQueueRank(store, next);
		await withQueue(() => enqueueCompose(studioSongQueue(COMPOSE_QUEUE), next.id, next.revision, rank), { message: SONG_KEPT_MESSAGE });
		return Response.json({ songId: next.id, revision: next.revision, request: next.request, ...(name !== undefined ? { name } : {}) }, { status: 202 });
	});

/** The owner deletes the song: its revisions, vocals, backings, mixes and exports; the take stays. */
export const DELETE: RequestHandler = ({ params, request }) =>
	withErrors(async () => {
		const store = studioStore();
		const actor = actorOf(request);
		// A deletion that stopped midway (the record already gone) is finished for the owner whose library still lists the song.
		const unfinished = actor.ownerHash !== null && !(await getSong(store, params.id)) && isSongId(params.id) && (await ownerListsSong(store, actor.ownerHash, params.id));
		if (unfinished) await deleteSong(store, params.id, undefined, actor.ownerHash!);
		else {
			const record = await songFor(store, actor, params.id, 'song.delete');
			await deleteSong(store, record.id, record.takeId);
		}
		return new Response(null, { status: 204 });
	});
