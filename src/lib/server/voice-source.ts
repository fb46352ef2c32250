/**
 * A voice from another recording: besides the take's guided reading, its owner may upload any
 * recording of their speech with the text of what they said. The web request checks and stores
 * it (decoded in the upload inspection threads, never on the event loop) and queues a job; the
 * job learns the voice (voice/learn-voice.ts) and, when it succeeds, makes it the take's voice.
 * A recording whose text does not fit leaves the take's previous voice as it was.
 *
 * The profile id is content-addressed by what it was learned from (engine, take, this upload, its
 * audio, language and text), so vocals sung with an earlier voice are never reused for this one.
 */
import type { Queue } from 'bullmq';
import { AudioInputError } from '../audio/errors';
import { starterLyrics } from '../compose/starter-lyrics';
import { decodeAudio, prepareTake } from '../audio';
import { readLyrics } from '../lyrics/read-lyrics';
import { LyricsError } from '../lyrics/types';
import type { Language, StudioErrorJson, TakeRecord } from '../take/types';
import { vibratoHabit } from '../voice/vibrato-habit';
import {
	learnVoiceFromText,
	MAX_VOICE_RECORDING_SECONDS,
	MAX_VOICE_TEXT_CHARACTERS,
	MIN_VOICE_RECORDING_SECONDS,
	SYLLABLE_RATE_LIMITS
} from '../voice/learn-voice';
import { serializeVoiceProfile } from '../voice/profile-json';
import { AlignmentError } from '../voice/syllable-alignment';
import type { VoiceCoverage } from '../voice/voice-coverage';
import { getAnalysis } from './analysis';
import { readBodyCapped } from './capped-body';
import { recordEdge } from './derived-index';
import { asUserError, StudioError } from './errors';
import {
	currentVoiceSourceKey,
	latestVoiceSourceKey,
	profileKey,
	voiceSourceAudioKey,
	voiceSourceFolderKey,
	voiceSourceRecordKey,
	voiceSourceResultKey,
	voiceSourcesFolderKey
} from './keys';
import { decodeJobError, type AnalyzeJobData, type AnalyzeJobResult } from './queue';
import { getJson, putJson, sha256Hex, type BlobStore } from './storage';
import type { TakeInspection } from './take-inspection';
import { EXTENSION_OF_FORMAT, parseLanguage } from './takes';
import { VOICE_ENGINE } from './voice-stage';

/** The job (in the analyze queue) that learns a voice from an uploaded recording. */
export const VOICE_SOURCE_JOB = 'voice-source';
export interface VoiceSourceJobData extends AnalyzeJobData {
	sourceId: string;
}
export const voiceSourceJobId = (sourceId: string) => `voice-source-${sourceId}`;

export interface VoiceSourceRecord {
	id: string;
	takeId: string;
	createdAt: string;
	language: Language;
	text: string;
	originalName: string;
	extension: string;
	bytes: number;
	sha256: string;
	durationSeconds: number;
	/** The profile this recording's voice is (or will be) stored under. */
	profileId: string;
}

/** What the job stored: the voice and its coverage, or why none could be learned. */
export type VoiceSourceResult = { status: 'ready'; profileId: string; coverage: VoiceCoverage } | { status: 'failed'; error: StudioErrorJson };

/** What the take page shows: the recording the take sings with now, and the one sent last. */
export interface VoiceSourceStatus {
	current: (VoiceSourceView & { coverage: VoiceCoverage }) | null;
	latest: (VoiceSourceView & { status: 'learning' | 'ready' | 'failed'; coverage?: VoiceCoverage; error?: StudioErrorJson }) | null;
}
export interface VoiceSourceView {
	id: string;
	createdAt: string;
	language: Language;
	text: string;
	originalName: string;
	durationSeconds: number;
}

export interface VoiceSourceUpload {
	bytes: Uint8Array;
	originalName: string;
	text: string;
	/** null: the take's language. */
	language: Language | null;
}

const SOURCE_ID = /^[0-9a-f]{32}$/;
/** Room for the multipart boundaries and the text on top of the audio. */
const FORM_OVERHEAD_BYTES = 64 * 1024;
/** Read only the first bytes of the text field: anything longer is refused on its length anyway. */
const LYRIC_STATUS: Record<string, number> = { unknown_characters: 400, invalid_reading: 400, empty_lyrics: 400, unsupported_language: 400 };

export function isVoiceSourceId(value: string): boolean {
	return SOURCE_ID.test(value);
}

