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
