/**
 * One bar of rhythm written as text, one character per sixteenth-note step, and where those steps
 * fall in time (with swing). A drum line reads "X...x...X...x..." — the character is the hit's
 * strength; a bass or keys line reads "R-----R-5-----A-" — a letter or digit starts a note that
 * says what to play, "-" holds it, "." is silence.
 */
import { PPQ } from '../song/types';

/** Ticks per sixteenth-note step. */
export const STEP_TICKS = PPQ / 4;

/** Strength of a hit by its character: accent, normal, soft, ghost. */
export const HIT_STRENGTH: Readonly<Record<string, number>> = { X: 1, x: 0.8, o: 0.55, g: 0.3 };

export interface PatternHit {
	/** Sixteenth step in the bar, from 0. */
	step: number;
	/** Steps the note lasts (1 + the "-" that follow it). */
	lengthSteps: number;
	/** The character that started it: a strength for drums, what to play for bass and keys. */
	token: string;
}

/** Reads a one-bar line. Throws RangeError for an empty line or one that starts with "-". */
export function parsePattern(line: string): PatternHit[] {
	if (line.length === 0) throw new RangeError('pattern line is empty');
	if (line[0] === '-') throw new RangeError(`pattern "${line}" starts with "-", a hold with nothing to hold`);
	const hits: PatternHit[] = [];
	for (let step = 0; step < line.length; step++) {
		const c = line[step];
		if (c === '.') continue;
		if (c === '-') {
			const last = hits.at(-1);
			if (last && last.step + last.lengthSteps === step) last.lengthSteps++;
			continue;
		}
		hits.push({ step, lengthSteps: 1, token: c });
	}
	return hits;
}

/** The same line adapted to a bar of `steps` sixteenths: cut, or repeated from its start. */
export function fitPattern(line: string, steps: number): string {
	if (!(Number.isInteger(steps) && steps > 0)) throw new RangeError(`steps ${steps} is not a positive integer`);
	let out = '';
	while (out.length < steps) out += line;
	out = out.slice(0, steps);
	return out[0] === '-' ? '.' + out.slice(1) : out;
}

export interface Swing {
	/** Where the second of a pair of swung notes falls, as a fraction of the pair (0.5 straight, 0.667 triplet). */
	ratio: number;
	/** The swung note value in sixteenth steps: 1 swings sixteenths, 2 swings eighths. */
	unitSteps: 1 | 2;
}

export const STRAIGHT: Swing = { ratio: 0.5, unitSteps: 1 };

/**
 * Position of `step` in sixteenth steps after swing: the off-beat note of each pair is delayed so
 * that it falls at `ratio` of the pair instead of half-way (the "swing percentage" of drum machines).
 */
export function swungStep(step: number, swing: Swing): number {
	const pair = 2 * swing.unitSteps;
	const inPair = step % pair;
	const pairStart = step - inPair;
	if (inPair < swing.unitSteps) return pairStart + (inPair * swing.ratio * pair) / swing.unitSteps;
	return pairStart + swing.ratio * pair + ((inPair - swing.unitSteps) * (1 - swing.ratio) * pair) / swing.unitSteps;
}
