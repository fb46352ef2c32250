/**
 * A student's stage on the teacher's dashboard, from what the studio knows of their latest take and
 * song (the same sources as the student's own page), so teacher and student never disagree.
 */
import type { SongStatus } from '../song/song-status-types';
import type { AnalysisProgress } from '../take/types';
import type { StudentStageView } from './types';

/** A "recording" note older than this is stale (the student closed the page mid-take), ms. */
export const RECORDING_NOTE_TTL_MS = 10 * 60_000;

export interface StudentFacts {
	/** When the student's page last said it started recording (ms), or null. */
	recordingSinceMs: number | null;
	/** The latest take: its id, when it was made (ms) and its analysis. */
	take: { id: string; createdAtMs: number; progress: AnalysisProgress } | null;
	/** The latest song made from that take, with its status. */
	song: { id: string; status: SongStatus } | null;
	nowMs: number;
}

export function studentStage(facts: StudentFacts): StudentStageView {
	const { take, song } = facts;
	const recording = facts.recordingSinceMs !== null && facts.nowMs - facts.recordingSinceMs < RECORDING_NOTE_TTL_MS && (take === null || facts.recordingSinceMs > take.createdAtMs);
	const base = { takeId: take?.id ?? null, songId: song?.id ?? null, firstPhraseReady: false, error: null };
	if (recording) return { ...base, stage: 'recording' };
	if (!take) return { ...base, stage: 'joined' };
	if (take.progress.status === 'failed') return { ...base, stage: 'failed', error: take.progress.error ?? null };
	if (!song) return { ...base, stage: take.progress.status === 'completed' ? 'singing' : 'analysing' };
	const status = song.status;
	const firstPhraseReady = status.phrases.length > 0 && status.phrases.some((p) => p.ready);
	const done = (name: string) => status.stages.find((s) => s.stage === name)?.done ?? false;
	if (done('mix')) return { ...base, stage: 'ready', firstPhraseReady: true };
	if (status.error) return { ...base, stage: 'failed', error: status.error, firstPhraseReady };
	if (!done('analyse')) return { ...base, stage: 'analysing' };
	if (done('compose') && done('sing')) return { ...base, stage: 'mixing', firstPhraseReady };
	return { ...base, stage: 'singing', firstPhraseReady };
}