/** The profile id of a voice learned from `source` of `take`: keyed by everything it was learned from. */
export function voiceSourceProfileId(take: TakeRecord, source: Pick<VoiceSourceRecord, 'id' | 'sha256' | 'language' | 'text'>): string {
	return sha256Hex('voice-profile-source', '\0', VOICE_ENGINE, '\0', take.id, '\0', source.id, '\0', source.sha256, '\0', source.language, '\0', source.text);
}

/** The text field: non-empty, at most MAX_VOICE_TEXT_CHARACTERS. */
export function parseVoiceText(value: unknown): string {
	if (typeof value !== 'string' || value.trim() === '') {
		throw new StudioError('empty_text', 400, 'Type the text of what you said in the recording.');
	}
	if (value.length > MAX_VOICE_TEXT_CHARACTERS) {
		throw new StudioError('text_too_long', 413, `The text is ${value.length} characters; a voice is learned from up to ${MAX_VOICE_TEXT_CHARACTERS} at a time.`).withParams({
			characters: value.length,
			limit: MAX_VOICE_TEXT_CHARACTERS
		});
	}
	return value;
}

/** Reads the multipart form (`audio` file, `text`, `language`: none for the take's). */
export async function readVoiceSourceUpload(request: Request, maxBytes: number): Promise<VoiceSourceUpload> {
	const contentType = request.headers.get('content-type') ?? '';
	if (!contentType.toLowerCase().startsWith('multipart/form-data')) {
		throw new StudioError('unsupported_content_type', 415, `Send multipart/form-data with an "audio" file, a "text" field and a "language" field; got "${contentType || 'no content type'}".`);
	}
	const tooLarge = (bytes: number) =>
		new StudioError('file_too_large', 413, `The upload is ${(bytes / 1048576).toFixed(1)} MB; the studio accepts audio files up to ${(maxBytes / 1048576).toFixed(0)} MB.`);
	const body = await readBodyCapped(request, maxBytes + FORM_OVERHEAD_BYTES, tooLarge);
	let form: FormData;
	try {
		form = await new Request('http://upload.local/', { method: 'POST', headers: { 'content-type': contentType }, body: body as BodyInit }).formData();
	} catch {
		throw new StudioError('bad_form', 400, 'The form could not be read; send multipart/form-data with an "audio" file field.');
	}
	const file = form.get('audio');
	if (!(file instanceof Blob) || file.size === 0) {
		throw new StudioError('missing_audio', 400, 'Choose or record the recording of your speech (the "audio" field is empty).');
	}
	const bytes = new Uint8Array(await file.arrayBuffer());
	if (bytes.byteLength > maxBytes) throw tooLarge(bytes.byteLength);
	const language = form.get('language');
	return {
		bytes,
		originalName: ((file instanceof File && file.name) || 'recording').slice(0, 200),
		text: parseVoiceText(form.get('text')),
		language: language === null || language === '' ? null : parseLanguage(language)
	};
}

function durationRefusal(seconds: number): StudioError {
	const code = seconds < MIN_VOICE_RECORDING_SECONDS ? 'too_short' : 'too_long';
	const message =
		code === 'too_short'
			? `The recording is ${seconds.toFixed(1)} s long; a voice needs at least ${MIN_VOICE_RECORDING_SECONDS} s of your speech.`
			: `The recording is ${seconds.toFixed(1)} s long; a voice is learned from up to ${MAX_VOICE_RECORDING_SECONDS} s: upload a shorter part, with its text.`;
	return new StudioError(code, code === 'too_short' ? 422 : 413, message).withParams({ seconds: Number(seconds.toFixed(1)), minSeconds: MIN_VOICE_RECORDING_SECONDS, maxSeconds: MAX_VOICE_RECORDING_SECONDS });
}

/**
 * Checks the upload (the audio decodes and lasts 5–120 s, the text reads in its language and is of
 * a length that recording could hold) and stores it as the take's latest voice source. The finer
 * check, the alignment itself, is the job's.
 */
