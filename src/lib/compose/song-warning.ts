/**
 * A warning about a composed song, structured so the page can say it in the user's language: a
 * stable `code` whose text is the message `compose.warning.<code>` (src/lib/i18n/messages/compose.ts),
 * the `params` that text fills in, and the English `message` for the CLI, the API and old pages.
 * The English comes from the same table, so the two never disagree.
 */
import { compose } from '../i18n/messages/compose';
import { translateWith } from '../i18n/translate';

export interface SongWarning {
	code: string;
	params: Record<string, string | number>;
	/** The English text. */
	message: string;
}

type ComposeKey = keyof (typeof compose)['en'];
/** Every code with a text: the keys `compose.warning.<code>` (their `.one` plural forms aside). */
export type SongWarningCode = ComposeKey extends infer K ? (K extends `compose.warning.${infer C}` ? (C extends `${string}.one` ? never : C) : never) : never;

export function songWarning(code: SongWarningCode, params: Record<string, string | number>): SongWarning {
	return { code, params, message: translateWith(compose, 'en', `compose.warning.${code}`, params) };
}
