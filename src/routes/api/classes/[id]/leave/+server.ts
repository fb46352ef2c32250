import type { RequestHandler } from './$types';
import { actorOf } from '$lib/server/access';
import { classFor } from '$lib/server/class-access';
import { StudioError, withErrors } from '$lib/server/errors';
import { HOME_OWNER_COOKIE } from '$lib/server/join';
import { cookieValue, OWNER_COOKIE, ownerCookieHeader, parseSecret } from '$lib/server/owner-key';
import { studioStore } from '$lib/server/studio';

/**
 * This browser stops being the class's student: it gets back the owner key it held before joining
 * (or none). What the student made stays in the class, for the teacher, until the class ends.
 */
export const POST: RequestHandler = ({ params, request }) =>
	withErrors(async () => {
		const membership = await classFor(studioStore(), actorOf(request), params.id, 'member');
		if (membership.role !== 'student') throw new StudioError('not_a_student', 400, 'Only a student leaves a class; a teacher ends it.');
		const home = parseSecret(cookieValue(request.headers.get('cookie'), HOME_OWNER_COOKIE));
		const headers = new Headers();
		headers.append('set-cookie', home ? ownerCookieHeader(home) : `${OWNER_COOKIE}=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0`);
		headers.append('set-cookie', `${HOME_OWNER_COOKIE}=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0`);
		return new Response(null, { status: 204, headers });
	});
