/**
 * The teacher's dashboard read from storage, and followed live: one reading per class is shared by
 * every stream that follows it (the dashboard, the projector, a second tab), repeated every
 * `intervalMs` while anyone listens, and only what changed is passed on (the target: a
 * stage change on the dashboard within 1 s, for 30 students).
 *
 * Polling rather than queue events: a student's "recording" note, the teacher's feedback and the
 * gallery are plain writes to storage with no event, and one reading of 30 students costs a few
 * milliseconds of file reads.
 */
import type { Queue } from 'bullmq';
import { dashboardStudent, diffDashboard, type ClassRecord, type DashboardChange, type DashboardEntry, type TeacherClassView } from '../classroom';
import type { StudioErrorJson } from '../take/types';
import { classNotFound, getClass, getFeedback, isInGallery, listStudents } from './classes';
import { teacherClassView } from './class-views';
import { asUserError } from './errors';
import type { AnalyzeJobData, AnalyzeJobResult } from './queue';
import { withQueue } from './queue-availability';
import type { JobFailure } from './song-status';
import type { BlobStore } from './storage';
import { studentProgress } from './student-progress';

/** How often a followed class is read again, ms (a stage change reaches the page within this plus the reading). */
export const DASHBOARD_POLL_MS = 250;

export interface DashboardSources {
	store: BlobStore;
	analyzeQueue: Queue<AnalyzeJobData, AnalyzeJobResult>;
	failure: JobFailure;
}

/** Every student of the class with their stage, the feedback on and gallery place of their latest song, in joining order. */
export async function readDashboard(sources: DashboardSources, record: ClassRecord, nowMs = Date.now()): Promise<DashboardEntry[]> {
	const { store } = sources;
	const students = await listStudents(store, record.id);
	return Promise.all(
		students.map(async (student) => {
			const view = await withQueue(() => studentProgress(store, sources.analyzeQueue, sources.failure, student, nowMs));
			const songId = view.songId;
			const [feedback, inGallery] = songId ? await Promise.all([getFeedback(store, record.id, songId), isInGallery(store, record.id, songId)]) : [null, false];
			return { student: dashboardStudent(student), view, feedback, inGallery };
		})
	);
}

/** What a stream following a class is told after it connected. */
export type ClassWatchEvent =
	| { event: 'class'; data: TeacherClassView }
	| { event: 'student'; data: DashboardChange }
	| { event: 'left'; data: { studentId: string } }
	/** The class ended or is gone: the stream closes. */
	| { event: 'ended'; data: StudioErrorJson };

export interface ClassSnapshot {
	class: TeacherClassView;
	students: DashboardEntry[];
}

type Listener = (event: ClassWatchEvent) => void;

interface Watch {
	listeners: Set<Listener>;
	snapshot: ClassSnapshot | null;
	/** The first reading, awaited by the streams that connect before it is done. */
	first: Promise<void>;
	fingerprints: Map<string, string>;
	classJson: string;
	timer: ReturnType<typeof setTimeout> | null;
	stopped: boolean;
	/** Why the last reading failed (Redis down…), for a stream that connects before any reading worked. */
	lastError: unknown;
}

/**
 * The classes being followed now, each read on its own timer while it has listeners. `read` gives
 * the class (null when it is gone or ended) and its entries.
 */
export class ClassWatcher {
	private readonly watches = new Map<string, Watch>();

	constructor(
		private readonly read: (classId: string) => Promise<{ record: ClassRecord; entries: DashboardEntry[] } | null>,
		private readonly intervalMs = DASHBOARD_POLL_MS
	) {}

	/** Classes followed now (for tests and health). */
	get followed(): number {
		return this.watches.size;
	}

	/**
	 * Follows a class: resolves to what it is now (send it first), then `listener` hears each change
	 * until `unsubscribe`. Throws class_not_found when the class is gone or ended.
	 */
	async subscribe(classId: string, listener: Listener): Promise<{ snapshot: ClassSnapshot; unsubscribe: () => void }> {
		let watch = this.watches.get(classId);
		if (!watch) {
			const created: Watch = { listeners: new Set(), snapshot: null, first: Promise.resolve(), fingerprints: new Map(), classJson: '', timer: null, stopped: false, lastError: null };
			created.first = this.tick(classId, created, false);
			this.watches.set(classId, created);
			watch = created;
		}
		await watch.first;
		if (!watch.snapshot) {
			const why = watch.stopped || !watch.lastError ? classNotFound() : watch.lastError;
			if (watch.listeners.size === 0) this.stop(classId, watch);
			throw why;
		}
		if (watch.stopped) throw classNotFound();
		// Read and added in one synchronous step, so no change falls between the snapshot and the listener.
		const snapshot = watch.snapshot;
		watch.listeners.add(listener);
		const current = watch;
		return {
			snapshot,
			unsubscribe: () => {
				current.listeners.delete(listener);
				if (current.listeners.size === 0) this.stop(classId, current);
			}
		};
	}

	private stop(classId: string, watch: Watch): void {
		watch.stopped = true;
		if (watch.timer) clearTimeout(watch.timer);
		watch.timer = null;
		if (this.watches.get(classId) === watch) this.watches.delete(classId);
	}

	private broadcast(watch: Watch, event: ClassWatchEvent): void {
		for (const listener of [...watch.listeners]) listener(event);
	}

	/** One reading: updates the snapshot, tells the listeners what changed, and schedules the next. */
	private async tick(classId: string, watch: Watch, announce: boolean): Promise<void> {
		const startedMs = Date.now();
		try {
			const found = await this.read(classId);
			if (watch.stopped) return;
			if (!found) {
				const gone = classNotFound().toJson();
				this.stop(classId, watch);
				this.broadcast(watch, { event: 'ended', data: gone });
				return;
			}
			const view = teacherClassView(found.record);
			const classJson = JSON.stringify(view);
			const diff = diffDashboard(watch.fingerprints, found.entries);
			const changedAtMs = Date.now();
			watch.fingerprints = diff.fingerprints;
			watch.snapshot = { class: view, students: found.entries };
			if (announce) {
				if (classJson !== watch.classJson) this.broadcast(watch, { event: 'class', data: view });
				for (const studentId of diff.removed) this.broadcast(watch, { event: 'left', data: { studentId } });
				for (const entry of diff.changed) this.broadcast(watch, { event: 'student', data: { ...entry, changedAtMs } });
			}
			watch.classJson = classJson;
			watch.lastError = null;
		} catch (e) {
			watch.lastError = e;
			// Redis down or a file deleted mid-read: keep the last reading and try again.
			if (asUserError(e)?.code !== 'queue_unavailable') console.error('[studio] class dashboard reading failed', e);
		}
		if (watch.stopped) return;
		watch.timer = setTimeout(() => void this.tick(classId, watch, true), Math.max(0, this.intervalMs - (Date.now() - startedMs)));
		watch.timer.unref?.();
	}
}

/** The reading for a ClassWatcher from storage and the queues: null once the class is gone or ended. */
export function dashboardReader(sources: DashboardSources): (classId: string) => Promise<{ record: ClassRecord; entries: DashboardEntry[] } | null> {
	return async (classId) => {
		const record = await getClass(sources.store, classId);
		if (!record || record.endedAt) return null;
		return { record, entries: await readDashboard(sources, record) };
	};
}