export async function createVoiceSource(
	store: BlobStore,
	take: TakeRecord,
	upload: VoiceSourceUpload,
	inspect: (bytes: Uint8Array) => Promise<TakeInspection>
): Promise<VoiceSourceRecord> {
	const language = upload.language ?? take.language;
	let syllables: number;
	try {
		syllables = readLyrics(upload.text, language).length;
	} catch (e) {
		if (e instanceof LyricsError) throw new StudioError(e.code, LYRIC_STATUS[e.code] ?? 422, e.message);
		throw e;
	}
	let checked: TakeInspection;
	try {
		checked = await inspect(upload.bytes);
	} catch (e) {
		// The inspection knows a take's limits; outside them it is refused with this recording's own.
		const refused = asUserError(e);
		const seconds = refused?.params?.seconds;
		if ((refused?.code === 'too_short' || refused?.code === 'too_long') && typeof seconds === 'number') throw durationRefusal(seconds);
		throw e;
	}
	if (checked.durationSeconds < MIN_VOICE_RECORDING_SECONDS || checked.durationSeconds > MAX_VOICE_RECORDING_SECONDS) throw durationRefusal(checked.durationSeconds);
	// Against the whole length (pauses included) only the far-off texts show; the job checks the speech itself.
	if (syllables > SYLLABLE_RATE_LIMITS.max * checked.durationSeconds) {
		throw new StudioError('voice_text_mismatch', 422, `The text has ${syllables} syllables, far more than ${checked.durationSeconds.toFixed(1)} s of speech holds: type only what you said in this recording.`);
	}
	const id = sha256Hex('voice-source', '\0', take.id, '\0', crypto.randomUUID()).slice(0, 32);
	const sha256 = sha256Hex(upload.bytes);
	const extension = EXTENSION_OF_FORMAT[checked.format] ?? 'bin';
	const partial = { id, sha256, language, text: upload.text };
	const record: VoiceSourceRecord = {
		...partial,
		takeId: take.id,
		createdAt: new Date().toISOString(),
		originalName: upload.originalName,
		extension,
		bytes: upload.bytes.byteLength,
		durationSeconds: checked.durationSeconds,
		profileId: voiceSourceProfileId(take, partial)
	};
	await store.put(voiceSourceAudioKey(take.id, id, extension), upload.bytes);
	// The record last: a source that has one is complete.
	await putJson(store, voiceSourceRecordKey(take.id, id), record);
	await putJson(store, latestVoiceSourceKey(take.id), { sourceId: id });
	return record;
}

export async function enqueueVoiceSource(queue: Queue<AnalyzeJobData, AnalyzeJobResult>, takeId: string, sourceId: string): Promise<void> {
	const data: VoiceSourceJobData = { takeId, sourceId };
	await queue.add(VOICE_SOURCE_JOB, data, { jobId: voiceSourceJobId(sourceId) });
}

/** The errors of a recording or text that no retry can change, said to the user as the job's result. */
function userFailure(e: unknown): StudioErrorJson | null {
	if (e instanceof AlignmentError) return { code: 'voice_text_mismatch', message: `${e.message} Check that the text is exactly what you said in this recording.` };
	if (e instanceof LyricsError || e instanceof AudioInputError) return { code: e.code, message: e.message };
	return null;
}

/**
 * The job: learns the voice of `sourceId` and makes it the take's voice. A recording or text that
 * cannot be learned from is stored as a failed result (the take keeps its voice); anything else
 * throws, for the queue to retry.
 */
export async function learnVoiceSource(store: BlobStore, take: TakeRecord, sourceId: string): Promise<VoiceSourceResult> {
	const record = await getJson<VoiceSourceRecord>(store, voiceSourceRecordKey(take.id, sourceId));
	if (!record) throw new StudioError('voice_source_not_found', 404, 'This recording was deleted before its voice was learned.');
	const existing = await getJson<VoiceSourceResult>(store, voiceSourceResultKey(take.id, sourceId));
	if (existing?.status === 'ready' && (await store.has(profileKey(existing.profileId)))) return existing;
	const bytes = await store.get(voiceSourceAudioKey(take.id, sourceId, record.extension));
	if (!bytes) throw new StudioError('voice_source_not_found', 404, 'This recording was deleted before its voice was learned.');
	let result: VoiceSourceResult;
	try {
		const limits = { minSeconds: MIN_VOICE_RECORDING_SECONDS, maxSeconds: MAX_VOICE_RECORDING_SECONDS };
		const recording = prepareTake(await decodeAudio(bytes, { durationLimits: limits }), limits);
		// The hummed notes, when the take's melody is known, give the range and the vibrato habit, as for the take's own reading.
		const notes = (await getAnalysis(store, take))?.notes ?? [];
		const habit = vibratoHabit(notes);
		const { profile, coverage } = learnVoiceFromText(recording.pcm, recording.sampleRate, record.language, record.text, { text: starterLyrics(take.language), language: take.language }, {
			humMidiPitches: notes.map((n) => n.midiPitch),
			vibrato: notes.length ? { rateHz: habit.rateHz, depthCents: habit.depthCents } : undefined
		});
		// The edge first: a deletion that runs meanwhile finds the profile by it.
		await recordEdge(store, 'take', take.id, 'profile', record.profileId);
		await putJson(store, profileKey(record.profileId), serializeVoiceProfile(profile));
		result = { status: 'ready', profileId: record.profileId, coverage };
	} catch (e) {
		const failure = userFailure(e);
		if (!failure) throw e;
		result = { status: 'failed', error: failure };
	}
	// A ready voice is made the take's current one before its result says ready: the status
	// (`voiceSourceStatus`) shows it as current only with that result, so a reader in between sees it
	// still learning, never ready and not current.
	if (result.status === 'ready') await putJson(store, currentVoiceSourceKey(take.id), { sourceId, profileId: result.profileId });
	await putJson(store, voiceSourceResultKey(take.id, sourceId), result);
	if (result.status === 'ready') {
		// The owner may have deleted the voice (and this recording) while it was learned: the deletion wins.
		if (!(await store.has(voiceSourceRecordKey(take.id, sourceId)))) {
			await store.delete(currentVoiceSourceKey(take.id));
			await store.delete(profileKey(record.profileId));
			throw new StudioError('deleted', 410, 'This recording was deleted while its voice was being learned; nothing of it was kept.');
		}
		await removeOlderSources(store, take.id, sourceId);
	}
	return result;
}

