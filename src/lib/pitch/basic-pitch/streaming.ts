/**
 * Basic Pitch on audio that is still arriving (live feedback while a take is recorded). The
 * reference windowing already cuts the signal into independent 43 844-sample windows, so each
 * window runs as soon as its audio (and the resampler's margin after it) is in, and its 142 kept
 * frames are appended: the frames equal those of `runBasicPitch` on the whole take.
 *
 * Resampling is per window, over an input segment that starts on a multiple of the rate ratio's
 * denominator and reaches a margin past the window on both sides, so every output sample sees the
 * same input samples, kernel phase and taps as in one pass over the whole signal.
 */
import { resample } from '../../audio/resample';
import { assertSampleRate, PitchError } from '../errors';
import {
	BASIC_PITCH_CONTOUR_BINS,
	BASIC_PITCH_FRAMES_PER_SECOND,
	BASIC_PITCH_FRAMES_PER_WINDOW,
	BASIC_PITCH_KEPT_FRAMES_PER_WINDOW,
	BASIC_PITCH_NOTE_BINS,
	BASIC_PITCH_RESAMPLE_OPTIONS,
	BASIC_PITCH_SAMPLE_RATE,
	BASIC_PITCH_START_PADDING_SAMPLES,
	BASIC_PITCH_TRIM_FRAMES,
	BASIC_PITCH_WINDOW_HOP_SAMPLES,
	BASIC_PITCH_WINDOW_SAMPLES
} from './constants';
import type { BasicPitchOutput, BasicPitchRunner } from './model-runner';
import { basicPitchFrameCount, basicPitchWindowCount } from './windows';

/** Input samples kept on each side of a window's span so the resampling kernel sees real audio (≥ its half-length). */
const MARGIN_SECONDS = 0.01;

function gcd(a: number, b: number): number {
	while (b) [a, b] = [b, a % b];
	return a;
}

/** A growable float buffer. */
class Growing {
	data: Float32Array;
	length = 0;
	constructor(capacity: number) {
		this.data = new Float32Array(Math.max(16, capacity));
	}
	append(values: Float32Array): void {
		if (this.length + values.length > this.data.length) {
			const next = new Float32Array(Math.max(this.length + values.length, 2 * this.data.length));
			next.set(this.data.subarray(0, this.length));
			this.data = next;
		}
		this.data.set(values, this.length);
		this.length += values.length;
	}
	view(): Float32Array {
		return this.data.subarray(0, this.length);
	}
}

export class StreamingBasicPitch {
	private readonly input: Growing;
	private readonly up: number;
	private readonly down: number;
	private readonly marginIn: number;
	private readonly contour = new Growing(0);
	private readonly note = new Growing(0);
	private readonly onset = new Growing(0);
	private windowsDone = 0;
	private finished = false;
	private busy: Promise<unknown> = Promise.resolve();

	constructor(
		private readonly run: BasicPitchRunner,
		readonly sampleRate: number
	) {
		assertSampleRate(sampleRate);
		if (!Number.isInteger(sampleRate)) {
			throw new PitchError('invalid_option', `Live Basic Pitch needs a whole-number sample rate; got ${sampleRate} Hz.`);
		}
		const g = gcd(sampleRate, BASIC_PITCH_SAMPLE_RATE);
		this.up = BASIC_PITCH_SAMPLE_RATE / g;
		this.down = sampleRate / g;
		this.marginIn = this.down * Math.ceil((MARGIN_SECONDS * sampleRate) / this.down);
		this.input = new Growing(sampleRate * 10);
	}

	/** Adds microphone samples (mono, at `sampleRate`). */
	push(samples: Float32Array): void {
		if (this.finished) throw new PitchError('invalid_option', 'StreamingBasicPitch: push after finish.');
		this.input.append(samples);
	}

	/** Frames of output so far. */
	get frames(): number {
		return this.note.length / BASIC_PITCH_NOTE_BINS;
	}

