export { UI_LOCALES, UI_LOCALE_COOKIE, UI_LOCALE_NAMES, isUiLocale, negotiateUiLocale, type UiLocale } from './locales';
export { MESSAGES, type MessageKey } from './messages';
export { fillMessage, type MessageParams } from './translate';
export { clientErrorMessage, errorText, type LocalizableError } from './error-text';
export { formatDateTime, formatMegabytes, formatNumber, formatPercent, formatSeconds, intlTag } from './format';
import type { UiLocale } from './locales';
import { MESSAGES, type MessageKey } from './messages';
import { translateWith, type MessageParams } from './translate';

/** A message in `locale`, placeholders filled. */
export function translate(locale: UiLocale, key: MessageKey, params?: MessageParams): string {
	return translateWith(MESSAGES, locale, key, params);
}
