/**
 * Which job a song needs again when Redis has lost its own (flushed, or a job removed or expired
 * before it finished): decided from what storage holds and what the queue still knows. Pure.
 */

/** What the queue knows of a job: nothing, finished, failed for good, or still to run (waiting, active, delayed, waiting for children). */
export type JobPresence = 'missing' | 'completed' | 'failed' | 'pending';

export interface SongRevisionFacts {
	/** The revision's composed document is stored. */
	composed: boolean;
	/** Its mix report is stored (the last thing the mix writes). */
	mixed: boolean;
	/** A failure is stored with the revision: it stays failed until the next edit. */
	failed: boolean;
	composeJob: JobPresence;
	mixJob: JobPresence;
}

/**
 * `compose` when the revision is not composed and no compose job will run (none, or one that
 * "completed" though its document is gone); `render` when it is composed but no mix job will run;
 * else null. A job that failed in Redis is left alone (its failure is the song's answer).
 */
export function lostSongWork(facts: SongRevisionFacts): 'compose' | 'render' | null {
	if (facts.mixed || facts.failed) return null;
	if (!facts.composed) return facts.composeJob === 'missing' || facts.composeJob === 'completed' ? 'compose' : null;
	// A compose job still running is about to start the render flow itself.
	if (facts.composeJob === 'pending') return null;
	return facts.mixJob === 'missing' || facts.mixJob === 'completed' ? 'render' : null;
}

/** A BullMQ job state as a JobPresence. */
export function presenceOf(state: string | null): JobPresence {
	if (state === null || state === 'unknown') return 'missing';
	if (state === 'completed' || state === 'failed') return state;
	return 'pending';
}
