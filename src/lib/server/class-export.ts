/**
 * "Download everything" for a class: every student's mixed songs (MP3, MIDI, lyrics) and a CSV of
 * the class, as one zip streamed to the teacher.
 *
 * The zip is written as it is sent, one file at a time and only when the download asks for more
 * (ReadableStream pull), with the MP3s stored as they are (ZipPassThrough: MP3 does not compress),
 * so the web server holds about one file at a time, not the class's ~100 MB.
 */
import { Zip, ZipPassThrough, strToU8 } from 'fflate';
import { classExportPlan, studentStage, type ClassRecord, type ExportFile, type ExportSong, type ExportStudent } from '../classroom';
import type { AnalysisProgress, TakeRecord } from '../take/types';
import { getFeedback, listStudents } from './classes';
import { mixFileKey } from './keys';
import { songName } from './names';
import { MIX_FILE, songStatus, type JobFailure } from './song-status';
import { latestComposedSong } from './songs';
import { songsOfStudent } from './student-progress';
import type { BlobStore } from './storage';
import { getTake } from './takes';

/** What the export reads beyond storage: a take's analysis progress and a song job's failure (both may live in Redis). */
export interface ClassExportSources {
	analysis: (take: TakeRecord) => Promise<AnalysisProgress>;
	failure: JobFailure;
}

/** Each student of the class (in join order) with their songs, oldest first, each with its stage and, when mixed, its mix. */
export async function classExportStudents(store: BlobStore, record: ClassRecord, sources: ClassExportSources): Promise<ExportStudent[]> {
	const students = await listStudents(store, record.id);
	return Promise.all(
		students.map(async (student) => {
			const songs: ExportSong[] = [];
			for (const song of (await songsOfStudent(store, student)).reverse()) {
				const take = await getTake(store, song.takeId);
				// A song whose take is gone is being deleted (the student deleted it): not the class's any more.
				if (!take) continue;
				const progress = await sources.analysis(take);
				const status = await songStatus(store, song, sources.failure, async () => progress);
				const stage = studentStage({ recordingSinceMs: null, take: { id: song.takeId, createdAtMs: 0, progress }, song: { id: song.id, status }, nowMs: Date.now() }).stage;
				// The newest revision that is mixed (an edit being made still leaves the last mix to download).
				const composed = await latestComposedSong(store, song);
				const mixed = composed !== null && (await store.has(mixFileKey(composed.mixId, MIX_FILE.mp3))) && (await store.has(mixFileKey(composed.mixId, MIX_FILE.midi)));
				songs.push({
					songId: song.id,
					createdAt: song.createdAt,
					name: await songName(store, song.id),
					stage,
					mixId: mixed ? composed.mixId : null,
					song: composed?.song ?? null,
					feedback: await getFeedback(store, record.id, song.id)
				});
			}
			return { student, songs };
		})
	);
}

async function fileBytes(store: BlobStore, file: ExportFile): Promise<Uint8Array> {
	if (file.source.kind === 'text') return strToU8(file.source.text);
	const bytes = await store.get(mixFileKey(file.source.mixId, file.source.file === 'mp3' ? MIX_FILE.mp3 : MIX_FILE.midi));
	// The response has started by now: this aborts the download (the browser shows it failed), there is no status left to send.
	if (!bytes) throw new Error(`${file.path} was deleted while the class was being downloaded; download it again.`);
	return bytes;
}

/** The class's zip as a stream: `songs.csv`, then each file, read from storage only when the download wants more. */
export function classZipStream(store: BlobStore, students: ExportStudent[]): ReadableStream<Uint8Array> {
	const plan = classExportPlan(students);
	const entries: { path: string; bytes: () => Promise<Uint8Array> }[] = [
		{ path: 'songs.csv', bytes: async () => strToU8('\ufeff' + plan.csv) },
		...plan.files.map((file) => ({ path: file.path, bytes: () => fileBytes(store, file) }))
	];
	let next = 0;
	let zip: Zip;
	return new ReadableStream<Uint8Array>(
		{
			start(controller) {
				zip = new Zip((error, chunk, final) => {
					if (error) return controller.error(error);
					controller.enqueue(chunk);
					if (final) controller.close();
				});
			},
			async pull() {
				if (next === entries.length) {
					zip.end();
					next++;
					return;
				}
				if (next > entries.length) return;
				const entry = entries[next++];
				const bytes = await entry.bytes();
				const file = new ZipPassThrough(entry.path);
				zip.add(file);
				file.push(bytes, true);
			},
			cancel() {
				zip.terminate();
			}
		},
		// One file's chunks at a time: the next file is read only once the last one was sent.
		{ highWaterMark: 1 }
	);
}

/** `attachment; filename="class-4B-music-2026-12-06.zip"; filename*=UTF-8''…`: an ASCII name for old clients and the real one for the rest. */
export function attachmentHeader(filename: string): string {
	const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
	return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
