/**
 * Hearing a song before its mix is done: the backing score played live by Tone.js synths (the same
 * renderer and patches the worker renders the backing with) and each sung phrase, as soon as it
 * exists, on the same Transport at its place. Plays from any point, seeks and loops a section;
 * the vocal and backing go through their own gains, so the page's faders act on it too. Owns its
 * Tone nodes, Transport events and animation frame; `destroy()` releases them all.
 */
import type { BackingPlayer } from '../audio/backing-render';
import type { BackingScore } from '../song/backing-types';
import type { Gain, Meter, Player } from 'tone';
import { dbToGain, type LoopRange, type SongPlayback } from './song-playback';

/** The vocal phrases are raw renders (before the vocal chain): this brings them near the backing. */
const PHRASE_GAIN_DB = -4;

export class SongPreview implements SongPlayback {
	playing = $state(false);
	/** Play was pressed and not paused since: true while it is still loading, before `playing`. */
	requested = false;
	positionSeconds = $state(0);
	durationSeconds = $state(0);
	loop = $state<LoopRange | null>(null);
	error = $state<string | null>(null);
	levelsDb = $state({ vocal: -Infinity, backing: -Infinity });
	appliedGains = $state({ vocal: dbToGain(PHRASE_GAIN_DB), backing: 1 });
	/** The backing score is loaded (its length known). */
	ready = $state(false);

	private tone: typeof import('tone') | null = null;
	private backing: BackingPlayer | null = null;
	private buses: { vocal: Gain; backing: Gain } | null = null;
	private meters: { vocal: Meter; backing: Meter } | null = null;
	private phrases = new Map<number, Player>();
	private frame: number | null = null;
	private destroyed = false;
	private loading: Promise<void> | null = null;

	constructor(private readonly songId: string) {}

	/** Loads Tone.js and the backing score (once): the length is known from then on. */
	load(): Promise<void> {
		this.loading ??= (async () => {
			try {
				const [tone, renderer, response] = await Promise.all([import('tone'), import('../audio/backing-render'), fetch(`/api/songs/${encodeURIComponent(this.songId)}/backing`)]);
				if (!response.ok) throw new Error('The backing is not composed yet.');
				const score = (await response.json()) as BackingScore;
				if (this.destroyed) return;
				this.tone = tone;
				const buses = { vocal: new tone.Gain(this.appliedGains.vocal).toDestination(), backing: new tone.Gain(this.appliedGains.backing).toDestination() };
				const meters = { vocal: new tone.Meter({ smoothing: 0 }), backing: new tone.Meter({ smoothing: 0 }) };
				buses.vocal.connect(meters.vocal);
				buses.backing.connect(meters.backing);
				this.buses = buses;
				this.meters = meters;
				this.backing = renderer.createBackingPlayer(score, { destination: buses.backing });
				this.durationSeconds = score.durationSeconds;
				this.ready = true;
			} catch (e) {
				this.error = e instanceof Error ? e.message : String(e);
			}
		})();
		return this.loading;
	}

	/** Plays from `fromSeconds` (default: the playhead). Call from a user gesture. */
	async play(fromSeconds = this.positionSeconds): Promise<void> {
		this.requested = true;
		await this.load();
		if (!this.tone || !this.backing || this.destroyed) return;
		await this.tone.start();
		// Paused (or handed over to the mix) while it was still loading: stay silent.
		if (!this.requested) return;
		let from = fromSeconds >= this.durationSeconds - 0.05 ? 0 : Math.max(0, fromSeconds);
		if (this.loop && (from < this.loop.startSeconds || from >= this.loop.endSeconds)) from = this.loop.startSeconds;
		this.applyLoop();
		this.backing.stop();
		this.backing.start(from);
		this.playing = true;
		this.tick();
	}

	pause(): void {
		this.requested = false;
		if (!this.backing) return;
		this.positionSeconds = this.backing.positionSeconds;
		this.backing.pause();
		this.halt();
	}

	seek(seconds: number): void {
		const target = Math.min(Math.max(0, seconds), this.durationSeconds);
		if (this.playing) void this.play(target);
		else this.positionSeconds = target;
	}

	setLoop(loop: LoopRange | null): void {
		this.loop = loop;
		if (this.playing) void this.play(loop ? loop.startSeconds : this.positionSeconds);
		else if (loop) this.positionSeconds = loop.startSeconds;
	}

	setFadersDb(vocalDb: number, backingDb: number): void {
		const gains = { vocal: dbToGain(PHRASE_GAIN_DB + vocalDb), backing: dbToGain(backingDb) };
		this.appliedGains = gains;
		this.buses?.vocal.gain.rampTo(gains.vocal, 0.03);
		this.buses?.backing.gain.rampTo(gains.backing, 0.03);
	}

	/** Schedules a phrase that has been sung (a later one plays when the Transport reaches it). */
	async addPhrase(index: number, url: string, startSeconds: number): Promise<void> {
		if (!this.tone || !this.buses || this.phrases.has(index) || this.destroyed) return;
		const player = new this.tone.Player().connect(this.buses.vocal);
		this.phrases.set(index, player);
		await player.load(url);
		if (this.destroyed) return;
		// A phrase whose pre-roll starts before 0 s starts at 0, that much into its file.
		player.sync().start(Math.max(0, startSeconds), Math.max(0, -startSeconds));
	}

	destroy(): void {
		this.destroyed = true;
		this.backing?.stop();
		this.halt();
		for (const player of this.phrases.values()) {
			player.unsync();
			player.dispose();
		}
		this.phrases.clear();
		this.backing?.destroy();
		this.backing = null;
		this.buses?.vocal.dispose();
		this.buses?.backing.dispose();
		this.meters?.vocal.dispose();
		this.meters?.backing.dispose();
		if (this.tone) this.tone.getTransport().loop = false;
	}

	private applyLoop(): void {
		const transport = this.tone!.getTransport();
		transport.loop = this.loop !== null;
		if (this.loop) transport.setLoopPoints(this.loop.startSeconds, this.loop.endSeconds);
	}

	private tick(): void {
		this.frame = null;
		if (!this.playing || !this.backing) return;
		const position = this.backing.positionSeconds;
		if (this.meters) {
			const level = (m: Meter) => {
				const v: number | number[] = m.getValue();
				return Array.isArray(v) ? Math.max(...v) : v;
			};
			this.levelsDb = { vocal: level(this.meters.vocal), backing: level(this.meters.backing) };
		}
		if (!this.loop && position >= this.durationSeconds) {
			this.backing.stop();
			this.halt();
			this.positionSeconds = 0;
			return;
		}
		this.positionSeconds = position;
		this.frame = requestAnimationFrame(() => this.tick());
	}

	private halt(): void {
		if (this.frame !== null) cancelAnimationFrame(this.frame);
		this.frame = null;
		this.playing = false;
		this.levelsDb = { vocal: -Infinity, backing: -Infinity };
	}
}
