/**
 * One area's messages (a page or a component family) in every interface language. Keys start with
 * the area's name ('song.play'), so areas never collide; English is the reference, and the type
 * makes each language list exactly English's keys.
 */
import type { UiLocale } from '../locales';

export type AreaMessages = { en: Record<string, string> } & Record<Exclude<UiLocale, 'en'>, Record<string, string>>;

/** Use as `satisfies` on an area: every language has exactly the English keys. */
export type SameKeys<T extends { en: Record<string, string> }> = Record<UiLocale, Record<keyof T['en'], string>>;
