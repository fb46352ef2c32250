/**
 * A song revision's failure, stored with the song: a compose refused for good (lyrics too long for
 * the melody, a failed analysis) or a render that ran out of retries. Redis forgets failed jobs
 * (they expire, or Redis is flushed); the song does not, so its page keeps showing why.
 */
import type { StudioErrorJson } from '../take/types';
import { songRevisionFailureKey } from './keys';
import { getJson, putJson, type BlobStore } from './storage';

/** The song job that failed: `backing` and `mix` are the render flow's jobs on the mix queue, `sing` its vocal and phrase jobs. */
export type SongFailureStage = 'compose' | 'sing' | 'backing' | 'mix';

export interface SongFailure {
	stage: SongFailureStage;
	error: StudioErrorJson;
	failedAt: string;
}

/** The song revision a sing job renders for (`song-vocal-<song>-<rev>`, `song-phrase-<song>-<rev>-<i>`; see enqueueSongRender), else null. */
export function songOfSingJob(jobId: string | undefined): { songId: string; revision: number } | null {
	const match = /^song-(?:vocal|phrase)-([a-z0-9]+)-(\d+)(?:-\d+)?$/.exec(jobId ?? '');
	return match ? { songId: match[1], revision: Number(match[2]) } : null;
}

export async function recordSongFailure(store: BlobStore, songId: string, revision: number, stage: SongFailureStage, error: StudioErrorJson): Promise<void> {
	await putJson(store, songRevisionFailureKey(songId, revision), { stage, error, failedAt: new Date().toISOString() } satisfies SongFailure);
}

export async function getSongFailure(store: BlobStore, songId: string, revision: number): Promise<SongFailure | null> {
	return getJson<SongFailure>(store, songRevisionFailureKey(songId, revision));
}
