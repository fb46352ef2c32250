/**
 * One "sing these lyrics" request in the browser: posts the lyrics, then polls the vocal's status
 * until every phrase and the full mix are rendered, so the page can play each phrase as it arrives.
 * Owns its timer; `destroy()` stops it.
 */
import type { Language } from '../take/types';
import { errorFromBody, readJson, StudioError } from './api';

export interface VocalPhraseState {
	index: number;
	text: string;
	startSeconds: number;
	endSeconds: number;
	ready: boolean;
}

interface VocalStatus {
	vocalId: string;
	fitMessage: string;
	voice: 'reading' | 'vocalise';
	fullReady?: boolean;
	phrases: VocalPhraseState[];
}

const POLL_MS = 400;

export const vocalPhraseUrl = (vocalId: string, index: number) => `/api/vocals/${vocalId}/phrases/${index}`;
export const fullVocalUrl = (vocalId: string) => `/api/vocals/${vocalId}/full`;

export class VocalSession {
	status = $state<'idle' | 'planning' | 'singing' | 'done' | 'failed'>('idle');
	vocalId = $state<string | null>(null);
	fitMessage = $state('');
	voice = $state<'reading' | 'vocalise'>('reading');
	phrases = $state<VocalPhraseState[]>([]);
	fullReady = $state(false);
	error = $state<StudioError | null>(null);
	private timer: ReturnType<typeof setTimeout> | null = null;
	private destroyed = false;

	constructor(private readonly takeId: string) {}

	/** Starts singing `lyrics`; a running request is replaced. */
	async sing(lyrics: string, language: Language): Promise<void> {
		this.stopPolling();
		this.status = 'planning';
		this.error = null;
		this.fullReady = false;
		this.phrases = [];
		try {
			const response = await fetch(`/api/takes/${encodeURIComponent(this.takeId)}/vocal`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ lyrics, language })
			});
			const body = await readJson(response);
			if (!response.ok) throw errorFromBody(body, response.status);
			this.apply(body as VocalStatus);
			this.status = 'singing';
			this.poll();
		} catch (e) {
			this.fail(e);
		}
	}

	private apply(body: VocalStatus): void {
		this.vocalId = body.vocalId;
		this.fitMessage = body.fitMessage;
		this.voice = body.voice;
		this.phrases = body.phrases.map((p) => ({ ...p, ready: p.ready ?? false }));
		this.fullReady = body.fullReady ?? false;
	}

	private poll(): void {
		if (this.destroyed || !this.vocalId) return;
		this.timer = setTimeout(async () => {
			try {
				const response = await fetch(`/api/vocals/${this.vocalId}`);
				const body = await readJson(response);
				if (!response.ok) throw errorFromBody(body, response.status);
				this.apply(body as VocalStatus);
				if (this.fullReady) this.status = 'done';
				else this.poll();
			} catch (e) {
				this.fail(e);
			}
		}, POLL_MS);
	}

	private fail(e: unknown): void {
		this.status = 'failed';
		this.error = e instanceof StudioError ? e : new StudioError('network', 'Could not reach the studio server. Check that it is running, then try again.');
	}

	private stopPolling(): void {
		if (this.timer) clearTimeout(this.timer);
		this.timer = null;
	}

	destroy(): void {
		this.destroyed = true;
		this.stopPolling();
	}
}
