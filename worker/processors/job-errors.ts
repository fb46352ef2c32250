/**
 * How a processor hands a failure to BullMQ. A user error that no retry can fix (bad input, a
 * missing or damaged recording) fails the job for good, its code and message kept in the failed
 * reason; so does a deterministic fault (src/lib/server/stage-errors.ts), its message naming the
 * stage ("The mix failed: …"). Anything else may be transient (disk, memory, Redis) and is
 * retried with backoff, its message naming the stage too in case no retry succeeds. A song job
 * that will not run again also stores its failure with the song; a job whose take or song was
 * deleted while it ran fails as `deleted` and stores nothing.
 */
import { UnrecoverableError, type SandboxedJob } from 'bullmq';
import { asUserError } from '../../src/lib/server/errors';
import { deletedError, isLive, type Owner } from '../../src/lib/server/liveness';
import { encodeJobError, parseJobError, type SongJobData } from '../../src/lib/server/queue';
import { recordSongFailure, type SongFailureStage } from '../../src/lib/server/song-failures';
import { isDeterministicError, stageFailure, type StageQueue } from '../../src/lib/server/stage-errors';
import type { BlobStore } from '../../src/lib/server/storage';
import type { StudioErrorJson } from '../../src/lib/take/types';

const PERMANENT_STATUSES = new Set([400, 404, 409, 410, 413, 415, 422]);
const PERMANENT_CODES = new Set(['take_audio_corrupt']);

export function jobFailure(e: unknown, queue: StageQueue): Error {
	const userError = asUserError(e);
	if (userError) {
		const permanent = PERMANENT_STATUSES.has(userError.httpStatus) || PERMANENT_CODES.has(userError.code);
		// A sentence about the user's input stands as it is; a fault of the studio names its stage.
		const message = userError.httpStatus < 500 ? userError.message : stageFailure(queue, userError.message, !permanent).message;
		const reason = encodeJobError({ code: userError.code, message });
		return permanent ? new UnrecoverableError(reason) : new Error(reason);
	}
	// Not meant for the user: keep the stack in the worker's log.
	console.error(`[worker] ${queue} job error:`, e);
	const detail = e instanceof Error ? e.message : String(e);
	if (isDeterministicError(e)) return new UnrecoverableError(encodeJobError(stageFailure(queue, detail, false)));
	return new Error(encodeJobError(stageFailure(queue, detail, true)));
}

/** A payload that is not what the queue expects: never retried. */
export function badJob(what: string, data: unknown): UnrecoverableError {
	return new UnrecoverableError(encodeJobError({ code: 'bad_job', message: `${what}: ${JSON.stringify(data)}.` }));
}

/** A job whose take, song or voice was deleted while it ran fails for good as `deleted`, whatever broke. */
export async function ownedJobFailure(e: unknown, store: BlobStore, owner: Owner | null, queue: StageQueue): Promise<Error> {
	if (owner && !(await isLive(store, owner))) return jobFailure(deletedError(), queue);
	return jobFailure(e, queue);
}

/** Whether `failure` (from jobFailure) ends the job: it cannot be retried, or this was its last attempt. */
export function isFinalFailure(job: Pick<SandboxedJob, 'attemptsMade' | 'opts'>, failure: Error): boolean {
	return failure instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}

/** The user-facing error of a failure from jobFailure: its `[code] message`, or the stage's own sentence. */
export function failureJson(stage: string, failure: Error): StudioErrorJson {
	return parseJobError(failure.message) ?? { code: `${stage}_failed`, message: `The ${stage} failed: ${failure.message}` };
}

const QUEUE_OF_STAGE: Record<SongFailureStage, StageQueue> = { compose: 'compose', sing: 'sing', backing: 'mix', mix: 'mix' };

/**
 * Maps a song job's error for BullMQ and, when the job will not run again, stores the failure with
 * the song (so its page shows why even after Redis has forgotten the job). Returns what to throw.
 */
export async function failSongJob(store: BlobStore, job: Pick<SandboxedJob, 'attemptsMade' | 'opts'>, song: SongJobData | null, stage: SongFailureStage, e: unknown): Promise<Error> {
	const failure = jobFailure(e, QUEUE_OF_STAGE[stage]);
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
	if (owner && !(await isLive(store, owner))) return jobFailure(deletedError(), QUEUE_OF_STAGE[stage]);
	return failSongJob(store, job, song, stage, e);
}
