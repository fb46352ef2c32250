/**
 * The owner key a test client holds, as a browser holds it in its `h2s_owner` cookie. Scripts and
 * tests send it as the `x-owner-key` header (README "API"). One random key per test process; pass
 * another key to act as a different person.
 */
import { randomBytes } from 'node:crypto';

export const OWNER_KEY = randomBytes(32).toString('base64url');

export function newOwnerKey(): string {
	return randomBytes(32).toString('base64url');
}

/** Headers that make a request the owner's (merged over `headers`). */
export function ownerHeaders(key: string = OWNER_KEY, headers: Record<string, string> = {}): Record<string, string> {
	return { ...headers, 'x-owner-key': key };
}
