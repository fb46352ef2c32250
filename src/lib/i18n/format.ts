/**
 * Dates, numbers and durations written the way a reader of the interface language expects
 * (Intl, so 2026年12月5日 for zh-HK/zh-CN and "5 Dec 2026" style for English). Pure functions of
 * the locale; the UiLanguage context binds them to the page's current language.
 */
import type { UiLocale } from './locales';

/** Intl's tag per interface language: en-GB writes day-month dates and 24-hour clocks less oddly than en-US for a Hong Kong studio. */
const INTL_TAG: Record<UiLocale, string> = { 'zh-HK': 'zh-HK', 'zh-CN': 'zh-CN', en: 'en-GB' };

export function intlTag(locale: UiLocale): string {
	return INTL_TAG[locale];
}

/** A moment as date and time, e.g. "5 Dec 2026, 13:29" / "2026年12月5日 下午1:29"; an invalid one as "". */
export function formatDateTime(locale: UiLocale, when: string | number | Date): string {
	const date = when instanceof Date ? when : new Date(when);
	if (Number.isNaN(date.getTime())) return '';
	return new Intl.DateTimeFormat(INTL_TAG[locale], { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function formatNumber(locale: UiLocale, value: number, options: Intl.NumberFormatOptions = {}): string {
	return new Intl.NumberFormat(INTL_TAG[locale], options).format(value);
}

/** A fraction 0..1 as a whole percentage: "85%". */
export function formatPercent(locale: UiLocale, fraction: number): string {
	return formatNumber(locale, fraction, { style: 'percent', maximumFractionDigits: 0 });
}

/** Seconds with up to `digits` decimals and the unit as the reader writes it: "0.45s" / "0.45秒". */
export function formatSeconds(locale: UiLocale, seconds: number, digits = 2): string {
	return formatNumber(locale, seconds, { style: 'unit', unit: 'second', unitDisplay: 'narrow', maximumFractionDigits: digits });
}

/** Bytes as megabytes with one decimal ("12.5"), the unit left to the message. */
export function formatMegabytes(locale: UiLocale, bytes: number): string {
	return formatNumber(locale, bytes / (1024 * 1024), { maximumFractionDigits: 1 });
}
