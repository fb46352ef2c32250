/**
 * Owner keys: ownership without accounts (DESIGN.md §6). The browser that makes a take holds a
 * random key in an HttpOnly cookie; scripts send it as the `x-owner-key` header. Storage keeps only
 * the key's sha256, so a copy of DATA_DIR gives nobody the right to act as an owner.
 */
import { createHash, randomBytes } from 'node:crypto';

export const OWNER_HEADER = 'x-owner-key';
export const OWNER_COOKIE = 'h2s_owner';
/** About five years: the key is the only proof of ownership, so the browser should keep it. */
export const OWNER_COOKIE_MAX_AGE_SECONDS = 5 * 365 * 24 * 60 * 60;

const KEY_BYTES = 32;
/** 32 bytes in base64url without padding: 43 characters. */
const KEY_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A fresh owner key or share token (32 random bytes, base64url). */
export function mintSecret(): string {
	return randomBytes(KEY_BYTES).toString('base64url');
}

/** The key (or share token: the same shape) if it is well formed, else null (a malformed key counts as no key). */
export function parseSecret(value: string | null | undefined): string | null {
	if (typeof value !== 'string' || !KEY_PATTERN.test(value)) return null;
	// The last character carries 2 spare bits; only the canonical spelling of 32 bytes is a key.
	return Buffer.from(value, 'base64url').toString('base64url') === value ? value : null;
}

/** What storage keeps of a key or a share token: its sha256 in hex. */
export function secretHash(secret: string): string {
	return createHash('sha256').update(secret).digest('hex');
}

/** One cookie's value from a Cookie header, or null. */
export function cookieValue(cookieHeader: string | null, name: string): string | null {
	if (!cookieHeader) return null;
	for (const part of cookieHeader.split(';')) {
		const eq = part.indexOf('=');
		if (eq < 0) continue;
		if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
	}
	return null;
}

/** The owner key a request proves: the `x-owner-key` header, else the `h2s_owner` cookie; null when neither holds a valid key. */
export function ownerKeyOf(headers: Headers): string | null {
	return parseSecret(headers.get(OWNER_HEADER)) ?? parseSecret(cookieValue(headers.get('cookie'), OWNER_COOKIE));
}

/**
 * The Set-Cookie header that gives a browser its key. Written by hand without `Secure`: the studio
 * is served over plain http (127.0.0.1, localhost, a LAN address), where a Secure cookie would be
 * dropped, and adapter-node without ORIGIN wrongly believes it is behind https.
 */
export function ownerCookieHeader(key: string): string {
	return `${OWNER_COOKIE}=${key}; HttpOnly; SameSite=Lax; Path=/; Max-Age=${OWNER_COOKIE_MAX_AGE_SECONDS}`;
}
