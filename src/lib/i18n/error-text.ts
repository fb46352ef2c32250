/**
 * The sentence to show for an error from the API (`{error: {code, message, params?}}`) or from
 * the client. English shows the error's own message (the most specific sentence there is); Chinese
 * shows `errors.<code>.detail` when the error carries every number that message needs, else
 * `errors.<code>`, else, for a code the tables do not know, the error's own message.
 */
import type { UiLocale } from './locales';
import { MESSAGES, type MessageKey } from './messages';
import { fillMessage, type MessageParams } from './translate';

export interface LocalizableError {
	code: string;
	message: string;
	/** The figures the message was made from (sizes, lengths), so a translation can restate them. */
	params?: MessageParams;
}

const placeholdersOf = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);

export function errorText(locale: UiLocale, error: LocalizableError): string {
	if (locale === 'en') return error.message;
	const table = MESSAGES[locale];
	const detail = table[`errors.${error.code}.detail`];
	const params = error.params;
	if (detail && params && placeholdersOf(detail).every((name) => name in params)) return fillMessage(detail, params);
	return table[`errors.${error.code}`] ?? error.message;
}

type KnownErrorCode = MessageKey extends infer K ? (K extends `errors.${infer C}` ? C : never) : never;

/**
 * The English sentence for an error the browser raises itself. Its message stays English whatever
 * the page's language at the time (errorText shows the translation of its code), so a switch to
 * English afterwards does not leave Chinese behind.
 */
export function clientErrorMessage(code: KnownErrorCode): string {
	return MESSAGES.en[`errors.${code}`];
}
