import { describe, expect, it } from 'vitest';
import { EventStreamLimiter } from '../../../src/lib/server/event-streams';
import { studioErrorOf } from '../../helpers/studio-error';

describe('EventStreamLimiter', () => {
	it('refuses a client past its own cap with 429 and Retry-After, while other clients still open streams', () => {
		const limiter = new EventStreamLimiter(2, 10);
		limiter.acquire('a');
		limiter.acquire('a');
		expect(() => limiter.acquire('a')).toThrow(/^This browser already follows 2 progress streams/);
		try {
			limiter.acquire('a');
		} catch (e) {
			expect(e).toMatchObject({ code: 'too_many_streams', httpStatus: 429, headers: { 'retry-after': '30' } });
		}
		expect(() => limiter.acquire('b')).not.toThrow();
		expect(limiter.open).toBe(3);
	});

	it('refuses anyone past the total with 503, and a release (called twice or not) frees exactly one place', () => {
		const limiter = new EventStreamLimiter(5, 2);
		const release = limiter.acquire('a');
		limiter.acquire('b');
		expect(() => limiter.acquire('c')).toThrow(/^The studio is following 2 progress streams/);
		release();
		release();
		expect(limiter.open).toBe(1);
		expect(() => limiter.acquire('c')).not.toThrow();
		expect(() => limiter.acquire('d')).toThrow();
	});

	it('releases the place when opening the stream fails (e.g. 404), so failures do not use up the cap', async () => {
		const limiter = new EventStreamLimiter(1, 1);
		const missing = new Error('no such take');
		await expect(limiter.openCounted('a', async () => Promise.reject(missing))).rejects.toBe(missing);
		expect(limiter.open).toBe(0);
		const response = await limiter.openCounted('a', async () => new Response('ok'));
		expect(response.status).toBe(200);
		expect(limiter.open).toBe(1);
		const refused = await studioErrorOf(limiter.openCounted('a', async () => new Response('never')));
		expect(refused.httpStatus).toBe(429);
	});
});
