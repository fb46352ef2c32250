/**
 * The page's side of live notes: starts the worker (src/lib/client/live-notes.worker.ts), feeds it
 * the hummed part of a take as it is recorded, and hands back the notes Basic Pitch has heard.
 */

export interface LiveNote {
	startSeconds: number;
	endSeconds: number;
	/** Piano key, integer MIDI number. */
	midiPitch: number;
}

export type LiveNotesRequest =
	| { type: 'load' }
	| { type: 'start'; sampleRate: number }
	| { type: 'samples'; samples: Float32Array }
	| { type: 'finish' };

export type LiveNotesUpdate =
	| { type: 'ready' }
	/** Notes over the first `heardSeconds` of the take; `final` once the whole hum is processed. */
	| { type: 'notes'; notes: LiveNote[]; heardSeconds: number; final: boolean }
	| { type: 'error'; message: string };

export class LiveNotes {
	private worker: Worker | null = null;
	private started = false;

	constructor(private readonly onUpdate: (update: LiveNotesUpdate) => void) {}

	/** Starts the worker and loads the model (~1 s), so notes come as soon as recording starts. */
	load(): void {
		if (this.worker) return;
		try {
			this.worker = new Worker(new URL('./live-notes.worker.ts', import.meta.url), { type: 'module' });
		} catch (e) {
			this.onUpdate({ type: 'error', message: `live notes need Web Workers (${(e as Error).message})` });
			return;
		}
		this.worker.onmessage = (event: MessageEvent<LiveNotesUpdate>) => this.onUpdate(event.data);
		this.worker.onerror = (event) => this.onUpdate({ type: 'error', message: event.message || 'the live-notes worker failed' });
		this.send({ type: 'load' });
	}

	/** A new take begins: forget the last one. */
	start(sampleRate: number): void {
		this.load();
		this.started = true;
		this.send({ type: 'start', sampleRate });
	}

	push(samples: Float32Array): void {
		if (!this.started || !this.worker) return;
		const copy = samples.slice();
		this.worker.postMessage({ type: 'samples', samples: copy } satisfies LiveNotesRequest, [copy.buffer]);
	}

	/** The hummed part is over: process what is left. */
	finish(): void {
		if (!this.started) return;
		this.started = false;
		this.send({ type: 'finish' });
	}

	dispose(): void {
		this.worker?.terminate();
		this.worker = null;
		this.started = false;
	}

	private send(message: LiveNotesRequest): void {
		this.worker?.postMessage(message);
	}
}
