/**
 * Types shared by the melody composer's files: the motif it develops, its input and options, and what
 * it returns. Times are ticks (PPQ 480) and pitches MIDI numbers, as in the Song.
 */
import type { SongKey, SongNote, SongSection, TimeSignature } from '../song/types';
import type { SongWarning } from './song-warning';

/** One note of a motif, ticks from the motif's first onset. */
export interface MotifNote {
	offsetTicks: number;
	durationTicks: number;
	/** Integer MIDI number on the motif key's scale. */
	midiPitch: number;
}

/** A melodic idea (2–32 notes, up to four bars: a hummed phrase) for the composer to develop. */
export interface MelodicMotif {
	/** In time order, first at offset 0, none overlapping. */
	notes: MotifNote[];
	/** From the first onset to the end of the last note, ticks. */
	lengthTicks: number;
	/** Key the pitches belong to; the composer moves them to the song's key by scale degree. */
	key: SongKey;
	/** Tempo the ticks were measured at, bpm. */
	tempoBpm: number;
	/** Quantised from the user's hum, or a built-in motif used when the hum had too few notes. */
	source: 'hum' | 'stock';
}

/** Inclusive MIDI range. */
export interface MidiRange {
	low: number;
	high: number;
}

/**
 * How one statement of the motif was developed (after Schoenberg, "Fundamentals of Musical
 * Composition", 1967, ch. 2–5; Caplin, "Classical Form", 1998, on the sentence):
 * - `repeat`: the motif as is (possibly an octave away);
 * - `sequence`: moved up or down by scale steps (diatonic transposition);
 * - `inversion`: intervals mirrored about its first note (diatonically);
 * - `rhythm`: same pitches in a varied rhythm (a note split, or an even pair dotted);
 * - `augmentation`: every duration doubled;
 * - `fragment`: its first half, usually in sequence, to drive toward the cadence.
 */
export type DevelopmentKind = 'repeat' | 'sequence' | 'inversion' | 'rhythm' | 'augmentation' | 'fragment';

/**
 * How a phrase ends: `final` on the tonic on a downbeat (the song's last phrase); `closed` on a
 * stable degree (1, 3 or 5); `half` on degree 2 or 5 (a half cadence, open, mid-section only).
 */
export type PhraseCadence = 'final' | 'closed' | 'half';

export interface ComposeMelodyInput {
	/** The motif to develop; null uses `stockMotif(key)`. */
	motif: MelodicMotif | null;
	key: SongKey;
	/** Song tempo, bpm, 30..300. */
	tempoBpm: number;
	/** Default 4/4. */
	timeSignature?: TimeSignature;
	/** The user's measured singing range (e.g. from their hum), inclusive MIDI numbers. */
	rangeMidi: MidiRange;
	/** Length of the melody in bars: an even number from 8 to 16 (default 16). */
	bars?: number;
	/** Any finite integer; with `candidate` it fixes the melody. */
	seed: number;
	/** Which of the seed's candidates, 0..999 (default 0); "another melody" is the next one. */
	candidate?: number;
}

export interface ComposeMelodyOptions {
	/** Rest before each phrase's next phrase, ticks (default 480, a quarter; at least 240, an eighth). */
	breathTicks?: number;
	/** Shortest note, ticks (default 120, a sixteenth, up to 120 bpm; 240, an eighth, above). */
	minNoteTicks?: number;
	/** Ranges narrower than this are widened symmetrically to it, semitones (default 9, a major sixth). */
	minRangeSemitones?: number;
	/** How far notes may go beyond the (widened) range, semitones (default 2). */
	rangeMarginSemitones?: number;
	/** Chance that an approach note a whole tone from the next note gets a chromatic passing tone (default 0.15). */
	chromaticPassingToneRate?: number;
	/** Most chromatic (out-of-key) notes, as a fraction of all notes (default 0.04). */
	maxOutOfKeyRatio?: number;
	/** In minor keys, raise degree 7 where it steps up to the tonic at a cadence (default true). */
	raiseLeadingToneInMinor?: boolean;
	/** Drafts ranked together: candidates come best-first in blocks of this many (default 4). */
	draftsPerBlock?: number;
	/**
	 * How statements of the motif may be transposed: 'octave' (default) keeps every interval as
	 * hummed; 'scale-degree' also moves it along the scale (a diatonic sequence: the same
	 * scale-degree pattern, its semitone sizes following the key).
	 */
	motifTransposition?: 'octave' | 'scale-degree';
	/** Most equal pitches in a row (default 3; a hum with a longer run raises it to that run). */
	maxRepeatedNotes?: number;
	/** Longest motif, bars; later notes are left out (default 4). */
	maxMotifBars?: number;
	/** The motif returns, literally (an octave away at most), in the chorus (default true). */
	restateMotifInChorus?: boolean;
}

/** Where the motif was stated and how it was developed. */
export interface MotifStatement {
	phrase: number;
	startTicks: number;
	kind: DevelopmentKind;
	/** Scale steps from the motif's first position in the song. */
	transposeSteps: number;
}

export interface PhraseSummary {
	index: number;
	/** First bar, from 0. */
	startBar: number;
	bars: number;
	cadence: PhraseCadence;
	/** Scale degree (1..7) of the phrase's last note. */
	endDegree: number;
}

export interface ComposedMelody {
	/** Notes in time order, `syllable` null (lyrics are fitted later), `phrase` set. */
	melody: SongNote[];
	/** Verse then chorus, covering every bar. */
	sections: SongSection[];
	/** What the composer had to change, for the user (e.g. a widened range). */
	warnings: SongWarning[];
	seed: number;
	candidate: number;
	/** The range actually composed for, after widening; notes stay within it ± the margin. */
	rangeMidi: MidiRange;
	phrases: PhraseSummary[];
	statements: MotifStatement[];
	/** Higher is better (motif kept, chorus climbs, few leaps); ranks a block of drafts. */
	score: number;
}
