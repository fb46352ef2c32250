/**
 * Plays a mixed song from its two stems (vocal and backing, each at the mix's balance) in Web
 * Audio, each through its own gain, so the page's faders act at once without a new mix: the gain
 * applied is the fader's distance from the level the stems were mixed at. Play from any point,
 * seek, and loop a section (both sources loop the same range). Owns its AudioContext; `destroy()`
 * closes it.
 */
import { analyserLevelDb, dbToGain, loopedPosition, type LoopRange, type SongPlayback } from './song-playback';

/** Seconds between pressing play and the sources starting, so both start on the same sample. */
const START_AHEAD_SECONDS = 0.03;

type Stem = 'vocal' | 'backing';

export class StemPlayer implements SongPlayback {
	playing = $state(false);
	positionSeconds = $state(0);
	durationSeconds = $state(0);
	loop = $state<LoopRange | null>(null);
	error = $state<string | null>(null);
	ready = $state(false);
	levelsDb = $state({ vocal: -Infinity, backing: -Infinity });
	appliedGains = $state({ vocal: 1, backing: 1 });
	/** Peaks of the summed stems for drawing, one per column, 0–1. */
	peaks = $state<Float32Array>(new Float32Array(0));

	private context: AudioContext | null = null;
	private buffers: Partial<Record<Stem, AudioBuffer>> = {};
	private gains: Partial<Record<Stem, GainNode>> = {};
	private analysers: Partial<Record<Stem, AnalyserNode>> = {};
	private sources: AudioBufferSourceNode[] = [];
	private startedAt = 0;
	private startOffset = 0;
	private frame: number | null = null;
	private scratch = new Float32Array(2048);
	private destroyed = false;

	/**
	 * @param urls where the stems are (the vocal null for a song without one)
	 * @param mixedAtDb the faders the stems were mixed at
	 */
	constructor(
		private readonly urls: { vocal: string | null; backing: string },
		private readonly mixedAtDb: { vocal: number; backing: number }
	) {}

	/** Fetches and decodes the stems. */
	async load(peakColumns = 600): Promise<void> {
		try {
			const context = new AudioContext();
			this.context = context;
			const fetchStem = async (url: string) => {
				const response = await fetch(url);
				if (!response.ok) throw new Error(`HTTP ${response.status}`);
				return context.decodeAudioData(await response.arrayBuffer());
			};
			const [backing, vocal] = await Promise.all([fetchStem(this.urls.backing), this.urls.vocal ? fetchStem(this.urls.vocal) : Promise.resolve(null)]);
			if (this.destroyed) return;
			this.buffers = vocal ? { backing, vocal } : { backing };
			for (const stem of ['vocal', 'backing'] as const) {
				if (!this.buffers[stem]) continue;
				const gain = context.createGain();
				const analyser = context.createAnalyser();
				analyser.fftSize = this.scratch.length;
				gain.connect(analyser);
				gain.connect(context.destination);
				this.gains[stem] = gain;
				this.analysers[stem] = analyser;
			}
			this.durationSeconds = Math.max(backing.duration, vocal?.duration ?? 0);
			this.peaks = summedPeaks([backing, vocal].filter((b): b is AudioBuffer => b !== null), peakColumns);
			this.ready = true;
		} catch (e) {
			this.error = `The mix could not be loaded (${e instanceof Error ? e.message : String(e)}).`;
		}
	}

	async play(fromSeconds = this.positionSeconds): Promise<void> {
		const context = this.context;
		if (!context || !this.ready) return;
		this.halt();
		await context.resume();
		let from = fromSeconds >= this.durationSeconds - 0.05 ? 0 : Math.max(0, fromSeconds);
		if (this.loop && (from < this.loop.startSeconds || from >= this.loop.endSeconds)) from = this.loop.startSeconds;
		const at = context.currentTime + START_AHEAD_SECONDS;
		for (const stem of ['vocal', 'backing'] as const) {
			const buffer = this.buffers[stem];
			if (!buffer) continue;
			const source = context.createBufferSource();
			source.buffer = buffer;
			if (this.loop) {
				source.loop = true;
				source.loopStart = this.loop.startSeconds;
				source.loopEnd = this.loop.endSeconds;
			}
			source.connect(this.gains[stem]!);
			source.start(at, from);
			this.sources.push(source);
		}
		this.startedAt = at;
		this.startOffset = from;
		this.positionSeconds = from;
		this.playing = true;
		this.tick();
	}

