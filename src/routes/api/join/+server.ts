import type { RequestHandler } from './$types';
import { normalizeJoinCode, parseDisplayName } from '$lib/classroom';
import { classByJoinCode, forgetStudent, joinClass, studentOfOwner } from '$lib/server/classes';
import { undoIfClassEnded } from '$lib/server/class-access';
import { studentClassView } from '$lib/server/class-views';
import { clientIdentity } from '$lib/server/client-identity';
import { withErrors } from '$lib/server/errors';
import { readJsonBody } from '$lib/server/json-body';
import { HOME_OWNER_COOKIE, joinCodeUnknown } from '$lib/server/join';
import { mintSecret, OWNER_COOKIE_MAX_AGE_SECONDS, OWNER_HEADER, ownerCookieHeader, ownerKeyOf, secretHash } from '$lib/server/owner-key';
import { enforceRateLimit } from '$lib/server/rate-limits';
import { studioStore } from '$lib/server/studio';

/**
 * Join a class: `{"code": "K7X 3MP", "name": "Mei"}`; no email, no account. The student gets an
 * owner key of their own for the class (cookie, and the `x-owner-key` header for scripts). A
 * browser that already was a student of this class gets its student back; a personal owner key the
 * browser held is kept aside (`h2s_owner_home`) and comes back when the student leaves the class.
 * Every attempt counts against the join rate limit (codes cannot be guessed at speed).
 */
export const POST: RequestHandler = ({ request, getClientAddress }) =>
	withErrors(async () => {
		await enforceRateLimit('join', clientIdentity(request, getClientAddress()));
		const store = studioStore();
		const body = (await readJsonBody(request, '{"code": "K7X3MP", "name": "Mei"}')) as { code?: unknown; name?: unknown };
		const code = normalizeJoinCode(body?.code);
		const record = code ? await classByJoinCode(store, code) : null;
		if (!record || record.endedAt) throw joinCodeUnknown(body?.code);
		const provedKey = ownerKeyOf(request.headers);
		const already = await studentOfOwner(store, provedKey ? secretHash(provedKey) : null);
		if (provedKey && already && already.classId === record.id) return Response.json({ classId: record.id, role: 'student', ...studentClassView(record, already) }, { status: 200 });
		const name = parseDisplayName(body?.name);
		const ownerKey = mintSecret();
		const student = await joinClass(store, record, name, secretHash(ownerKey), new Date());
		// A class that ended while this student joined does not keep them (its ending may have listed its students before).
		await undoIfClassEnded(store, student, () => forgetStudent(store, student)).catch((e) => {
			throw e?.code === 'class_ended' ? joinCodeUnknown(body?.code) : e;
		});
		const headers = new Headers({ location: `/api/classes/${record.id}` });
		headers.append('set-cookie', ownerCookieHeader(ownerKey));
		headers.set(OWNER_HEADER, ownerKey);
		// A personal key (not another class's student) is kept aside, not lost.
		if (provedKey && !already) headers.append('set-cookie', `${HOME_OWNER_COOKIE}=${provedKey}; HttpOnly; SameSite=Lax; Path=/; Max-Age=${OWNER_COOKIE_MAX_AGE_SECONDS}`);
		return Response.json({ classId: record.id, role: 'student', ...studentClassView(record, student) }, { status: 201, headers });
	});