/** Recordings the take no longer sings with and that are not the latest sent go (their voices stay until the voice is deleted). */
async function removeOlderSources(store: BlobStore, takeId: string, currentId: string): Promise<void> {
	const latest = (await getJson<{ sourceId: string }>(store, latestVoiceSourceKey(takeId)))?.sourceId;
	for (const id of await store.list(voiceSourcesFolderKey(takeId))) {
		if (id !== currentId && id !== latest) await store.deleteFolder(voiceSourceFolderKey(takeId, id));
	}
}

function viewOf(record: VoiceSourceRecord): VoiceSourceView {
	const { id, createdAt, language, text, originalName, durationSeconds } = record;
	return { id, createdAt, language, text, originalName, durationSeconds };
}

/**
 * Where the take's voice sources stand. A source whose job Redis lost (flushed, expired) is queued
 * again, so an upload is never left without its answer.
 */
export async function voiceSourceStatus(store: BlobStore, queue: Queue<AnalyzeJobData, AnalyzeJobResult>, take: TakeRecord): Promise<VoiceSourceStatus> {
	// The latest first: a source's job makes it current before its result says ready
	// (`learnVoiceSource`), so a ready latest read here is current by the time that is read.
	const latest = await latestSourceView(store, queue, take);
	return { current: await currentSourceView(store, take), latest };
}

async function currentSourceView(store: BlobStore, take: TakeRecord): Promise<VoiceSourceStatus['current']> {
	const current = await getJson<{ sourceId: string }>(store, currentVoiceSourceKey(take.id));
	if (!current) return null;
	const record = await getJson<VoiceSourceRecord>(store, voiceSourceRecordKey(take.id, current.sourceId));
	const result = await getJson<VoiceSourceResult>(store, voiceSourceResultKey(take.id, current.sourceId));
	return record && result?.status === 'ready' ? { ...viewOf(record), coverage: result.coverage } : null;
}

async function latestSourceView(store: BlobStore, queue: Queue<AnalyzeJobData, AnalyzeJobResult>, take: TakeRecord): Promise<VoiceSourceStatus['latest']> {
	const latestId = (await getJson<{ sourceId: string }>(store, latestVoiceSourceKey(take.id)))?.sourceId;
	const record = latestId ? await getJson<VoiceSourceRecord>(store, voiceSourceRecordKey(take.id, latestId)) : null;
	if (!record) return null;
	const result = await getJson<VoiceSourceResult>(store, voiceSourceResultKey(take.id, record.id));
	if (result?.status === 'ready') return { ...viewOf(record), status: 'ready', coverage: result.coverage };
	if (result?.status === 'failed') return { ...viewOf(record), status: 'failed', error: result.error };
	const job = await queue.getJob(voiceSourceJobId(record.id));
	const state = job ? await job.getState() : null;
	if (state === 'failed') return { ...viewOf(record), status: 'failed', error: decodeJobError(job!.failedReason) };
	if (!job || state === 'completed') {
		await job?.remove();
		await enqueueVoiceSource(queue, take.id, record.id);
	}
	return { ...viewOf(record), status: 'learning' };
}

/** Everything of the take's voice sources: their recordings, texts and results, and which one it sings with. */
export async function deleteVoiceSources(store: BlobStore, takeId: string): Promise<void> {
	await store.delete(currentVoiceSourceKey(takeId));
	await store.delete(latestVoiceSourceKey(takeId));
	await store.deleteFolder(voiceSourcesFolderKey(takeId));
}
