/**
 * A worker starts each queue's sandbox thread with a warm-up job, so the first real job does not pay
 * for starting the thread and loading its modules (about 0.7 s; more for the mix, whose first
 * backing also loads Tone.js and the Web Audio binding), nor for compiling its stage's code: the
 * analyze, compose and sing sandboxes run their stage once on made-up material
 * (src/lib/server/stage-warmup.ts, `warmAnalysis`). Whichever worker takes it, it does no harm.
 */
export const WARMUP_JOB_NAME = 'warmup';

export function isWarmup(job: { name: string }): boolean {
	return job.name === WARMUP_JOB_NAME;
}

/** Runs a sandbox's warm-up: one that fails leaves the first job slower, nothing else (that job reports its own errors). */
export async function warmStage(warm: () => unknown): Promise<{ warmup: true }> {
	try {
		await warm();
	} catch {
		// Nothing to report here.
	}
	return { warmup: true };
}
