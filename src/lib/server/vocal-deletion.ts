import { fullVocalKey, phraseAudioKey, profileVocalsKey, vocalPlanKey } from './keys';
import type { VocalPlan } from './sing-stage';
import { getJson, type BlobStore } from './storage';

/** Deletes every vocal sung with a profile: the plans, the phrase WAVs and the mixes. Returns how many. */
export async function deleteVocalsOf(store: BlobStore, profileId: string): Promise<number> {
	const vocals = (await getJson<string[]>(store, profileVocalsKey(profileId))) ?? [];
	for (const vocalId of vocals) {
		const plan = await getJson<VocalPlan>(store, vocalPlanKey(vocalId));
		for (const phrase of plan?.phrases ?? []) await store.delete(phraseAudioKey(phrase.id));
		await store.delete(fullVocalKey(vocalId));
		await store.delete(vocalPlanKey(vocalId));
	}
	await store.delete(profileVocalsKey(profileId));
	return vocals.length;
}
