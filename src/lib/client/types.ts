import type { MelodyAnalysisJson } from '../pitch/serialize';
import type { AnalysisProgress, TakeRecord } from '../take/types';

/** The analysis result as the API sends it (JSON), the same type the worker stores. */
export type { MelodyAnalysisJson } from '../pitch/serialize';
/** A detected note: onset/offset in seconds, fractional MIDI pitch (60.25 = C4 + 25 cents), confidence 0..1. */
export type { NoteEvent as AnalysisNote } from '../pitch/types';

/** `GET /api/takes/:id`. */
export interface TakeResponse {
	take: TakeRecord;
	progress: AnalysisProgress;
	analysis: MelodyAnalysisJson | null;
}
