import type { RequestHandler } from './$types';
import { classZipName } from '$lib/classroom';
import { actorOf } from '$lib/server/access';
import { classForTeacher } from '$lib/server/class-access';
import { attachmentHeader, classExportStudents, classZipStream } from '$lib/server/class-export';
import { withErrors } from '$lib/server/errors';
import { takeProgress } from '$lib/server/progress';
import { studioQueue, studioSongFailure, studioStore } from '$lib/server/studio';

/** Download everything (the teacher only): a zip of every student's mixed songs (MP3, MIDI, lyrics) and songs.csv listing every song. */
export const GET: RequestHandler = ({ params, request }) =>
	withErrors(async () => {
		const store = studioStore();
		const record = await classForTeacher(store, actorOf(request), params.id);
		const students = await classExportStudents(store, record, { analysis: (take) => takeProgress(store, studioQueue(), take), failure: studioSongFailure });
		return new Response(classZipStream(store, students), {
			headers: { 'content-type': 'application/zip', 'content-disposition': attachmentHeader(classZipName(record.title, new Date())), 'cache-control': 'no-store' }
		});
	});
