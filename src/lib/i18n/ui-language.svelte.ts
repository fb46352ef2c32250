/**
 * The page's interface language as Svelte context: the root layout provides it (from the
 * server's choice, so the first paint is already in the user's language), components read it
 * with useI18n() and call `t(key, params)`, which re-renders when the user switches.
 */
import { getContext, setContext } from 'svelte';
import { translate, UI_LOCALE_COOKIE, type MessageKey, type MessageParams, type UiLocale } from './index';

const KEY = Symbol('ui-language');
const ONE_YEAR_SECONDS = 365 * 24 * 3600;

export class UiLanguage {
	locale = $state<UiLocale>('en');

	constructor(initial: UiLocale) {
		this.locale = initial;
	}

	/** Translates in the current language (reactive: reads `locale`). */
	t = (key: MessageKey, params?: MessageParams): string => translate(this.locale, key, params);

	/** Switches the page and remembers the choice for this browser. */
	choose(locale: UiLocale): void {
		this.locale = locale;
		if (typeof document !== 'undefined') {
			document.cookie = `${UI_LOCALE_COOKIE}=${locale}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; SameSite=Lax`;
			document.documentElement.lang = locale;
		}
	}
}

export function provideUiLanguage(initial: UiLocale): UiLanguage {
	return setContext(KEY, new UiLanguage(initial));
}

/** The page's interface language; outside a page (a component test) it is English. */
export function useI18n(): UiLanguage {
	return getContext<UiLanguage | undefined>(KEY) ?? new UiLanguage('en');
}
