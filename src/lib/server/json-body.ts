import { readBodyCapped } from './capped-body';
import { StudioError } from './errors';

/** The largest JSON body an API accepts: settings and lyrics are a few kilobytes. */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;

function bodyTooLarge(bytes: number, maxBytes: number): StudioError {
	const seen = bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${bytes} bytes`;
	return new StudioError(
		'body_too_large',
		413,
		`The request body is ${seen}; the studio accepts settings as JSON of up to ${(maxBytes / 1024).toFixed(0)} kB. Send only the settings (lyrics included), not audio or files.`
	);
}

/**
 * A request's JSON body, read capped at `maxBytes` (413 `body_too_large`, checked on the declared
 * Content-Length first and again while streaming); an empty body is `{}`; anything unreadable is a
 * 400 naming what to send.
 */
export async function readJsonBody(request: Request, example: string, maxBytes = MAX_JSON_BODY_BYTES): Promise<unknown> {
	const text = new TextDecoder().decode(await readBodyCapped(request, maxBytes, (bytes) => bodyTooLarge(bytes, maxBytes)));
	if (text.trim() === '') return {};
	try {
		return JSON.parse(text);
	} catch {
		throw new StudioError('bad_request', 400, `Send the settings as JSON, e.g. ${example}.`);
	}
}
