import type { PitchClassName } from './units';

/**
 * A frame-wise fundamental-frequency track. Frame `i` is centred at `i * hopSeconds`
 * (or at `timesSeconds[i]` when present).
 */
export interface F0Track {
	/** Seconds between frames. */
	hopSeconds: number;
	/** Frame centre times in seconds; absent means `i * hopSeconds`. */
	timesSeconds?: Float64Array;
	/**
	 * Best pitch estimate per frame in Hz. In voiced frames it is the decoded pitch; in
	 * unvoiced frames it is still the most likely pitch candidate when the frame had one
	 * (useful for raw-pitch metrics and for drawing faint contours), and 0 when it had none.
	 * Always test `voiced[i]` before treating a value as sung pitch.
	 */
	f0Hz: Float32Array;
	/** Probability 0..1 that the frame is pitched, from the YIN threshold distribution (before the HMM). */
	voicedProb: Float32Array;
	/** 1 where the HMM decided the frame is voiced, 0 otherwise. */
	voiced: Uint8Array;
}

/** One sung note. */
export interface NoteEvent {
	onsetSeconds: number;
	offsetSeconds: number;
	/** Fractional MIDI pitch: the median of the note's f0 (69 = A4). */
	midiPitch: number;
	/** 0..1: how sure the segmenter is that this is a sung note (voicing × pitch stability). */
	confidence: number;
	/**
	 * Pitch-bend curve: cents from `midiPitch`, one value every `PITCH_BEND_STEP_SECONDS` (0.02 s)
	 * from the onset (scoops, vibrato, glides). Absent on notes that were not measured from an f0 track.
	 */
	bendCents?: number[];
}

/** How the singer's tuning moves during a take (see tuning-drift.ts). */
export interface TuningDrift {
	/** Linear trend, cents per minute (negative: going flat). */
	centsPerMinute: number;
	/** Windowed tuning, cents from A440, along the take. */
	points: Array<{ timeSeconds: number; cents: number }>;
}

export type KeyMode = 'major' | 'minor';

export interface KeyEstimate {
	tonic: PitchClassName;
	/** 0..11, 0 = C. */
	tonicPitchClass: number;
	mode: KeyMode;
	/** e.g. "A minor". */
	name: string;
	/** 0..1: margin of the best key over the runner-up, scaled. */
	confidence: number;
}

export interface TempoEstimate {
	/** Beats per minute. */
	bpm: number;
	/** 0..1. */
	confidence: number;
	/** Beat positions covering the notes, in seconds. */
	beatTimesSeconds: number[];
}

/** Where the motif sits in `notes` (see motif.ts); the notes themselves are `notes.slice(startIndex, endIndex)`. */
export interface MotifSpan {
	startIndex: number;
	endIndex: number;
	/** Start indices of every non-overlapping occurrence. */
	occurrences: number[];
	reason: 'repeated' | 'opening-phrase';
}

export interface MelodyAnalysis {
	/** Analysis engine and version; bumped whenever results change. */
	engine: string;
	f0: F0Track;
	notes: NoteEvent[];
	key: KeyEstimate | null;
	tempo: TempoEstimate | null;
	/** Singer's global tuning offset from A440 equal temperament, cents in [-50, 50). */
	tuningCents: number;
	/** How the tuning moves during the take; null for short takes or few notes. */
	tuningDrift: TuningDrift | null;
	/** The hummed motif for the composer to develop; null when there are too few notes. */
	motif: MotifSpan | null;
	/**
	 * True when other notes sound under the voice (a song with a backing): the notes then follow the
	 * predominant melody. Null when not measured (the f0-only engine cannot tell).
	 */
	accompanied: boolean | null;
	/** Null when a melody was found; otherwise a sentence for the user, starting "No melody found: ". */
	message: string | null;
}
