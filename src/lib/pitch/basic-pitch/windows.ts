/**
 * Basic Pitch's input windowing and output unwrapping (Bittner et al., ICASSP 2022; the scheme of
 * the reference implementation's `get_audio_input` / `unwrap_output`). The network takes fixed
 * 43 844-sample windows; consecutive windows overlap by 30 frames (7680 samples) and the 15
 * frames at each window edge, which see a truncated CQT context, are thrown away. Half the overlap
 * of zeros goes before the audio so that the first frame kept is the frame at time 0.
 */
import {
	BASIC_PITCH_FRAMES_PER_WINDOW,
	BASIC_PITCH_KEPT_FRAMES_PER_WINDOW,
	BASIC_PITCH_START_PADDING_SAMPLES,
	BASIC_PITCH_TRIM_FRAMES,
	BASIC_PITCH_WINDOW_HOP_SAMPLES,
	BASIC_PITCH_WINDOW_SAMPLES
} from './constants';
import { PitchError } from '../errors';

/** The network's input: `count` windows of 43 844 samples each, window-major. */
export interface BasicPitchWindows {
	/** count × 43 844 samples at 22 050 Hz, window after window. */
	windows: Float32Array;
	/** Number of windows (≥ 1, even for empty input, as in the reference). */
	count: number;
	/** Length of the audio before padding (samples at 22 050 Hz); it fixes the frames kept. */
	originalLength: number;
}

/** Number of windows the reference makes for `length` samples: one per hop start inside the padded signal. */
export function basicPitchWindowCount(length: number): number {
	return Math.max(1, Math.ceil((length + BASIC_PITCH_START_PADDING_SAMPLES) / BASIC_PITCH_WINDOW_HOP_SAMPLES));
}

/**
 * Frames kept after unwrapping for `length` samples at 22 050 Hz: (length / 36 164) windows of
 * 142 kept frames each, truncated, as Basic Pitch has done since its fix of the final-frame
 * truncation (spotify/basic-pitch PR #179, 2025). Its earlier rule, ⌊length · 86 / 22 050⌋ with the
 * integer frame rate 86, dropped frames at the end (782 instead of 787 for vocadito_10); the
 * reference outputs in ../shared/data were made with the current rule.
 */
export function basicPitchFrameCount(length: number): number {
	// Same operation order as the reference, so float rounding near integers agrees.
	return Math.floor((length / BASIC_PITCH_WINDOW_HOP_SAMPLES) * BASIC_PITCH_KEPT_FRAMES_PER_WINDOW);
}

/**
 * Cuts 22 050 Hz audio into the network's windows: 3840 zeros before the signal, a window every
 * 36 164 samples while its start lies inside the padded signal, the last one zero-padded.
 */
export function windowAudio(x22050: Float32Array): BasicPitchWindows {
	const originalLength = x22050.length;
	const count = basicPitchWindowCount(originalLength);
	const windows = new Float32Array(count * BASIC_PITCH_WINDOW_SAMPLES);
	for (let w = 0; w < count; w++) {
		// Window w covers padded samples [w·hop, w·hop + 43 844); padded index p is signal index p − 3840.
		const from = w * BASIC_PITCH_WINDOW_HOP_SAMPLES - BASIC_PITCH_START_PADDING_SAMPLES;
		const srcStart = Math.max(0, from);
		const srcEnd = Math.min(originalLength, from + BASIC_PITCH_WINDOW_SAMPLES);
		if (srcEnd > srcStart) windows.set(x22050.subarray(srcStart, srcEnd), w * BASIC_PITCH_WINDOW_SAMPLES + (srcStart - from));
	}
	return { windows, count, originalLength };
}

/**
 * Joins per-window outputs (count × 172 frames × bins, window-major) into one frames × bins
 * matrix: drops 15 frames at both ends of every window, concatenates, and keeps the first
 * `basicPitchFrameCount(originalLength)` frames.
 */
export function unwrapOutput(perWindow: Float32Array, count: number, bins: number, originalLength: number): Float32Array {
	if (!Number.isInteger(count) || count < 1 || !Number.isInteger(bins) || bins < 1) {
		throw new PitchError('invalid_option', `unwrapOutput: count and bins must be positive integers; got count ${count}, bins ${bins}.`);
	}
	const expected = count * BASIC_PITCH_FRAMES_PER_WINDOW * bins;
	if (perWindow.length !== expected) {
		throw new PitchError(
			'invalid_option',
			`unwrapOutput: expected ${count} windows × ${BASIC_PITCH_FRAMES_PER_WINDOW} frames × ${bins} bins = ${expected} values; got ${perWindow.length}.`
		);
	}
	const frames = Math.min(basicPitchFrameCount(originalLength), count * BASIC_PITCH_KEPT_FRAMES_PER_WINDOW);
	const out = new Float32Array(frames * bins);
	for (let w = 0, written = 0; w < count && written < frames; w++) {
		const take = Math.min(BASIC_PITCH_KEPT_FRAMES_PER_WINDOW, frames - written);
		const src = (w * BASIC_PITCH_FRAMES_PER_WINDOW + BASIC_PITCH_TRIM_FRAMES) * bins;
		out.set(perWindow.subarray(src, src + take * bins), written * bins);
		written += take;
	}
	return out;
}
