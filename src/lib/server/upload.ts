import type { TakeSource } from '../take/types';
import { readBodyCapped } from './capped-body';
import { StudioError } from './errors';
import { parseHumEnd, parseLanguage, type NewTakeInput } from './takes';

/** Room for multipart boundaries and form fields on top of the audio itself. */
const MULTIPART_OVERHEAD_BYTES = 1024 * 1024;

function tooLarge(bytes: number, maxBytes: number): StudioError {
	return new StudioError(
		'file_too_large',
		413,
		`The upload is ${(bytes / 1048576).toFixed(1)} MB; the studio accepts audio files up to ${(maxBytes / 1048576).toFixed(0)} MB.`
	);
}

/**
 * Parse an upload: `multipart/form-data` with an `audio` file and `language`, `humEndSeconds`,
 * `source` fields (the studio page), or a raw `audio/*` / `application/octet-stream` body with the
 * same fields in the query string (scripts, curl).
 */
export async function readUpload(request: Request, maxBytes: number): Promise<NewTakeInput> {
	// The multipart boundary is case-sensitive: compare lower-cased, but parse with the header as sent.
	const rawContentType = request.headers.get('content-type') ?? '';
	const contentType = rawContentType.toLowerCase();
	const isMultipart = contentType.startsWith('multipart/form-data');
	const isRawAudio = contentType.startsWith('audio/') || contentType.startsWith('application/octet-stream') || contentType.startsWith('video/webm');
	if (!isMultipart && !isRawAudio) {
		throw new StudioError(
			'unsupported_content_type',
			415,
			`Uploads must be multipart/form-data with an "audio" file, or a raw audio body; got "${contentType || 'no content type'}".`
		);
	}
	const capBytes = maxBytes + (isMultipart ? MULTIPART_OVERHEAD_BYTES : 0);
	const body = await readBodyCapped(request, capBytes, (bytes) => tooLarge(bytes, maxBytes));
	if (body.byteLength === 0) {
		throw new StudioError('empty_file', 400, 'The upload is empty: choose an audio file or record a take.');
	}

	if (isRawAudio) {
		const query = new URL(request.url).searchParams;
		return {
			bytes: body,
			originalName: query.get('name') ?? 'upload',
			language: parseLanguage(query.get('language')),
			humEndSeconds: parseHumEnd(query.get('humEndSeconds')),
			source: parseSource(query.get('source'))
		};
	}

	let form: FormData;
	try {
		form = await new Request('http://upload.local/', { method: 'POST', headers: { 'content-type': rawContentType }, body: body as BodyInit }).formData();
	} catch {
		throw new StudioError('bad_form', 400, 'The upload form could not be read; send multipart/form-data with an "audio" file field.');
	}
	const file = form.get('audio');
	if (!(file instanceof Blob)) {
		throw new StudioError('missing_audio', 400, 'The form has no "audio" file: attach the recording as the "audio" field.');
	}
	const bytes = new Uint8Array(await file.arrayBuffer());
	if (bytes.byteLength > maxBytes) throw tooLarge(bytes.byteLength, maxBytes);
	return {
		bytes,
		originalName: (file instanceof File && file.name) || 'upload',
		language: parseLanguage(form.get('language')),
		humEndSeconds: parseHumEnd(form.get('humEndSeconds')),
		source: parseSource(form.get('source'))
	};
}

function parseSource(value: unknown): TakeSource {
	return value === 'recording' ? 'recording' : 'upload';
}
