/**
 * The README's quick start, verbatim: `npm start` as a child process with nothing in its
 * environment but PATH, HOME, PORT and DATA_DIR (no ORIGIN, no REDIS_URL, no test-only variable),
 * then a person in Chromium at http://127.0.0.1:PORT uploads a take, makes a song, hears it and
 * exports it; the same studio at http://localhost:PORT accepts an upload too; Ctrl-C stops it all.
 * The page must run under the studio's Content Security Policy without a single violation.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAudio } from '../../src/lib/audio/decode';
import { encodeWav } from '../../src/lib/audio/wav';
import { findFreePort } from '../../worker/services.mjs';
import { HAS_CHROMIUM, launchChromium, RUN_BROWSER_TESTS } from '../helpers/chromium';
import { HAS_ESPEAK } from '../helpers/espeak';
import { GENERATED_DIR, OUTPUT_DIR, REPO_ROOT } from '../helpers/paths';
import { humAndReadingTake } from '../helpers/song-take';
import { makeHumMelody } from '../fixtures/hum-melody';

const RUN = RUN_BROWSER_TESTS && (HAS_ESPEAK || Boolean(process.env.CI));

describe.skipIf(!RUN)(`README quick start in Chromium${HAS_CHROMIUM ? '' : ' (skipped: no /usr/bin/chromium)'}`, () => {
	let studio: ChildProcess;
	let output = '';
	let exited: Promise<number | null>;
	let dataDir: string;
	let port: number;
	let browser: Browser;
	let takePath: string;
	let shortPath: string;

	beforeAll(async () => {
		mkdirSync(GENERATED_DIR, { recursive: true });
		mkdirSync(OUTPUT_DIR, { recursive: true });
		const take = humAndReadingTake('en');
		takePath = path.join(GENERATED_DIR, 'quick-start-take.wav');
		writeFileSync(takePath, encodeWav(take.pcm, take.sampleRate, { bitDepth: 16 }));
		const hum = makeHumMelody({ durationSeconds: 5 });
		shortPath = path.join(GENERATED_DIR, 'quick-start-hum.wav');
		writeFileSync(shortPath, encodeWav(hum.pcm, hum.sampleRate, { bitDepth: 16 }));

		dataDir = await mkdtemp(path.join(os.tmpdir(), 'h2s-quick-start-'));
		port = await findFreePort();
		// Exactly what a user types, with only the two variables the README offers for a second studio.
		studio = spawn('npm', ['start'], {
			cwd: REPO_ROOT,
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe'],
			env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.homedir(), PORT: String(port), DATA_DIR: dataDir }
		});
		studio.stdout!.on('data', (d) => (output += d));
		studio.stderr!.on('data', (d) => (output += d));
		exited = new Promise((resolve) => studio.once('exit', (code) => resolve(code)));
		const deadline = Date.now() + 150_000;
		while (!output.includes('Hum2Song Studio is running at')) {
			if (studio.exitCode !== null) throw new Error(`npm start exited:\n${output}`);
			if (Date.now() > deadline) throw new Error(`npm start did not report the studio running:\n${output}`);
			await new Promise((r) => setTimeout(r, 200));
		}
		expect(output).toContain(`http://127.0.0.1:${port}`);
		browser = await launchChromium();
	}, 180_000);

	afterAll(async () => {
		await browser?.close();
		if (studio && studio.exitCode === null) {
			try {
				process.kill(-studio.pid!, 'SIGKILL');
			} catch {
				// Already gone.
			}
			await exited;
		}
		if (dataDir) await rm(dataDir, { recursive: true, force: true });
	});

	/** A page that records every CSP violation and script error it meets. */
	async function openPage(baseURL: string): Promise<{ page: Page; problems: string[] }> {
		const page = await browser.newPage({ baseURL, viewport: { width: 1200, height: 900 } });
		const problems: string[] = [];
		page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
		page.on('console', (message) => {
			if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(`console: ${message.text()}`);
		});
		return { page, problems };
	}

	async function uploadAndWaitForAnalysis(page: Page, file: string): Promise<void> {
		await page.goto('/');
		// The page's script is running (Record is enabled only then): a choice made before would be lost.
		await page.locator('[data-testid=record]:enabled').waitFor({ timeout: 30_000 });
		await page.locator('[data-testid=language] input[value=en]').check();
		await page.locator('[data-testid=upload-input]').setInputFiles(file);
		const error = page.locator('[data-testid=error]');
		await Promise.race([
			page.waitForURL(/\/takes\/[^/]+$/, { timeout: 60_000 }).catch(async (e: Error) => {
				await page.screenshot({ path: path.join(OUTPUT_DIR, 'quick-start-upload-failed.png'), fullPage: true });
				throw e;
			}),
			error.waitFor({ timeout: 60_000 }).then(async () => {
				throw new Error(`upload refused on the page: ${await error.innerText()}`);
			})
		]);
		await page.locator('[data-testid=analysis]').or(error).first().waitFor({ timeout: 90_000 });
		if (await error.isVisible()) throw new Error(`analysis failed on the page: ${await error.innerText()}`);
	}

	it('uploads a take at http://127.0.0.1, makes a song, plays it and exports it, with no CSP violation', async () => {
		const { page, problems } = await openPage(`http://127.0.0.1:${port}`);
		try {
			const home = await page.request.get('/');
			expect(home.headers()['content-security-policy']).toMatch(/frame-ancestors 'none'/);
			expect(home.headers()['x-content-type-options']).toBe('nosniff');
			expect(home.headers()['referrer-policy']).toBe('no-referrer');
			await uploadAndWaitForAnalysis(page, takePath);
			await page.locator('[data-testid=make-song-button]').click({ timeout: 60_000 });
			await page.waitForURL(/\/songs\/[a-z0-9]+$/, { timeout: 30_000 });
			await page.locator('[data-testid=song-phrase][data-ready=true]').first().waitFor({ timeout: 120_000 });
			await page.locator('[data-testid=playback-source][data-source=mix]').waitFor({ timeout: 180_000 });
			await page.locator('[data-testid=song-play]').click();
			await expect.poll(async () => Number(await page.locator('[data-testid=song-clock]').getAttribute('data-seconds')), { timeout: 10_000 }).toBeGreaterThan(0.1);
			await page.locator('[data-testid=song-pause]').click();
			await page.screenshot({ path: path.join(OUTPUT_DIR, 'quick-start-song.png'), fullPage: true });
			const href = await page.locator('[data-testid=export-wav16]').getAttribute('href');
			const download = await page.request.get(href ?? '');
			expect(download.status()).toBe(200);
			const mix = await decodeAudio(new Uint8Array(await download.body()));
			expect(mix.channels[0].length / mix.sampleRate).toBeGreaterThan(10);
			expect(problems).toEqual([]);
		} finally {
			await page.close();
		}
	}, 420_000);

	it('accepts an upload from the page at http://localhost too, even a file chosen before the page\'s script has run', async () => {
		const { page, problems } = await openPage(`http://localhost:${port}`);
		try {
			// Hold the page's script back (a slow machine or network), choose the file meanwhile, then let it run.
			let release = () => {};
			const held = new Promise<void>((resolve) => (release = resolve));
			await page.route('**/_app/immutable/**', async (route) => {
				await held;
				await route.continue();
			});
			await page.goto('/', { waitUntil: 'commit' });
			await page.locator('[data-testid=upload-input]').setInputFiles(shortPath);
			release();
			const error = page.locator('[data-testid=error]');
			await page.waitForURL(/\/takes\/[^/]+$/, { timeout: 60_000 });
			await page.locator('[data-testid=analysis]').or(error).first().waitFor({ timeout: 90_000 });
			expect(await error.count()).toBe(0);
			expect(problems).toEqual([]);
		} finally {
			await page.close();
		}
	}, 180_000);

	it('stops the web server, the worker and its private Redis on Ctrl-C', async () => {
		process.kill(-studio.pid!, 'SIGINT');
		const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 30_000))]);
		expect(code, output).not.toBe('timeout');
		expect(output).toContain('[studio] stopped');
	}, 60_000);
});
