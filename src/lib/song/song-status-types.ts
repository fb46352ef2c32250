/**
 * A song's progress as the server reports it and the page shows it (GET /api/songs/:id/events):
 * the stages from the take's analysis to the mastered mix, and each phrase of the vocal as it is
 * sung.
 */
import type { StudioErrorJson } from '../take/types';

export type SongStageName = 'analyse' | 'compose' | 'sing' | 'backing' | 'mix';

export interface SongStageState {
	stage: SongStageName;
	/** 0–1. */
	fraction: number;
	done: boolean;
}

export interface SongPhraseStatus {
	index: number;
	text: string;
	startSeconds: number;
	endSeconds: number;
	/** Where the phrase's audio starts (its first consonants come before its first note), s. */
	renderStartSeconds: number;
	ready: boolean;
}

export interface SongStatus {
	songId: string;
	/** The revision asked for last, and the one whose composition is stored (null: not yet). */
	revision: number;
	composedRevision: number | null;
	stages: SongStageState[];
	phrases: SongPhraseStatus[];
	vocalId: string | null;
	mixId: string | null;
	/** Set when a stage failed for good. */
	error: StudioErrorJson | null;
}
