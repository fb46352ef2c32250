/**
 * A student's class page in the browser: the class as the student sees it (notice, assignment,
 * their consent), where their latest song stands, their songs with the teacher's feedback and the
 * class gallery, read again every few seconds (faster while a song is being made); agreeing to the
 * notice, telling the teacher's dashboard that recording started, sending a take and asking for its
 * song with the assignment's settings, and leaving the class. Owns its timer; `destroy()` stops it.
 */
import type { Assignment, ConsentBy, GallerySongView, StudentSongView, StudentStageView } from '../classroom';
import { DEFAULT_STYLE } from '../song/song-request';
import type { Language, TakeSource } from '../take/types';
import { StudioError, uploadTake } from './api';
import { jsonRequest as json, requestJson as call } from './api';
import { createSong } from './song-session.svelte';

export interface StudentClassJson {
	class: { id: string; title: string; notice: string; consentBy: ConsentBy; assignment: Assignment };
	student: { id: string; displayName: string; consentAt: string | null };
	mayRecord: boolean;
}

export interface StudentMeJson extends StudentClassJson {
	stage: StudentStageView;
	songs: StudentSongView[];
}

/** While a song is being made the page follows it closely; otherwise it only picks up the teacher's stars and shares. */
const BUSY_POLL_MS = 3000;
const IDLE_POLL_MS = 15000;
const BUSY_STAGES = new Set(['recording', 'analysing', 'singing', 'mixing']);

export class ClassStudent {
	me = $state<StudentMeJson | null>(null);
	gallery = $state.raw<GallerySongView[]>([]);
	/** Why the class could not be read (a 404 class_not_found once it ended or the student left). */
	error = $state<StudioError | null>(null);
	agreeing = $state(false);
	/** What is being sent: the recording, then the request for its song. */
	sending = $state<'upload' | 'song' | null>(null);
	sendError = $state<StudioError | null>(null);
	leaving = $state(false);

	private timer: ReturnType<typeof setTimeout> | null = null;
	private destroyed = false;

	constructor(readonly classId: string) {}

	private get base(): string {
		return `/api/classes/${encodeURIComponent(this.classId)}`;
	}

	/** The song language: the assignment's, or the one the student picks when the teacher left it open. */
	languageFor(chosen: Language): Language {
		return this.me?.class.assignment.language ?? chosen;
	}

	async start(): Promise<void> {
		await this.refresh();
	}

	/** Reads the student's page and the gallery again, then schedules the next read. */
	async refresh(): Promise<void> {
		if (this.timer) clearTimeout(this.timer);
		this.timer = null;
		try {
			const [me, gallery] = await Promise.all([call<StudentMeJson>(`${this.base}/me`), call<GallerySongView[]>(`${this.base}/gallery`)]);
			this.me = me;
			this.gallery = gallery;
			this.error = null;
		} catch (e) {
			this.error = e instanceof StudioError ? e : new StudioError('network', String(e));
			// A class that is gone (ended, or left on this device) will not come back.
			if (this.error.status === 404 || this.error.status === 400) return;
		}
		if (this.destroyed) return;
		const busy = this.sending !== null || BUSY_STAGES.has(this.me?.stage.stage ?? '');
		this.timer = setTimeout(() => void this.refresh(), busy ? BUSY_POLL_MS : IDLE_POLL_MS);
	}

	async agree(): Promise<void> {
		this.agreeing = true;
		try {
			const view = await call<StudentClassJson>(`${this.base}/consent`, { method: 'POST' });
			if (this.me) this.me = { ...this.me, ...view };
			this.error = null;
		} catch (e) {
			this.error = e as StudioError;
		} finally {
			this.agreeing = false;
		}
	}

	/** The teacher's dashboard shows "recording" from now; a lost report only delays that. */
	async reportRecording(): Promise<void> {
		await call(`${this.base}/recording`, { method: 'POST' }).catch(() => undefined);
		void this.refresh();
	}

	/**
	 * Sends a take and asks for its song with the assignment's language, style and lyrics (the
	 * server refuses the take without consent). Resolves to the song's id, or null after an error
	 * (`sendError`).
	 */
	async send(audio: Blob, fileName: string, source: TakeSource, humEndSeconds: number | null, chosenLanguage: Language): Promise<string | null> {
		const assignment = this.me?.class.assignment;
		const language = this.languageFor(chosenLanguage);
		this.sendError = null;
		this.sending = 'upload';
		try {
			const take = await uploadTake({ audio, fileName, language, source, humEndSeconds });
			this.sending = 'song';
			const songId = await createSong(take.id, { language, style: assignment?.style ?? DEFAULT_STYLE[language], lyrics: assignment?.lyrics ?? null });
			return songId;
		} catch (e) {
			this.sendError = e instanceof StudioError ? e : new StudioError('upload_failed', String(e));
			return null;
		} finally {
			this.sending = null;
			void this.refresh();
		}
	}

	/** This browser stops being the student (its own owner key, if it had one, comes back). */
	async leave(): Promise<boolean> {
		this.leaving = true;
		try {
			await call(`${this.base}/leave`, json('POST', {}));
			this.destroy();
			return true;
		} catch (e) {
			this.error = e as StudioError;
			return false;
		} finally {
			this.leaving = false;
		}
	}

	destroy(): void {
		this.destroyed = true;
		if (this.timer) clearTimeout(this.timer);
		this.timer = null;
	}
}

/** What a join code opens (before the student gives a name). */
export interface JoinPreview {
	code: string;
	title: string;
	locked: boolean;
}

export const previewJoinCode = (code: string): Promise<JoinPreview> => call<JoinPreview>(`/api/join/${encodeURIComponent(code)}`);

/** Joins the class: the studio sets this browser's class owner key (a cookie); resolves to the class's id. */
export async function joinClassWithCode(code: string, name: string): Promise<string> {
	return (await call<{ classId: string }>('/api/join', json('POST', { code, name }))).classId;
}
