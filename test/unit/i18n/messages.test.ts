import { describe, expect, it } from 'vitest';
import { UI_LOCALES, negotiateUiLocale, translate } from '../../../src/lib/i18n';
import { AREAS } from '../../../src/lib/i18n/messages';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const HAN = /\p{Script=Han}/u;

describe('interface messages', () => {
	for (const [area, table] of Object.entries(AREAS)) {
		it(`${area}: every language has exactly the English keys, none empty, with the same placeholders`, () => {
			const english = table.en as Record<string, string>;
			for (const key of Object.keys(english)) expect(key.startsWith(`${area}.`), `${key} should start with "${area}."`).toBe(true);
			for (const locale of UI_LOCALES) {
				const messages = (table as Record<string, Record<string, string>>)[locale];
				expect(Object.keys(messages).sort(), `${area} ${locale}`).toEqual(Object.keys(english).sort());
				for (const [key, text] of Object.entries(messages)) {
					expect(text.trim(), `${locale} ${key}`).not.toBe('');
					expect(placeholders(text), `${locale} ${key}`).toEqual(placeholders(english[key]));
				}
			}
		});
	}

	it('Chinese tables are written in Chinese (every message with letters in English has Han characters in Chinese)', () => {
		for (const table of Object.values(AREAS)) {
			for (const locale of ['zh-HK', 'zh-CN'] as const) {
				for (const [key, text] of Object.entries((table as Record<string, Record<string, string>>)[locale])) {
					const english = (table.en as Record<string, string>)[key];
					// Brand names, units and placeholders alone may stay as they are.
					const words = english.replace(/\{\w+\}/g, '').replace(/Hum2Song|Studio|BPM|MIDI|WAV|MP3|MusicXML|dB|Hz/g, '');
					if (/[A-Za-z]{3,}/.test(words)) expect(HAN.test(text), `${locale} ${key}: ${text}`).toBe(true);
				}
			}
		}
	});

	it('zh-HK is written in Traditional characters with Hong Kong words, zh-CN in Simplified', () => {
		// Characters that exist in only one of the two scripts, common in an interface.
		const SIMPLIFIED_ONLY = /[录们这说为与会时来对过还没让请问题声乐调载传删译语简体个键设误获选择开关闭听现]/u;
		const TRADITIONAL_ONLY = /[錄們這說為與會時來對過還沒讓請問題聲樂調載傳刪譯語簡體個鍵設誤獲選擇開關閉聽現]/u;
		// Mainland words a Hong Kong reader would not use in an interface.
		const MAINLAND_WORDS = /默認|質量|視頻|信息|軟件|屏幕|鼠標|服務器|網絡連接|菜單|文件夾/u;
		for (const table of Object.values(AREAS)) {
			for (const [key, text] of Object.entries((table as Record<string, Record<string, string>>)['zh-HK'])) {
				expect(SIMPLIFIED_ONLY.exec(text)?.[0], `zh-HK ${key}: ${text}`).toBeUndefined();
				expect(MAINLAND_WORDS.exec(text)?.[0], `zh-HK ${key}: ${text}`).toBeUndefined();
			}
			for (const [key, text] of Object.entries((table as Record<string, Record<string, string>>)['zh-CN'])) {
				expect(TRADITIONAL_ONLY.exec(text)?.[0], `zh-CN ${key}: ${text}`).toBeUndefined();
			}
		}
	});

	it('no key is defined by two areas', () => {
		const seen = new Map<string, string>();
		for (const [area, table] of Object.entries(AREAS)) {
			for (const key of Object.keys(table.en)) {
				expect(seen.get(key), key).toBeUndefined();
				seen.set(key, area);
			}
		}
	});

	it('fills placeholders and falls back to English, then to the key', () => {
		expect(translate('zh-HK', 'common.tagline')).toBe('在這部電腦上運行，資料不會離開。');
		expect(translate('en', 'common.tagline')).toMatch(/machine/);
	});
});

describe('choosing the interface language', () => {
	it('keeps a saved choice, else takes the first language the studio speaks from Accept-Language', () => {
		expect(negotiateUiLocale('en-GB,en;q=0.9', 'zh-HK')).toBe('zh-HK');
		expect(negotiateUiLocale('zh-HK,zh;q=0.9,en;q=0.8', null)).toBe('zh-HK');
		expect(negotiateUiLocale('zh-TW', null)).toBe('zh-HK');
		expect(negotiateUiLocale('zh-Hant-MO', null)).toBe('zh-HK');
		expect(negotiateUiLocale('yue', null)).toBe('zh-HK');
		expect(negotiateUiLocale('zh-CN,zh;q=0.9', null)).toBe('zh-CN');
		expect(negotiateUiLocale('zh', null)).toBe('zh-CN');
		expect(negotiateUiLocale('fr-FR,zh-Hans;q=0.5,en;q=0.8', null)).toBe('en');
		expect(negotiateUiLocale('fr-FR,de;q=0.5', null)).toBe('en');
		expect(negotiateUiLocale('en;q=0.2,zh-HK;q=0.7', 'nonsense')).toBe('zh-HK');
		expect(negotiateUiLocale(null, undefined)).toBe('en');
	});
});
