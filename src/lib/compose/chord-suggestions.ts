/**
 * Chords to suggest for one bar in the chord picker, from the harmoniser's own model (harmony.ts):
 * each chord the bar's style uses in the key is scored as the Viterbi decoder would weigh it in
 * that place — how well the bar's melody fits it (the observation model) plus how likely the step
 * from the chord before the bar into it and from it to the chord after the bar are (the
 * transitions) — and the best few are offered, best first.
 */
import { ticksPerBar, type Song, type StyleName } from '../song/types';
import type { KeyedChord } from './chords';
import { observationLogLikelihood, slotEvidence } from './harmony-observation';
import { harmonyModel } from './harmony';

/** Melody weight harmonize() uses by default: the same balance of melody against progression. */
const MELODY_WEIGHT = 4;
export const DEFAULT_SUGGESTIONS = 4;

export interface ChordSuggestion {
	numeral: string;
	rootPitchClass: number;
	quality: KeyedChord['quality'];
	/** Log-score under the model (melody fit + transitions in and out); higher fits better. */
	logScore: number;
	/** Share of the probability among all the style's chords for this bar, 0–1. */
	probability: number;
}

export type SuggestInput = Pick<Song, 'melody' | 'chords' | 'key' | 'timeSignature' | 'style' | 'sections'>;

/** The style a bar is arranged in: its section's own, else the song's. */
export function styleOfBar(song: Pick<Song, 'style' | 'sections'>, bar: number): StyleName {
	return song.sections.find((s) => bar >= s.startBar && bar < s.startBar + s.bars)?.style ?? song.style;
}

/** The `count` chords that fit bar `bar` best, best first. Throws RangeError for a bar outside the song. */
export function suggestBarChords(song: SuggestInput, bar: number, count = DEFAULT_SUGGESTIONS): ChordSuggestion[] {
	const bars = song.sections.reduce((n, s) => Math.max(n, s.startBar + s.bars), 0);
	if (!Number.isInteger(bar) || bar < 0 || bar >= bars) throw new RangeError(`bar ${bar} is outside 0–${bars - 1}`);
	const model = harmonyModel(song.key, styleOfBar(song, bar));
	const tpb = ticksPerBar(song.timeSignature);
	const [from, to] = [bar * tpb, (bar + 1) * tpb];
	const chordAt = (ticks: number) => song.chords.find((c) => c.startTicks <= ticks && c.startTicks + c.durationTicks > ticks);
	// A neighbour the style's vocabulary lacks is matched by what it sounds like (root and quality).
	const indexOf = (ticks: number): number => {
		const chord = chordAt(ticks);
		if (!chord) return -1;
		const byNumeral = model.chords.findIndex((c) => c.numeral === chord.numeral);
		return byNumeral >= 0 ? byNumeral : model.chords.findIndex((c) => c.rootPitchClass === chord.rootPitchClass && c.quality === chord.quality);
	};
	const before = bar > 0 ? indexOf(from - 1) : -1;
	const after = bar < bars - 1 ? indexOf(to) : -1;
	const evidence = slotEvidence(song.melody, from, to, song.timeSignature);
	const scores = model.chords.map((_, j) => {
		const into = before >= 0 ? model.logTransition[before][j] : Math.log(model.prior[j]);
		const onward = after >= 0 ? model.logTransition[j][after] : 0;
		return observationLogLikelihood(evidence, model.logToneProbabilities[j], MELODY_WEIGHT) + into + onward;
	});
	const best = Math.max(...scores);
	const total = scores.reduce((sum, s) => sum + Math.exp(s - best), 0);
	return model.chords
		.map((chord, j) => ({ numeral: chord.numeral, rootPitchClass: chord.rootPitchClass, quality: chord.quality, logScore: scores[j], probability: Math.exp(scores[j] - best) / total }))
		.sort((a, b) => b.logScore - a.logScore)
		.slice(0, Math.max(0, count));
}

