/**
 * Where one student of a class stands, read from the same sources as the student's own pages (the
 * take's analysis, the song's status), for the teacher's dashboard and the student's class page.
 */
import type { Queue } from 'bullmq';
import { studentStage, type StudentRecord, type StudentStageView } from '../classroom';
import type { TakeRecord } from '../take/types';
import { ownerTakeIds, takeSongIds } from './library-index';
import { takeProgress } from './progress';
import type { AnalyzeJobData, AnalyzeJobResult } from './queue';
import { songStatus, type JobFailure } from './song-status';
import { getSong, type SongRecord } from './songs';
import type { BlobStore } from './storage';
import { getTake } from './takes';

const newest = <T extends { createdAt: string }>(items: (T | null)[]): T | null =>
	items.filter((x): x is T => x !== null).sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0] ?? null;

/** The student's latest take, or null. */
export async function latestTakeOf(store: BlobStore, student: StudentRecord): Promise<TakeRecord | null> {
	return newest(await Promise.all((await ownerTakeIds(store, student.ownerHash)).map((id) => getTake(store, id))));
}

/** Every song the student made, newest first. */
export async function songsOfStudent(store: BlobStore, student: StudentRecord): Promise<SongRecord[]> {
	const takes = await ownerTakeIds(store, student.ownerHash);
	const songs = await Promise.all(takes.map(async (takeId) => Promise.all((await takeSongIds(store, takeId)).map((id) => getSong(store, id)))));
	return songs
		.flat()
		.filter((s): s is SongRecord => s !== null)
		.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export async function studentProgress(
	store: BlobStore,
	analyzeQueue: Queue<AnalyzeJobData, AnalyzeJobResult>,
	failure: JobFailure,
	student: StudentRecord,
	nowMs = Date.now()
): Promise<StudentStageView> {
	const take = await latestTakeOf(store, student);
	if (!take) return studentStage({ recordingSinceMs: student.recordingSinceMs, take: null, song: null, nowMs });
	const progress = await takeProgress(store, analyzeQueue, take);
	const record = newest(await Promise.all((await takeSongIds(store, take.id)).map((id) => getSong(store, id))));
	const status = record ? await songStatus(store, record, failure, async () => progress) : null;
	return studentStage({
		recordingSinceMs: student.recordingSinceMs,
		take: { id: take.id, createdAtMs: Date.parse(take.createdAt), progress },
		song: record && status ? { id: record.id, status } : null,
		nowMs
	});
}
