import type { RequestHandler } from './$types';
import { readLyrics } from '$lib/lyrics/read-lyrics';
import { LyricsError } from '$lib/lyrics/types';
import { clientIdentity } from '$lib/server/client-identity';
import { StudioError, withErrors } from '$lib/server/errors';
import { readJsonBody } from '$lib/server/json-body';
import { enforceRateLimit } from '$lib/server/rate-limits';
import { LANGUAGES, type Language } from '$lib/take/types';

/** Longest text read at once (a line typed over a run of notes), characters. */
const MAX_TEXT_CHARACTERS = 500;

/**
 * Typed lyrics → the syllables the voice sings, for the note editor: characters (read in context),
 * English words, or readings (Jyutping, Pinyin, ARPAbet in braces). The readers' dictionaries stay
 * on the server; the page puts the syllables on notes as an edit.
 */
export const POST: RequestHandler = ({ request, getClientAddress }) =>
	withErrors(async () => {
		await enforceRateLimit('edit', clientIdentity(request, getClientAddress()));
		const body = (await readJsonBody(request, '{"text": "我哋", "language": "yue"}', 16 * 1024)) as { text?: unknown; language?: unknown };
		if (typeof body?.text !== 'string' || body.text.trim() === '' || body.text.length > MAX_TEXT_CHARACTERS) {
			throw new StudioError('bad_lyrics_text', 400, `Type the syllables to sing (1 to ${MAX_TEXT_CHARACTERS} characters).`);
		}
		if (!LANGUAGES.includes(body.language as Language)) throw new StudioError('unsupported_language', 400, `"language" must be one of ${LANGUAGES.join(', ')}.`);
		try {
			return Response.json({ syllables: readLyrics(body.text, body.language as Language) });
		} catch (e) {
			if (e instanceof LyricsError) throw new StudioError(e.code, 422, e.message);
			throw e;
		}
	});
