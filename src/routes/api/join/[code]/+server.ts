import type { RequestHandler } from './$types';
import { normalizeJoinCode } from '$lib/classroom';
import { classByJoinCode } from '$lib/server/classes';
import { clientIdentity } from '$lib/server/client-identity';
import { withErrors } from '$lib/server/errors';
import { joinCodeUnknown } from '$lib/server/join';
import { enforceRateLimit } from '$lib/server/rate-limits';
import { studioStore } from '$lib/server/studio';

/** What a join code opens, before the student types a name: the class's title and whether it is locked. Rate-limited like joining. */
export const GET: RequestHandler = ({ params, request, getClientAddress }) =>
	withErrors(async () => {
		await enforceRateLimit('join', clientIdentity(request, getClientAddress()));
		const code = normalizeJoinCode(params.code);
		const record = code ? await classByJoinCode(studioStore(), code) : null;
		if (!record || record.endedAt) throw joinCodeUnknown(params.code);
		return Response.json({ code: record.joinCode, title: record.title, locked: record.locked });
	});
