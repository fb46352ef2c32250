/**
 * One song in the browser: follows its progress over SSE (each stage, each phrase as it is sung,
 * the mix), loads the composed revision, and sends edits (lyrics, style, language, another melody,
 * faders), each a new revision the server re-renders where it changed. Owns its EventSource;
 * `destroy()` closes it.
 */
import type { StoredSongWarning } from '../song/fit-summary';
import type { LyricsFitReport } from '../compose/lyrics-fit';
import type { SongRequest } from '../song/song-request';
import type { SongPhraseStatus, SongStageState, SongStatus } from '../song/song-status-types';
import type { Song } from '../song/types';
import type { StudioErrorJson } from '../take/types';
import { errorFromBody, readJson, StudioError } from './api';

export type { SongStageName } from '../song/song-status-types';

export interface ComposedSongJson {
	revision: number;
	song: Song;
	vocalId: string | null;
	/** Where the voice was learned ('vocalise': from the singing itself); absent in older songs. */
	voice?: 'reading' | 'vocalise' | null;
	/** The lyrics fit's figures; absent in older songs. */
	fitReport?: LyricsFitReport;
	report: { fit: string; toneAgreement: { before: number; after: number } | null; warnings: StoredSongWarning[] };
}

export const songExportUrl = (songId: string, format: string) => `/api/songs/${songId}/export/${format}`;
export const phraseUrl = (vocalId: string, index: number) => `/api/vocals/${vocalId}/phrases/${index}`;

/** Creates a song from a take; resolves to its id. */
export async function createSong(takeId: string, request: Partial<SongRequest> = {}): Promise<string> {
	const response = await fetch(`/api/takes/${encodeURIComponent(takeId)}/songs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
	const body = await readJson(response);
	if (!response.ok) throw errorFromBody(body, response.status);
	return (body as { songId: string }).songId;
}

export class SongSession {
	revision = $state(0);
	request = $state<SongRequest | null>(null);
	stages = $state<SongStageState[]>([]);
	phrases = $state<SongPhraseStatus[]>([]);
	vocalId = $state<string | null>(null);
	mixId = $state<string | null>(null);
	/** The newest mix that is done: it keeps playing while an edit renders the next one. */
	lastMixId = $state<string | null>(null);
	composed = $state<ComposedSongJson | null>(null);
	error = $state<StudioError | null>(null);
	connected = $state(false);
	/** Made in a class: it has no public share link (the teacher shares it to the class gallery instead). */
	inClass = $state(false);
	/** The class page to go back to, when the student who made it is looking. */
	classId = $state<string | null>(null);

	private source: EventSource | null = null;
	private destroyed = false;

	constructor(readonly songId: string) {}

	get mixed(): boolean {
		return this.stages.some((s) => s.stage === 'mix' && s.done) && this.composed?.revision === this.revision;
	}

	async start(): Promise<void> {
		await this.refresh();
		if (this.destroyed) return;
		const source = new EventSource(`/api/songs/${encodeURIComponent(this.songId)}/events`);
		this.source = source;
		source.addEventListener('open', () => (this.connected = true));
		source.addEventListener('status', (event) => void this.onStatus(JSON.parse((event as MessageEvent).data) as SongStatus));
		source.addEventListener('failed', (event) => {
			const e = JSON.parse((event as MessageEvent).data) as StudioErrorJson;
			this.error = new StudioError(e.code, e.message);
			source.close();
		});
	}

	private async onStatus(status: SongStatus): Promise<void> {
		this.stages = status.stages;
		this.phrases = status.phrases;
		this.vocalId = status.vocalId;
		this.mixId = status.mixId;
		if (status.mixId && status.stages.some((s) => s.stage === 'mix' && s.done)) this.lastMixId = status.mixId;
		this.revision = status.revision;
		if (status.error) this.error = new StudioError(status.error.code, status.error.message);
		if (status.composedRevision !== null && status.composedRevision !== this.composed?.revision) await this.refresh();
	}

	/** Reloads the song's record and its newest composed revision. */
	async refresh(): Promise<void> {
		const response = await fetch(`/api/songs/${encodeURIComponent(this.songId)}`);
		const body = await readJson(response);
		if (!response.ok) {
			this.error = errorFromBody(body, response.status);
			return;
		}
		const { record, composed, inClass, classId } = body as { record: { revision: number; request: SongRequest }; composed: ComposedSongJson | null; inClass?: boolean; classId?: string | null };
		this.inClass = inClass === true;
		this.classId = classId ?? null;
		this.request = record.request;
		this.revision = record.revision;
		this.composed = composed;
	}

	/** Sends an edit; the events stream then reports the new revision's progress. */
	async edit(change: Partial<SongRequest>): Promise<void> {
		this.error = null;
		const response = await fetch(`/api/songs/${encodeURIComponent(this.songId)}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(change) });
		const body = await readJson(response);
		if (!response.ok) {
			this.error = errorFromBody(body, response.status);
			return;
		}
		const accepted = body as { revision: number; request: SongRequest };
		this.revision = accepted.revision;
		this.request = accepted.request;
		// The stream stops after a failure; a new revision deserves a new one.
		if (this.source?.readyState === EventSource.CLOSED) {
			this.source = null;
			await this.start();
		}
	}

	destroy(): void {
		this.destroyed = true;
		this.source?.close();
		this.source = null;
	}
}
