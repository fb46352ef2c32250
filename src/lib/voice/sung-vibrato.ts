/**
 * Vibrato as singers do it, not as a template: it waits until the note has settled (longer on
 * shorter notes), fades in, drifts slowly in rate (±10 %) and depth (±25 %) along a seeded smooth
 * random walk, fades out before the note ends, and is absent on notes shorter than half a second.
 * Pure and seeded: the same note and seed give the same curve.
 */
import { mulberry32 } from '../compose/random';

/** Notes shorter than this get no vibrato, s. */
export const VIBRATO_MIN_NOTE_SECONDS = 0.5;
/** Largest relative drift of the rate and of the depth around their set values. */
export const VIBRATO_RATE_DRIFT = 0.1;
export const VIBRATO_DEPTH_DRIFT = 0.25;
/** Spacing of the random walk's control points, s (slow: a few per second). */
const DRIFT_STEP_SECONDS = 0.3;
const FADE_IN_SECONDS = 0.25;
const FADE_OUT_SECONDS = 0.15;

/** Seconds after the onset where vibrato starts: 0.4 s on a half-second note, easing to 0.25 s on notes of 1.2 s or more. */
export function vibratoOnsetDelaySeconds(noteSeconds: number): number {
	const shortness = Math.min(1, Math.max(0, (1.2 - noteSeconds) / 0.7));
	return 0.25 + 0.15 * shortness;
}

/** A smooth random walk in [−1, 1]: control points every DRIFT_STEP_SECONDS, joined by raised cosines. */
export function smoothRandomWalk(seed: number, seconds: number): (timeSeconds: number) => number {
	const next = mulberry32(seed);
	const points = [next() * 2 - 1];
	for (let i = 1; i <= Math.ceil(seconds / DRIFT_STEP_SECONDS) + 1; i++) {
		// A step of at most ±0.6, reflected back into [−1, 1]: slow wandering, never a jump.
		let p = points[i - 1] + (next() * 2 - 1) * 0.6;
		if (p > 1) p = 2 - p;
		if (p < -1) p = -2 - p;
		points.push(p);
	}
	return (time) => {
		const x = Math.max(0, time) / DRIFT_STEP_SECONDS;
		const i = Math.min(points.length - 2, Math.floor(x));
		const w = 0.5 - 0.5 * Math.cos(Math.PI * Math.min(1, x - i));
		return points[i] * (1 - w) + points[i + 1] * w;
	};
}

/**
 * Vibrato deviation, cents, of a note of `noteSeconds` at frames t·framePeriodSeconds after its
 * onset, t < frames (the phase is integrated over the drifting rate).
 */
export function noteVibratoCents(
	noteSeconds: number,
	rateHz: number,
	depthCents: number,
	seed: number,
	framePeriodSeconds: number,
	frames: number,
	/** Set by hand on the note: its own delay, s, and vibrato even on a short note. */
	own: { delaySeconds?: number; anyLength?: boolean } = {}
): Float64Array {
	const out = new Float64Array(frames);
	if ((noteSeconds < VIBRATO_MIN_NOTE_SECONDS && !own.anyLength) || depthCents <= 0 || rateHz <= 0) return out;
	const delay = own.delaySeconds ?? vibratoOnsetDelaySeconds(noteSeconds);
	const rateWalk = smoothRandomWalk(seed, noteSeconds);
	const depthWalk = smoothRandomWalk(seed ^ 0x5bd1e995, noteSeconds);
	let phase = 0;
	for (let t = 0; t < frames; t++) {
		const since = t * framePeriodSeconds;
		const sounding = since - delay;
		if (sounding < 0 || since >= noteSeconds) continue;
		const fadeIn = Math.min(1, sounding / FADE_IN_SECONDS);
		const fadeOut = Math.min(1, (noteSeconds - since) / FADE_OUT_SECONDS);
		const gain = (0.5 - 0.5 * Math.cos(Math.PI * fadeIn)) * (0.5 - 0.5 * Math.cos(Math.PI * fadeOut));
		out[t] = gain * depthCents * (1 + VIBRATO_DEPTH_DRIFT * depthWalk(since)) * Math.sin(phase);
		phase += 2 * Math.PI * rateHz * (1 + VIBRATO_RATE_DRIFT * rateWalk(since)) * framePeriodSeconds;
	}
	return out;
}
