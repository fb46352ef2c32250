/**
 * How a processor hands a failure to BullMQ: a user error that no retry can fix (bad input, a
 * missing or damaged recording) fails the job for good, with its code and message kept in the
 * failed reason; anything else may be transient (disk, memory) and is retried with backoff.
 */
import { UnrecoverableError } from 'bullmq';
import { asUserError } from '../../src/lib/server/errors';
import { deletedError, isLive, type Owner } from '../../src/lib/server/liveness';
import { encodeJobError } from '../../src/lib/server/queue';
import type { BlobStore } from '../../src/lib/server/storage';

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
