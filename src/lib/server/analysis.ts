import modelManifest from '../../../models/manifest.json';
import { FUSED_MELODY_ENGINE, type MelodyAnalysisJson } from '../pitch';
import type { TakeRecord } from '../take/types';
import { analysisKey } from './keys';
import { getJson, sha256Hex, type BlobStore } from './storage';
import { pcmIdOf } from './takes';

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

/** The melody engine and the exact model file it runs (from the manifest, so the web process never loads the model). */
export const ANALYSIS_ENGINE = `${FUSED_MELODY_ENGINE}+basic-pitch:${modelManifest.models['basic-pitch'].sha256.slice(0, 16)}`;

/** The analysis of a take is an artifact keyed by exactly what made it: the PCM, the span, the engine and model. */
export function analysisIdOf(take: TakeRecord): string {
	return sha256Hex('melody-analysis', '\0', ANALYSIS_ENGINE, '\0', pcmIdOf(take), '\0', String(melodySpanSamples(take)));
}

export async function getAnalysis(store: BlobStore, take: TakeRecord): Promise<MelodyAnalysisJson | null> {
	return getJson<MelodyAnalysisJson>(store, analysisKey(analysisIdOf(take)));
}

