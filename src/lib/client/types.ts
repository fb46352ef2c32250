import type { AnalysisProgress, TakeRecord } from '../take/types';

/**
 * The analysis result as the API sends it (JSON): the browser's view of the melody analysis.
 * Kept here, beside the code that reads it, so the UI builds against the HTTP contract rather
 * than the worker's in-memory types.
 */
export interface MelodyAnalysisJson {
	engine: string;
	f0: {
		/** Seconds between consecutive frames. */
		hopSeconds: number;
		/** Fundamental frequency per frame, Hz (0 or any value where unvoiced). */
		f0Hz: number[];
		/** Voicing probability per frame, 0..1. */
		voicedProb: number[];
		/** Voicing decision per frame, 0 or 1. */
		voiced: number[];
	};
	notes: AnalysisNote[];
	key: { tonic: string; mode: 'major' | 'minor'; name: string; confidence: number } | null;
	tempo: { bpm: number; confidence: number; beatTimesSeconds: number[] } | null;
	/** Deviation of the singer's tuning from A4 = 440 Hz, cents. */
	tuningCents: number;
	/** A sentence for the user when the analysis found little (e.g. no melody), else null. */
	message: string | null;
}

export interface AnalysisNote {
	onsetSeconds: number;
	offsetSeconds: number;
	/** MIDI pitch, fractional for cents (60.25 = C4 + 25 cents). */
	midiPitch: number;
	/** 0..1. */
	confidence: number;
}

/** `GET /api/takes/:id`. */
export interface TakeResponse {
	take: TakeRecord;
	progress: AnalysisProgress;
	analysis: MelodyAnalysisJson | null;
}
