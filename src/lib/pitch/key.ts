/**
 * Key estimation by the Krumhansl–Schmuckler algorithm: correlate a duration-weighted
 * pitch-class histogram with the 24 rotations of the Krumhansl–Kessler probe-tone profiles
 * (Krumhansl & Kessler, 1982, "Tracing the dynamic changes in perceived tonal organization";
 * Krumhansl, 1990, "Cognitive Foundations of Musical Pitch", ch. 4).
 */
import type { KeyEstimate, KeyMode, NoteEvent } from './types';
import { PITCH_CLASS_NAMES } from './units';

export const KRUMHANSL_KESSLER_MAJOR = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88] as const;
export const KRUMHANSL_KESSLER_MINOR = [6.33, 2.68, 3.52, 5.38, 2.6, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17] as const;

export interface EstimateKeyOptions {
	/** Singer's tuning offset, cents; notes are shifted by it before rounding to pitch classes (default 0). */
	tuningCents?: number;
}

function pearson(a: ArrayLike<number>, b: ArrayLike<number>, rotation: number): number {
	let ma = 0;
	let mb = 0;
	for (let i = 0; i < 12; i++) {
		ma += a[i];
		mb += b[i];
	}
	ma /= 12;
	mb /= 12;
	let num = 0;
	let da = 0;
	let db = 0;
	for (let i = 0; i < 12; i++) {
		const x = a[(i + rotation) % 12] - ma;
		const y = b[i] - mb;
		num += x * y;
		da += x * x;
		db += y * y;
	}
	return da > 0 && db > 0 ? num / Math.sqrt(da * db) : 0;
}

/** Duration × confidence weighted pitch-class histogram (index 0 = C). */
export function pitchClassHistogram(notes: readonly NoteEvent[], tuningCents = 0): Float64Array {
	const h = new Float64Array(12);
	for (const n of notes) {
		const pc = ((Math.round(n.midiPitch - tuningCents / 100) % 12) + 12) % 12;
		h[pc] += Math.max(0, n.offsetSeconds - n.onsetSeconds) * Math.max(0.05, n.confidence);
	}
	return h;
}

/** Most likely key, or null when the notes carry no pitch-class information. */
export function estimateKey(notes: readonly NoteEvent[], options: EstimateKeyOptions = {}): KeyEstimate | null {
	const h = pitchClassHistogram(notes, options.tuningCents ?? 0);
	let distinct = 0;
	for (let i = 0; i < 12; i++) if (h[i] > 0) distinct++;
	if (distinct < 2) return null;
	const scores: { tonic: number; mode: KeyMode; r: number }[] = [];
	for (let tonic = 0; tonic < 12; tonic++) {
		scores.push({ tonic, mode: 'major', r: pearson(h, KRUMHANSL_KESSLER_MAJOR, tonic) });
		scores.push({ tonic, mode: 'minor', r: pearson(h, KRUMHANSL_KESSLER_MINOR, tonic) });
	}
	scores.sort((x, y) => y.r - x.r);
	const best = scores[0];
	const margin = best.r - scores[1].r;
	const tonic = PITCH_CLASS_NAMES[best.tonic];
	return {
		tonic,
		tonicPitchClass: best.tonic,
		mode: best.mode,
		name: `${tonic} ${best.mode}`,
		// A strong fit (r near 1) that clearly beats the runner-up (often the relative key).
		confidence: Math.max(0, Math.min(1, best.r)) * Math.max(0, Math.min(1, 0.3 + 5 * margin))
	};
}
