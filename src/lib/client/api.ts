import type { Language, StudioErrorJson, TakeRecord, TakeSource } from '../take/types';
import type { TakeResponse } from './types';

/** The studio's upload limit; the server enforces the same, this only saves a wasted upload. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/** File types the upload picker offers (the server sniffs the bytes; this is only a hint). */
export const ACCEPTED_AUDIO = '.wav,.flac,.mp3,.ogg,.opus,.webm,audio/*';

/** An error with a stable code and a sentence for the user, from the API or from the client. */
export class StudioError extends Error {
	readonly code: string;
	/** HTTP status, or 0 when the request never got an answer. */
	readonly status: number;
	/** The figures in the message (sizes, lengths), for its translation (i18n/error-text.ts). */
	readonly params: Record<string, string | number> | undefined;

	constructor(code: string, message: string, status = 0, params?: Record<string, string | number>) {
		super(message);
		this.name = 'StudioError';
		this.code = code;
		this.status = status;
		this.params = params;
	}

	toJSON(): StudioErrorJson {
		return this.params ? { code: this.code, message: this.message, params: this.params } : { code: this.code, message: this.message };
	}
}

export interface UploadTakeOptions {
	audio: Blob;
	/** File name sent with the audio; the server keeps it as the take's original name. */
	fileName: string;
	language: Language;
	source: TakeSource;
	/** Boundary between the hummed and the read part, seconds from the start of the audio. */
	humEndSeconds?: number | null;
	signal?: AbortSignal;
}

/** Checks a file before upload; returns the error to show, or null when it may be sent. */
export function checkUploadFile(file: Blob): StudioError | null {
	if (file.size === 0) return new StudioError('empty_file', 'That file is empty. Choose an audio file with sound in it.');
	if (file.size > MAX_UPLOAD_BYTES) {
		const megabytes = Number((file.size / (1024 * 1024)).toFixed(1));
		const limitMegabytes = MAX_UPLOAD_BYTES / (1024 * 1024);
		return new StudioError(
			'too_large',
			`That file is ${megabytes.toFixed(1)} MB; the studio takes files up to ${limitMegabytes} MB. Trim it or export it at a lower quality, then try again.`,
			0,
			{ megabytes, limitMegabytes }
		);
	}
	return null;
}

/** `POST /api/takes`: stores the take and queues its analysis. */
export async function uploadTake(options: UploadTakeOptions): Promise<TakeRecord> {
	const invalid = checkUploadFile(options.audio);
	if (invalid) throw invalid;
	const form = new FormData();
	form.set('audio', options.audio, options.fileName);
	form.set('language', options.language);
	form.set('source', options.source);
	if (options.humEndSeconds != null && Number.isFinite(options.humEndSeconds)) {
		form.set('humEndSeconds', options.humEndSeconds.toFixed(3));
	}
	let response: Response;
	try {
		response = await fetch('/api/takes', { method: 'POST', body: form, signal: options.signal });
	} catch (cause) {
		if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
		throw new StudioError('network', 'Could not reach the studio server. Check that it is running, then try again.');
	}
	const body = await readJson(response);
	if (!response.ok) throw errorFromBody(body, response.status);
	const take = (body as { take?: TakeRecord } | null)?.take;
	if (!take || typeof take.id !== 'string') {
		throw new StudioError('bad_response', 'The server accepted the upload but did not say where the take is.', response.status);
	}
	return take;
}

/** `GET /api/takes/:id`. */
export async function fetchTake(id: string, fetchImpl: typeof fetch = fetch): Promise<TakeResponse> {
	let response: Response;
	try {
		response = await fetchImpl(`/api/takes/${encodeURIComponent(id)}`);
	} catch {
		throw new StudioError('network', 'Could not reach the studio server. Check that it is running, then reload.');
	}
	const body = await readJson(response);
	if (!response.ok) throw errorFromBody(body, response.status);
	return body as TakeResponse;
}

export function takeAudioUrl(id: string): string {
	return `/api/takes/${encodeURIComponent(id)}/audio`;
}

export function takeMidiUrl(id: string): string {
	return `/api/takes/${encodeURIComponent(id)}/notes.mid`;
}

export function takeEventsUrl(id: string): string {
	return `/api/takes/${encodeURIComponent(id)}/events`;
}

export async function readJson(response: Response): Promise<unknown> {
	try {
		return await response.json();
	} catch {
		return null;
	}
}

export function errorFromBody(body: unknown, status: number): StudioError {
	const error = (body as { error?: Partial<StudioErrorJson> } | null)?.error;
	if (error && typeof error.message === 'string') {
		const params = error.params && typeof error.params === 'object' ? error.params : undefined;
		return new StudioError(typeof error.code === 'string' ? error.code : `http_${status}`, error.message, status, params);
	}
	if (status === 404) return new StudioError('not_found', 'There is no take with that id. It may have been deleted.', status);
	if (status === 413) return new StudioError('too_large', 'That file is too large for the studio (the limit is 50 MB).', status);
	return new StudioError(`http_${status}`, `The server could not handle the request (HTTP ${status}). Try again in a moment.`, status);
}

/** A JSON API call: the answer's body (undefined for 204), or the StudioError the server (or the network) gave. */
export async function requestJson<T>(url: string, init: RequestInit = {}): Promise<T> {
	let response: Response;
	try {
		response = await fetch(url, init);
	} catch {
		throw new StudioError('network', 'Could not reach the studio server. Check that it is running, then try again.');
	}
	if (response.status === 204) return undefined as T;
	const body = await readJson(response);
	if (!response.ok) throw errorFromBody(body, response.status);
	return body as T;
}

/** A request whose body is `body` as JSON. */
export const jsonRequest = (method: string, body?: unknown): RequestInit =>
	body === undefined ? { method } : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };

/**
 * Runs a user's action on a rune object that shows `busy` while it runs and the action's `error`
 * after; true when it succeeded.
 */
export async function runTracked(target: { busy: boolean; error: StudioError | null }, action: () => Promise<unknown>): Promise<boolean> {
	target.busy = true;
	target.error = null;
	try {
		await action();
		return true;
	} catch (e) {
		target.error = e instanceof StudioError ? e : new StudioError('network', String(e));
		return false;
	} finally {
		target.busy = false;
	}
}
