/**
 * How a failed job is told to the user: which stage failed ("The mix failed: …"), and whether
 * trying again can help. A deterministic fault (a range or type error, a validation or parse
 * error) fails the same way on every attempt, so it is not retried; anything else may be
 * transient (disk, memory, Redis) and is.
 */
import type { StudioErrorJson } from '../take/types';

/** The queues whose jobs make a take's analysis and a song. */
export type StageQueue = 'analyze' | 'compose' | 'sing' | 'mix';

const STAGES: Record<StageQueue, { code: string; failed: string; retryHint: string }> = {
	analyze: { code: 'analysis_failed', failed: 'The analysis failed', retryHint: 'Try again; if it keeps failing, the take may be damaged.' },
	compose: { code: 'compose_failed', failed: 'Composing failed', retryHint: 'Try again in a moment.' },
	sing: { code: 'sing_failed', failed: 'Singing failed', retryHint: 'Try again in a moment.' },
	mix: { code: 'mix_failed', failed: 'The mix failed', retryHint: 'Try again in a moment.' }
};

export function isStageQueue(name: string): name is StageQueue {
	return Object.hasOwn(STAGES, name);
}

/** `detail` as a sentence: trimmed, with a full stop. */
function sentence(detail: string): string {
	const text = detail.trim() || 'unknown error';
	return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** "The mix failed: …" with the stage's code; `retryable` adds what to do next. */
export function stageFailure(queue: StageQueue, detail: string, retryable: boolean): StudioErrorJson {
	const stage = STAGES[queue];
	const message = `${stage.failed}: ${sentence(detail)}`;
	return { code: stage.code, message: retryable ? `${message} ${stage.retryHint}` : message };
}

/** Error classes of a bug or of bad data (the studio's validation errors extend RangeError), never of a passing condition. */
const DETERMINISTIC_ERRORS = [RangeError, TypeError, SyntaxError, ReferenceError, URIError, EvalError];

/**
 * True when running the same job again would fail the same way. A RangeError from a failed
 * allocation is the exception: memory may be free on the next attempt.
 */
export function isDeterministicError(e: unknown): boolean {
	if (!(e instanceof Error)) return false;
	if (e instanceof RangeError && /allocation failed|out of memory/i.test(e.message)) return false;
	return DETERMINISTIC_ERRORS.some((type) => e instanceof type);
}
