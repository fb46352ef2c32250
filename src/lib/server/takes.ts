import { randomBytes } from 'node:crypto';
import { checkTake, decodeAudio, prepareTake, STUDIO_SAMPLE_RATE } from '../audio';
import { LANGUAGES, type Language, type TakeRecord, type TakeSource } from '../take/types';
import { StudioError } from './errors';
import { StorageWriteError } from './storage-errors';
import { isTakeId, pcmKey, takeFolderKey, takeOriginalKey, takeRecordKey } from './keys';
import { getJson, putJson, sha256Hex, type BlobStore } from './storage';

export interface NewTakeInput {
	bytes: Uint8Array;
	originalName: string;
	language: Language;
	source: TakeSource;
	humEndSeconds: number | null;
}

export const MIN_TAKE_SECONDS = 3;
export const MAX_TAKE_SECONDS = 180;

const EXTENSION_OF_FORMAT: Record<string, string> = {
	wav: 'wav',
	flac: 'flac',
	mp3: 'mp3',
	'ogg-vorbis': 'ogg',
	'ogg-opus': 'opus',
	'webm-opus': 'webm'
};

export function parseLanguage(value: unknown): Language {
	if (value === null || value === undefined || value === '') return 'en';
	if (typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value)) return value as Language;
	throw new StudioError('bad_language', 400, `Unknown language ${JSON.stringify(value)}; choose one of ${LANGUAGES.join(', ')}.`);
}

export function parseHumEnd(value: unknown): number | null {
	if (value === null || value === undefined || value === '') return null;
	const seconds = Number(value);
	if (!Number.isFinite(seconds) || seconds < 0) {
		throw new StudioError('bad_boundary', 400, `humEndSeconds must be a number of seconds ≥ 0, got ${JSON.stringify(value)}.`);
	}
	return seconds;
}

function newTakeId(): string {
	// 16 random bytes as base-36-ish lowercase: unguessable, URL- and file-name-safe.
	return Array.from(randomBytes(16), (b) => (b % 36).toString(36)).join('') + Date.now().toString(36);
}

export function pcmToBytes(pcm: Float32Array): Uint8Array {
	return new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength);
}

export function bytesToPcm(bytes: Uint8Array): Float32Array {
	// Copy when unaligned: Float32Array views need 4-byte alignment.
	const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
	return new Float32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 4);
}

/**
 * Validate and store a new take: decode (the format is sniffed from the bytes) and check limits,
 * silence and damage at the original rate, then keep the original bytes exactly as uploaded. The
 * canonical PCM (mono, studio rate) is made later by the worker's decoding stage, so no resampling
 * runs in a web request. The take record is written last, so a take that exists is complete.
 */
export async function createTake(store: BlobStore, input: NewTakeInput, limits: { maxBytes: number }): Promise<TakeRecord> {
	if (input.bytes.byteLength === 0) {
		throw new StudioError('empty_file', 400, 'The upload is empty: choose an audio file or record a take.');
	}
	if (input.bytes.byteLength > limits.maxBytes) {
		throw new StudioError(
			'file_too_large',
			413,
			`The file is ${(input.bytes.byteLength / 1048576).toFixed(1)} MB; the studio accepts up to ${(limits.maxBytes / 1048576).toFixed(0)} MB.`
		);
	}
	// Limits from the header first, so a 10-minute MP3 is refused before it is decoded.
	const decoded = await decodeAudio(input.bytes, { durationLimits: { minSeconds: MIN_TAKE_SECONDS, maxSeconds: MAX_TAKE_SECONDS } });
	const checked = checkTake(decoded, { minSeconds: MIN_TAKE_SECONDS, maxSeconds: MAX_TAKE_SECONDS });
	const warnings = [...checked.warnings];
	let humEndSeconds = input.humEndSeconds;
	if (humEndSeconds !== null && humEndSeconds > checked.durationSeconds) {
		warnings.push(`The hum/read boundary (${humEndSeconds.toFixed(1)} s) lies after the end of the take; it was ignored.`);
		humEndSeconds = null;
	}

	const id = newTakeId();
	const extension = EXTENSION_OF_FORMAT[decoded.format] ?? 'bin';
	try {
		await store.put(takeOriginalKey(id, extension), input.bytes);
		const take: TakeRecord = {
			id,
			createdAt: new Date().toISOString(),
			language: input.language,
			source: input.source,
			originalName: input.originalName.slice(0, 200),
			originalFormat: decoded.format,
			originalBytes: input.bytes.byteLength,
			originalSha256: sha256Hex(input.bytes),
			originalSampleRate: checked.originalSampleRate,
			originalChannels: checked.originalChannels,
			sampleRate: STUDIO_SAMPLE_RATE,
			durationSeconds: checked.durationSeconds,
			humEndSeconds,
			warnings
		};
		await putJson(store, takeRecordKey(id), take);
		return take;
	} catch (e) {
		// No half-stored take: without its record the original would be an orphan nobody can reach or delete.
		await store.deleteFolder(takeFolderKey(id)).catch(() => {});
		throw e instanceof StorageWriteError ? e.about('your recording') : e;
	}
}

