// The WAV writer alone: the audio index also re-exports decoders the browser does not need.
import { encodeWav } from '../audio/wav';
import { StudioError } from './api';
import { Emitter } from './emitter';

/**
 * The guided capture: count-in, "hum your tune", then "read these lines", as one take of at most
 * `maxSeconds`; after Stop the take waits in `review` for the user to hear it and choose: Use it
 * (emits `captured`) or Redo (records again). Raw PCM comes from an AudioWorklet (static/worklets/recorder-processor.js), so the
 * take is exactly what the microphone delivered, at the AudioContext's rate, and the hum/read
 * boundary is known to the sample.
 *
 * The recorder owns its microphone stream, audio graph, timers and listeners; `destroy()` releases
 * all of them.
 */
export type RecorderPhase =
	| 'idle'
	| 'requesting'
	| 'countdown'
	| 'hum'
	| 'read'
	| 'encoding'
	| 'review'
	| 'captured'
	| 'error';

export interface RecorderOptions {
	/** Longest take, seconds, both parts together. Default 60. */
	maxSeconds?: number;
	/** Longest hummed part, seconds; the recorder moves on to reading at this time. Default 25. */
	humMaxSeconds?: number;
	/** Count-in before capture starts, whole seconds. Default 3. */
	countInSeconds?: number;
	/** Where the worklet module is served. Default `/worklets/recorder-processor.js`. */
	workletUrl?: string;
	/** Frames per chunk posted by the worklet. Default 2048 (≈ 43 ms at 48 kHz). */
	chunkFrames?: number;
}

export interface CapturedTake {
	/** 16-bit mono WAV at `sampleRate`. */
	wav: Uint8Array;
	sampleRate: number;
	durationSeconds: number;
	/** Seconds from the start of the take to the end of the hummed part. */
	humEndSeconds: number;
}

export type RecorderEvents = {
	/** Every chunk from the microphone, recording or not (meters and live waveforms). */
	samples: [samples: Float32Array, sampleRate: number];
	/** The user heard the take and chose to use it. */
	captured: [take: CapturedTake];
};

/** Peak magnitude at or above which a chunk counts as clipped. */
export const CLIP_PEAK = 0.99;

const DEFAULTS = {
	maxSeconds: 60,
	humMaxSeconds: 25,
	countInSeconds: 3,
	workletUrl: '/worklets/recorder-processor.js',
	chunkFrames: 2048
} satisfies Required<RecorderOptions>;

export class Recorder {
	phase = $state<RecorderPhase>('idle');
	/** Seconds left in the count-in (3, 2, 1). */
	countdown = $state(0);
	/** Seconds captured so far. */
	elapsedSeconds = $state(0);
	/** Boundary between the parts, once the reading part has started. */
	humEndSeconds = $state<number | null>(null);
	/** Peak magnitude of the latest chunk, 0..1. */
	level = $state(0);
	/** True once any chunk of this take reached CLIP_PEAK. */
	clipped = $state(false);
	error = $state<StudioError | null>(null);
	sampleRate = $state(0);
	/** The take waiting to be heard and used or redone (phase `review`). */
	take = $state<CapturedTake | null>(null);
	/** Longest take, seconds; set it before recording (it follows the prompt). */
	maxSeconds = $state(60);

	readonly humMaxSeconds: number;
	readonly countInSeconds: number;

	get remainingSeconds(): number {
		return Math.max(0, this.maxSeconds - this.elapsedSeconds);
	}
	get recording(): boolean {
		return this.phase === 'hum' || this.phase === 'read';
	}
	/** True from Record until the take is used or failed (the review included). */
	get busy(): boolean {
		return this.phase !== 'idle' && this.phase !== 'captured' && this.phase !== 'error';
	}

	private readonly workletUrl: string;
	private readonly chunkFrames: number;
	private readonly events = new Emitter<RecorderEvents>();
	private stream: MediaStream | null = null;
	private context: AudioContext | null = null;
	private node: AudioWorkletNode | null = null;
	private chunks: Float32Array[] = [];
	private frames = 0;
	private countTimer: ReturnType<typeof setTimeout> | null = null;
	private unsubscribers: (() => void)[] = [];
	private destroyed = false;

	constructor(options: RecorderOptions = {}) {
		const o = { ...DEFAULTS, ...options };
		if (!(o.maxSeconds > 0)) throw new RangeError(`maxSeconds must be > 0, got ${o.maxSeconds}`);
		if (!(o.humMaxSeconds > 0 && o.humMaxSeconds <= o.maxSeconds)) {
			throw new RangeError(`humMaxSeconds must be in (0, ${o.maxSeconds}], got ${o.humMaxSeconds}`);
		}
		if (!(o.countInSeconds >= 0)) throw new RangeError(`countInSeconds must be ≥ 0, got ${o.countInSeconds}`);
		this.maxSeconds = o.maxSeconds;
		this.humMaxSeconds = o.humMaxSeconds;
		this.countInSeconds = Math.round(o.countInSeconds);
		this.workletUrl = o.workletUrl;
		this.chunkFrames = o.chunkFrames;
	}

