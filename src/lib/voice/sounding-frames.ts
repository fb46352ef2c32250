/**
 * Where a reading sounds, as frame runs, before anything is known of its words: the voice build
 * analyses these frames' envelope and aperiodicity while the aligner is still at work (build-profile.ts),
 * leaving out the pauses between lines and any silence at the end of a take. Any unit frame the
 * aligner later puts outside them is analysed then (frame-runs.ts `framesNotIn`).
 */
import type { FrameRange } from '../vocoder/types';
import { joinRuns } from './frame-runs';

/** A frame sounds when its power is within this many dB of the reading's loudest frame. */
const SOUNDING_WITHIN_DB = 50;
/** Seconds kept either side of every sounding frame (a word's faint edges: a soft "f", a release). */
const EDGE_SECONDS = 0.1;
/** Silences under this are kept inside a run, s (a stop's closure, the breath between two words). */
const JOIN_SECONDS = 0.1;

/** Ascending runs of frames (centred at i · framePeriod s, `frames` of them) where the reading sounds, their edges widened. */
export function soundingFrameRuns(reading: ArrayLike<number>, sampleRate: number, framePeriodSeconds: number, frames: number): FrameRange[] {
	const hop = framePeriodSeconds * sampleRate;
	const power = new Float64Array(frames);
	let loudest = 0;
	for (let i = 0; i < frames; i++) {
		const from = Math.max(0, Math.round((i - 0.5) * hop));
		const to = Math.min(reading.length, Math.round((i + 0.5) * hop));
		let sum = 0;
		for (let n = from; n < to; n++) sum += reading[n] * reading[n];
		power[i] = to > from ? sum / (to - from) : 0;
		if (power[i] > loudest) loudest = power[i];
	}
	if (!(loudest > 0)) return [];
	const floor = loudest * 10 ** (-SOUNDING_WITHIN_DB / 10);
	const edge = Math.round(EDGE_SECONDS / framePeriodSeconds);
	const join = Math.round(JOIN_SECONDS / framePeriodSeconds);
	const sounding: FrameRange[] = [];
	for (let i = 0; i < frames; i++) if (power[i] >= floor) sounding.push({ from: Math.max(0, i - edge), to: Math.min(frames, i + edge + 1) });
	return joinRuns(sounding, join);
}
