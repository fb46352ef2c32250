/**
 * Singability rules for consecutive notes, from the voice-leading tradition as summarised in
 * melodic-expectation research: large leaps are rare and are followed by a step back ("gap fill",
 * Meyer 1973; "post-skip reversal", von Hippel & Huron 2000), and augmented or diminished intervals
 * (the tritone above all) are hard to pitch and avoided in vocal lines, as are leaps of a seventh
 * (Fux 1725; Huron 2006, ch. 5).
 *
 * Intervals are judged on their diatonic spelling where both notes are on the scale (the raised 7th
 * of minor spelled as degree 7), so 6→♯7 in harmonic minor counts as the augmented second it is.
 * Chromatic passing tones have no spelling here; for them only the tritone and leap size are checked.
 */
import type { SongKey } from '../song/types';
import { melodicScaleForm, midiToStep, STEPS_PER_OCTAVE } from './scale';

export interface SingabilityLimits {
	/** Largest allowed leap between consecutive notes, semitones (default 12, an octave). */
	maxLeapSemitones?: number;
	/** Leaps larger than this must be followed by a step in the opposite direction, semitones (default 7, a fifth). */
	recoverLeapsAboveSemitones?: number;
	/** Largest interval that still counts as a step, semitones (default 2, a whole tone). */
	maxStepSemitones?: number;
	/** Allow leaps of a seventh (10 or 11 semitones), dissonant and hard to pitch (default false). */
	allowSevenths?: boolean;
}

export const DEFAULT_SINGABILITY_LIMITS: Readonly<Required<SingabilityLimits>> = {
	maxLeapSemitones: 12,
	recoverLeapsAboveSemitones: 7,
	maxStepSemitones: 2,
	allowSevenths: false
};

export type SingabilityRule = 'leap-too-large' | 'seventh-leap' | 'augmented-interval' | 'unrecovered-leap';

export interface RuleViolation {
	/** Index of the note where the rule breaks (the later note of the offending interval). */
	index: number;
	rule: SingabilityRule;
}

/** Semitone sizes that make major, minor or perfect intervals, by generic size (0 = unison … 6 = seventh). */
const PLAIN_SEMITONES_BY_GENERIC: readonly (readonly number[])[] = [[0], [1, 2], [3, 4], [5], [7], [8, 9], [10, 11]];

/** Diatonic step of a note as it is spelled in the key: the raised 7th of minor is degree 7; null for chromatic notes. */
export function spelledStep(midiPitch: number, key: SongKey): number | null {
	const step = midiToStep(midiPitch, key, melodicScaleForm(key));
	if (step !== null || key.mode === 'major') return step;
	return midiToStep(midiPitch, key, 'harmonic-minor');
}

/** Whether the interval between two notes is augmented or diminished (any tritone included). */
export function isAugmentedOrDiminished(fromMidi: number, toMidi: number, key: SongKey): boolean {
	const semitones = Math.abs(toMidi - fromMidi);
	if (semitones % 12 === 6) return true;
	const from = spelledStep(fromMidi, key);
	const to = spelledStep(toMidi, key);
	if (from === null || to === null) return false;
	const steps = Math.abs(to - from);
	const octaves = Math.floor(steps / STEPS_PER_OCTAVE);
	return !PLAIN_SEMITONES_BY_GENERIC[steps % STEPS_PER_OCTAVE].includes(semitones - 12 * octaves);
}

const resolve = (limits: SingabilityLimits): Required<SingabilityLimits> => ({ ...DEFAULT_SINGABILITY_LIMITS, ...limits });

/**
 * The rule broken by arriving at `pitches[index]` from the notes before it, or null. Checks the
 * interval into the note and, when the interval before it was a large leap, that this one steps back.
 */
export function violationAt(
	pitches: readonly number[],
	index: number,
	key: SongKey,
	limits: SingabilityLimits = {}
): SingabilityRule | null {
	if (index <= 0 || index >= pitches.length) return null;
	const { maxLeapSemitones, recoverLeapsAboveSemitones, maxStepSemitones, allowSevenths } = resolve(limits);
	const interval = pitches[index] - pitches[index - 1];
	if (Math.abs(interval) > maxLeapSemitones) return 'leap-too-large';
	if (!allowSevenths && (Math.abs(interval) === 10 || Math.abs(interval) === 11)) return 'seventh-leap';
	if (interval !== 0 && isAugmentedOrDiminished(pitches[index - 1], pitches[index], key)) return 'augmented-interval';
	if (index >= 2) {
		const before = pitches[index - 1] - pitches[index - 2];
		if (Math.abs(before) > recoverLeapsAboveSemitones) {
			const stepsBack = Math.sign(interval) === -Math.sign(before) && Math.abs(interval) <= maxStepSemitones;
			if (!stepsBack) return 'unrecovered-leap';
		}
	}
	return null;
}

/** Whether a line may end on its last note: it must not arrive by a leap that would need recovering. */
export function endsSingably(pitches: readonly number[], limits: SingabilityLimits = {}): boolean {
	if (pitches.length < 2) return true;
	const last = pitches[pitches.length - 1] - pitches[pitches.length - 2];
	return Math.abs(last) <= resolve(limits).recoverLeapsAboveSemitones;
}

/** Every rule broken in a line, in order; a final unrecovered leap is reported at the last note. */
export function findRuleViolations(pitches: readonly number[], key: SongKey, limits: SingabilityLimits = {}): RuleViolation[] {
	const found: RuleViolation[] = [];
	for (let i = 1; i < pitches.length; i++) {
		const rule = violationAt(pitches, i, key, limits);
		if (rule) found.push({ index: i, rule });
	}
	if (!endsSingably(pitches, limits)) found.push({ index: pitches.length - 1, rule: 'unrecovered-leap' });
	return found;
}

/**
 * Whether `next` may follow the line `tail` (only its last two notes matter): the cheap check the
 * composer runs for every candidate note.
 */
export function canFollow(tail: readonly number[], next: number, key: SongKey, limits: SingabilityLimits = {}): boolean {
	const window = tail.slice(-2);
	window.push(next);
	return violationAt(window, window.length - 1, key, limits) === null;
}
