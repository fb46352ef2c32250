/**
 * Looking up and filling a message: `{name}` placeholders take `params.name`; a key with a
 * `.one` variant uses it when `params.count` is 1 (English plurals; Chinese has one form).
 */
import type { UiLocale } from './locales';

export type MessageTable = Readonly<Record<string, string>>;
export type MessageParams = Readonly<Record<string, string | number>>;

export function fillMessage(template: string, params: MessageParams = {}): string {
	return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function translateWith(tables: Readonly<Record<UiLocale, MessageTable>>, locale: UiLocale, key: string, params: MessageParams = {}): string {
	const table = tables[locale];
	const singular = params.count === 1 ? (table[`${key}.one`] ?? tables.en[`${key}.one`]) : undefined;
	// A missing key falls back to English, then to the key itself, so a gap shows rather than breaks
	// (the messages test fails on any gap before it ships).
	const template = singular ?? table[key] ?? tables.en[key] ?? key;
	return fillMessage(template, params);
}
