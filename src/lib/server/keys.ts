/**
 * Storage layout. Takes are stored once and never modified; everything derived from them is an
 * artifact whose key is a hash of exactly the inputs that made it, so a retried job finds its
 * own earlier result and an unchanged input is never processed twice.
 */
/** Everything stored of a take itself (record, original, name, song markers). */
export const takeFolderKey = (takeId: string) => `takes/${takeId}`;
export const takeRecordKey = (takeId: string) => `${takeFolderKey(takeId)}/take.json`;
export const takeOriginalKey = (takeId: string, extension: string) => `takes/${takeId}/original.${extension}`;
export const pcmKey = (pcmId: string) => `artifacts/pcm/${pcmId}.f32`;
export const analysisKey = (analysisId: string) => `artifacts/analysis/${analysisId}.json`;

const TAKE_ID = /^[a-z0-9]{8,40}$/;

export function isTakeId(value: string): boolean {
	return TAKE_ID.test(value);
}
export const profileKey = (profileId: string) => `artifacts/profile/${profileId}.json`;
/** Written when the owner deletes a voice: singing with it is refused, and it is never learned again. */
export const voiceDeletedKey = (profileId: string) => `artifacts/profile/${profileId}.deleted.json`;
export const phraseAudioKey = (phraseId: string) => `artifacts/vocal/${phraseId}.wav`;
export const vocalPlanKey = (vocalId: string) => `artifacts/vocal/${vocalId}.json`;
export const fullVocalKey = (vocalId: string) => phraseAudioKey(`${vocalId}-full`);
/** A song's record (its latest request and revision) and each composed revision. */
export const songFolderKey = (songId: string) => `songs/${songId}`;
export const songRecordKey = (songId: string) => `${songFolderKey(songId)}/song.json`;
export const songRevisionKey = (songId: string, revision: number) => `${songFolderKey(songId)}/rev-${revision}.json`;
/** A revision made by edits: the edited document the compose stage takes instead of composing. */
export const songEditKey = (songId: string, revision: number) => `${songFolderKey(songId)}/rev-${revision}.edit.json`;
/** The name the owner gave a revision ("Before the key change"); one file each, so naming never rewrites a revision. */
export const songRevisionNameKey = (songId: string, revision: number) => `${songFolderKey(songId)}/rev-${revision}.name.json`;
/** Why a revision failed for good, kept beside it so the song shows its error after Redis forgets the job. */
export const songRevisionFailureKey = (songId: string, revision: number) => `${songFolderKey(songId)}/rev-${revision}.failure.json`;
export const backingScoreKey = (backingId: string) => `artifacts/backing/${backingId}.json`;
export const backingAudioKey = (backingId: string) => `artifacts/backing/${backingId}.wav`;
/** Which segments a backing's stem was spliced from, and which of them its render made (song-stage.ts). */
export const backingSegmentsKey = (backingId: string) => `artifacts/backing/${backingId}.segments.json`;
/** One bar of a song's backing stem, content-addressed (src/lib/audio/backing-segments.ts). */
export const backingSegmentKey = (segmentId: string) => `artifacts/backing-segment/${segmentId}.wav`;
/** A mix's files: the mastered mix, its stems and its exports. */
export const mixFolderKey = (mixId: string) => `artifacts/mix/${mixId}`;
export const mixFileKey = (mixId: string, file: string) => `${mixFolderKey(mixId)}/${file}`;
/**
 * Owner indexes as marker files (one empty file per entry), so two requests adding entries at once
 * never overwrite each other's list: an owner's takes and songs, and a take's songs.
 */
export const ownerTakesFolder = (ownerHash: string) => `owners/${ownerHash}/takes`;
export const ownerSongsFolder = (ownerHash: string) => `owners/${ownerHash}/songs`;
export const takeSongsFolder = (takeId: string) => `takes/${takeId}/songs`;
/** The name the owner gave a take or a song (kept apart from the records, which are never rewritten for it). */
export const takeNameKey = (takeId: string) => `takes/${takeId}/name.json`;
export const songNameKey = (songId: string) => `songs/${songId}/name.json`;
/** A song's share link: the token's hash on the song's side, and the way back from the token to the song. */
export const songShareKey = (songId: string) => `songs/${songId}/share.json`;
export const shareKey = (tokenHash: string) => `shares/${tokenHash}.json`;
/**
 * A voice learned from another recording of the take's owner (voice-source.ts): each upload's
 * audio, text and result in a folder of its own under the take (so deleting the take deletes
 * them), which one the take sings with now, and which one was sent last.
 */
export const voiceSourcesFolderKey = (takeId: string) => `takes/${takeId}/voice-sources`;
export const voiceSourceFolderKey = (takeId: string, sourceId: string) => `${voiceSourcesFolderKey(takeId)}/${sourceId}`;
export const voiceSourceRecordKey = (takeId: string, sourceId: string) => `${voiceSourceFolderKey(takeId, sourceId)}/source.json`;
export const voiceSourceAudioKey = (takeId: string, sourceId: string, extension: string) => `${voiceSourceFolderKey(takeId, sourceId)}/audio.${extension}`;
export const voiceSourceResultKey = (takeId: string, sourceId: string) => `${voiceSourceFolderKey(takeId, sourceId)}/result.json`;
export const currentVoiceSourceKey = (takeId: string) => `takes/${takeId}/voice-source.json`;
export const latestVoiceSourceKey = (takeId: string) => `takes/${takeId}/voice-source-latest.json`;
/**
 * Classes (classroom mode): each class's record, students, gallery and the teacher's feedback in
 * its own folder, so ending the class deletes the folder; the ways in (a join code, a teacher's
 * list, a student's owner key) are small files beside it, deleted with it.
 */
export const classesFolder = 'classes';
export const classFolderKey = (classId: string) => `classes/${classId}`;
export const classRecordKey = (classId: string) => `${classFolderKey(classId)}/class.json`;
export const classStudentsFolder = (classId: string) => `${classFolderKey(classId)}/students`;
export const classStudentKey = (classId: string, studentId: string) => `${classStudentsFolder(classId)}/${studentId}.json`;
export const classGalleryFolder = (classId: string) => `${classFolderKey(classId)}/gallery`;
export const classGalleryKey = (classId: string, songId: string) => `${classGalleryFolder(classId)}/${songId}.json`;
export const classFeedbackKey = (classId: string, songId: string) => `${classFolderKey(classId)}/feedback/${songId}.json`;
export const joinCodeKey = (code: string) => `join-codes/${code}.json`;
export const teacherFolderKey = (teacherHash: string) => `teachers/${teacherHash}`;
export const teacherClassesFolder = (teacherHash: string) => `${teacherFolderKey(teacherHash)}/classes`;
/** Which class and student an owner key belongs to, when it was given on joining a class. */
export const studentOfOwnerKey = (ownerHash: string) => `students/${ownerHash}.json`;
/** An owner's whole folder of library markers (deleted with a class's students). */
export const ownerFolderKey = (ownerHash: string) => `owners/${ownerHash}`;
