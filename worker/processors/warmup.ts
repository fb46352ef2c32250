/**
 * A worker starts each queue's sandbox thread with a no-op job, so the first real job does not pay
 * for starting the thread and loading its modules (about 0.7 s; more for the mix, whose first
 * backing also loads Tone.js and the Web Audio binding). Whichever worker takes it, it does no harm.
 */
export const WARMUP_JOB_NAME = 'warmup';

export function isWarmup(job: { name: string }): boolean {
	return job.name === WARMUP_JOB_NAME;
}
