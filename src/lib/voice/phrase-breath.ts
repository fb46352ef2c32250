/**
 * Starting a sung phrase with one of the user's own breaths (breaths.ts): the breath ends just
 * before the phrase's first sound (its first consonant), at the level it had in the reading
 * relative to the voiced speech, and never starts before the render does (the plan leaves the
 * render room after the previous phrase, so the two never overlap).
 */
import { resample } from '../audio/resample';
import { MAX_BREATH_SECONDS, MIN_BREATH_SECONDS, type Breath } from './breaths';

/** Silence between the breath's end and the first consonant, s. */
export const BREATH_GAP_SECONDS = 0.03;
/** The first sound is the first 2.5 ms window within this many dB of the phrase's voiced level. */
const FIRST_SOUND_BELOW_VOICED_DB = 40;
const FADE_SECONDS = 0.015;

/** Mean power of the samples in voiced frames, dB (−Infinity when none is voiced). */
export function voicedLevelDb(pcm: Float32Array, sampleRate: number, voiced: ArrayLike<number>, framePeriodSeconds: number): number {
	let power = 0;
	let count = 0;
	const hop = framePeriodSeconds * sampleRate;
	for (let t = 0; t < voiced.length; t++) {
		if (!voiced[t]) continue;
		for (let i = Math.round(t * hop); i < Math.min(pcm.length, Math.round((t + 1) * hop)); i++) {
			power += pcm[i] * pcm[i];
			count++;
		}
	}
	return count ? 10 * Math.log10(power / count + 1e-20) : -Infinity;
}

/** Index of the first sample of the phrase's first sound. */
export function firstSoundSample(pcm: Float32Array, sampleRate: number, levelDb: number): number {
	const window = Math.max(1, Math.round(0.0025 * sampleRate));
	const threshold = 10 ** ((levelDb - FIRST_SOUND_BELOW_VOICED_DB) / 10);
	for (let start = 0; start + window <= pcm.length; start += window) {
		let power = 0;
		for (let i = start; i < start + window; i++) power += pcm[i] * pcm[i];
		if (power / window >= threshold) return start;
	}
	return pcm.length;
}

/**
 * Adds the profile's `choice`-th breath (cycling) into `pcm` before its first sound; a breath
 * longer than the room keeps its end (the inhalation's last part). Returns where it was placed, or
 * null when none fits (less than MIN_BREATH_SECONDS of room) or the profile has none.
 */
export function addBreath(pcm: Float32Array, sampleRate: number, levelDb: number, breaths: Breath[], choice: number): { startSample: number; endSample: number } | null {
	if (breaths.length === 0 || !Number.isFinite(levelDb)) return null;
	const end = firstSoundSample(pcm, sampleRate, levelDb) - Math.round(BREATH_GAP_SECONDS * sampleRate);
	if (end < MIN_BREATH_SECONDS * sampleRate) return null;
	const breath = breaths[((choice % breaths.length) + breaths.length) % breaths.length];
	const clip = resample(Float32Array.from(breath.pcm, (v) => v / 32768), breath.sampleRate, sampleRate);
	const length = Math.min(clip.length, end);
	const offset = clip.length - length;
	let power = 0;
	for (const v of clip) power += v * v;
	const clipDb = 10 * Math.log10(power / clip.length + 1e-20);
	const gain = 10 ** ((levelDb + breath.levelDb - clipDb) / 20);
	const fade = Math.round(FADE_SECONDS * sampleRate);
	const start = end - length;
	for (let i = 0; i < length; i++) {
		// A trimmed breath fades in where it was cut.
		const edge = offset > 0 ? Math.min(1, i / fade) : 1;
		pcm[start + i] += gain * edge * clip[offset + i];
	}
	return { startSample: start, endSample: end };
}

/** A phrase starts with a breath when it opens the song or follows a rest at least this long, s. */
export const BREATH_MIN_REST_SECONDS = 0.35;
/** Kept clear after the previous phrase's last note before a breath may start, s. */
const BREATH_CLEARANCE_SECONDS = 0.05;

/**
 * Room for a breath before a phrase starting at `startSeconds` (its first note), beyond the
 * `preRollSeconds` its render already starts before it; null when it gets none (the rest before it
 * is too short, and no breath is set by hand before it: `marked`). `previousEndSeconds` is where the
 * previous phrase's last note ends (null: the first).
 */
export function breathRoomSeconds(startSeconds: number, previousEndSeconds: number | null, preRollSeconds: number, options: { marked?: boolean } = {}): number | null {
	if (!options.marked && previousEndSeconds !== null && startSeconds - previousEndSeconds < BREATH_MIN_REST_SECONDS) return null;
	// A render never starts before 0 s, nor within the previous phrase's sound.
	const earliest = previousEndSeconds === null ? 0 : previousEndSeconds + BREATH_CLEARANCE_SECONDS;
	return Math.min(MAX_BREATH_SECONDS, Math.max(0, startSeconds - preRollSeconds - earliest));
}
