import type { RequestHandler } from './$types';
import { actorOf } from '$lib/server/access';
import { classForTeacher } from '$lib/server/class-access';
import { clientIdentity, clientName } from '$lib/server/client-identity';
import { withErrors } from '$lib/server/errors';
import { eventStreamResponse } from '$lib/server/sse';
import { studioClassWatcher, studioEventStreams, studioStore } from '$lib/server/studio';

/**
 * The teacher's dashboard (and projector) as a stream. On connect: `class` (the teacher's view of
 * the class) and `students` (every student's entry); then `student` with one entry whenever it
 * changed (with `changedAtMs`, when the server noticed), `class` whenever the class changed (settings,
 * projector), `left` when a student is gone, and `ended` (then the stream closes) when the class
 * ended. Teacher only; counted under the open-stream caps like every progress stream.
 */
export const GET: RequestHandler = ({ params, request, getClientAddress }) =>
	withErrors(async () => {
		const client = clientName(clientIdentity(request, getClientAddress()));
		return studioEventStreams().openCounted(client, async (release) => {
			const record = await classForTeacher(studioStore(), actorOf(request), params.id);
			return eventStreamResponse(request, release, async (channel) => {
				const { snapshot, unsubscribe } = await studioClassWatcher().subscribe(record.id, ({ event, data }) => {
					channel.send(event, data);
					if (event === 'ended') channel.close();
				});
				channel.send('class', snapshot.class);
				channel.send('students', snapshot.students);
				return unsubscribe;
			});
		});
	});