	on<Name extends keyof RecorderEvents>(name: Name, listener: (...args: RecorderEvents[Name]) => void): () => void {
		return this.events.on(name, listener);
	}

	/** Sets the take's limit for the next recording (the prompt's slow reading plus the hum); ignored while busy. */
	setMaxSeconds(seconds: number): void {
		if (this.busy) return;
		if (!(seconds >= this.humMaxSeconds)) throw new RangeError(`maxSeconds must be ≥ humMaxSeconds (${this.humMaxSeconds}), got ${seconds}`);
		this.maxSeconds = seconds;
	}

	/** Opens the microphone (asking permission), then counts in and starts the hummed part. */
	async start(): Promise<void> {
		if (this.destroyed || this.busy) return;
		this.error = null;
		this.phase = 'requesting';
		try {
			await this.openInput();
		} catch (cause) {
			await this.closeInput();
			this.error = describeInputError(cause);
			this.phase = 'error';
			return;
		}
		if (this.destroyed) return;
		this.beginCountIn();
	}

	/** Ends the hummed part and starts the reading part. */
	nextPart(): void {
		if (this.phase !== 'hum') return;
		this.humEndSeconds = this.frames / this.sampleRate;
		this.phase = 'read';
	}

	/** Ends the take: encodes it and holds it for review. During the count-in it cancels instead. */
	async stop(): Promise<CapturedTake | null> {
		if (this.phase === 'countdown' || this.phase === 'requesting') {
			this.clearCountIn();
			await this.closeInput();
			this.resetTake();
			this.phase = 'idle';
			return null;
		}
		if (!this.recording) return null;
		const sampleRate = this.sampleRate;
		if (this.phase === 'hum') this.humEndSeconds = this.frames / sampleRate;
		this.phase = 'encoding';
		await this.flushWorklet();
		await this.closeInput();
		const pcm = concatenate(this.chunks, this.frames);
		this.chunks = [];
		if (this.destroyed) return null;
		if (pcm.length === 0) {
			this.error = new StudioError('empty_take', 'Nothing was recorded. Check that your microphone is on, then press Record again.');
			this.phase = 'error';
			return null;
		}
		const take: CapturedTake = {
			wav: encodeWav(pcm, sampleRate, { bitDepth: 16 }),
			sampleRate,
			durationSeconds: pcm.length / sampleRate,
			humEndSeconds: Math.min(this.humEndSeconds ?? pcm.length / sampleRate, pcm.length / sampleRate)
		};
		this.take = take;
		this.phase = 'review';
		return take;
	}

	/** Use it: the reviewed take goes on (emits `captured`). */
	accept(): CapturedTake | null {
		const take = this.take;
		if (this.phase !== 'review' || !take) return null;
		this.take = null;
		this.phase = 'captured';
		this.events.emit('captured', take);
		return take;
	}

	/** Redo after hearing the take: throws it away and records again. */
	async retake(): Promise<void> {
		if (this.phase !== 'review') return;
		this.take = null;
		this.resetTake();
		this.phase = 'idle';
		await this.start();
	}

	/** Throws away what was captured and counts in again, keeping the microphone open. */
	redo(): void {
		if (!this.recording && this.phase !== 'countdown') return;
		this.clearCountIn();
		this.resetTake();
		this.beginCountIn();
	}

	/** Back to idle after a used or failed take, ready for another. */
	reset(): void {
		if (this.busy) return;
		this.take = null;
		this.resetTake();
		this.error = null;
		this.phase = 'idle';
	}

	async destroy(): Promise<void> {
		if (this.destroyed) return;
		this.destroyed = true;
		this.clearCountIn();
		this.events.clear();
		await this.closeInput();
		this.chunks = [];
	}

