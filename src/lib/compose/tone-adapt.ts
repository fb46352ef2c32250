/**
 * Bending a composed melody to a Cantonese lyric's tones with the fewest, smallest changes. For each
 * phrase, a Viterbi search (Viterbi 1967; the usual min-sum dynamic programme over a chain) picks
 * one pitch per syllable among the in-key pitches within a fifth of the composed one, minimising
 *   distance from the composed pitches (so the tune stays recognisable)
 *   + a large cost where the step between two syllables goes against their tones (cantonese-tones.ts)
 *   + a cost for leaps wider than a fifth and for notes outside the singer's range.
 * A melisma's notes move with their syllable, by the same number of scale steps, so they stay in key.
 */
import type { SongKey, SongNote } from '../song/types';
import type { MidiRange } from './melody-types';
import { assertKey, melodicScaleForm, SCALE_SEMITONES } from './scale';
import { directionOf, syllableToneClass, toneClashes, toneDirectionAgreement, type ToneClash, type ToneClass } from './cantonese-tones';

export interface ToneAdaptWeights {
	/** Each semitone any note moves from its composed pitch. Default 1. */
	distance: number;
	/** A step against the tones (up where they fall, down where they rise). Default 100. */
	wrongDirection: number;
	/** The same pitch where the tones change level. Default 80. */
	flatForChange: number;
	/** Equal tones sung a step apart (≤ 2 semitones): a clash, but the mildest one. Default 60. */
	stepForLevel: number;
	/** Each semitone of a leap beyond `maxLeapSemitones` between sung notes of a phrase. Default 5. */
	leap: number;
	/** Each semitone a note lies outside the range. Default 50. */
	range: number;
}

export const DEFAULT_TONE_ADAPT_WEIGHTS: Readonly<ToneAdaptWeights> = {
	distance: 1,
	wrongDirection: 100,
	flatForChange: 80,
	stepForLevel: 60,
	leap: 5,
	range: 50
};

export interface AdaptMelodyToTonesOptions {
	/** Farthest a syllable's pitch may move from the composed one, semitones (default 7, a fifth). */
	maxShiftSemitones?: number;
	/** Widest leap between consecutive sung notes without cost, semitones (default 7, a fifth). */
	maxLeapSemitones?: number;
	/** Pitch classes a moved note may take (default: the key's melodic scale, major or natural minor, as in scale.ts). A note that is not moved keeps its pitch, even a chromatic one. */
	pitchClasses?: readonly number[];
	/** Costs (defaults: DEFAULT_TONE_ADAPT_WEIGHTS). */
	weights?: Partial<ToneAdaptWeights>;
}

export interface ToneAdaptResult {
	notes: SongNote[];
	/** Tone-direction agreement (0–1) of the melody given and of the result; null without syllable pairs. */
	agreementBefore: number | null;
	agreementAfter: number | null;
	/** Clashes left in the result. */
	clashes: ToneClash[];
	/** Notes whose pitch changed. */
	changedNotes: number;
	/** Mean |new − composed pitch| over all notes, semitones. */
	meanAbsDeltaSemitones: number;
}

/** Pitch classes of the scale melodies are written in (scale.ts: major, or natural minor). */
function melodicPitchClasses(key: SongKey): number[] {
	return SCALE_SEMITONES[melodicScaleForm(key)].map((step) => (key.tonicPitchClass + step) % 12);
}

/** A syllable and the notes it is sung on: its first note, then its melisma notes. */
interface Group {
	noteIndices: number[];
	toneClass: ToneClass | undefined;
}

/** A candidate for a group: the pitches of all its notes. */
type Candidate = number[];

/** The in-scale MIDI pitches 0–127 in order, for moving a melisma by scale steps. */
class ScaleLadder {
	private readonly pitches: number[] = [];
	private readonly inScale: boolean[];
	constructor(pitchClasses: readonly number[]) {
		this.inScale = Array.from({ length: 12 }, (_, pc) => pitchClasses.includes(pc));
		for (let p = 0; p <= 127; p++) if (this.has(p)) this.pitches.push(p);
		if (this.pitches.length === 0) throw new RangeError('The allowed pitch classes are empty: give at least one of 0–11.');
	}
	has(pitch: number): boolean {
		return this.inScale[((pitch % 12) + 12) % 12];
	}
	/** Ladder index of the in-scale pitch at or below `pitch` (0 below the lowest). */
	indexAtOrBelow(pitch: number): number {
		let index = 0;
		while (index + 1 < this.pitches.length && this.pitches[index + 1] <= pitch) index++;
		return index;
	}
	/** The in-scale pitch at `index`, clamped to the ladder. */
	pitchAt(index: number): number {
		return this.pitches[Math.max(0, Math.min(this.pitches.length - 1, index))];
	}
}

function validate(key: SongKey, range: MidiRange, maxShift: number, maxLeap: number) {
	assertKey(key);
	if (!(range.low <= range.high)) throw new RangeError(`Range ${range.low}–${range.high} is empty: low must not be above high (MIDI pitches).`);
	if (!(maxShift >= 0) || !(maxLeap >= 0)) throw new RangeError(`maxShiftSemitones ${maxShift} and maxLeapSemitones ${maxLeap} must be ≥ 0.`);
}

