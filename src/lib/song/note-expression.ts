/**
 * A note's own expression, set by hand in the editor: each field overrides what the singing would
 * do by itself (melody-f0.ts, sung-vibrato.ts, phrase-dynamics.ts, breath-marks.ts); an absent field stays automatic.
 * Ranges are what a singer can do and the vocoder renders cleanly; the editor and the server check
 * against the same table. A drawn pitch curve (pitch-curve.ts) overrides the pitch fields.
 */
import { pitchCurveProblem } from './pitch-curve';

export interface NoteExpression {
	/** Vibrato depth (peak deviation), cents; 0 sings the note straight. Replaces the style's and habit's depth. */
	vibratoDepthCents?: number;
	/** Vibrato rate, Hz. */
	vibratoRateHz?: number;
	/** Seconds after the onset where vibrato starts (it then fades in). */
	vibratoDelaySeconds?: number;
	/** Where the pitch comes from into the note, cents from it: below is a scoop, above a fall; 0 starts on pitch. */
	startOffsetCents?: number;
	/** Length of the glide into the note, s (0: a clean step). */
	transitionSeconds?: number;
	/** Loudness of the note against the rest of the phrase, dB. */
	dynamicsDb?: number;
	/**
	 * A breath before the note: the time taken for it, s. The note before ends that long before this
	 * one (this note keeps its length) and one of the user's own breaths fills the gap
	 * (voice/breath-marks.ts). At least 0.4 s: the breath and this note's first consonant share it.
	 * Ignored on a melisma note (a breath cannot split a vowel).
	 */
	breathBeforeSeconds?: number;
	/** A pitch curve drawn by hand: cents off the note at evenly spread points (pitch-curve.ts); replaces the glide, overshoot and vibrato. */
	pitchCurveCents?: number[];
}

/** The settings that are one number each (the drawn curve is a list, set by its own edit). */
export type ExpressionField = Exclude<keyof NoteExpression, 'pitchCurveCents'>;

/** Allowed range of each field, in its unit, and the step the editor's controls move in. */
export const EXPRESSION_RANGES: Record<ExpressionField, { min: number; max: number; step: number }> = {
	vibratoDepthCents: { min: 0, max: 150, step: 5 },
	vibratoRateHz: { min: 3, max: 9, step: 0.1 },
	vibratoDelaySeconds: { min: 0, max: 2, step: 0.05 },
	startOffsetCents: { min: -1200, max: 1200, step: 25 },
	transitionSeconds: { min: 0, max: 0.5, step: 0.01 },
	dynamicsDb: { min: -12, max: 6, step: 0.5 },
	breathBeforeSeconds: { min: 0.4, max: 1.2, step: 0.05 }
};

export const EXPRESSION_FIELDS = Object.keys(EXPRESSION_RANGES) as ExpressionField[];

/** Why `value` is not a note expression, or null when it is one (every field known, finite, in range). */
export function expressionProblem(value: unknown): string | null {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'is not an expression';
	for (const [field, v] of Object.entries(value)) {
		if (field === 'pitchCurveCents') {
			const problem = pitchCurveProblem(v);
			if (problem) return problem;
			continue;
		}
		const range = EXPRESSION_RANGES[field as ExpressionField];
		if (!range) return `has an unknown expression setting “${field}”`;
		if (typeof v !== 'number' || !Number.isFinite(v) || v < range.min || v > range.max) return `has ${field} outside ${range.min}…${range.max}`;
	}
	return null;
}

/**
 * `base` with `change` laid over it (a null field goes back to automatic); undefined when nothing
 * is left set, so a note with every field automatic carries no expression at all.
 */
export function mergeExpression(base: NoteExpression | undefined, change: { [F in ExpressionField]?: number | null }): NoteExpression | undefined {
	const merged: NoteExpression = { ...base };
	for (const field of EXPRESSION_FIELDS) {
		if (!(field in change)) continue;
		const v = change[field];
		if (v === null || v === undefined) delete merged[field];
		else merged[field] = v;
	}
	return Object.keys(merged).length ? merged : undefined;
}
