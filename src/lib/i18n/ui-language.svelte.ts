/**
 * The page's interface language as Svelte context: the root layout provides it (from the
 * server's choice, so the first paint is already in the user's language), components read it
 * with useI18n() and call `t(key, params)` and the formatters, which re-render when the user
 * switches (each reads `locale`, a $state).
 */
import { getContext, setContext } from 'svelte';
import type { Language } from '$lib/take/types';
import {
	errorText,
	formatDateTime,
	formatNumber,
	formatPercent,
	formatSeconds,
	MESSAGES,
	translate,
	UI_LOCALE_COOKIE,
	type LocalizableError,
	type MessageKey,
	type MessageParams,
	type UiLocale
} from './index';

const KEY = Symbol('ui-language');
const ONE_YEAR_SECONDS = 365 * 24 * 3600;

export class UiLanguage {
	locale = $state<UiLocale>('en');

	constructor(initial: UiLocale) {
		this.locale = initial;
	}

	/** Translates in the current language (reactive: reads `locale`). */
	t = (key: MessageKey, params?: MessageParams): string => translate(this.locale, key, params);

	/** An API or client error in the current language (the server's sentence for unknown codes). */
	error = (error: LocalizableError): string => errorText(this.locale, error);

	/** A singing language's name in the interface language ("Cantonese", 「廣東話」); an unknown code as itself. */
	languageName = (language: Language | string): string => {
		const key = `common.singLanguage.${language}`;
		return key in MESSAGES.en ? translate(this.locale, key as MessageKey) : language;
	};

	date = (when: string | number | Date): string => formatDateTime(this.locale, when);
	number = (value: number, options?: Intl.NumberFormatOptions): string => formatNumber(this.locale, value, options);
	percent = (fraction: number): string => formatPercent(this.locale, fraction);
	seconds = (seconds: number, digits?: number): string => formatSeconds(this.locale, seconds, digits);

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