	/**
	 * Runs every window whose audio is complete (all remaining windows when `final`, padding the end
	 * with zeros as the offline path does). Calls are queued, so overlapping calls never race.
	 */
	advance(final = false): Promise<number> {
		const next = this.busy.then(() => this.advanceNow(final));
		this.busy = next.catch(() => undefined);
		return next;
	}

	private async advanceNow(final: boolean): Promise<number> {
		if (this.finished) return this.frames;
		const n = this.input.length;
		const length22k = Math.round((n * this.up) / this.down);
		const windowsTotal = final ? basicPitchWindowCount(length22k) : Infinity;
		while (this.windowsDone < windowsTotal) {
			const w = this.windowsDone;
			const start22k = w * BASIC_PITCH_WINDOW_HOP_SAMPLES - BASIC_PITCH_START_PADDING_SAMPLES;
			const end22k = start22k + BASIC_PITCH_WINDOW_SAMPLES;
			const needIn = Math.ceil((end22k * this.down) / this.up) + this.marginIn;
			if (!final && n < needIn) break;
			const window = this.windowAudio(start22k, end22k, final ? length22k : Infinity);
			const out = await this.run(window, 1);
			this.keep(out.contour, BASIC_PITCH_CONTOUR_BINS, this.contour);
			this.keep(out.note, BASIC_PITCH_NOTE_BINS, this.note);
			this.keep(out.onset, BASIC_PITCH_NOTE_BINS, this.onset);
			this.windowsDone++;
		}
		if (final) {
			// Trim to the offline frame count, as unwrapping does.
			const frames = Math.min(this.frames, basicPitchFrameCount(length22k));
			this.contour.length = frames * BASIC_PITCH_CONTOUR_BINS;
			this.note.length = frames * BASIC_PITCH_NOTE_BINS;
			this.onset.length = frames * BASIC_PITCH_NOTE_BINS;
			this.finished = true;
		}
		return this.frames;
	}

	/** The window's 43 844 samples at 22 050 Hz; zeros before the signal and at or after `signalEnd22k`. */
	private windowAudio(start22k: number, end22k: number, signalEnd22k: number): Float32Array {
		const window = new Float32Array(BASIC_PITCH_WINDOW_SAMPLES);
		const from22k = Math.max(0, start22k);
		const to22k = Math.min(end22k, signalEnd22k);
		if (to22k <= from22k) return window;
		// Segment start on a multiple of `down` input samples, so output k of the segment is global
		// output (a · up / down) + k with the same kernel phase.
		const firstBlock = Math.floor(from22k / this.up);
		const a = Math.max(0, firstBlock * this.down - this.marginIn);
		const b = Math.min(this.input.length, Math.ceil((to22k * this.down) / this.up) + this.marginIn);
		const segment = resample(this.input.data.subarray(a, b), this.sampleRate, BASIC_PITCH_SAMPLE_RATE, BASIC_PITCH_RESAMPLE_OPTIONS);
		const offset = (a / this.down) * this.up;
		for (let j = from22k; j < to22k; j++) {
			const k = j - offset;
			window[j - start22k] = k < segment.length ? segment[k] : 0;
		}
		return window;
	}

	private keep(values: Float32Array, bins: number, into: Growing): void {
		if (values.length !== BASIC_PITCH_FRAMES_PER_WINDOW * bins) {
			throw new PitchError('invalid_option', `Basic Pitch runner returned ${values.length} values for one window; expected ${BASIC_PITCH_FRAMES_PER_WINDOW * bins}.`);
		}
		into.append(values.subarray(BASIC_PITCH_TRIM_FRAMES * bins, (BASIC_PITCH_TRIM_FRAMES + BASIC_PITCH_KEPT_FRAMES_PER_WINDOW) * bins));
	}

	/** The posteriorgrams so far (copies). */
	output(): BasicPitchOutput {
		return {
			frames: this.frames,
			contour: this.contour.view().slice(),
			note: this.note.view().slice(),
			onset: this.onset.view().slice(),
			framesPerSecond: BASIC_PITCH_FRAMES_PER_SECOND
		};
	}
}
