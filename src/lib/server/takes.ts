import { randomBytes } from 'node:crypto';
import { decodeAudio, prepareTake, STUDIO_SAMPLE_RATE } from '../audio';
import { LANGUAGES, type Language, type TakeRecord, type TakeSource } from '../take/types';
import { StudioError } from './errors';
import { indexTake, unindexTake } from './library-index';
import { StorageWriteError } from './storage-errors';
import { isTakeId, pcmKey, takeFolderKey, takeOriginalKey, takeRecordKey } from './keys';
import { recordEdge } from './derived-index';
import { getJson, putJson, sha256Hex, type BlobStore } from './storage';
import { inspectTakeBytes, MAX_TAKE_SECONDS, MIN_TAKE_SECONDS, type TakeInspection } from './take-inspection';

export { MAX_TAKE_SECONDS, MIN_TAKE_SECONDS } from './take-inspection';

export interface NewTakeInput {
	bytes: Uint8Array;
	originalName: string;
	language: Language;
	source: TakeSource;
	humEndSeconds: number | null;
	/** Hash of the owner key (owner-key.ts); absent for a take made outside the web API (the CLI), which nobody may open there. */
	ownerHash?: string | null;
}

export const EXTENSION_OF_FORMAT: Record<string, string> = {
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

export interface CreateTakeOptions {
	maxBytes: number;
	/**
	 * Decodes and checks the bytes (`inspectTakeBytes` in this thread by default); the web server
	 * passes its thread pool's, so no upload is decoded on the request's event loop.
	 */
	inspect?: (bytes: Uint8Array) => Promise<TakeInspection>;
}

/**
 * Validate and store a new take: decode (the format is sniffed from the bytes) and check limits,
 * silence and damage at the original rate, then keep the original bytes exactly as uploaded. The
 * canonical PCM (mono, studio rate) is made later by the worker's decoding stage, so no resampling
 * runs in a web request. The take record is written last, so a take that exists is complete.
 */
export async function createTake(store: BlobStore, input: NewTakeInput, limits: CreateTakeOptions): Promise<TakeRecord> {
	if (input.bytes.byteLength === 0) {
		throw new StudioError('empty_file', 400, 'The upload is empty: choose an audio file or record a take.');
	}
	if (input.bytes.byteLength > limits.maxBytes) {
		throw new StudioError(
			'file_too_large',
			413,
			`The file is ${(input.bytes.byteLength / 1048576).toFixed(1)} MB; the studio accepts up to ${(limits.maxBytes / 1048576).toFixed(0)} MB.`
		).withParams({ megabytes: Number((input.bytes.byteLength / 1048576).toFixed(1)), limitMegabytes: Math.round(limits.maxBytes / 1048576) });
	}
	const checked = await (limits.inspect ?? inspectTakeBytes)(input.bytes);
	const warnings = [...checked.warnings];
	let humEndSeconds = input.humEndSeconds;
	if (humEndSeconds !== null && humEndSeconds > checked.durationSeconds) {
		warnings.push(`The hum/read boundary (${humEndSeconds.toFixed(1)} s) lies after the end of the take; it was ignored.`);
		humEndSeconds = null;
	}

	const id = newTakeId();
	const extension = EXTENSION_OF_FORMAT[checked.format] ?? 'bin';
	try {
		await store.put(takeOriginalKey(id, extension), input.bytes);
		const take: TakeRecord = {
			id,
			createdAt: new Date().toISOString(),
			language: input.language,
			source: input.source,
			originalName: input.originalName.slice(0, 200),
			originalFormat: checked.format,
			originalBytes: input.bytes.byteLength,
			originalSha256: sha256Hex(input.bytes),
			originalSampleRate: checked.originalSampleRate,
			originalChannels: checked.originalChannels,
			sampleRate: STUDIO_SAMPLE_RATE,
			durationSeconds: checked.durationSeconds,
			humEndSeconds,
			warnings,
			...(input.ownerHash ? { ownerHash: input.ownerHash } : {})
		};
		// The library entry first: a take that exists is always listed.
		if (input.ownerHash) await indexTake(store, input.ownerHash, id);
		await putJson(store, takeRecordKey(id), take);
		return take;
	} catch (e) {
		// No half-stored take: without its record the original would be an orphan nobody can reach or delete.
		await store.deleteFolder(takeFolderKey(id)).catch(() => {});
		if (input.ownerHash) await unindexTake(store, { id, ownerHash: input.ownerHash }).catch(() => {});
		throw e instanceof StorageWriteError ? e.about('your recording') : e;
	}
}

/** Bump when the canonical PCM of the same original would come out different (decoder, resampler). */
export const CANONICAL_PCM_VERSION = 'mono-sinc@2';

/**
 * The canonical PCM is an artifact keyed by what made it: the original bytes, the rate and the
 * method, and the take it belongs to. Two takes of the same audio get their own PCM (and so their
 * own analysis and voice, which derive from this id): deleting one take then deletes its
 * artifacts outright, with no reference count to race against an upload of the same file.
 */
export function pcmIdOf(take: TakeRecord): string {
	return sha256Hex('canonical-pcm', '\0', CANONICAL_PCM_VERSION, '\0', String(take.sampleRate), '\0', take.originalSha256, '\0', take.id);
}

export async function getTake(store: BlobStore, takeId: string): Promise<TakeRecord | null> {
	if (!isTakeId(takeId)) return null;
	return getJson<TakeRecord>(store, takeRecordKey(takeId));
}

/** The answer for a take that does not exist, and for one the asker may not see (the same, so they learn nothing). */
export function takeNotFound(takeId: string): StudioError {
	return new StudioError('take_not_found', 404, `No take with id ${JSON.stringify(takeId)} exists; it may have been deleted.`);
}

export async function requireTake(store: BlobStore, takeId: string): Promise<TakeRecord> {
	const take = await getTake(store, takeId);
	if (!take) throw takeNotFound(takeId);
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
	const pcmId = pcmIdOf(take);
	const key = pcmKey(pcmId);
	const stored = await store.get(key);
	if (stored) return bytesToPcm(stored);
	await recordEdge(store, 'take', take.id, 'pcm', pcmId);
	const decoded = await decodeAudio(await loadOriginal(store, take), { durationLimits: { minSeconds: MIN_TAKE_SECONDS, maxSeconds: MAX_TAKE_SECONDS } });
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
