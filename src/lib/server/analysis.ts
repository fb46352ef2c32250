import { MELODY_ENGINE, analyzeMelody, serializeAnalysis, type MelodyAnalysisJson } from '../pitch';
import type { AnalysisStage, TakeRecord } from '../take/types';
import { StudioError } from './errors';
import { analysisKey } from './keys';
import { getJson, putJson, sha256Hex, type BlobStore } from './storage';
import { ensureTakePcm, pcmIdOf, requireTake } from './takes';

/**
 * The melody comes from the hummed part of the take: reading the prompt is speech, which a pitch
 * tracker would turn into notes nobody sang. Takes without a boundary (uploads) are analysed whole.
 * Times in the analysis count from the start of the take either way.
 */
export function melodySpanSamples(take: TakeRecord): number {
	const total = Math.round(take.durationSeconds * take.sampleRate);
	if (take.humEndSeconds === null || take.humEndSeconds <= 0) return total;
	return Math.min(total, Math.round(take.humEndSeconds * take.sampleRate));
}

/** The analysis of a take is an artifact keyed by exactly what made it: the PCM, the span and the engine version. */
export function analysisIdOf(take: TakeRecord): string {
	return sha256Hex('melody-analysis', '\0', MELODY_ENGINE, '\0', pcmIdOf(take), '\0', String(melodySpanSamples(take)));
}

export async function getAnalysis(store: BlobStore, take: TakeRecord): Promise<MelodyAnalysisJson | null> {
	return getJson<MelodyAnalysisJson>(store, analysisKey(analysisIdOf(take)));
}

export type ReportStage = (stage: AnalysisStage, fraction: number) => void | Promise<void>;

/**
 * The analyze stage: load the take's canonical audio, track pitch, segment notes, estimate key and
 * tempo, and store the result. Idempotent: a result already stored for the same audio and engine is
 * returned as is, so a retried or re-delivered job does no work twice and never overwrites.
 */
export async function runAnalysis(store: BlobStore, takeId: string, report: ReportStage): Promise<{ analysisId: string }> {
	const take = await requireTake(store, takeId);
	const analysisId = analysisIdOf(take);
	const key = analysisKey(analysisId);
	if (await store.has(key)) {
		await report('done', 1);
		return { analysisId };
	}
	await report('decoding', 0.02);
	const pcm = await ensureTakePcm(store, take);
	await report('pitch', 0.1);
	// Progress callbacks from the pure core are synchronous; remember the last one and forward it.
	const pending: Promise<void>[] = [];
	const analysis = analyzeMelody(pcm.subarray(0, melodySpanSamples(take)), take.sampleRate, {
		onProgress: (stage, fraction) => {
			const overall = stage === 'pitch' ? 0.1 + 0.7 * fraction : 0.8 + 0.18 * fraction;
			const result = report(stage, overall);
			if (result) pending.push(result);
		}
	});
	await Promise.all(pending);
	if (!analysis) throw new StudioError('analysis_failed', 500, 'The analysis produced no result.');
	await putJson(store, key, serializeAnalysis(analysis));
	await report('done', 1);
	return { analysisId };
}
