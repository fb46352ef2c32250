/**
 * What the song page's one transport drives: the mixed song's stems (stem-player) once the mix
 * exists, the live preview (song-preview) before. Positions and loops are seconds on the song's
 * timeline; gains are the page's fader values, dB.
 */
export interface LoopRange {
	startSeconds: number;
	endSeconds: number;
}

export interface SongPlayback {
	readonly playing: boolean;
	readonly positionSeconds: number;
	readonly durationSeconds: number;
	readonly loop: LoopRange | null;
	readonly error: string | null;
	/** Output level of each stem after its fader, dBFS (RMS over the last analysis window); -Infinity when silent. */
	readonly levelsDb: { vocal: number; backing: number };
	/** The linear gains the faders currently apply. */
	readonly appliedGains: { vocal: number; backing: number };
	/** Starts from `fromSeconds` (default: where the playhead is). Call from a user gesture. */
	play(fromSeconds?: number): Promise<void>;
	pause(): void;
	seek(seconds: number): void;
	setLoop(loop: LoopRange | null): void;
	setFadersDb(vocalDb: number, backingDb: number): void;
	destroy(): void;
}

/** dB to a linear gain. */
export const dbToGain = (db: number) => 10 ** (db / 20);

/** RMS level of an analyser's current window, dBFS. */
export function analyserLevelDb(analyser: AnalyserNode, scratch: Float32Array<ArrayBuffer>): number {
	analyser.getFloatTimeDomainData(scratch);
	let sum = 0;
	for (let i = 0; i < scratch.length; i++) sum += scratch[i] * scratch[i];
	return 10 * Math.log10(sum / scratch.length);
}

/** Where a playhead that started at `offsetSeconds` is after `elapsedSeconds`, wrapping inside `loop` once it reached its end. */
export function loopedPosition(offsetSeconds: number, elapsedSeconds: number, loop: LoopRange | null): number {
	const t = offsetSeconds + elapsedSeconds;
	if (!loop || t < loop.endSeconds) return t;
	const length = loop.endSeconds - loop.startSeconds;
	return length > 0 ? loop.startSeconds + ((t - loop.startSeconds) % length) : loop.startSeconds;
}
