import { ReadingFollower, type ReadingFollowerOptions, type ReadingPosition } from './reading-follower';
import { frameLevelDb, SpeechActivity } from './speech-activity';
import { SyllableNuclei } from './syllable-nuclei';

/** Frames the tracker listens in, seconds. */
export const READING_FRAME_SECONDS = 0.02;

/**
 * The teleprompter's ear: microphone samples in (any chunk size), the reader's place in the
 * prompt out. Cuts the samples into 20 ms frames and runs speech detection, the syllable-peak
 * counter and the follower on each.
 */
export class ReadingTracker {
	private readonly frameSamples: number;
	private readonly pending: Float32Array;
	private filled = 0;
	private readonly activity = new SpeechActivity({ frameSeconds: READING_FRAME_SECONDS });
	private readonly nuclei = new SyllableNuclei();
	private readonly follower: ReadingFollower;
	private position: ReadingPosition;

	constructor(sampleRate: number, lines: readonly (readonly number[])[], options: Partial<Omit<ReadingFollowerOptions, 'lines' | 'frameSeconds'>> = {}) {
		if (!(sampleRate > 0)) throw new RangeError(`sampleRate must be > 0, got ${sampleRate}`);
		this.frameSamples = Math.max(1, Math.round(READING_FRAME_SECONDS * sampleRate));
		this.pending = new Float32Array(this.frameSamples);
		this.follower = new ReadingFollower({ ...options, frameSeconds: this.frameSamples / sampleRate, lines });
		this.position = this.follower.current();
	}

	/** Takes the next samples; returns where the reader is after them. */
	push(samples: Float32Array): ReadingPosition {
		let offset = 0;
		while (offset < samples.length) {
			const take = Math.min(this.frameSamples - this.filled, samples.length - offset);
			this.pending.set(samples.subarray(offset, offset + take), this.filled);
			this.filled += take;
			offset += take;
			if (this.filled === this.frameSamples) {
				this.filled = 0;
				const level = frameLevelDb(this.pending);
				const speech = this.activity.push(level);
				this.position = this.follower.push(speech, this.nuclei.push(level, speech));
			}
		}
		return this.position;
	}

	get current(): ReadingPosition {
		return this.position;
	}
}
