/**
 * "Learn my voice from another recording" in Chromium against the built app, a real Redis and the
 * real worker: on a hum-only take's page, a text far longer than the recording is refused with its
 * reason; then five VCTK p226 sentences joined into one recording, uploaded with their text, are
 * learned and the page reports what the voice covers (screenshot under test/output/); and a
 * recording made on the panel with the (fake) microphone becomes the recording to send. Skipped
 * without Chromium or when ../shared/data (VCTK) is absent.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { resample } from '../../src/lib/audio/resample';
import { encodeWav } from '../../src/lib/audio/wav';
import { makeHumMelody } from '../fixtures/hum-melody';
import { HAS_CHROMIUM, launchChromium, RUN_BROWSER_TESTS } from '../helpers/chromium';
import { OUTPUT_DIR } from '../helpers/paths';
import { joinedVctkReading } from '../helpers/vctk-reading';
import { OWNER_KEY, ownerHeaders } from '../helpers/owner';
import { startStack, type Stack } from '../helpers/stack';
import { HAS_VCTK } from '../helpers/voice-likeness';

const SENTENCES = ['003', '008', '011', '016', '019'];

describe.skipIf(!RUN_BROWSER_TESTS || !HAS_VCTK)(`voice from another recording in Chromium${HAS_CHROMIUM ? '' : ' (skipped: no /usr/bin/chromium)'}${HAS_VCTK ? '' : ' (skipped: ../shared/data/vctk is absent)'}`, () => {
	let stack: Stack;
	let browser: Browser;
	let context: BrowserContext;
	let dir: string;
	let readingPath: string;
	let text: string;

	beforeAll(async () => {
		mkdirSync(OUTPUT_DIR, { recursive: true });
		dir = await mkdtemp(path.join(os.tmpdir(), 'h2s-e2e-voice-'));
		// Five sentences of one speaker, 0.4 s apart, as one recording.
		const reading = joinedVctkReading('p226', SENTENCES, 0.4);
		text = reading.text;
		readingPath = path.join(dir, 'p226-five-sentences.wav');
		writeFileSync(readingPath, encodeWav(reading.pcm, reading.sampleRate));
		// The same speech as the fake microphone's input, at a rate a sound card gives.
		const micPath = path.join(dir, 'mic.wav');
		writeFileSync(micPath, encodeWav(resample(reading.pcm, reading.sampleRate, 44100), 44100));
		stack = await startStack();
		browser = await launchChromium(micPath);
		context = await browser.newContext({ baseURL: stack.baseUrl, viewport: { width: 1366, height: 900 }, locale: 'en-GB' });
		await context.addCookies([{ name: 'h2s_owner', value: OWNER_KEY, url: stack.baseUrl }]);
	}, 120_000);

	afterAll(async () => {
		await browser?.close();
		await stack?.stop();
		if (dir) await rm(dir, { recursive: true, force: true });
	});

	/** A hum-only English take (its voice, until one is uploaded, learned from the hum). */
	async function humTake(): Promise<string> {
		const hum = makeHumMelody({ sampleRate: 44100 });
		const form = new FormData();
		form.set('audio', new Blob([encodeWav(hum.pcm, 44100) as BlobPart]), 'hum.wav');
		form.set('language', 'en');
		const created = await fetch(`${stack.baseUrl}/api/takes`, { method: 'POST', headers: ownerHeaders(OWNER_KEY), body: form });
		expect(created.status).toBe(201);
		return ((await created.json()) as { take: { id: string } }).take.id;
	}

	it('refuses a text that cannot be what was said, then learns the voice from the recording and its text and reports its coverage', async () => {
		const takeId = await humTake();

		const page = await context.newPage();
		const errors: string[] = [];
		page.on('pageerror', (error) => errors.push(error.message));
		await page.goto(`/takes/${takeId}`);
		const panel = page.locator('[data-testid=voice-source-panel]');
		await panel.waitFor({ timeout: 30_000 });
		await expect.poll(() => page.locator('[data-testid=voice-source-language]').inputValue()).toBe('en');
		await page.locator('[data-testid=voice-source-file]').setInputFiles(readingPath);

		// Far more words than 25 s of speech could hold: refused at once, with what to do.
		await page.locator('[data-testid=voice-source-text]').fill(Array(60).fill('extraordinary').join(' '));
		await page.locator('[data-testid=voice-source-submit]').click();
		const refusal = page.locator('[data-testid=voice-source-error]');
		await refusal.waitFor({ timeout: 30_000 });
		expect(await refusal.getAttribute('data-code')).toBe('voice_text_mismatch');
		expect(await refusal.textContent()).toMatch(/type only what you said/);

		await page.locator('[data-testid=voice-source-text]').fill(text);
		await page.locator('[data-testid=voice-source-submit]').click();
		const coverage = page.locator('[data-testid=voice-coverage]');
		await coverage.waitFor({ timeout: 120_000 });
		expect(await page.locator('[data-testid=voice-source-error]').count()).toBe(0);
		expect(await page.locator('[data-testid=voice-source-current]').textContent()).toMatch(/p226-five-sentences\.wav/);
		const covered = /Learned (\d+) of the (\d+) syllables/.exec((await page.locator('[data-testid=voice-covered]').textContent()) ?? '');
		expect(covered).not.toBeNull();
		const [learned, total] = [Number(covered![1]), Number(covered![2])];
		expect(total).toBeGreaterThan(80);
		expect(learned / total).toBeGreaterThan(0.9);
		expect(await page.locator('[data-testid=voice-lyric-coverage]').textContent()).toMatch(/Of the \d+ different syllables of the starter lyric, \d+ are sung/);
		await panel.scrollIntoViewIfNeeded();
		await page.screenshot({ path: path.join(OUTPUT_DIR, 'voice-source-coverage.png'), fullPage: true });
		console.log(`voice from p226 (5 sentences): ${learned}/${total} syllables learned; ${await page.locator('[data-testid=voice-lyric-coverage]').textContent()}`);

		// Deleting the voice on the sing panel takes its recording off this panel at once, no reload.
		page.once('dialog', (dialog) => void dialog.accept());
		await page.locator('[data-testid=delete-voice]').click();
		await page.locator('[data-testid=voice-deleted]').waitFor({ timeout: 30_000 });
		await expect.poll(() => page.locator('[data-testid=voice-coverage]').count(), { timeout: 10_000 }).toBe(0);
		expect(errors).toEqual([]);
	}, 180_000);

	it('records the speech with the microphone on the panel and holds it as the recording to send', async () => {
		const takeId = await humTake();
		const page = await context.newPage();
		const errors: string[] = [];
		page.on('pageerror', (error) => errors.push(error.message));
		await page.goto(`/takes/${takeId}`);
		await page.locator('[data-testid=voice-source-panel]').waitFor({ timeout: 30_000 });
		await page.locator('[data-testid=voice-source-text]').fill(text);
		await page.locator('[data-testid=voice-source-record]').click();
		await page.locator('[data-testid=voice-source-recording]').waitFor({ timeout: 20_000 });
		expect(await page.locator('[data-testid=voice-source-submit]').isDisabled()).toBe(true);
		await page.waitForTimeout(6000);
		await page.locator('[data-testid=voice-source-stop]').click();
		const recorded = page.locator('[data-testid=voice-source-recorded]');
		await recorded.waitFor({ timeout: 10_000 });
		const seconds = Number(/Recorded ([\d.]+) s/.exec((await recorded.textContent()) ?? '')?.[1]);
		expect(seconds).toBeGreaterThan(5);
		expect(seconds).toBeLessThan(9);
		expect(await page.locator('[data-testid=voice-source-submit]').isDisabled()).toBe(false);
		expect(await page.locator('[data-testid=voice-source-recorder]').getAttribute('data-phase')).toBe('idle');
		expect(errors).toEqual([]);
	});
});
