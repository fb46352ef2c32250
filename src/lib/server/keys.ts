/**
 * Storage layout. Takes are stored once and never modified; everything derived from them is an
 * artifact whose key is a hash of exactly the inputs that made it, so a retried job finds its
 * own earlier result and an unchanged input is never processed twice.
 */
/** Everything stored of a take itself (record and original). */
export const takeFolderKey = (takeId: string) => `takes/${takeId}`;
export const takeRecordKey = (takeId: string) => `takes/${takeId}/take.json`;
export const takeOriginalKey = (takeId: string, extension: string) => `takes/${takeId}/original.${extension}`;
export const pcmKey = (pcmId: string) => `artifacts/pcm/${pcmId}.f32`;
export const analysisKey = (analysisId: string) => `artifacts/analysis/${analysisId}.json`;

const TAKE_ID = /^[a-z0-9]{8,40}$/;

export function isTakeId(value: string): boolean {
	return TAKE_ID.test(value);
}
export const profileKey = (profileId: string) => `artifacts/profile/${profileId}.json`;
/** The vocals sung with a profile (so deleting the voice deletes them too). */
export const profileVocalsKey = (profileId: string) => `artifacts/profile/${profileId}.vocals.json`;
export const phraseAudioKey = (phraseId: string) => `artifacts/vocal/${phraseId}.wav`;
export const vocalPlanKey = (vocalId: string) => `artifacts/vocal/${vocalId}.json`;
export const fullVocalKey = (vocalId: string) => phraseAudioKey(`${vocalId}-full`);
/** A song's record (its latest request and revision) and each composed revision. */
export const songRecordKey = (songId: string) => `songs/${songId}/song.json`;
export const songRevisionKey = (songId: string, revision: number) => `songs/${songId}/rev-${revision}.json`;
/** Why a revision failed for good, kept beside it so the song shows its error after Redis forgets the job. */
export const songRevisionFailureKey = (songId: string, revision: number) => `songs/${songId}/rev-${revision}.failure.json`;
export const backingScoreKey = (backingId: string) => `artifacts/backing/${backingId}.json`;
export const backingAudioKey = (backingId: string) => `artifacts/backing/${backingId}.wav`;
/** A mix's files: the mastered mix, its stems and its exports. */
export const mixFileKey = (mixId: string, file: string) => `artifacts/mix/${mixId}/${file}`;