	private async openInput(): Promise<void> {
		if (typeof navigator === 'undefined' || !navigator.mediaDevices?.getUserMedia) {
			throw new StudioError(
				'mic_unavailable',
				'This browser does not offer microphone access here: it needs a secure page (https, or localhost on this computer). In a class, ask your teacher to start the studio with HTTPS=1 — or upload a recording instead.'
			);
		}
		if (typeof AudioWorkletNode === 'undefined') {
			throw new StudioError('worklet_unsupported', 'This browser cannot record raw audio (no AudioWorklet). Try a current Chrome, Edge, Firefox or Safari.');
		}
		const context = new AudioContext({ latencyHint: 'interactive' });
		this.context = context;
		// Raw input: the browser's voice processing would bend the pitch contour and pump the level.
		this.stream = await navigator.mediaDevices.getUserMedia({
			audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false, channelCount: 1 }
		});
		await context.audioWorklet.addModule(this.workletUrl);
		if (context.state === 'suspended') await context.resume();
		const source = context.createMediaStreamSource(this.stream);
		const node = new AudioWorkletNode(context, 'recorder-processor', {
			numberOfInputs: 1,
			numberOfOutputs: 1,
			outputChannelCount: [1],
			processorOptions: { chunkFrames: this.chunkFrames }
		});
		// A silent path to the destination keeps the graph pulled on every browser.
		const sink = context.createGain();
		sink.gain.value = 0;
		source.connect(node);
		node.connect(sink);
		sink.connect(context.destination);
		this.node = node;
		this.sampleRate = context.sampleRate;
		node.port.onmessage = (event: MessageEvent) => this.onWorkletMessage(event.data);
		this.unsubscribers.push(() => {
			node.port.onmessage = null;
			source.disconnect();
			node.disconnect();
			sink.disconnect();
		});
		for (const track of this.stream.getAudioTracks()) {
			const onEnded = () => {
				if (this.recording) void this.stop();
			};
			track.addEventListener('ended', onEnded);
			this.unsubscribers.push(() => track.removeEventListener('ended', onEnded));
		}
	}

	private async closeInput(): Promise<void> {
		for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
		this.node = null;
		if (this.stream) {
			for (const track of this.stream.getTracks()) track.stop();
			this.stream = null;
		}
		const context = this.context;
		this.context = null;
		if (context && context.state !== 'closed') await context.close().catch(() => undefined);
	}

	private onWorkletMessage(data: unknown): void {
		const message = data as { type?: string; samples?: Float32Array; peak?: number };
		if (message.type !== 'chunk' || !message.samples) return;
		const samples = message.samples;
		const peak = message.peak ?? 0;
		this.level = peak;
		this.events.emit('samples', samples, this.sampleRate);
		// 'encoding' still takes the partial chunk that stop() asks the worklet to flush.
		if (!this.recording && this.phase !== 'encoding') return;
		if (peak >= CLIP_PEAK) this.clipped = true;
		const maxFrames = Math.round(this.maxSeconds * this.sampleRate);
		const kept = this.frames + samples.length > maxFrames ? samples.subarray(0, maxFrames - this.frames) : samples;
		this.chunks.push(kept);
		this.frames += kept.length;
		this.elapsedSeconds = this.frames / this.sampleRate;
		if (this.phase === 'hum' && this.elapsedSeconds >= this.humMaxSeconds) this.nextPart();
		if (this.frames >= maxFrames) void this.stop();
	}

	/** Asks the worklet for its partial chunk; messages arrive in order, so it lands before `flushed`. */
	private flushWorklet(): Promise<void> {
		const node = this.node;
		if (!node) return Promise.resolve();
		return new Promise((resolve) => {
			const previous = node.port.onmessage;
			const finish = () => {
				clearTimeout(timer);
				node.port.onmessage = previous;
				resolve();
			};
			const timer = setTimeout(finish, 500);
			node.port.onmessage = (event: MessageEvent) => {
				if ((event.data as { type?: string }).type === 'flushed') finish();
				else previous?.call(node.port, event);
			};
			node.port.postMessage({ type: 'flush' });
		});
	}

	private beginCountIn(): void {
		this.countdown = this.countInSeconds;
		if (this.countdown <= 0) {
			this.phase = 'hum';
			return;
		}
		this.phase = 'countdown';
		const tick = () => {
			this.countdown -= 1;
			if (this.countdown <= 0) {
				this.countTimer = null;
				this.resetTake();
				this.phase = 'hum';
			} else {
				this.countTimer = setTimeout(tick, 1000);
			}
		};
		this.countTimer = setTimeout(tick, 1000);
	}

	private clearCountIn(): void {
		if (this.countTimer !== null) clearTimeout(this.countTimer);
		this.countTimer = null;
		this.countdown = 0;
	}

	private resetTake(): void {
		this.chunks = [];
		this.frames = 0;
		this.elapsedSeconds = 0;
		this.humEndSeconds = null;
		this.clipped = false;
	}
}

function concatenate(chunks: Float32Array[], frames: number): Float32Array {
	const out = new Float32Array(frames);
	let offset = 0;
	for (const chunk of chunks) {
		out.set(chunk, offset);
		offset += chunk.length;
	}
	return out;
}

/** Turns getUserMedia's DOMExceptions into sentences that say what to do next. */
export function describeInputError(cause: unknown): StudioError {
	if (cause instanceof StudioError) return cause;
	const name = cause instanceof DOMException || cause instanceof Error ? cause.name : '';
	switch (name) {
		case 'NotAllowedError':
		case 'SecurityError':
			return new StudioError(
				'mic_denied',
				'Microphone access was blocked. Allow the microphone for this site in your browser’s settings and press Record again — or upload a recording instead.'
			);
		case 'NotFoundError':
		case 'OverconstrainedError':
			return new StudioError(
				'no_mic',
				'No microphone was found. Plug one in (or pick one in your system settings) and press Record again — or upload a recording instead.'
			);
		case 'NotReadableError':
		case 'AbortError':
			return new StudioError(
				'mic_busy',
				'The microphone could not be opened; another app may be using it. Close that app and press Record again — or upload a recording instead.'
			);
		default:
			return new StudioError(
				'mic_failed',
				`Recording could not start${cause instanceof Error && cause.message ? ` (${cause.message})` : ''}. You can upload a recording instead.`
			);
	}
}
