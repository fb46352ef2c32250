/**
 * The render of a revision made by hand (edits or an imported melody): its document is composed
 * at once (it is the edit) and its phrases and mix are queued; only the phrases it changed are
 * sung again (content-addressed).
 */
import { enqueueSongRender } from './queue';
import { SONG_KEPT_MESSAGE, withQueue } from './queue-availability';
import { requireVocalPlan } from './sing-stage';
import { composeRevision } from './song-stage';
import { songQueueRank } from './song-rank';
import type { SongRecord } from './songs';
import type { BlobStore } from './storage';
import { studioSingFlow } from './studio';

/** `live` writes (refused once the song is deleted), `store` reads; returns what composeRevision gave. */
export async function startEditedRender(store: BlobStore, live: BlobStore, next: SongRecord) {
	const composed = await composeRevision(live, next.id, next.revision);
	if (composed) {
		const plan = composed.vocalId ? await requireVocalPlan(store, composed.vocalId) : null;
		const rank = await songQueueRank(store, next);
		await withQueue(() => enqueueSongRender(studioSingFlow(), next.id, next.revision, plan ? { vocalId: plan.vocalId, phraseCount: plan.phrases.length } : null, rank), { message: SONG_KEPT_MESSAGE });
	}
	return composed;
}
