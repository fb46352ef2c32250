import type { RequestHandler } from './$types';
import { actorOf } from '$lib/server/access';
import { classFor } from '$lib/server/class-access';
import { studentClassView } from '$lib/server/class-views';
import { StudioError, withErrors } from '$lib/server/errors';
import { withQueue } from '$lib/server/queue-availability';
import { studentProgress } from '$lib/server/student-progress';
import { studentSongViews } from '$lib/server/student-songs';
import { studioQueue, studioSongFailure, studioStore } from '$lib/server/studio';

/** The student's own page: the class as they see it, where their latest take and song stand, and their songs with the teacher's feedback. */
export const GET: RequestHandler = ({ params, request }) =>
	withErrors(async () => {
		const store = studioStore();
		const membership = await classFor(store, actorOf(request), params.id, 'member');
		if (membership.role !== 'student') throw new StudioError('not_a_student', 400, 'This is a student’s own page; as the teacher, open the class dashboard.');
		const { student } = membership;
		const [stage, songs] = await Promise.all([withQueue(() => studentProgress(store, studioQueue(), studioSongFailure, student)), studentSongViews(store, student)]);
		return Response.json({ ...studentClassView(membership.record, student), stage, songs });
	});
