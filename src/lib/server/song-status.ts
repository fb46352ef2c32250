/**
 * Where a song stands, for the studio page's progress bars and its event stream: read from the
 * artifacts in storage (what exists is done) and, for failures, from the failure stored with the
 * revision (falling back to the jobs in Redis), so a song whose jobs Redis forgot still shows why.
 */
import type { SongPhraseStatus, SongStageState, SongStatus } from '../song/song-status-types';
import type { AnalysisProgress, StudioErrorJson } from '../take/types';
import { backingAudioKey, fullVocalKey, mixFileKey, phraseAudioKey, vocalPlanKey } from './keys';
import type { VocalPlan } from './sing-stage';
import { getSongFailure } from './song-failures';
import { getComposedSong, type ComposedSong, type SongRecord } from './songs';
import { getJson, type BlobStore } from './storage';

export type { SongPhraseStatus, SongStageName, SongStageState, SongStatus } from '../song/song-status-types';

/** A job's failure, if it failed for good: reads the compose and mix jobs of a revision. */
export type JobFailure = (stage: 'compose' | 'mix', songId: string, revision: number) => Promise<StudioErrorJson | null>;

export const MIX_FILE = { mix: 'mix.wav', vocalStem: 'vocal.wav', backingStem: 'backing.wav', mp3: 'mix.mp3', midi: 'song.mid', report: 'report.json' } as const;

/**
 * `analysis` reports the take's analysis (a song may be asked for while it still runs: its compose
 * job waits for it), so one page shows every stage from the analysis to the mix.
 */
export async function songStatus(store: BlobStore, record: SongRecord, failure: JobFailure, analysis: () => Promise<AnalysisProgress>): Promise<SongStatus> {
	const composed: ComposedSong | null = await getComposedSong(store, record.id, record.revision);
	const stored = (await getSongFailure(store, record.id, record.revision))?.error ?? null;
	const base: SongStatus = { songId: record.id, revision: record.revision, composedRevision: null, stages: [], phrases: [], vocalId: null, mixId: null, error: null };
	if (!composed) {
		const progress = await analysis();
		const analysed = progress.status === 'completed';
		const analyseStage: SongStageState = { stage: 'analyse', fraction: analysed ? 1 : progress.fraction, done: analysed };
		const error = progress.status === 'failed' && progress.error ? progress.error : (stored ?? (await failure('compose', record.id, record.revision)));
		return { ...base, stages: [analyseStage, ...stagesOf(false, 0, false, false)], error };
	}
	let phrases: SongPhraseStatus[] = [];
	let vocalDone = true;
	if (composed.vocalId) {
		const plan = await getJson<VocalPlan>(store, vocalPlanKey(composed.vocalId));
		if (!plan) {
			// Its voice was deleted, and with it the vocal and the mixes it was sung in.
			const error = { code: 'voice_deleted', message: 'The voice this song was sung with was deleted, with its vocal and mixes. Edit the song to make it again without that voice.' };
			return { ...base, composedRevision: composed.revision, stages: [{ stage: 'analyse', fraction: 1, done: true }, ...stagesOf(true, 0, await store.has(backingAudioKey(composed.backingId)), false)], error };
		}
		phrases = await Promise.all(
			plan.phrases.map(async (p) => ({ index: p.index, text: p.text, startSeconds: p.startSeconds, endSeconds: p.endSeconds, renderStartSeconds: p.renderStartSeconds, ready: await store.has(phraseAudioKey(p.id)) }))
		);
		vocalDone = await store.has(fullVocalKey(composed.vocalId));
	}
	const singFraction = phrases.length ? phrases.filter((p) => p.ready).length / phrases.length : 1;
	const backingDone = await store.has(backingAudioKey(composed.backingId));
	const mixDone = await store.has(mixFileKey(composed.mixId, MIX_FILE.report));
	return {
		...base,
		composedRevision: composed.revision,
		stages: [{ stage: 'analyse', fraction: 1, done: true }, ...stagesOf(true, vocalDone ? 1 : singFraction, backingDone, mixDone)],
		phrases,
		vocalId: composed.vocalId,
		mixId: composed.mixId,
		error: mixDone ? null : (stored ?? (await failure('mix', record.id, record.revision)))
	};
}

function stagesOf(composed: boolean, singFraction: number, backing: boolean, mix: boolean): SongStageState[] {
	return [
		{ stage: 'compose', fraction: composed ? 1 : 0, done: composed },
		{ stage: 'sing', fraction: composed ? singFraction : 0, done: composed && singFraction >= 1 },
		{ stage: 'backing', fraction: backing ? 1 : 0, done: backing },
		{ stage: 'mix', fraction: mix ? 1 : 0, done: mix }
	];
}
