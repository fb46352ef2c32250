/**
 * Hearing a song before its mix is done: the backing score played live by Tone.js synths (the same
 * renderer and patches the worker renders the backing with) and each sung phrase, as soon as it
 * exists, on the same Transport at its place. Owns its Tone nodes, Transport events and animation
 * frame; `destroy()` releases them all.
 */
import type { BackingPlayer } from '../audio/backing-render';
import type { BackingScore } from '../song/backing-types';
import type { Player } from 'tone';

/** The vocal phrases are raw renders (before the vocal chain): this brings them near the backing. */
const PHRASE_GAIN_DB = -4;

export class SongPreview {
	playing = $state(false);
	positionSeconds = $state(0);
	durationSeconds = $state(0);
	error = $state<string | null>(null);

	private tone: typeof import('tone') | null = null;
	private backing: BackingPlayer | null = null;
	private phrases = new Map<number, Player>();
	private frame: number | null = null;
	private destroyed = false;

	constructor(private readonly songId: string) {}

	/** Loads Tone.js and the backing score (once), then plays from the start. Call from a user gesture. */
	async play(phrases: Array<{ index: number; url: string; startSeconds: number }>): Promise<void> {
		try {
			if (!this.tone) {
				const [tone, renderer, response] = await Promise.all([import('tone'), import('../audio/backing-render'), fetch(`/api/songs/${encodeURIComponent(this.songId)}/backing`)]);
				if (!response.ok) throw new Error('The backing is not composed yet.');
				const score = (await response.json()) as BackingScore;
				if (this.destroyed) return;
				this.tone = tone;
				this.backing = renderer.createBackingPlayer(score);
				this.durationSeconds = score.durationSeconds;
			}
			await this.tone.start();
			for (const phrase of phrases) await this.addPhrase(phrase.index, phrase.url, phrase.startSeconds);
			this.backing!.start(0);
			this.playing = true;
			this.tick();
		} catch (e) {
			this.error = e instanceof Error ? e.message : String(e);
		}
	}

	/** Schedules a phrase that has just been sung (a later one plays when the Transport reaches it). */
	async addPhrase(index: number, url: string, startSeconds: number): Promise<void> {
		if (!this.tone || this.phrases.has(index) || this.destroyed) return;
		const player = new this.tone.Player({ volume: PHRASE_GAIN_DB }).toDestination();
		this.phrases.set(index, player);
		await player.load(url);
		if (this.destroyed) return;
		// A phrase whose pre-roll starts before 0 s starts at 0, that much into its file.
		player.sync().start(Math.max(0, startSeconds), Math.max(0, -startSeconds));
	}

	stop(): void {
		this.backing?.stop();
		this.playing = false;
		this.positionSeconds = 0;
		if (this.frame !== null) cancelAnimationFrame(this.frame);
		this.frame = null;
	}

	private tick(): void {
		if (!this.playing || !this.backing) return;
		this.positionSeconds = this.backing.positionSeconds;
		if (this.positionSeconds >= this.durationSeconds) {
			this.stop();
			return;
		}
		this.frame = requestAnimationFrame(() => this.tick());
	}

	destroy(): void {
		this.destroyed = true;
		this.stop();
		for (const player of this.phrases.values()) {
			player.unsync();
			player.dispose();
		}
		this.phrases.clear();
		this.backing?.destroy();
		this.backing = null;
	}
}
