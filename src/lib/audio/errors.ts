/**
 * Errors for audio the user hands us. Each carries a stable `code` (for programs and tests),
 * the HTTP status an API should answer with, and a plain message a user can act on.
 */

import { formatSeconds } from './format-text';

export type AudioErrorCode =
	| 'empty_file'
	| 'unsupported_format'
	| 'corrupt_audio'
	| 'too_short'
	| 'too_long'
	| 'silent_take'
	| 'invalid_samples';

/** HTTP status per code: 400 bad request, 413 payload too large, 415 unsupported media type, 422 unprocessable. */
export const AUDIO_ERROR_STATUS: Readonly<Record<AudioErrorCode, number>> = {
	empty_file: 400,
	unsupported_format: 415,
	corrupt_audio: 422,
	too_short: 422,
	too_long: 413,
	silent_take: 422,
	invalid_samples: 422
};

/** The formats `decodeAudio` reads, in the words a user sees. */
export const ACCEPTED_FORMATS_TEXT = 'WAV, FLAC, MP3, Ogg Vorbis, Ogg Opus, WebM Opus';

export class AudioInputError extends Error {
	readonly code: AudioErrorCode;
	readonly httpStatus: number;
	/** The figures in the message, so the page can restate it in the user's language. */
	readonly params: Record<string, number> | undefined;

	constructor(code: AudioErrorCode, message: string, options?: { cause?: unknown; params?: Record<string, number> }) {
		super(message, options);
		this.name = 'AudioInputError';
		this.code = code;
		this.httpStatus = AUDIO_ERROR_STATUS[code];
		this.params = options?.params;
	}
}

/** True for an AudioInputError, also one made by another copy of this module (bundles, workers). */
export function isAudioInputError(e: unknown): e is AudioInputError {
	if (e instanceof AudioInputError) return true;
	if (typeof e !== 'object' || e === null) return false;
	const candidate = e as { name?: unknown; code?: unknown; httpStatus?: unknown };
	return (
		candidate.name === 'AudioInputError' &&
		typeof candidate.code === 'string' &&
		candidate.code in AUDIO_ERROR_STATUS &&
		typeof candidate.httpStatus === 'number'
	);
}

/** The `too_long` / `too_short` error for a recording of `seconds`, with the accepted range. */
export function durationError(seconds: number, minSeconds: number, maxSeconds: number): AudioInputError {
	const figure = formatSeconds(seconds);
	const range = `the studio accepts ${minSeconds}–${maxSeconds} s`;
	const params = { seconds: Number(seconds.toFixed(1)), minSeconds, maxSeconds };
	return seconds > maxSeconds
		? new AudioInputError('too_long', `The recording is ${figure} long; ${range}. Trim it or record a shorter take.`, { params })
		: new AudioInputError('too_short', `The recording is ${figure} long; ${range}. Record a little longer.`, { params });
}
