import type { RequestHandler } from './$types';
import { actorOf } from '$lib/server/access';
import { parseClassSettings } from '$lib/classroom';
import { classFor, classForTeacher } from '$lib/server/class-access';
import { endClass } from '$lib/server/class-deletion';
import { saveClass, withSettings } from '$lib/server/classes';
import { studentClassView, teacherClassView } from '$lib/server/class-views';
import { withErrors } from '$lib/server/errors';
import { readJsonBody } from '$lib/server/json-body';
import { studioStore } from '$lib/server/studio';

/** The class as the asker may see it: the teacher's settings, or a student's view (notice, assignment, their consent). */
export const GET: RequestHandler = ({ params, request }) =>
	withErrors(async () => {
		const membership = await classFor(studioStore(), actorOf(request), params.id, 'member');
		if (membership.role === 'teacher') return Response.json({ role: 'teacher', class: teacherClassView(membership.record) });
		return Response.json({ role: 'student', ...studentClassView(membership.record, membership.student) });
	});

/** The teacher changes settings: title, notice, retentionDays, consentBy, teacherConsent, locked, assignment. */
export const PATCH: RequestHandler = ({ params, request }) =>
	withErrors(async () => {
		const store = studioStore();
		const record = await classForTeacher(store, actorOf(request), params.id);
		const change = parseClassSettings(await readJsonBody(request, '{"locked": true}'));
		const next = withSettings(record, change);
		await saveClass(store, next);
		return Response.json({ class: teacherClassView(next) });
	});

/** End the class: every recording, voice and song made in it is deleted, then the class. */
export const DELETE: RequestHandler = ({ params, request }) =>
	withErrors(async () => {
		const store = studioStore();
		const record = await classForTeacher(store, actorOf(request), params.id);
		await endClass(store, record);
		return new Response(null, { status: 204 });
	});
