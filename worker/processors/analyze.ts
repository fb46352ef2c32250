/**
 * BullMQ sandboxed processor for the `analyze` queue. It runs in its own worker thread, so the
 * CPU-heavy analysis never blocks the worker's event loop (lock renewal, stalled checks), and a
 * thread cannot outlive its process the way a forked child can when the worker is killed.
 * Thin by design: validate the payload, call the stage in src/lib, map errors.
 */
import { UnrecoverableError, type SandboxedJob } from 'bullmq';
import { runAnalysis } from '../../src/lib/server/melody-stage';
import { readConfig } from '../../src/lib/server/config';
import { asUserError } from '../../src/lib/server/errors';
import { isTakeId } from '../../src/lib/server/keys';
import { encodeJobError, type AnalyzeJobData, type AnalyzeJobResult } from '../../src/lib/server/queue';
import { FileStore } from '../../src/lib/server/storage';

/** Errors that no retry can fix: the input itself is wrong, or the stored recording is gone or damaged. */
const PERMANENT_STATUSES = new Set([400, 404, 409, 413, 415, 422]);
const PERMANENT_CODES = new Set(['take_audio_corrupt']);

export default async function analyze(job: SandboxedJob<AnalyzeJobData, AnalyzeJobResult>): Promise<AnalyzeJobResult> {
	const takeId = (job.data as Partial<AnalyzeJobData> | undefined)?.takeId;
	if (typeof takeId !== 'string' || !isTakeId(takeId)) {
		throw new UnrecoverableError(encodeJobError({ code: 'bad_job', message: `The job payload has no valid takeId: ${JSON.stringify(job.data)}.` }));
	}
	const store = new FileStore(readConfig().dataDir);
	try {
		return await runAnalysis(store, takeId, (stage, fraction) => job.updateProgress({ stage, fraction: Math.round(fraction * 1000) / 1000 }));
	} catch (e) {
		const userError = asUserError(e);
		if (userError && (PERMANENT_STATUSES.has(userError.httpStatus) || PERMANENT_CODES.has(userError.code))) {
			throw new UnrecoverableError(encodeJobError(userError.toJson()));
		}
		// Anything else may be transient (disk, memory): BullMQ retries it with backoff.
		throw userError ? new Error(encodeJobError(userError.toJson())) : e;
	}
}
