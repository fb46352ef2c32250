/**
 * Data directories from before voices were keyed per take (2026-12): a voice deleted then was
 * marked deleted under the old id, which the take of the same audio shared. Its analysis is redone
 * under the new ids, and without this the deleted voice would be learned again.
 */
import { READING_PROMPTS } from '../lyrics/prompts';
import type { TakeRecord } from '../take/types';
import { childrenOf } from './derived-index';
import { profileKey, voiceDeletedKey } from './keys';
import { getJson, sha256Hex, type BlobStore } from './storage';
import { CANONICAL_PCM_VERSION } from './takes';

/** The profile id as it was computed before it included the take's id. */
export function legacyProfileIdOf(take: TakeRecord, voiceEngine: string): string {
	const legacyPcmId = sha256Hex('canonical-pcm', '\0', CANONICAL_PCM_VERSION, '\0', String(take.sampleRate), '\0', take.originalSha256);
	const prompt = READING_PROMPTS[take.language].lines.join('\n');
	return sha256Hex('voice-profile', '\0', voiceEngine, '\0', legacyPcmId, '\0', String(take.humEndSeconds), '\0', take.language, '\0', prompt);
}

/**
 * Whether a voice of the take was deleted under another id: one the take's profiles were known by
 * before the voice engine's version (part of the id) changed. A deletion records the take → profile
 * edge and a 'deleted' note under the id of that time; without this, a new engine version would
 * learn the deleted voice again from the take's reading.
 */
export async function wasVoiceDeletedUnderAnotherId(store: BlobStore, take: TakeRecord): Promise<boolean> {
	for (const profileId of await childrenOf(store, 'take', take.id, 'profile')) if (await store.has(voiceDeletedKey(profileId))) return true;
	return false;
}

/** Whether the take's voice was deleted under the old id. */
export async function wasVoiceDeletedBeforePerTakeIds(store: BlobStore, take: TakeRecord, voiceEngine: string): Promise<boolean> {
	const legacy = await getJson<{ kind?: string }>(store, profileKey(legacyProfileIdOf(take, voiceEngine)));
	return legacy?.kind === 'deleted';
}
