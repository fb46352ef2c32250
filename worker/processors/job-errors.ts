/**
 * How a processor hands a failure to BullMQ: a user error that no retry can fix (bad input, a
 * missing or damaged recording) fails the job for good, with its code and message kept in the
 * failed reason; anything else may be transient (disk, memory) and is retried with backoff.
 */
import { UnrecoverableError, type SandboxedJob } from 'bullmq';
import { asUserError } from '../../src/lib/server/errors';
import { deletedError, isLive, type Owner } from '../../src/lib/server/liveness';
import { encodeJobError, parseJobError, type SongJobData } from '../../src/lib/server/queue';
import { recordSongFailure, type SongFailureStage } from '../../src/lib/server/song-failures';
import type { BlobStore } from '../../src/lib/server/storage';
import type { StudioErrorJson } from '../../src/lib/take/types';

const PERMANENT_STATUSES = new Set([400, 404, 409, 410, 413, 415, 422]);
const PERMANENT_CODES = new Set(['take_audio_corrupt']);

export function jobFailure(e: unknown): Error {
	const userError = asUserError(e);
	if (userError && (PERMANENT_STATUSES.has(userError.httpStatus) || PERMANENT_CODES.has(userError.code))) {
		return new UnrecoverableError(encodeJobError(userError.toJson()));
	}
	return userError ? new Error(encodeJobError(userError.toJson())) : (e as Error);
}

/** A payload that is not what the queue expects: never retried. */
export function badJob(what: string, data: unknown): UnrecoverableError {
	return new UnrecoverableError(encodeJobError({ code: 'bad_job', message: `${what}: ${JSON.stringify(data)}.` }));
}

/** A job whose take, song or voice was deleted while it ran fails for good as `deleted`, whatever broke. */
export async function ownedJobFailure(e: unknown, store: BlobStore, owner: Owner | null): Promise<Error> {
	if (owner && !(await isLive(store, owner))) return jobFailure(deletedError());
	return jobFailure(e);
}

/** Whether `failure` (from jobFailure) ends the job: it cannot be retried, or this was its last attempt. */
export function isFinalFailure(job: Pick<SandboxedJob, 'attemptsMade' | 'opts'>, failure: Error): boolean {
	return failure instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}

/** The user-facing error of a failure from jobFailure: its `[code] message`, or the stage's own sentence. */
export function failureJson(stage: string, failure: Error): StudioErrorJson {
	return parseJobError(failure.message) ?? { code: `${stage}_failed`, message: `The ${stage} failed: ${failure.message}` };
}

/**
 * Maps a song job's error for BullMQ and, when the job will not run again, stores the failure with
 * the song (so its page shows why even after Redis has forgotten the job). Returns what to throw.
 */
export async function failSongJob(store: BlobStore, job: Pick<SandboxedJob, 'attemptsMade' | 'opts'>, song: SongJobData | null, stage: SongFailureStage, e: unknown): Promise<Error> {
	const failure = jobFailure(e);
	if (song && isFinalFailure(job, failure)) {
		await recordSongFailure(store, song.songId, song.revision, stage, failureJson(stage, failure)).catch((writeError) => console.error(`[worker] could not store the ${stage} failure of song ${song.songId}`, writeError));
	}
	return failure;
}

/** A song job's failure: `deleted` (and nothing stored) when its take or song went while it ran, else as failSongJob. */
export async function failOwnedSongJob(
	store: BlobStore,
	job: Pick<SandboxedJob, 'attemptsMade' | 'opts'>,
	owner: Owner | null,
	song: SongJobData | null,
	stage: SongFailureStage,
	e: unknown
): Promise<Error> {
	if (owner && !(await isLive(store, owner))) return jobFailure(deletedError());
	return failSongJob(store, job, song, stage, e);
}

