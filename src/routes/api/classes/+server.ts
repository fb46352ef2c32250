import type { RequestHandler } from './$types';
import { actorOf } from '$lib/server/access';
import { parseClassSettings } from '$lib/classroom';
import { createClass, teacherClasses } from '$lib/server/classes';
import { teacherClassView } from '$lib/server/class-views';
import { withErrors } from '$lib/server/errors';
import { readJsonBody } from '$lib/server/json-body';
import { mintSecret, secretHash } from '$lib/server/owner-key';
import { studioStore } from '$lib/server/studio';
import { TEACHER_HEADER, teacherCookieHeader, teacherKeyOf } from '$lib/server/teacher-key';

/**
 * Start a class: no account. A browser without a teacher key gets one (an HttpOnly cookie, and the
 * `x-teacher-key` header for scripts); the class keeps its hash. Body: optional settings
 * (`{"title": "4B music", "retentionDays": 30, ...}`, see class-settings.ts).
 */
export const POST: RequestHandler = ({ request }) =>
	withErrors(async () => {
		const settings = parseClassSettings(await readJsonBody(request, '{"title": "4B music"}'));
		const proved = teacherKeyOf(request.headers);
		const teacherKey = proved ?? mintSecret();
		const record = await createClass(studioStore(), secretHash(teacherKey), settings);
		const headers = new Headers({ location: `/api/classes/${record.id}` });
		if (!proved) {
			headers.set('set-cookie', teacherCookieHeader(teacherKey));
			headers.set(TEACHER_HEADER, teacherKey);
		}
		return Response.json({ class: teacherClassView(record) }, { status: 201, headers });
	});

/** The classes this teacher key started (none without a key). */
export const GET: RequestHandler = ({ request }) =>
	withErrors(async () => {
		const { teacherHash } = actorOf(request);
		const classes = teacherHash ? await teacherClasses(studioStore(), teacherHash) : [];
		return Response.json({ classes: classes.filter((c) => !c.endedAt).map(teacherClassView) });
	});