/**
 * Moves the pitches of `notes` (a melody with syllables set, e.g. by fitLyricsToMelody) as little as
 * possible so that the steps between adjacent syllables of each phrase follow the Cantonese tones.
 * Notes keep their times, syllables and phrases; only `midiPitch` changes.
 */
export function adaptMelodyToTones(notes: readonly SongNote[], key: SongKey, rangeMidi: MidiRange, options: AdaptMelodyToTonesOptions = {}): ToneAdaptResult {
	const maxShift = options.maxShiftSemitones ?? 7;
	const maxLeap = options.maxLeapSemitones ?? 7;
	const w: ToneAdaptWeights = { ...DEFAULT_TONE_ADAPT_WEIGHTS, ...options.weights };
	validate(key, rangeMidi, maxShift, maxLeap);
	const ladder = new ScaleLadder(options.pitchClasses ?? melodicPitchClasses(key));
	const result: SongNote[] = notes.map((n) => ({ ...n }));

	// Groups per phrase: each syllable with its melisma notes.
	const phrases: Group[][] = [];
	let current: Group[] = [];
	notes.forEach((note, i) => {
		const newPhrase = i > 0 && note.phrase !== notes[i - 1].phrase;
		if (newPhrase && current.length > 0) {
			phrases.push(current);
			current = [];
		}
		if (note.syllable) current.push({ noteIndices: [i], toneClass: syllableToneClass(note.syllable) });
		else if (current.length > 0 && !newPhrase) current[current.length - 1].noteIndices.push(i);
		// A continuation with no syllable before it in its phrase keeps its pitch.
	});
	if (current.length > 0) phrases.push(current);

	const outside = (p: number) => (p < rangeMidi.low ? rangeMidi.low - p : p > rangeMidi.high ? p - rangeMidi.high : 0);

	/** Candidates of a group: its first note on each allowed pitch within maxShift, the melisma moved by as many scale steps. */
	const candidatesOf = (group: Group): { pitches: Candidate; cost: number }[] => {
		const composed = group.noteIndices.map((i) => notes[i].midiPitch);
		const first = composed[0];
		const list: { pitches: Candidate; cost: number }[] = [];
		for (let target = first - maxShift; target <= first + maxShift; target++) {
			if (target !== first && !ladder.has(target)) continue;
			const steps = ladder.indexAtOrBelow(target) - ladder.indexAtOrBelow(first);
			const pitches = composed.map((p, k) => {
				if (k === 0) return target;
				if (target === first) return p;
				return ladder.has(p) ? ladder.pitchAt(ladder.indexAtOrBelow(p) + steps) : p + (target - first);
			});
			const cost = pitches.reduce((sum, p, k) => sum + w.distance * Math.abs(p - composed[k]) + w.range * outside(p), 0);
			list.push({ pitches, cost });
		}
		return list;
	};

	/** Cost of singing group b on `to` right after group a on `from`. */
	const stepCost = (a: Group, from: Candidate, b: Group, to: Candidate): number => {
		let cost = 0;
		const leap = Math.abs(to[0] - from[from.length - 1]);
		if (leap > maxLeap) cost += w.leap * (leap - maxLeap);
		if (a.toneClass === undefined || b.toneClass === undefined) return cost;
		const expected = directionOf(a.toneClass, b.toneClass);
		const actual = directionOf(from[0], to[0]);
		if (expected === actual) return cost;
		if (expected === 'same') return cost + (Math.abs(to[0] - from[0]) <= 2 ? w.stepForLevel : w.wrongDirection);
		return cost + (actual === 'same' ? w.flatForChange : w.wrongDirection);
	};

	for (const groups of phrases) {
		const candidates = groups.map(candidatesOf);
		// Viterbi: best[g][c] = cheapest cost of groups 0..g with group g on candidate c.
		let best = candidates[0].map((c) => c.cost);
		const back: number[][] = [candidates[0].map(() => -1)];
		for (let g = 1; g < groups.length; g++) {
			const next: number[] = [];
			const from: number[] = [];
			candidates[g].forEach((cand) => {
				let bestCost = Infinity;
				let bestFrom = 0;
				candidates[g - 1].forEach((prev, c) => {
					const total = best[c] + stepCost(groups[g - 1], prev.pitches, groups[g], cand.pitches);
					if (total < bestCost) {
						bestCost = total;
						bestFrom = c;
					}
				});
				next.push(bestCost + cand.cost);
				from.push(bestFrom);
			});
			best = next;
			back.push(from);
		}
		let choice = best.indexOf(Math.min(...best));
		for (let g = groups.length - 1; g >= 0; g--) {
			candidates[g][choice].pitches.forEach((pitch, k) => (result[groups[g].noteIndices[k]].midiPitch = pitch));
			choice = back[g][choice];
		}
	}

	const deltas = result.map((n, i) => Math.abs(n.midiPitch - notes[i].midiPitch));
	return {
		notes: result,
		agreementBefore: toneDirectionAgreement(notes),
		agreementAfter: toneDirectionAgreement(result),
		clashes: toneClashes(result),
		changedNotes: deltas.filter((d) => d > 0).length,
		meanAbsDeltaSemitones: deltas.length === 0 ? 0 : deltas.reduce((a, b) => a + b, 0) / deltas.length
	};
}