	pause(): void {
		this.positionSeconds = this.currentPosition();
		this.halt();
	}

	seek(seconds: number): void {
		const target = Math.min(Math.max(0, seconds), this.durationSeconds);
		if (this.playing) void this.play(target);
		else this.positionSeconds = target;
	}

	setLoop(loop: LoopRange | null): void {
		this.loop = loop;
		// Sources take their loop when they start: restart them where the playhead is.
		if (this.playing) void this.play(loop ? loop.startSeconds : this.currentPosition());
		else if (loop) this.positionSeconds = loop.startSeconds;
	}

	setFadersDb(vocalDb: number, backingDb: number): void {
		const target = { vocal: dbToGain(vocalDb - this.mixedAtDb.vocal), backing: dbToGain(backingDb - this.mixedAtDb.backing) };
		this.appliedGains = target;
		const context = this.context;
		if (!context) return;
		// A short ramp: a fader step without a click.
		for (const stem of ['vocal', 'backing'] as const) this.gains[stem]?.gain.setTargetAtTime(target[stem], context.currentTime, 0.015);
	}

	destroy(): void {
		this.destroyed = true;
		this.halt();
		void this.context?.close();
		this.context = null;
	}

	private currentPosition(): number {
		if (!this.playing || !this.context) return this.positionSeconds;
		return loopedPosition(this.startOffset, Math.max(0, this.context.currentTime - this.startedAt), this.loop);
	}

	private tick(): void {
		this.frame = null;
		if (!this.playing || this.destroyed) return;
		const position = this.currentPosition();
		const levels = { vocal: -Infinity, backing: -Infinity };
		for (const stem of ['vocal', 'backing'] as const) {
			const analyser = this.analysers[stem];
			if (analyser) levels[stem] = analyserLevelDb(analyser, this.scratch);
		}
		this.levelsDb = levels;
		if (!this.loop && position >= this.durationSeconds) {
			this.halt();
			this.positionSeconds = 0;
			return;
		}
		this.positionSeconds = position;
		this.frame = requestAnimationFrame(() => this.tick());
	}

	/** Stops the sources and the clock; the playhead stays where it was last drawn. */
	private halt(): void {
		if (this.frame !== null) cancelAnimationFrame(this.frame);
		this.frame = null;
		for (const source of this.sources.splice(0)) {
			source.onended = null;
			try {
				source.stop();
			} catch {
				// Not started yet: nothing to stop.
			}
			source.disconnect();
		}
		this.playing = false;
		this.levelsDb = { vocal: -Infinity, backing: -Infinity };
	}
}

/** Peak of the summed channels of the buffers in each of `columns` equal spans, 0–1 (normalised). */
function summedPeaks(buffers: AudioBuffer[], columns: number): Float32Array {
	const length = Math.max(...buffers.map((b) => b.length));
	const peaks = new Float32Array(columns);
	const span = Math.max(1, Math.ceil(length / columns));
	const channels = buffers.flatMap((b) => Array.from({ length: b.numberOfChannels }, (_, c) => b.getChannelData(c)));
	// Every 4th sample is plenty for a drawing and keeps a long song's first paint quick.
	for (let i = 0; i < length; i += 4) {
		let sum = 0;
		for (const channel of channels) sum += i < channel.length ? Math.abs(channel[i]) : 0;
		const column = Math.min(columns - 1, Math.floor(i / span));
		if (sum > peaks[column]) peaks[column] = sum;
	}
	let max = 0;
	for (const p of peaks) max = Math.max(max, p);
	if (max > 0) for (let c = 0; c < columns; c++) peaks[c] /= max;
	return peaks;
}
