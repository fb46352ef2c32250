/**
 * The melody analysis of a take: f0 (pYIN + HMM) → notes → tuning, key, tempo. Pure; a
 * worker calls it and streams `onProgress`.
 */
import { rmsEnvelope } from './envelope';
import { assertSampleRate } from './errors';
import { estimateKey } from './key';
import { findMotif } from './motif';
import { segmentNotes, type SegmentNotesOptions } from './notes';
import { estimateF0, type EstimateF0Options } from './pyin';
import { estimateTempo, type EstimateTempoOptions } from './tempo';
import { withPitchBends } from './pitch-bend';
import { estimateTuningCents } from './tuning';
import { estimateTuningDrift } from './tuning-drift';
import type { F0Track, MelodyAnalysis, NoteEvent } from './types';

/** Engine id stored with every analysis; bump the version whenever results change. */
export const MELODY_ENGINE = 'pyin-hmm@5';

export type MelodyStage = 'pitch' | 'notes';

export interface AnalyzeMelodyOptions {
	/** Progress per stage, fraction 0..1 within the stage. */
	onProgress?: (stage: MelodyStage, fraction: number) => void;
	f0?: Omit<EstimateF0Options, 'onProgress'>;
	notes?: Omit<SegmentNotesOptions, 'rms'>;
	tempo?: EstimateTempoOptions;
	/** Notes below this confidence are not part of the melody (default 0.5). */
	minNoteConfidence?: number;
	/** Fewer notes than this is "no melody" unless one of them is held for a second or more (default 3). */
	minMelodyNotes?: number;
	/** Less total note time than this is "no melody", s (default 1). */
	minMelodySeconds?: number;
}

export function analyzeMelody(x: Float32Array, sampleRate: number, options: AnalyzeMelodyOptions = {}): MelodyAnalysis {
	assertSampleRate(sampleRate);
	const progress = options.onProgress;
	progress?.('pitch', 0);
	const f0 = estimateF0(x, sampleRate, { ...options.f0, onProgress: progress ? (f) => progress('pitch', f) : undefined });
	progress?.('notes', 0);
	const rms = rmsEnvelope(x, sampleRate, { hopSeconds: f0.hopSeconds });
	const candidates = segmentNotes(f0, { ...options.notes, rms });
	return melodyFromNotes(MELODY_ENGINE, f0, candidates, options);
}

/** Options of `melodyFromNotes`: the "is it a melody" limits, tempo options and progress. */
export type MelodyFromNotesOptions = Pick<AnalyzeMelodyOptions, 'onProgress' | 'tempo' | 'minNoteConfidence' | 'minMelodyNotes' | 'minMelodySeconds'>;

/**
 * The shared second half of every melody engine: confident candidate notes → "no melody" checks
 * (with a message), tuning, key, tempo and motif. Reports progress 0.5 and 1 of the 'notes' stage.
 */
export function melodyFromNotes(engine: string, f0: F0Track, candidates: NoteEvent[], options: MelodyFromNotesOptions = {}): MelodyAnalysis {
	const progress = options.onProgress;
	const minConfidence = options.minNoteConfidence ?? 0.5;
	const notes: NoteEvent[] = candidates.filter((n) => n.confidence >= minConfidence);
	progress?.('notes', 0.5);
	const noteSeconds = notes.reduce((s, n) => s + n.offsetSeconds - n.onsetSeconds, 0);
	const empty = (message: string): MelodyAnalysis => {
		progress?.('notes', 1);
		return { engine, f0, notes: [], key: null, tempo: null, tuningCents: 0, tuningDrift: null, motif: null, accompanied: null, message };
	};
	if (notes.length === 0) {
		return empty(
			candidates.length === 0
				? 'No melody found: the recording has no sustained pitched sound. Hum or sing a tune closer to the microphone.'
				: 'No melody found: the pitch never held steady long enough to form notes (speech or noise?). Hum the tune on a steady "mm" or "la".'
		);
	}
	// A few short blips are not a melody, but two long held notes are: too few notes only counts
	// against a take when none of them is held for a second.
	const longestSeconds = notes.reduce((m, n) => Math.max(m, n.offsetSeconds - n.onsetSeconds), 0);
	if ((notes.length < (options.minMelodyNotes ?? 3) && longestSeconds < 1) || noteSeconds < (options.minMelodySeconds ?? 1)) {
		return empty(
			`No melody found: only ${notes.length} short note${notes.length === 1 ? '' : 's'} (${noteSeconds.toFixed(1)} s) were heard. Hum a longer phrase.`
		);
	}
	const tuningCents = estimateTuningCents(notes);
	const tuningDrift = estimateTuningDrift(notes, tuningCents);
	const key = estimateKey(notes, { tuningCents });
	const tempo = estimateTempo(notes, options.tempo);
	const found = findMotif(notes);
	const motif = found && { startIndex: found.startIndex, endIndex: found.endIndex, occurrences: found.occurrences, reason: found.reason };
	progress?.('notes', 1);
	return { engine, f0, notes: withPitchBends(notes, f0), key, tempo, tuningCents, tuningDrift, motif, accompanied: null, message: null };
}
