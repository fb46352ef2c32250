/** Recognises the errors ioredis and Redis give when the queue cannot be used (down, restarting, refusing writes). */
const REDIS_ERROR_NAMES = new Set(['ReplyError', 'MaxRetriesPerRequestError', 'AbortError']);
const REDIS_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'NR_CLOSED']);
const REDIS_ERROR_MESSAGE = /Connection is closed|Stream isn't writeable|enableOfflineQueue|MISCONF|READONLY|NOREPLICAS|NOAUTH|WRONGPASS|OOM command not allowed/;

/** Whether an error came from Redis being unreachable or refusing the command (not from the studio's own logic). */
export function isRedisUnavailable(e: unknown): boolean {
	if (!(e instanceof Error)) return false;
	const code = (e as NodeJS.ErrnoException).code;
	return REDIS_ERROR_NAMES.has(e.name) || (typeof code === 'string' && REDIS_ERROR_CODES.has(code)) || REDIS_ERROR_MESSAGE.test(e.message);
}

export const QUEUE_UNAVAILABLE_MESSAGE = 'The studio’s job queue (Redis) is not reachable right now; try again in a moment.';
