/**
 * The observation model of the harmoniser: how well the melody sounding during one chord slot fits
 * a chord. As in MySong (Simon, Morris & Basu 2008) the melody in a slot is reduced to a
 * 12-bin pitch-class histogram weighted by duration, and its log-likelihood under a chord is the
 * histogram-weighted sum of log P(pitch class | chord). MySong learned P from a song database;
 * here it is set by hand: chord tones likely (root > third > fifth > seventh), other scale tones
 * less so, tones outside the key rare. Notes on strong beats weigh more, since a non-chord tone
 * on a downbeat is heard as a clash while one between beats passes.
 */
import { PPQ, ticksPerBar, type SongNote, type TimeSignature } from '../song/types';
import { mod12, type KeyedChord } from './chords';

/** Relative weight of each chord tone by its place in the chord (root, third/fourth, fifth, seventh). */
const CHORD_TONE_WEIGHTS = [1, 0.9, 0.8, 0.6];
/** Relative weight of a scale tone that is not in the chord. */
const SCALE_TONE_WEIGHT = 0.15;
/** Relative weight of a tone outside the key (passing chromatic notes, intonation slips). */
const CHROMATIC_TONE_WEIGHT = 0.03;

/** Metric weights of a note's onset: the bar's downbeat, the middle of an even bar, other beats, off-beat eighths, finer. */
const DOWNBEAT_WEIGHT = 2;
const HALF_BAR_WEIGHT = 1.5;
const BEAT_WEIGHT = 1;
const EIGHTH_WEIGHT = 0.6;
const OFFBEAT_WEIGHT = 0.4;
/** A note already sounding when the slot starts: heard against the new chord, but not attacked on it. */
const HELD_INTO_SLOT_WEIGHT = 1;

export interface SlotEvidence {
	/** Metric- and duration-weighted pitch-class histogram, summing to 1 (all zero when the slot is silent). */
	histogram: Float64Array;
	/** Fraction of the slot the melody sounds in, 0–1. */
	coverage: number;
}

/** Metric weight of an onset `tickInBar` ticks after the bar line. */
export function metricWeight(tickInBar: number, timeSignature: TimeSignature): number {
	const beatTicks = (PPQ * 4) / timeSignature.beatUnit;
	const barTicks = ticksPerBar(timeSignature);
	if (tickInBar === 0) return DOWNBEAT_WEIGHT;
	if (timeSignature.beatsPerBar % 2 === 0 && tickInBar === barTicks / 2) return HALF_BAR_WEIGHT;
	if (tickInBar % beatTicks === 0) return BEAT_WEIGHT;
	if (tickInBar % (beatTicks / 2) === 0) return EIGHTH_WEIGHT;
	return OFFBEAT_WEIGHT;
}

/** The melody's pitch-class histogram over ticks [startTicks, endTicks). */
export function slotEvidence(melody: readonly SongNote[], startTicks: number, endTicks: number, timeSignature: TimeSignature): SlotEvidence {
	const histogram = new Float64Array(12);
	const barTicks = ticksPerBar(timeSignature);
	let coveredTicks = 0;
	for (const note of melody) {
		const from = Math.max(note.startTicks, startTicks);
		const to = Math.min(note.startTicks + note.durationTicks, endTicks);
		if (to <= from) continue;
		const weight = note.startTicks < startTicks ? HELD_INTO_SLOT_WEIGHT : metricWeight(((note.startTicks % barTicks) + barTicks) % barTicks, timeSignature);
		histogram[mod12(Math.round(note.midiPitch))] += (to - from) * weight;
		coveredTicks += to - from;
	}
	const total = histogram.reduce((a, b) => a + b, 0);
	if (total > 0) for (let pc = 0; pc < 12; pc++) histogram[pc] /= total;
	return { histogram, coverage: Math.min(1, coveredTicks / Math.max(1, endTicks - startTicks)) };
}

/** log P(pitch class | chord) for the 12 pitch classes, given the key's scale. */
export function chordToneLogProbabilities(chord: KeyedChord, scalePitchClasses: readonly number[]): Float64Array {
	const weights = new Float64Array(12);
	for (let pc = 0; pc < 12; pc++) {
		const place = chord.pitchClasses.indexOf(pc);
		weights[pc] = place >= 0 ? CHORD_TONE_WEIGHTS[place] : scalePitchClasses.includes(pc) ? SCALE_TONE_WEIGHT : CHROMATIC_TONE_WEIGHT;
	}
	// Normalising makes a four-note chord pay for explaining more pitch classes, so a plain triad wins
	// unless the melody actually uses the seventh.
	const total = weights.reduce((a, b) => a + b, 0);
	return weights.map((w) => Math.log(w / total));
}

/**
 * Log-likelihood of a slot's melody under a chord: `melodyWeight × coverage' × Σ histogram·logP`,
 * where coverage' = min(1, 2 × coverage) lets a half-filled slot count fully and a stray pickup little.
 */
export function observationLogLikelihood(evidence: SlotEvidence, logProbabilities: Float64Array, melodyWeight: number): number {
	let sum = 0;
	for (let pc = 0; pc < 12; pc++) if (evidence.histogram[pc] > 0) sum += evidence.histogram[pc] * logProbabilities[pc];
	return melodyWeight * Math.min(1, 2 * evidence.coverage) * sum;
}