/** Bump when the canonical PCM of the same original would come out different (decoder, resampler). */
export const CANONICAL_PCM_VERSION = 'mono-sinc@2';

/** The canonical PCM is an artifact keyed by what made it: the original bytes, the rate and the method. */
export function pcmIdOf(take: TakeRecord): string {
	return sha256Hex('canonical-pcm', '\0', CANONICAL_PCM_VERSION, '\0', String(take.sampleRate), '\0', take.originalSha256);
}

export async function getTake(store: BlobStore, takeId: string): Promise<TakeRecord | null> {
	if (!isTakeId(takeId)) return null;
	return getJson<TakeRecord>(store, takeRecordKey(takeId));
}

export async function requireTake(store: BlobStore, takeId: string): Promise<TakeRecord> {
	const take = await getTake(store, takeId);
	if (!take) throw new StudioError('take_not_found', 404, `No take with id ${JSON.stringify(takeId)} exists; it may have been deleted.`);
	return take;
}

/** The original bytes of a take, checked against their hash so damaged storage is never analysed. */
export async function loadOriginal(store: BlobStore, take: TakeRecord): Promise<Uint8Array> {
	const bytes = await store.get(takeOriginalKey(take.id, originalExtensionOf(take)));
	if (!bytes) throw new StudioError('take_audio_missing', 404, `The recording of take ${take.id} is missing from storage.`);
	if (sha256Hex(bytes) !== take.originalSha256) {
		throw new StudioError('take_audio_corrupt', 500, `The stored recording of take ${take.id} does not match its checksum.`);
	}
	return bytes;
}

/**
 * The take's canonical PCM (mono, studio rate), made from the original on first use and stored as
 * an artifact; later calls read it back. Decoding and resampling are CPU work: call this in the
 * worker, not in a web request.
 */
export async function ensureTakePcm(store: BlobStore, take: TakeRecord): Promise<Float32Array> {
	const key = pcmKey(pcmIdOf(take));
	const stored = await store.get(key);
	if (stored) return bytesToPcm(stored);
	const decoded = await decodeAudio(await loadOriginal(store, take));
	const prepared = prepareTake(decoded, { studioRate: take.sampleRate, minSeconds: MIN_TAKE_SECONDS, maxSeconds: MAX_TAKE_SECONDS });
	await store.put(key, pcmToBytes(prepared.pcm));
	return prepared.pcm;
}

/** The canonical PCM if the worker has made it, else null. */
export async function loadTakePcm(store: BlobStore, take: TakeRecord): Promise<Float32Array | null> {
	const stored = await store.get(pcmKey(pcmIdOf(take)));
	return stored ? bytesToPcm(stored) : null;
}

export function originalExtensionOf(take: TakeRecord): string {
	return EXTENSION_OF_FORMAT[take.originalFormat] ?? 'bin';
}
