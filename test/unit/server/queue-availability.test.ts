import { describe, expect, it } from 'vitest';
import { StudioError } from '../../../src/lib/server/errors';
import { QUEUE_DEADLINE_MS, withQueue } from '../../../src/lib/server/queue-availability';

class ReplyError extends Error {
	name = 'ReplyError';
}

describe('withQueue', () => {
	it('answers 503 queue_unavailable when Redis does not answer within the deadline', async () => {
		const started = performance.now();
		const error = (await withQueue(() => new Promise(() => {}), { deadlineMs: 200 }).catch((e) => e)) as StudioError;
		expect(performance.now() - started).toBeLessThan(1000);
		expect(error).toBeInstanceOf(StudioError);
		expect(error.httpStatus).toBe(503);
		expect(error.code).toBe('queue_unavailable');
		expect(QUEUE_DEADLINE_MS).toBeLessThanOrEqual(2000);
	});

	it('turns a connection error into 503 with the caller’s sentence, and a refusal into 503 naming Redis’s reason', async () => {
		const offline = await withQueue(() => Promise.reject(new Error("Stream isn't writeable and enableOfflineQueue options is false")), { message: 'Your take was saved.' }).catch((e) => e);
		expect([offline.httpStatus, offline.message]).toEqual([503, 'Your take was saved.']);
		const misconf = await withQueue(() => Promise.reject(new ReplyError('MISCONF Redis is configured to save RDB snapshots, but it is currently not able to persist on disk.'))).catch((e) => e);
		expect(misconf.httpStatus).toBe(503);
		expect(misconf.message).toMatch(/refused the request \(MISCONF/);
	});

	it('passes the studio’s own errors and results through', async () => {
		expect(await withQueue(async () => 42)).toBe(42);
		const own = new StudioError('song_not_found', 404, 'No song.');
		await expect(withQueue(() => Promise.reject(own))).rejects.toBe(own);
	});
});
