import type WaveSurfer from 'wavesurfer.js';
import type { PolySynth } from 'tone';
import { midiToHz } from './music';
import type { AnalysisNote } from './types';

/**
 * Plays a take (wavesurfer.js, which also draws its waveform), its detected notes (a Tone.js
 * synth, at each note's fractional pitch), or both in step, with one playhead position.
 *
 * Owns the wavesurfer instance, the synth, the animation frame and every listener it adds;
 * `destroy()` releases them all.
 */
export type PlaybackMode = 'stopped' | 'take' | 'notes' | 'both';

export interface TakePlayerOptions {
	/** Element wavesurfer draws into. */
	container: HTMLElement;
	audioUrl: string;
	notes: AnalysisNote[];
	/** Known duration, seconds, used until the audio is decoded. */
	durationSeconds: number;
	/** Waveform height, px. Default 128. */
	height?: number;
	waveColor?: string;
	progressColor?: string;
}

/** Seconds between pressing play and the first scheduled note: room for the scheduler. */
const SCHEDULE_AHEAD_SECONDS = 0.08;
const SHORTEST_NOTE_SECONDS = 0.05;

export class TakePlayer {
	mode = $state<PlaybackMode>('stopped');
	positionSeconds = $state(0);
	durationSeconds = $state(0);
	ready = $state(false);
	error = $state<string | null>(null);

	private readonly options: TakePlayerOptions;
	private notes: AnalysisNote[];
	private wavesurfer: WaveSurfer | null = null;
	private tone: typeof import('tone') | null = null;
	private synth: PolySynth | null = null;
	/** AudioContext time (Tone's raw context) at which take time 0 plays. */
	private notesOriginTime = 0;
	private notesEndSeconds = 0;
	private frame: number | null = null;
	private unsubscribers: (() => void)[] = [];
	private destroyed = false;

	constructor(options: TakePlayerOptions) {
		this.options = options;
		this.durationSeconds = options.durationSeconds;
		this.notes = options.notes;
		this.notesEndSeconds = options.notes.reduce((end, note) => Math.max(end, note.offsetSeconds), 0);
	}

	/** Replaces the notes the synth plays (e.g. quantised ones); notes already sounding stop. */
	setNotes(notes: AnalysisNote[]): void {
		const wasPlaying = this.mode;
		if (wasPlaying === 'notes' || wasPlaying === 'both') this.halt();
		this.notes = notes;
		this.notesEndSeconds = notes.reduce((end, note) => Math.max(end, note.offsetSeconds), 0);
	}

	/** Creates the waveform and starts loading the audio. */
	async init(): Promise<void> {
		const { default: WaveSurferClass } = await import('wavesurfer.js');
		if (this.destroyed) return;
		const ws = WaveSurferClass.create({
			container: this.options.container,
			url: this.options.audioUrl,
			height: this.options.height ?? 128,
			waveColor: this.options.waveColor ?? '#9aa7c7',
			progressColor: this.options.progressColor ?? '#4f46e5',
			// The page draws one playhead over the waveform and the piano roll together.
			cursorWidth: 0,
			normalize: true,
			interact: true,
			dragToSeek: true,
			fillParent: true,
			autoScroll: false,
			hideScrollbar: true
		});
		this.wavesurfer = ws;
		this.unsubscribers.push(
			ws.on('ready', (duration) => {
				this.durationSeconds = duration;
				this.ready = true;
			}),
			ws.on('timeupdate', (time) => {
				if (this.mode !== 'notes') this.positionSeconds = time;
			}),
			ws.on('finish', () => {
				if (this.mode === 'take' || this.mode === 'both') this.stop();
			}),
			ws.on('interaction', (time) => {
				const mode = this.mode;
				this.positionSeconds = time;
				if (mode !== 'stopped') void this.play(mode, time);
			}),
			ws.on('error', (error) => {
				this.error = `The take's audio could not be loaded (${error.message}).`;
			}),
			() => ws.destroy()
		);
	}

