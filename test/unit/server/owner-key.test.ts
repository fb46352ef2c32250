import { describe, expect, it } from 'vitest';
import { cookieValue, mintSecret, ownerCookieHeader, ownerKeyOf, parseSecret, secretHash } from '../../../src/lib/server/owner-key';
import { newOwnerKey } from '../../helpers/owner';

describe('owner keys', () => {
	it('mints 32 random bytes as base64url, different each time', () => {
		const key = mintSecret();
		expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(Buffer.from(key, 'base64url').length).toBe(32);
		expect(mintSecret()).not.toBe(key);
	});

	it('treats malformed keys as no key', () => {
		const key = newOwnerKey();
		expect(parseSecret(key)).toBe(key);
		for (const bad of ['', 'abc', key + 'A', key.slice(0, 42), key.slice(0, 42) + '=', key.slice(0, 42) + '.', `${key.slice(0, 42)} `, null, undefined]) {
			expect(parseSecret(bad), String(bad)).toBeNull();
		}
		// 43 characters whose last one carries bits beyond the 32 bytes: not the canonical spelling.
		expect(parseSecret('A'.repeat(42) + 'B')).toBeNull();
	});

	it('reads the key from the x-owner-key header first, then the h2s_owner cookie', () => {
		const header = newOwnerKey();
		const cookie = newOwnerKey();
		expect(ownerKeyOf(new Headers({ 'x-owner-key': header, cookie: `a=1; h2s_owner=${cookie}` }))).toBe(header);
		expect(ownerKeyOf(new Headers({ cookie: `a=1; h2s_owner=${cookie}; b=2` }))).toBe(cookie);
		expect(ownerKeyOf(new Headers({ 'x-owner-key': 'garbage', cookie: `h2s_owner=${cookie}` }))).toBe(cookie);
		expect(ownerKeyOf(new Headers({ cookie: 'h2s_owner=garbage' }))).toBeNull();
		expect(ownerKeyOf(new Headers())).toBeNull();
		expect(cookieValue('x_h2s_owner=1; h2s_owner=2', 'h2s_owner')).toBe('2');
	});

	it('keeps only a sha256 of a key', () => {
		const key = newOwnerKey();
		expect(secretHash(key)).toMatch(/^[0-9a-f]{64}$/);
		expect(secretHash(key)).not.toContain(key);
	});

	it('sets an HttpOnly, SameSite=Lax cookie for about five years without Secure (the studio is served over plain http)', () => {
		const header = ownerCookieHeader('k');
		expect(header).toMatch(/^h2s_owner=k; /);
		expect(header).toContain('HttpOnly');
		expect(header).toContain('SameSite=Lax');
		expect(header).toContain('Path=/');
		const maxAge = Number(/Max-Age=(\d+)/.exec(header)![1]);
		expect(maxAge / (365 * 24 * 3600)).toBeCloseTo(5, 0);
		expect(header.toLowerCase()).not.toContain('secure');
	});
});
