/**
 * Speech or not, frame by frame, from the microphone's level: a frame is speech when it stands
 * `marginDb` above the noise floor, a low quantile of the last few seconds' levels (the gaps
 * between words and the pauses), so it follows a room that gets noisier or quieter within
 * seconds and is not dragged up by speech. No look-ahead: it runs live on the recorder's chunks.
 */

export interface SpeechActivityOptions {
	/** Seconds per frame (the hop the caller measures levels at). */
	frameSeconds: number;
	/** How far above the floor a frame must be to count as speech, dB. Default 12. */
	marginDb?: number;
	/** Seconds of recent levels the floor is taken from. Default 4. */
	floorWindowSeconds?: number;
	/** The floor is this quantile of the window's levels. Default 0.05. */
	floorQuantile?: number;
	/** Frames quieter than this are never speech, dBFS (a muted or unplugged input). Default −70. */
	silenceDbfs?: number;
}

/** Mean-square level of a frame in dBFS (−120 for digital silence). */
export function frameLevelDb(samples: ArrayLike<number>, start = 0, end = samples.length): number {
	let sum = 0;
	for (let i = start; i < end; i++) sum += samples[i] * samples[i];
	const n = Math.max(1, end - start);
	return 10 * Math.log10(sum / n + 1e-12);
}

export class SpeechActivity {
	private readonly marginDb: number;
	private readonly quantile: number;
	private readonly silenceDbfs: number;
	private readonly recent: Float64Array;
	private count = 0;
	private floorDb: number | null = null;

	constructor(options: SpeechActivityOptions) {
		if (!(options.frameSeconds > 0)) throw new RangeError(`frameSeconds must be > 0, got ${options.frameSeconds}`);
		this.marginDb = options.marginDb ?? 12;
		this.quantile = options.floorQuantile ?? 0.05;
		this.silenceDbfs = options.silenceDbfs ?? -70;
		this.recent = new Float64Array(Math.max(1, Math.round((options.floorWindowSeconds ?? 4) / options.frameSeconds)));
	}

	/** The current noise floor estimate, dBFS (null before the first frame). */
	get noiseFloorDb(): number | null {
		return this.floorDb;
	}

	/** Takes one frame's level (dBFS) and says whether it is speech. */
	push(levelDb: number): boolean {
		if (levelDb <= this.silenceDbfs) return false;
		// Only frames above the muted level: digital silence (a device starting up, a decoder's
		// padding) would pin the floor far below the room's noise.
		this.recent[this.count % this.recent.length] = levelDb;
		this.count += 1;
		const filled = Math.min(this.count, this.recent.length);
		const sorted = this.recent.slice(0, filled).sort();
		this.floorDb = Math.max(this.silenceDbfs - this.marginDb, sorted[Math.floor(this.quantile * (filled - 1))]);
		return levelDb > this.floorDb + this.marginDb;
	}
}
