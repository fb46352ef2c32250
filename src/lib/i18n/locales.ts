/**
 * The languages the studio's interface speaks (not the languages it sings: see take/types.ts).
 * zh-HK is Traditional Chinese as written in Hong Kong, zh-CN Simplified Chinese.
 */
export const UI_LOCALES = ['zh-HK', 'zh-CN', 'en'] as const;
export type UiLocale = (typeof UI_LOCALES)[number];

/** Each interface language named in itself, for the switcher. */
export const UI_LOCALE_NAMES: Record<UiLocale, string> = { 'zh-HK': '繁體中文', 'zh-CN': '简体中文', en: 'English' };

/** The cookie that keeps a browser's choice (one year). */
export const UI_LOCALE_COOKIE = 'h2s_lang';

export function isUiLocale(value: unknown): value is UiLocale {
	return typeof value === 'string' && (UI_LOCALES as readonly string[]).includes(value);
}

/**
 * One BCP 47 tag to the interface language that serves it, or null: Traditional-script Chinese
 * (Hong Kong, Macau, Taiwan, zh-Hant, Cantonese) reads zh-HK; other Chinese reads zh-CN.
 */
export function uiLocaleOfTag(tag: string): UiLocale | null {
	const parts = tag.trim().toLowerCase().split(/[-_]/);
	const [language] = parts;
	if (language === 'yue') return 'zh-HK';
	if (language === 'zh') {
		if (parts.includes('hant') || parts.some((p) => p === 'hk' || p === 'mo' || p === 'tw')) return 'zh-HK';
		return 'zh-CN';
	}
	if (language === 'en') return 'en';
	return null;
}

/**
 * The interface language for a request: the browser's saved choice (the cookie) if valid, else
 * the first language in Accept-Language (by q-value) that the studio speaks, else English.
 */
export function negotiateUiLocale(acceptLanguage: string | null, saved: string | null | undefined): UiLocale {
	if (isUiLocale(saved)) return saved;
	const ranked = (acceptLanguage ?? '')
		.split(',')
		.map((entry, index) => {
			const [tag, ...params] = entry.trim().split(';');
			const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
			const quality = q ? Number(q.slice(2)) : 1;
			return { tag, quality: Number.isFinite(quality) ? quality : 0, index };
		})
		.filter((e) => e.tag && e.quality > 0)
		.sort((a, b) => b.quality - a.quality || a.index - b.index);
	for (const { tag } of ranked) {
		const locale = uiLocaleOfTag(tag);
		if (locale) return locale;
	}
	return 'en';
}
