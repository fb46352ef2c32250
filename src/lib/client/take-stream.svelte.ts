import type { AnalysisProgress, StudioErrorJson, TakeRecord } from '../take/types';
import { fetchTake, StudioError, takeEventsUrl } from './api';
import type { MelodyAnalysisJson } from './types';

/**
 * A take's analysis as it happens: loads the take, then follows `GET /api/takes/:id/events`
 * (Server-Sent Events). The server sends the current state first, so a reload picks up where
 * the job is. The stream is closed once the analysis is done or failed.
 *
 * Owns its EventSource and listeners; `destroy()` closes them.
 */
export type StreamConnection = 'loading' | 'open' | 'reconnecting' | 'closed';

export class TakeStream {
	take = $state<TakeRecord | null>(null);
	progress = $state<AnalysisProgress | null>(null);
	analysis = $state<MelodyAnalysisJson | null>(null);
	/** Why the analysis failed, or why the page cannot follow it. */
	failure = $state<StudioErrorJson | null>(null);
	connection = $state<StreamConnection>('loading');

	readonly id: string;
	private source: EventSource | null = null;
	private unsubscribers: (() => void)[] = [];
	private destroyed = false;

	constructor(id: string) {
		this.id = id;
	}

	get finished(): boolean {
		return this.analysis !== null || this.failure !== null;
	}

	/** Loads the take record (for its warnings and duration) and, unless done, subscribes. */
	async start(): Promise<void> {
		this.failure = null;
		this.connection = 'loading';
		try {
			const response = await fetchTake(this.id);
			if (this.destroyed) return;
			this.take = response.take;
			this.progress = response.progress;
			if (response.analysis) {
				this.analysis = response.analysis;
				this.connection = 'closed';
				return;
			}
			if (response.progress?.status === 'failed') {
				this.failure = response.progress.error ?? { code: 'failed', message: 'The analysis failed.' };
				this.connection = 'closed';
				return;
			}
		} catch (cause) {
			if (this.destroyed) return;
			this.failure = cause instanceof StudioError ? cause.toJSON() : { code: 'load_failed', message: 'Could not load this take.' };
			this.connection = 'closed';
			return;
		}
		this.subscribe();
	}

	/** Follows the event stream again, e.g. after the connection was lost. */
	retry(): void {
		this.close();
		void this.start();
	}

	destroy(): void {
		this.destroyed = true;
		this.close();
	}

	private subscribe(): void {
		const source = new EventSource(takeEventsUrl(this.id));
		this.source = source;
		const listen = (name: string, handler: (event: MessageEvent) => void) => {
			const listener = (event: Event) => handler(event as MessageEvent);
			source.addEventListener(name, listener);
			this.unsubscribers.push(() => source.removeEventListener(name, listener));
		};
		listen('open', () => {
			this.connection = 'open';
		});
		listen('progress', (event) => {
			const progress = parse<AnalysisProgress>(event.data);
			if (progress) this.progress = progress;
		});
		listen('done', (event) => {
			const body = parse<{ analysis: MelodyAnalysisJson | null }>(event.data);
			if (body?.analysis) {
				this.analysis = body.analysis;
				this.progress = { status: 'completed', stage: 'done', fraction: 1 };
			} else {
				this.failure = {
					code: 'no_result',
					message: 'The analysis finished but its result could not be read. Reload the page; if it stays like this, upload the take again.'
				};
			}
			this.close();
		});
		listen('failed', (event) => {
			const error = parse<StudioErrorJson>(event.data);
			this.failure = error ?? { code: 'failed', message: 'The analysis failed.' };
			if (this.progress) this.progress = { ...this.progress, status: 'failed', error: this.failure };
			this.close();
		});
		listen('error', () => {
			if (this.finished) return;
			// EventSource retries by itself on a dropped connection; CLOSED means it gave up.
			if (source.readyState === EventSource.CLOSED) {
				this.failure = {
					code: 'stream_closed',
					message: 'Lost the connection to the studio server before the analysis finished. Check that it is running, then retry.'
				};
				this.close();
			} else {
				this.connection = 'reconnecting';
			}
		});
	}

	private close(): void {
		for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
		this.source?.close();
		this.source = null;
		this.connection = 'closed';
	}
}

function parse<T>(data: unknown): T | null {
	if (typeof data !== 'string') return null;
	try {
		return JSON.parse(data) as T;
	} catch {
		return null;
	}
}