	playTake(): Promise<void> {
		return this.play('take', this.startPosition());
	}

	playNotes(): Promise<void> {
		return this.play('notes', this.startPosition());
	}

	playBoth(): Promise<void> {
		return this.play('both', this.startPosition());
	}

	/** Stops everything and puts the playhead back at the start. */
	stop(): void {
		this.halt();
		this.wavesurfer?.setTime(0);
		this.positionSeconds = 0;
	}

	destroy(): void {
		this.destroyed = true;
		this.halt();
		for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
		this.wavesurfer = null;
	}

	private startPosition(): number {
		const end = Math.max(this.durationSeconds, this.notesEndSeconds);
		return this.positionSeconds < end - 0.05 ? this.positionSeconds : 0;
	}

	private async play(mode: Exclude<PlaybackMode, 'stopped'>, fromSeconds: number): Promise<void> {
		this.halt();
		this.error = null;
		this.mode = mode;
		try {
			if (mode === 'take' || mode === 'both') {
				const ws = this.wavesurfer;
				if (!ws) throw new Error('the waveform is not ready');
				ws.setTime(fromSeconds);
				await ws.play();
			}
			if (mode === 'notes' || mode === 'both') {
				// Follow the take's actual position, so notes and audio start together.
				const at = mode === 'both' && this.wavesurfer ? this.wavesurfer.getCurrentTime() : fromSeconds;
				await this.scheduleNotes(at);
			}
			if (this.mode === mode) this.followPlayhead();
		} catch (cause) {
			this.halt();
			this.error = `Playback could not start: ${cause instanceof Error ? cause.message : String(cause)}.`;
		}
	}

	private async scheduleNotes(fromSeconds: number): Promise<void> {
		const Tone = this.tone ?? (this.tone = await import('tone'));
		await Tone.start();
		const context = Tone.getContext();
		const synth = new Tone.PolySynth(Tone.Synth, {
			oscillator: { type: 'triangle' },
			envelope: { attack: 0.02, decay: 0.12, sustain: 0.65, release: 0.18 },
			volume: -8
		}).toDestination();
		this.synth = synth;
		this.notesOriginTime = context.currentTime + SCHEDULE_AHEAD_SECONDS - fromSeconds;
		for (const note of this.notes) {
			if (note.offsetSeconds <= fromSeconds) continue;
			const onsetSeconds = Math.max(note.onsetSeconds, fromSeconds);
			const durationSeconds = Math.max(SHORTEST_NOTE_SECONDS, note.offsetSeconds - onsetSeconds);
			const velocity = 0.45 + 0.45 * Math.min(1, Math.max(0, note.confidence));
			// Frequency, not note name: keeps the singer's cents.
			synth.triggerAttackRelease(midiToHz(note.midiPitch), durationSeconds, this.notesOriginTime + onsetSeconds, velocity);
		}
	}

	private followPlayhead(): void {
		const step = () => {
			this.frame = null;
			if (this.mode === 'stopped' || this.destroyed) return;
			if (this.mode === 'notes' && this.tone) {
				const position = this.tone.getContext().currentTime - this.notesOriginTime;
				this.positionSeconds = Math.max(0, position);
				if (position > this.notesEndSeconds + 0.3) {
					this.stop();
					return;
				}
			}
			this.frame = requestAnimationFrame(step);
		};
		this.frame = requestAnimationFrame(step);
	}

	/** Stops sound and timers; keeps the playhead where it is. */
	private halt(): void {
		if (this.frame !== null) cancelAnimationFrame(this.frame);
		this.frame = null;
		if (this.wavesurfer?.isPlaying()) this.wavesurfer.pause();
		if (this.synth) {
			// Disposing drops the notes still scheduled, which releaseAll() would not.
			this.synth.releaseAll();
			this.synth.dispose();
			this.synth = null;
		}
		this.mode = 'stopped';
	}
}
