import type { StudioErrorJson } from '../take/types';
import { isRedisUnavailable, QUEUE_UNAVAILABLE_MESSAGE } from './redis-errors';

/** An error meant for the user: a stable code, an HTTP status that fits, and a sentence to act on. */
export class StudioError extends Error {
	readonly code: string;
	readonly httpStatus: number;
	/** Response headers that go with the error (e.g. `Retry-After` on a 429). */
	readonly headers: Readonly<Record<string, string>>;
	/** The figures in the message, sent along so a page can restate it in its language (i18n/error-text.ts). */
	params: Record<string, string | number> | undefined;

	constructor(code: string, httpStatus: number, message: string, headers: Record<string, string> = {}) {
		super(message);
		this.name = 'StudioError';
		this.code = code;
		this.httpStatus = httpStatus;
		this.headers = headers;
	}

	withParams(params: Record<string, string | number> | undefined): this {
		this.params = params;
		return this;
	}

	toJson(): StudioErrorJson {
		return this.params ? { code: this.code, message: this.message, params: this.params } : { code: this.code, message: this.message };
	}
}

/** Anything with a string `code` and `httpStatus` (AudioInputError, StudioError) is a user-facing error. */
export function asUserError(e: unknown): StudioError | null {
	if (e instanceof StudioError) return e;
	if (e && typeof e === 'object' && 'code' in e && 'httpStatus' in e && e instanceof Error) {
		const { code, httpStatus } = e as { code: unknown; httpStatus: unknown };
		if (typeof code === 'string' && typeof httpStatus === 'number') {
			const params = (e as { params?: unknown }).params;
			return new StudioError(code, httpStatus, e.message).withParams(isParams(params) ? params : undefined);
		}
	}
	return null;
}

function isParams(value: unknown): value is Record<string, string | number> {
	return typeof value === 'object' && value !== null && Object.values(value).every((v) => typeof v === 'string' || typeof v === 'number');
}

/** The 500's sentence: it must not promise that anything was saved, since the failure may have come first. */
export const INTERNAL_ERROR_MESSAGE = 'Something went wrong on the studio server while handling this request. Try again in a moment; if it keeps happening, tell the studio’s administrator.';

export function errorResponse(error: StudioError): Response {
	return Response.json({ error: error.toJson() }, { status: error.httpStatus, headers: error.headers });
}

/**
 * Run a route body; user errors become their JSON response, Redis being down a 503, anything else
 * a logged 500 that claims nothing it cannot know (the request may have failed half-way).
 */
export async function withErrors(run: () => Promise<Response>): Promise<Response> {
	try {
		return await run();
	} catch (e) {
		const userError = asUserError(e);
		if (userError) return errorResponse(userError);
		if (isRedisUnavailable(e)) return errorResponse(new StudioError('queue_unavailable', 503, QUEUE_UNAVAILABLE_MESSAGE));
		console.error('[studio] unexpected error', e);
		return errorResponse(new StudioError('internal_error', 500, INTERNAL_ERROR_MESSAGE));
	}
}
