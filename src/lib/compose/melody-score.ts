/**
 * Figures that describe a composed melody, and one score that ranks drafts. The weights encode the
 * brief's priorities and the melodic-expectation literature: mostly steps (Huron 2006, ch. 5: about
 * three quarters of intervals in vocal melodies are steps or unisons), few big leaps, the motif kept
 * recognisable, the chorus higher than the verse.
 */
import type { SongKey } from '../song/types';
import type { DevelopmentKind, MidiRange, MotifStatement } from './melody-types';
import { isInKey } from './scale';

export interface MelodyFigures {
	noteCount: number;
	/** Fraction of notes on the scale (minor: natural or harmonic). */
	inKeyRatio: number;
	/** Fraction of intervals of at most a whole tone (repeated notes included). */
	stepRatio: number;
	/** Fraction of intervals that repeat the pitch. */
	repeatedNoteRatio: number;
	/** Intervals larger than a fourth (5 semitones). */
	leapsOverFourth: number;
	/** Intervals larger than a fifth (7 semitones). */
	leapsOverFifth: number;
	largestLeapSemitones: number;
	/** Chorus peak minus verse peak, semitones (positive: the chorus climbs). */
	chorusRiseSemitones: number;
	/** Notes outside the singer's (widened) range. */
	notesOutsideRange: number;
}

export interface MeasureMelodyOptions {
	key: SongKey;
	/** Where the chorus starts, ticks. */
	chorusStartTicks: number;
	range: MidiRange;
}

export function measureMelody(notes: readonly { startTicks: number; midiPitch: number }[], options: MeasureMelodyOptions): MelodyFigures {
	const { key, chorusStartTicks, range } = options;
	let inKey = 0;
	let steps = 0;
	let repeats = 0;
	let overFourth = 0;
	let overFifth = 0;
	let largest = 0;
	let versePeak = -Infinity;
	let chorusPeak = -Infinity;
	let outside = 0;
	notes.forEach((n, i) => {
		if (isInKey(n.midiPitch, key)) inKey++;
		if (n.midiPitch < range.low || n.midiPitch > range.high) outside++;
		if (n.startTicks < chorusStartTicks) versePeak = Math.max(versePeak, n.midiPitch);
		else chorusPeak = Math.max(chorusPeak, n.midiPitch);
		if (i === 0) return;
		const size = Math.abs(n.midiPitch - notes[i - 1].midiPitch);
		if (size <= 2) steps++;
		if (size === 0) repeats++;
		if (size > 5) overFourth++;
		if (size > 7) overFifth++;
		largest = Math.max(largest, size);
	});
	const intervals = Math.max(1, notes.length - 1);
	return {
		noteCount: notes.length,
		inKeyRatio: notes.length ? inKey / notes.length : 1,
		stepRatio: steps / intervals,
		repeatedNoteRatio: repeats / intervals,
		leapsOverFourth: overFourth,
		leapsOverFifth: overFifth,
		largestLeapSemitones: largest,
		chorusRiseSemitones: Number.isFinite(versePeak) && Number.isFinite(chorusPeak) ? chorusPeak - versePeak : 0,
		notesOutsideRange: outside
	};
}

const RECOGNISABLE: ReadonlySet<DevelopmentKind> = new Set(['repeat', 'sequence', 'rhythm']);

/** Higher is better. `verseStatements` are the motif statements of the verse. */
export function scoreMelody(figures: MelodyFigures, statements: readonly MotifStatement[], verseStatements: readonly MotifStatement[]): number {
	const intervals = Math.max(1, figures.noteCount - 1);
	const recognisable = verseStatements.length ? verseStatements.filter((s) => RECOGNISABLE.has(s.kind)).length / verseStatements.length : 0;
	const kinds = new Set(statements.map((s) => s.kind)).size;
	// The same statement at the same pitch as the one before it: one such repeat is idiom, many are monotony.
	let sameAgain = 0;
	for (let i = 1; i < statements.length; i++) {
		if (statements[i].kind === 'repeat' && statements[i].transposeSteps === statements[i - 1].transposeSteps) sameAgain++;
	}
	const rise = figures.chorusRiseSemitones > 0 ? 0.5 * Math.min(figures.chorusRiseSemitones, 4) : -3;
	return (
		3 * recognisable +
		rise +
		1.5 * figures.stepRatio -
		(4 * figures.leapsOverFourth) / intervals -
		(6 * figures.leapsOverFifth) / intervals -
		2 * Math.max(0, figures.repeatedNoteRatio - 0.25) -
		0.5 * figures.notesOutsideRange +
		0.4 * kinds -
		(2 * sameAgain) / Math.max(1, statements.length)
	);
}
