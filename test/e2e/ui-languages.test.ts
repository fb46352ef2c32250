/**
 * The interface in each of its languages, in Chromium against the studio as the README starts it
 * for tests (test/helpers/stack.ts: Redis, the worker and the built web server): a browser asking
 * for zh-HK gets Hong Kong Traditional Chinese, one asking for zh-CN Simplified, and switching to
 * English re-renders the page in place and survives a reload. The home and take pages are saved as
 * screenshots at 1366×768 in test/output/, after checking that Chinese characters really render
 * (a CJK font is installed and its glyphs are drawn, not boxes).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWav } from '../../src/lib/audio/wav';
import { translate, type UiLocale } from '../../src/lib/i18n';
import { makeHumMelody } from '../fixtures/hum-melody';
import { HAS_CHROMIUM, launchChromium, RUN_BROWSER_TESTS } from '../helpers/chromium';
import { OUTPUT_DIR } from '../helpers/paths';
import { startStack, type Stack } from '../helpers/stack';

const VIEWPORT = { width: 1366, height: 768 };
const ANALYSIS_TIMEOUT_MS = 90_000;

/** Widths of a CJK string and of the same number of unassigned code points (drawn as boxes), and whether two CJK glyphs draw differently. */
async function cjkRendering(page: Page): Promise<{ cjkWidth: number; tofuWidth: number; glyphsDiffer: boolean }> {
	return page.evaluate(() => {
		const probe = (text: string) => {
			const span = document.createElement('span');
			span.textContent = text;
			span.style.cssText = 'position:absolute;left:-9999px;font-size:40px;white-space:nowrap';
			document.body.append(span);
			const width = span.getBoundingClientRect().width;
			span.remove();
			return width;
		};
		// Pixels of one character drawn on a canvas in the page's own font.
		const pixels = (char: string) => {
			const canvas = document.createElement('canvas');
			canvas.width = canvas.height = 48;
			const ctx = canvas.getContext('2d')!;
			ctx.font = `40px ${getComputedStyle(document.body).fontFamily}`;
			ctx.fillText(char, 2, 40);
			return Array.from(ctx.getImageData(0, 0, 48, 48).data).join(',');
		};
		return { cjkWidth: probe('錄音旋律歌曲'), tofuWidth: probe('\u{10FFFD}'.repeat(6)), glyphsDiffer: pixels('錄') !== pixels('音') };
	});
}

async function expectLocale(page: Page, locale: UiLocale): Promise<void> {
	expect(await page.locator('html').getAttribute('lang')).toBe(locale);
	expect(await page.locator('[data-testid=ui-language]').inputValue()).toBe(locale);
}

