/**
 * How a processor hands a failure to BullMQ. A user error that no retry can fix (bad input, a
 * missing or damaged recording) fails the job for good, its code and message kept in the failed
 * reason; so does a deterministic fault (src/lib/server/stage-errors.ts), its message naming the
 * stage ("The mix failed: …"). Anything else may be transient (disk, memory, Redis) and is
 * retried with backoff, its message naming the stage too in case no retry succeeds.
 */
import { UnrecoverableError } from 'bullmq';
import { asUserError } from '../../src/lib/server/errors';
import { encodeJobError } from '../../src/lib/server/queue';
import { isDeterministicError, stageFailure, type StageQueue } from '../../src/lib/server/stage-errors';

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
