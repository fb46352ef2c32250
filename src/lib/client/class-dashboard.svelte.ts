/**
 * A class followed live from the teacher's browser (dashboard and projector): the class and every
 * student's entry from the class's event stream, and the teacher's changes (settings, feedback,
 * gallery, projector, ending the class). The EventSource reconnects by itself and every connection
 * starts with the whole class, so a dropped connection loses nothing; `destroy()` closes it.
 */
import type { ClassSettingsChange, DashboardChange, DashboardEntry, SongFeedback, TeacherClassView } from '../classroom';
import type { StudioErrorJson } from '../take/types';
import { jsonRequest, requestJson, runTracked, type StudioError } from './api';

export const classApiUrl = (classId: string) => `/api/classes/${encodeURIComponent(classId)}`;
export const classExportUrl = (classId: string) => `${classApiUrl(classId)}/export`;
export const songMixUrl = (songId: string) => `/api/songs/${encodeURIComponent(songId)}/export/mp3`;

export interface ClassCounts {
	joined: number;
	recording: number;
	/** Analysing, singing or mixing. */
	working: number;
	ready: number;
	failed: number;
}

export function classCounts(entries: readonly DashboardEntry[]): ClassCounts {
	const counts: ClassCounts = { joined: entries.length, recording: 0, working: 0, ready: 0, failed: 0 };
	for (const { view } of entries) {
		if (view.stage === 'recording') counts.recording++;
		else if (view.stage === 'ready') counts.ready++;
		else if (view.stage === 'failed') counts.failed++;
		else if (view.stage !== 'joined') counts.working++;
	}
	return counts;
}

export class ClassDashboard {
	cls = $state.raw<TeacherClassView | null>(null);
	entries = $state.raw<DashboardEntry[]>([]);
	/** Whether the stream is open now (false while the browser reconnects). */
	live = $state(false);
	/** The class ended (here or in another tab) or is gone: the stream's last word. */
	ended = $state<StudioErrorJson | null>(null);
	/** The last failed change, for the page to show. */
	error = $state<StudioError | null>(null);
	busy = $state(false);
	/** When the last `student` event was noticed by the server and when it arrived here (ms), for latency checks. */
	lastDelivery = $state<{ changedAtMs: number; receivedAtMs: number } | null>(null);

	counts = $derived(classCounts(this.entries));

	private source: EventSource | null = null;

	constructor(readonly classId: string) {}

	private get base(): string {
		return classApiUrl(this.classId);
	}

	/** Opens the class's event stream. */
	follow(): void {
		if (this.source) return;
		const source = new EventSource(`${this.base}/events`);
		this.source = source;
		const on = <T>(event: string, handle: (data: T) => void) => source.addEventListener(event, (e) => handle(JSON.parse((e as MessageEvent<string>).data) as T));
		source.onopen = () => (this.live = true);
		on<TeacherClassView>('class', (cls) => (this.cls = cls));
		on<DashboardEntry[]>('students', (entries) => (this.entries = entries));
		on<DashboardChange>('student', ({ changedAtMs, ...entry }) => {
			this.lastDelivery = { changedAtMs, receivedAtMs: Date.now() };
			this.replace(entry);
		});
		on<{ studentId: string }>('left', ({ studentId }) => (this.entries = this.entries.filter((e) => e.student.id !== studentId)));
		const stop = (error: StudioErrorJson) => {
			this.ended = error;
			this.live = false;
			this.destroy();
		};
		on<StudioErrorJson>('ended', stop);
		on<StudioErrorJson>('failed', stop);
		source.onerror = () => {
			this.live = false;
			// CLOSED: the answer was not a stream (the class is gone, 404); otherwise the browser reconnects by itself.
			if (source.readyState === EventSource.CLOSED) stop({ code: 'class_not_found', message: 'There is no such class here (it may have ended).' });
		};
	}

	/** The entry of the student whose latest song this is. */
	entryOfSong(songId: string | null): DashboardEntry | null {
		return songId === null ? null : (this.entries.find((e) => e.view.songId === songId) ?? null);
	}

	private replace(entry: DashboardEntry): void {
		const at = this.entries.findIndex((e) => e.student.id === entry.student.id);
		this.entries = at < 0 ? [...this.entries, entry] : this.entries.map((e, i) => (i === at ? entry : e));
	}

	private patchSong(songId: string, change: Partial<Pick<DashboardEntry, 'feedback' | 'inGallery'>>): void {
		this.entries = this.entries.map((e) => (e.view.songId === songId ? { ...e, ...change } : e));
	}

	/** Saves a settings change; true when the server kept it. */
	async saveSettings(change: ClassSettingsChange): Promise<boolean> {
		return this.run(async () => {
			this.cls = (await requestJson<{ class: TeacherClassView }>(this.base, jsonRequest('PATCH', change))).class;
		});
	}

	async setFeedback(songId: string, feedback: Pick<SongFeedback, 'starred' | 'comment'>): Promise<boolean> {
		return this.run(async () => {
			const saved = await requestJson<{ feedback: SongFeedback }>(`${this.base}/songs/${encodeURIComponent(songId)}/feedback`, jsonRequest('PUT', feedback));
			this.patchSong(songId, { feedback: saved.feedback });
		});
	}

	async setInGallery(songId: string, shared: boolean): Promise<boolean> {
		return this.run(async () => {
			await requestJson(`${this.base}/gallery/${encodeURIComponent(songId)}`, jsonRequest(shared ? 'PUT' : 'DELETE'));
			this.patchSong(songId, { inGallery: shared });
		});
	}

	/** Shows a song on the projector (null: the join code). */
	async project(songId: string | null): Promise<boolean> {
		return this.run(async () => {
			this.cls = (await requestJson<{ class: TeacherClassView }>(`${this.base}/projector`, jsonRequest('PUT', { songId }))).class;
		});
	}

	/** Ends the class: everything in it is deleted. */
	async end(): Promise<boolean> {
		const done = await this.run(() => requestJson(this.base, jsonRequest('DELETE')));
		if (done) this.destroy();
		return done;
	}

	private run(action: () => Promise<unknown>): Promise<boolean> {
		return runTracked(this, action);
	}

	destroy(): void {
		this.source?.close();
		this.source = null;
		this.live = false;
	}
}

/** The classes this browser started (GET /api/classes), newest first. */
export async function fetchMyClasses(): Promise<TeacherClassView[]> {
	return (await requestJson<{ classes: TeacherClassView[] }>('/api/classes')).classes;
}

/** Starts a class with a title and the consent notice in the teacher's language; resolves to it. */
export async function startClass(title: string, notice: string): Promise<TeacherClassView> {
	return (await requestJson<{ class: TeacherClassView }>('/api/classes', jsonRequest('POST', { title, notice }))).class;
}

/**
 * For a page (call while it initialises): the class `classId()` names, followed while the page
 * shows it; another id follows another class and the stream of the first is closed.
 */
export function followedClass(classId: () => string): { readonly current: ClassDashboard } {
	const dashboard = $derived(new ClassDashboard(classId()));
	$effect(() => {
		const current = dashboard;
		current.follow();
		return () => current.destroy();
	});
	return {
		get current() {
			return dashboard;
		}
	};
}
