/**
 * A song revision's failure, stored with the song: a compose refused for good (lyrics too long for
 * the melody, a failed analysis) or a render that ran out of retries. Redis forgets failed jobs
 * (they expire, or Redis is flushed); the song does not, so its page keeps showing why.
 */
import type { StudioErrorJson } from '../take/types';
import { songRevisionFailureKey } from './keys';
import { getJson, putJson, type BlobStore } from './storage';

/** The song job that failed: `backing` and `mix` are the render flow's jobs on the mix queue. */
export type SongFailureStage = 'compose' | 'backing' | 'mix';

export interface SongFailure {
	stage: SongFailureStage;
	error: StudioErrorJson;
	failedAt: string;
}

export async function recordSongFailure(store: BlobStore, songId: string, revision: number, stage: SongFailureStage, error: StudioErrorJson): Promise<void> {
	await putJson(store, songRevisionFailureKey(songId, revision), { stage, error, failedAt: new Date().toISOString() } satisfies SongFailure);
}

export async function getSongFailure(store: BlobStore, songId: string, revision: number): Promise<SongFailure | null> {
	return getJson<SongFailure>(store, songRevisionFailureKey(songId, revision));
}
