import type { RequestHandler } from './$types';
import { actorOf } from '$lib/server/access';
import { classFor } from '$lib/server/class-access';
import { saveStudent } from '$lib/server/classes';
import { studentClassView } from '$lib/server/class-views';
import { StudioError, withErrors } from '$lib/server/errors';
import { studioStore } from '$lib/server/studio';

/** A student agrees to the class's notice (before their first recording); agreeing again keeps the first time. */
export const POST: RequestHandler = ({ params, request }) =>
	withErrors(async () => {
		const store = studioStore();
		const membership = await classFor(store, actorOf(request), params.id, 'member');
		if (membership.role !== 'student') throw new StudioError('not_a_student', 400, 'Only a student agrees here; as the teacher, agree for the whole class in the class settings.');
		const student = membership.student.consentAt ? membership.student : { ...membership.student, consentAt: new Date().toISOString() };
		await saveStudent(store, student);
		return Response.json({ role: 'student', ...studentClassView(membership.record, student) });
	});
