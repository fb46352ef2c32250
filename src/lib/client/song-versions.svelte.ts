/**
 * The song's versions in the browser: the list the server keeps (names, what changed, whether each
 * mix is ready), naming one and restoring one; and an A/B player that switches between an older
 * version's mix and the current one at the same playback position. The player owns its two audio
 * elements and their listeners; `destroy()` stops and releases them.
 */
import { otherSide, switchPositionSeconds, type AbSide } from '../song/ab-compare';
import type { RevisionEntry } from '../song/revisions';
import type { Song } from '../song/types';
import { errorFromBody, readJson, runTracked, StudioError } from './api';

export const revisionExportUrl = (songId: string, revision: number, format: string) => `/api/songs/${encodeURIComponent(songId)}/revisions/${revision}/export/${format}`;

async function call<T>(url: string, init?: RequestInit): Promise<T> {
	let response: Response;
	try {
		response = await fetch(url, init);
	} catch {
		throw new StudioError('network', 'The studio could not be reached. Check the connection and try again.');
	}
	const body = await readJson(response);
	if (!response.ok) throw errorFromBody(body, response.status);
	return body as T;
}

const json = (body: unknown): RequestInit => ({ headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

export class SongVersions {
	entries = $state.raw<RevisionEntry[]>([]);
	/** The song's latest revision, as the list was read. */
	current = $state(0);
	/** The `before` that lists older versions; null when all are listed. */
	older = $state<number | null>(null);
	error = $state<StudioError | null>(null);
	busy = $state(false);

	constructor(readonly songId: string) {}

	private get base(): string {
		return `/api/songs/${encodeURIComponent(this.songId)}/revisions`;
	}

	/** Reads the newest page again (the older pages already shown are kept, refreshed where they overlap). */
	async load(): Promise<void> {
		try {
			const page = await call<{ current: number; revisions: RevisionEntry[]; older: number | null }>(this.base);
			const newest = new Set(page.revisions.map((e) => e.revision));
			const kept = this.entries.filter((e) => !newest.has(e.revision) && e.revision < (page.revisions.at(-1)?.revision ?? 0));
			this.entries = [...page.revisions, ...kept];
			this.current = page.current;
			if (kept.length === 0) this.older = page.older;
			this.error = null;
		} catch (e) {
			this.error = e as StudioError;
		}
	}

	async loadOlder(): Promise<void> {
		if (this.older === null) return;
		try {
			const page = await call<{ revisions: RevisionEntry[]; older: number | null }>(`${this.base}?before=${this.older}`);
			this.entries = [...this.entries, ...page.revisions];
			this.older = page.older;
		} catch (e) {
			this.error = e as StudioError;
		}
	}

	/** Names a version (null removes its name); true when the server kept it. */
	async name(revision: number, name: string | null): Promise<boolean> {
		return this.run(async () => {
			const answer = await call<{ name: string | null }>(`${this.base}/${revision}`, { method: 'PATCH', ...json({ name }) });
			this.entries = this.entries.map((e) => (e.revision === revision ? { ...e, name: answer.name } : e));
		});
	}

	/** Restores a version as the next revision; resolves to that revision and its document (null when the song moved on meanwhile). */
	async restore(revision: number, baseRevision: number): Promise<{ revision: number; song: Song | null } | null> {
		let made: { revision: number; song: Song | null } | null = null;
		await this.run(async () => {
			const answer = await call<{ revision: number; composed: { song: Song } | null }>(`${this.base}/${revision}/restore`, { method: 'POST', ...json({ baseRevision }) });
			made = { revision: answer.revision, song: answer.composed?.song ?? null };
		});
		if (made) await this.load();
		return made;
	}

	private run(action: () => Promise<void>): Promise<boolean> {
		return runTracked(this, action);
	}
}

/** Seconds between a press and the source starting, so a switch lands on a scheduled sample. */
const START_AHEAD_SECONDS = 0.02;

/**
 * Two mixes decoded in Web Audio, one heard at a time; switching keeps the position (A: an older
 * version, B: the current one). Web Audio rather than two media elements: a buffer starts at any
 * sample at once, where a media element's seek depends on the server's range support and buffering.
 */
export class AbPlayer {
	side = $state<AbSide>('a');
	playing = $state(false);
	ready = $state(false);
	positionSeconds = $state(0);
	/** The last switch: the position left and the position the other mix started at, seconds. */
	lastSwitch = $state<{ fromSeconds: number; toSeconds: number } | null>(null);
	error = $state<string | null>(null);

	private context: AudioContext | null = null;
	private buffers: Partial<Record<AbSide, AudioBuffer>> = {};
	private source: AudioBufferSourceNode | null = null;
	private startedAt = 0;
	private startOffset = 0;
	private frame: number | null = null;
	private destroyed = false;

	constructor(
		readonly urls: Record<AbSide, string>,
		/** Called when A/B starts playing, so the page's own player can stop. */
		private readonly onplay: () => void = () => {}
	) {}

	async load(): Promise<void> {
		try {
			const context = new AudioContext();
			this.context = context;
			const decode = async (url: string) => {
				const response = await fetch(url);
				if (!response.ok) throw errorFromBody(await readJson(response), response.status);
				return context.decodeAudioData(await response.arrayBuffer());
			};
			const [a, b] = await Promise.all([decode(this.urls.a), decode(this.urls.b)]);
			if (this.destroyed) return;
			this.buffers = { a, b };
			this.ready = true;
		} catch (e) {
			this.error = (e as Error).message;
		}
	}

	durationOf(side: AbSide): number {
		return this.buffers[side]?.duration ?? 0;
	}

	/** Where the heard mix is now, seconds. */
	private now(): number {
		if (!this.playing || !this.context) return this.startOffset;
		return Math.min(this.durationOf(this.side), this.startOffset + Math.max(0, this.context.currentTime - this.startedAt));
	}

	async play(fromSeconds = this.now()): Promise<void> {
		const context = this.context;
		const buffer = this.buffers[this.side];
		if (!context || !buffer) return;
		this.onplay();
		this.stopSource();
		if (context.state === 'suspended') await context.resume();
		const offset = fromSeconds >= buffer.duration ? 0 : Math.max(0, fromSeconds);
		const source = context.createBufferSource();
		source.buffer = buffer;
		source.connect(context.destination);
		this.startedAt = context.currentTime + START_AHEAD_SECONDS;
		this.startOffset = offset;
		source.start(this.startedAt, offset);
		source.onended = () => {
			if (this.source !== source) return;
			this.source = null;
			this.playing = false;
			this.startOffset = 0;
		};
		this.source = source;
		this.playing = true;
		this.tick();
	}

	pause(): void {
		const at = this.now();
		this.stopSource();
		this.playing = false;
		this.startOffset = at;
		this.positionSeconds = at;
	}

	/** Hears the other mix (or `side`) from where the listener is, playing on if it was playing. */
	async choose(side: AbSide = otherSide(this.side)): Promise<void> {
		if (side === this.side || !this.ready) return;
		const fromSeconds = this.now();
		const wasPlaying = this.playing;
		const toSeconds = switchPositionSeconds(fromSeconds, this.durationOf(side));
		this.stopSource();
		this.playing = false;
		this.side = side;
		this.startOffset = toSeconds;
		this.positionSeconds = toSeconds;
		this.lastSwitch = { fromSeconds, toSeconds };
		if (wasPlaying) await this.play(toSeconds);
	}

	private stopSource(): void {
		const source = this.source;
		this.source = null;
		if (!source) return;
		source.onended = null;
		try {
			source.stop();
		} catch {
			// Already stopped.
		}
		source.disconnect();
	}

	private tick = (): void => {
		if (this.frame !== null) cancelAnimationFrame(this.frame);
		this.frame = null;
		this.positionSeconds = this.now();
		if (this.playing && !this.destroyed) this.frame = requestAnimationFrame(this.tick);
	};

	destroy(): void {
		this.destroyed = true;
		this.stopSource();
		this.playing = false;
		if (this.frame !== null) cancelAnimationFrame(this.frame);
		void this.context?.close();
		this.context = null;
	}
}
