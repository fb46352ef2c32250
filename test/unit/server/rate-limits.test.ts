import { describe, expect, it } from 'vitest';
import { clientIdentity, clientName } from '../../../src/lib/server/client-identity';
import { rateLimitedError, waitText } from '../../../src/lib/server/rate-limits';

describe('rate limit answers', () => {
	it('say how long to wait as a person reads it', () => {
		expect(waitText(0.2)).toBe('1 s');
		expect(waitText(45)).toBe('45 s');
		expect(waitText(60)).toBe('1 min');
		expect(waitText(400)).toBe('6 min 40 s');
	});

	it('are 429 rate_limited with Retry-After in whole seconds and a sentence naming the limit', () => {
		const error = rateLimitedError('upload', 'browser', 20, 600, 399_001);
		expect(error).toMatchObject({ code: 'rate_limited', httpStatus: 429, headers: { 'retry-after': '400' } });
		expect(error.message).toBe('Too many uploads from this browser: the studio takes 20 in 10 minutes. Try again in 6 min 40 s.');
		expect(rateLimitedError('song', 'address', 600, 60, 5_000).message).toBe(
			'Too many song requests and edits from this network address: the studio takes 600 in 1 minute. Try again in 5 s.'
		);
	});
});

describe('client identity', () => {
	it('is the owner key (header, else the h2s_owner cookie), hashed, and the address without one', () => {
		const byHeader = clientIdentity(new Request('http://s/', { headers: { 'x-owner-key': 'secret-key' } }), '10.0.0.7');
		const byCookie = clientIdentity(new Request('http://s/', { headers: { cookie: 'theme=dark; h2s_owner=secret-key' } }), '10.0.0.8');
		expect(byHeader.ownerKeyHash).toMatch(/^[0-9a-f]{32}$/);
		expect(byCookie.ownerKeyHash).toBe(byHeader.ownerKeyHash);
		expect(clientName(byHeader)).not.toContain('secret-key');
		expect(clientName(clientIdentity(new Request('http://s/'), '10.0.0.9'))).toBe('ip:10.0.0.9');
	});
});
