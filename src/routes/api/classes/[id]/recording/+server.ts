import type { RequestHandler } from './$types';
import { actorOf } from '$lib/server/access';
import { classFor } from '$lib/server/class-access';
import { saveStudent } from '$lib/server/classes';
import { StudioError, withErrors } from '$lib/server/errors';
import { studioStore } from '$lib/server/studio';

/** A student's page says they started recording, so the teacher's dashboard shows it (the audio itself comes with the upload). */
export const POST: RequestHandler = ({ params, request }) =>
	withErrors(async () => {
		const store = studioStore();
		const membership = await classFor(store, actorOf(request), params.id, 'member');
		if (membership.role !== 'student') throw new StudioError('not_a_student', 400, 'Only a student’s page reports recording.');
		await saveStudent(store, { ...membership.student, recordingSinceMs: Date.now() });
		return new Response(null, { status: 204 });
	});
