/**
 * A warning about a composed song, structured so the page can say it in the user's language: a
 * stable `code` (its text is the message `compose.warning.<code>` in src/lib/i18n/messages/compose.ts),
 * the `params` that text fills in, and the English `message` for the CLI, the API and old pages.
 */
export interface SongWarning {
	code: string;
	params: Record<string, string | number>;
	/** The English text. */
	message: string;
}

export function songWarning(code: string, params: Record<string, string | number>, message: string): SongWarning {
	return { code, params, message };
}
