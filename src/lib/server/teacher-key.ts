/**
 * Teacher keys: the right to run a class without an account (DESIGN.md §6). The browser that starts
 * a class holds a random key in an HttpOnly cookie (scripts send the `x-teacher-key` header); the
 * class keeps only its hash. One key serves all the classes started in that browser.
 */
import { cookieValue, OWNER_COOKIE_MAX_AGE_SECONDS, parseSecret } from './owner-key';

export const TEACHER_HEADER = 'x-teacher-key';
export const TEACHER_COOKIE = 'h2s_teacher';

/** The teacher key a request proves (header, else cookie), or null. */
export function teacherKeyOf(headers: Headers): string | null {
	return parseSecret(headers.get(TEACHER_HEADER)) ?? parseSecret(cookieValue(headers.get('cookie'), TEACHER_COOKIE));
}

/** The Set-Cookie header that gives a browser its teacher key (no `Secure`: see ownerCookieHeader). */
export function teacherCookieHeader(key: string): string {
	return `${TEACHER_COOKIE}=${key}; HttpOnly; SameSite=Lax; Path=/; Max-Age=${OWNER_COOKIE_MAX_AGE_SECONDS}`;
}