describe.skipIf(!RUN_BROWSER_TESTS)(`the interface in 繁體中文, 简体中文 and English${HAS_CHROMIUM ? '' : ' (skipped: no /usr/bin/chromium)'}`, () => {
	let stack: Stack;
	let browser: Browser;
	let context: BrowserContext;
	let page: Page;
	let takeUrl = '';

	beforeAll(async () => {
		mkdirSync(OUTPUT_DIR, { recursive: true });
		stack = await startStack();
		browser = await launchChromium();
		context = await browserIn('zh-HK,zh;q=0.9,en;q=0.5');
	}, 120_000);

	/**
	 * A browser whose language list is `acceptLanguage`, holding the same owner cookie as the one
	 * before (one person's takes, seen from browsers set to different languages).
	 */
	async function browserIn(acceptLanguage: string): Promise<BrowserContext> {
		const cookies = context ? (await context.cookies(stack.baseUrl)).filter((c) => c.name !== 'h2s_lang') : [];
		await context?.close();
		const created = await browser.newContext({ baseURL: stack.baseUrl, viewport: VIEWPORT, locale: acceptLanguage.split(',')[0], extraHTTPHeaders: { 'accept-language': acceptLanguage } });
		await created.addCookies(cookies);
		page = await created.newPage();
		return created;
	}

	afterAll(async () => {
		await browser?.close();
		await stack?.stop();
	});

	it('has a CJK font for Hong Kong and mainland Chinese', () => {
		for (const lang of ['zh-hk', 'zh-cn']) {
			const match = execFileSync('fc-match', [`sans-serif:lang=${lang}`], { encoding: 'utf8' });
			expect(match, `fc-match sans-serif:lang=${lang}`).toMatch(/CJK|Hei|Ming|Song|Kai|WenQuanYi|Droid Sans Fallback/i);
		}
	});

	it('Accept-Language zh-HK: the home page and a take in Hong Kong Traditional Chinese', async () => {
		await page.goto('/');
		await expectLocale(page, 'zh-HK');
		expect(await page.locator('h1').innerText()).toBe(translate('zh-HK', 'home.heading'));
		expect(await page.locator('#upload-heading').innerText()).toBe(translate('zh-HK', 'upload.heading'));
		expect(await page.locator('[data-testid=language-yue] + .name').innerText()).toBe('廣東話');
		const rendering = await cjkRendering(page);
		expect(rendering.glyphsDiffer, 'two different Chinese characters drew the same pixels (boxes)').toBe(true);
		expect(Math.abs(rendering.cjkWidth - rendering.tofuWidth), JSON.stringify(rendering)).toBeGreaterThan(1);
		await page.screenshot({ path: path.join(OUTPUT_DIR, 'ui-zh-HK-home.png') });

		const hum = makeHumMelody({});
		await page.locator('[data-testid=upload-input]').setInputFiles({ name: '小星星.wav', mimeType: 'audio/wav', buffer: Buffer.from(encodeWav(hum.pcm, hum.sampleRate, { bitDepth: 16 })) });
		await page.waitForURL(/\/takes\/[^/]+$/, { timeout: 60_000 });
		takeUrl = new URL(page.url()).pathname;
		await page.locator('[data-testid=analysis]').or(page.locator('[data-testid=error]')).first().waitFor({ timeout: ANALYSIS_TIMEOUT_MS });
		expect(await page.locator('[data-testid=error]').count()).toBe(0);
		await expectLocale(page, 'zh-HK');
		expect(await page.locator('h1').innerText()).toBe(translate('zh-HK', 'take.heading'));
		expect(await page.locator('[data-testid=take-language]').innerText()).toBe(translate('zh-HK', 'take.language', { language: '英文' }));
		expect(await page.locator('#analysis-heading').innerText()).toBe(translate('zh-HK', 'analysis.heading'));
		expect(await page.locator('[data-testid=key]').innerText()).toMatch(/大調|不確定/);
		expect(await page.locator('[data-testid=take-meta] time').innerText()).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
		expect(await page.locator('[data-testid=download-midi]').innerText()).toBe(translate('zh-HK', 'analysis.downloadMidi'));
		await page.screenshot({ path: path.join(OUTPUT_DIR, 'ui-zh-HK-take.png') });
	}, 180_000);

	it('Accept-Language zh-CN: the same pages in Simplified Chinese', async () => {
		context = await browserIn('zh-CN,zh;q=0.9');
		await page.goto('/');
		await expectLocale(page, 'zh-CN');
		expect(await page.locator('h1').innerText()).toBe(translate('zh-CN', 'home.heading'));
		expect(await page.locator('#library-heading').innerText()).toBe('你的作品库');
		await page.locator('[data-testid=library-take]').first().waitFor({ timeout: 10_000 });
		expect(await page.locator('[data-testid=library-take] [data-testid=rename]').first().innerText()).toBe('重命名');
		await page.screenshot({ path: path.join(OUTPUT_DIR, 'ui-zh-CN-home.png') });

		// An error the server answers with ({error: {code, message}}) is shown by its code, in Chinese.
		await page.locator('[data-testid=upload-input]').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('这不是音频。'.repeat(200)) });
		const shown = page.locator('[data-testid=error]');
		await shown.waitFor({ timeout: 20_000 });
		expect(await shown.getAttribute('data-code')).toBe('unsupported_format');
		expect(await shown.innerText()).toContain(translate('zh-CN', 'errors.unsupported_format'));
		expect(await shown.innerText()).toContain(translate('zh-CN', 'home.uploadFailed'));

		await page.goto(takeUrl);
		await page.locator('[data-testid=analysis]').waitFor({ timeout: ANALYSIS_TIMEOUT_MS });
		await expectLocale(page, 'zh-CN');
		expect(await page.locator('[data-testid=take-language]').innerText()).toBe('用英语唱');
		expect(await page.locator('[data-testid=key]').innerText()).toMatch(/大调|不确定/);
		expect(await page.locator('#sing-heading').innerText()).toBe(translate('zh-CN', 'sing.heading'));
		await page.screenshot({ path: path.join(OUTPUT_DIR, 'ui-zh-CN-take.png') });
	}, 120_000);

	it('switching to English re-renders in place, sets <html lang>, and persists across a reload', async () => {
		await page.goto('/');
		await expectLocale(page, 'zh-CN');
		// A reload would drop this marker: the switch must not reload.
		await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));
		await page.locator('[data-testid=ui-language]').selectOption('en');
		await expect.poll(() => page.locator('h1').innerText()).toBe(translate('en', 'home.heading'));
		expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
		expect(await page.locator('html').getAttribute('lang')).toBe('en');
		expect(await page.locator('#upload-heading').innerText()).toBe('Or upload a recording');
		expect((await context.cookies(stack.baseUrl)).find((c) => c.name === 'h2s_lang')?.value).toBe('en');

		// The browser still asks for Chinese; the saved choice wins.
		await page.reload();
		await expectLocale(page, 'en');
		expect(await page.locator('h1').innerText()).toBe('Hum a tune. Read a few lines.');
		await page.screenshot({ path: path.join(OUTPUT_DIR, 'ui-en-home.png') });

		await page.goto(takeUrl);
		await page.locator('[data-testid=analysis]').waitFor({ timeout: ANALYSIS_TIMEOUT_MS });
		await expectLocale(page, 'en');
		expect(await page.locator('[data-testid=take-language]').innerText()).toBe('Sung in English');
		expect(await page.locator('#analysis-heading').innerText()).toBe('Your melody');
		await page.screenshot({ path: path.join(OUTPUT_DIR, 'ui-en-take.png') });

		// And back to Hong Kong Chinese on the take page, again without a reload.
		await page.locator('[data-testid=ui-language]').selectOption('zh-HK');
		await expect.poll(() => page.locator('#analysis-heading').innerText()).toBe('你的旋律');
		expect(await page.locator('html').getAttribute('lang')).toBe('zh-HK');
		expect(await page.locator('[data-testid=take-language]').innerText()).toBe('以英文唱');
	}, 120_000);
});
