/**
 * A class in Chromium, as it happens in a room: a teacher starts a class on the home page and three
 * students join from their own devices (separate browser contexts; one a phone at 390×844, touch),
 * one from the join link, two by typing the code. Each reads the teacher's notice and agrees before
 * the recorder appears, records a hum and a reading with the fake microphone, and gets a song. The
 * teacher's dashboard shows every stage live (each row's stages are collected in the page as they
 * change); the teacher plays a song, shares it to the gallery (a classmate then hears it, the other
 * songs stay private), downloads everything (a zip with each student's mix, MIDI and lyrics and the
 * CSV) and ends the class; then nothing of the class is left in DATA_DIR and the students' pages
 * reach nothing.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { unzipSync } from 'fflate';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWav } from '../../src/lib/audio/wav';
import { HAS_CHROMIUM, launchChromium, RUN_BROWSER_TESTS } from '../helpers/chromium';
import { filesOnly, filesUnder, pathsMentioning } from '../helpers/data-dir';
import { HAS_ESPEAK } from '../helpers/espeak';
import { GENERATED_DIR, OUTPUT_DIR } from '../helpers/paths';
import { humAndReadingTake } from '../helpers/song-take';
import { startStack, type Stack } from '../helpers/stack';

const RUN = RUN_BROWSER_TESTS && (HAS_ESPEAK || Boolean(process.env.CI));
/** Silence before the hum on the fake microphone: the recorder's count-in and the microphone's start. */
const LEAD_SECONDS = 4;
/** Silence after the reading, so the looping fake microphone does not start the hum again mid-take. */
const TAIL_SECONDS = 15;

interface Student {
	name: string;
	context: BrowserContext;
	page: Page;
}

/** The stages each dashboard row went through, collected in the teacher's page as they change. */
async function watchStages(page: Page): Promise<void> {
	await page.evaluate(() => {
		const seen: Record<string, string[]> = {};
		(window as unknown as { __stages: typeof seen }).__stages = seen;
		const record = () => {
			for (const row of document.querySelectorAll<HTMLElement>('[data-testid=student-row]')) {
				const name = row.dataset.name ?? '';
				const stage = row.dataset.stage ?? '';
				const list = (seen[name] ??= []);
				if (list[list.length - 1] !== stage) list.push(stage);
			}
		};
		record();
		new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-stage'] });
	});
}

/** Waits until the page's script runs (html[data-hydrated], set by the layout): a tap before then is lost. */
const hydrated = (page: Page) => page.locator('html[data-hydrated=true]').waitFor({ state: 'attached', timeout: 30_000 });

/** Opens a page once its script runs. */
async function open(page: Page, url: string): Promise<void> {
	await page.goto(url);
	await hydrated(page);
}

const stagesSeen = (page: Page) => page.evaluate(() => (window as unknown as { __stages: Record<string, string[]> }).__stages);

describe.skipIf(!RUN)(`a class: a teacher and three students in Chromium${HAS_CHROMIUM ? '' : ' (skipped: no /usr/bin/chromium)'}`, () => {
	let stack: Stack;
	let browser: Browser;
	let humSeconds: number;
	let readSeconds: number;

	beforeAll(async () => {
		mkdirSync(GENERATED_DIR, { recursive: true });
		mkdirSync(OUTPUT_DIR, { recursive: true });
		const take = humAndReadingTake('en');
		const rate = take.sampleRate;
		const pcm = new Float32Array(Math.round((LEAD_SECONDS + TAIL_SECONDS) * rate) + take.pcm.length);
		pcm.set(take.pcm, Math.round(LEAD_SECONDS * rate));
		humSeconds = take.humEndSeconds;
		readSeconds = take.pcm.length / rate - take.humEndSeconds;
		const micPath = path.join(GENERATED_DIR, 'e2e-classroom-mic.wav');
		writeFileSync(micPath, encodeWav(pcm, rate, { bitDepth: 16 }));
		stack = await startStack();
		browser = await launchChromium(micPath);
	}, 120_000);

	afterAll(async () => {
		await browser?.close();
		await stack?.stop();
	});

	/** Records the hum and the reading with the fake microphone, hears nothing back, and uses the take. */
	async function record(page: Page): Promise<void> {
		const clicked = Date.now();
		await page.locator('[data-testid=record]').click();
		await page.locator('[data-testid=part-hum]').waitFor({ timeout: 15_000 });
		await page.waitForTimeout(Math.max(0, clicked + (LEAD_SECONDS + humSeconds) * 1000 - Date.now()));
		await page.locator('[data-testid=next-read]').click();
		await page.locator('[data-testid=part-read]').waitFor();
		await page.waitForTimeout((readSeconds + 0.5) * 1000);
		await page.locator('[data-testid=stop]').click();
		await page.locator('[data-testid=review]').waitFor({ timeout: 10_000 });
		await page.locator('[data-testid=use-take]').click();
	}

	it('join, consent, record and a song for each; the dashboard live; play, share, download everything, end; nothing left', async () => {
		const before = new Set((await filesOnly(stack.dataDir)).keys());

		// The teacher starts a class on the home page.
		const teacherContext = await browser.newContext({ baseURL: stack.baseUrl, viewport: { width: 1280, height: 900 } });
		const teacher = await teacherContext.newPage();
		await open(teacher, '/');
		await teacher.locator('[data-testid=class-title-input]').fill('4B music');
		await teacher.locator('[data-testid=start-class]').click();
		await teacher.waitForURL(/\/classes\/[a-f0-9]+$/, { timeout: 15_000 });
		await hydrated(teacher);
		const classId = teacher.url().split('/').pop()!;
		const code = (await teacher.locator('[data-testid=join-code]').getAttribute('data-code'))!;
		expect(code).toMatch(/^[A-Z0-9]{6}$/);
		const qrUrl = (await teacher.locator('[data-testid=join-qr]').getAttribute('data-url'))!;
		expect(qrUrl).toContain(`/join/${code}`);
		expect(await teacher.locator('[data-testid=join-qr] svg').count()).toBe(1);
		// Served over plain http (as here), the dashboard tells the teacher how students' phones can record.
		expect(qrUrl.startsWith('http:')).toBe(true);
		expect(await teacher.locator('[data-testid=join-https-hint]').count()).toBe(1);
		await teacher.locator('[data-testid=live][data-live=true]').waitFor({ timeout: 10_000 });
		await watchStages(teacher);

		// Three students on their own devices: a phone from the link (as the QR opens it), two typing the code.
		const devices = [
			{ name: 'Mei', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3, viaLink: true },
			{ name: 'Ken', viewport: { width: 1280, height: 900 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1, viaLink: false },
			{ name: 'Ana', viewport: { width: 1024, height: 768 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1, viaLink: false }
		];
		const students: Student[] = [];
		for (const d of devices) {
			const context = await browser.newContext({ baseURL: stack.baseUrl, viewport: d.viewport, isMobile: d.isMobile, hasTouch: d.hasTouch, deviceScaleFactor: d.deviceScaleFactor });
			const page = await context.newPage();
			if (d.viaLink) {
				await open(page, `/join/${code}`);
			} else {
				await open(page, '/join');
				// As a student types it: lower case, with a space.
				await page.locator('[data-testid=join-code]').fill(`${code.slice(0, 3).toLowerCase()} ${code.slice(3).toLowerCase()}`);
			}
			await page.locator('[data-testid=join-name]').fill(d.name);
			await page.locator('[data-testid=join-button]').click();
			await page.waitForURL(new RegExp(`/class/${classId}$`), { timeout: 15_000 });
			await hydrated(page);
			// The notice comes first; no recorder until the student agrees.
			await page.locator('[data-testid=consent-notice]').waitFor();
			expect(await page.locator('[data-testid=record]').count()).toBe(0);
			await page.locator('[data-testid=consent-agree]').click();
			await page.locator('[data-testid=record]').waitFor({ timeout: 10_000 });
			students.push({ name: d.name, context, page });
		}
		await teacher.locator('[data-testid=counts][data-joined="3"]').waitFor({ timeout: 5_000 });
		const phone = students[0].page;
		// The phone's page fits its screen: nothing wider than 390 px to scroll sideways.
		expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
		await phone.screenshot({ path: path.join(OUTPUT_DIR, 'classroom-phone-ready.png'), fullPage: true });

		// All three record at once, as a class does.
		await Promise.all(students.map((s) => record(s.page)));
		await teacher.screenshot({ path: path.join(OUTPUT_DIR, 'classroom-dashboard-working.png'), fullPage: true });
		for (const s of students) await s.page.locator('[data-testid=student-stage]').waitFor({ timeout: 30_000 });

		// Every song is made; the dashboard follows each student to "ready".
		for (const s of students) await teacher.locator(`[data-testid=student-row][data-name="${s.name}"][data-stage=ready]`).waitFor({ timeout: 300_000 });
		const seen = await stagesSeen(teacher);
		console.log(`dashboard stages seen: ${JSON.stringify(seen)}`);
		for (const s of students) {
			const stages = seen[s.name];
			expect(stages[0], `${s.name} first shown as joined`).toBe('joined');
			expect(stages, `${s.name} seen recording`).toContain('recording');
			expect(stages.some((x) => x === 'analysing' || x === 'singing'), `${s.name} seen while the song was made`).toBe(true);
			expect(stages[stages.length - 1]).toBe('ready');
			expect(stages).not.toContain('failed');
		}
		await phone.locator('[data-testid=student-stage][data-stage=ready]').waitFor({ timeout: 30_000 });
		await phone.screenshot({ path: path.join(OUTPUT_DIR, 'classroom-phone-song.png'), fullPage: true });
		await teacher.screenshot({ path: path.join(OUTPUT_DIR, 'classroom-dashboard-ready.png'), fullPage: true });

		// The teacher plays Mei's song and shares it to the gallery.
		const mei = teacher.locator('[data-testid=student-row][data-name="Mei"]');
		await mei.locator('[data-testid=play]').click();
		await teacher.waitForFunction(() => (document.querySelector('[data-testid=student-row][data-name="Mei"] [data-testid=player]') as HTMLAudioElement | null)?.currentTime! > 0.3, undefined, { timeout: 15_000 });
		await mei.locator('[data-testid=share]').click();
		await mei.locator('[data-testid=share][data-shared=true]').waitFor({ timeout: 5_000 });
		// Ken hears Mei's song in the gallery, and only that one.
		const ken = students[1].page;
		await ken.reload();
		await hydrated(ken);
		await ken.locator('[data-testid=gallery-song]').first().waitFor({ timeout: 10_000 });
		expect(await ken.locator('[data-testid=gallery-song]').count()).toBe(1);
		expect(await ken.locator('[data-testid=gallery]').innerText()).toContain('Mei');
		const meiSong = (await mei.getAttribute('data-song'))!;
		const kenSong = (await teacher.locator('[data-testid=student-row][data-name="Ken"]').getAttribute('data-song'))!;
		const fromKen = (url: string) => ken.evaluate(async (u) => (await fetch(u)).status, url);
		expect(await fromKen(`/api/classes/${classId}/gallery/${meiSong}/audio`)).toBe(200);
		// A classmate reaches nothing else: not Mei's song itself, not Ana's.
		const anaSong = (await teacher.locator('[data-testid=student-row][data-name="Ana"]').getAttribute('data-song'))!;
		expect(await fromKen(`/api/songs/${meiSong}`)).toBe(404);
		expect(await fromKen(`/api/classes/${classId}/gallery/${anaSong}/audio`)).toBe(404);
		expect(await fromKen(`/api/songs/${kenSong}`)).toBe(200);

		// Download everything: one folder per student with the mix, MIDI and lyrics, and the CSV.
		await teacher.locator('[data-testid=end-class]').click();
		await teacher.locator('[data-testid=end-dialog]').waitFor();
		const [download] = await Promise.all([teacher.waitForEvent('download', { timeout: 60_000 }), teacher.locator('[data-testid=download-all]').click()]);
		const zip = unzipSync(new Uint8Array(await readFile((await download.path())!)));
		const names = Object.keys(zip);
		console.log(`download everything: ${download.suggestedFilename()}: ${names.join(', ')}`);
		expect(names).toContain('songs.csv');
		for (const s of students) {
			for (const ext of ['.mp3', '.mid', '-lyrics.txt']) expect(names.some((n) => n.includes(s.name) && n.endsWith(ext)), `${s.name}'s ${ext}`).toBe(true);
			expect(new TextDecoder().decode(zip['songs.csv'])).toContain(s.name);
		}

		// End the class: everything in it is deleted.
		await teacher.locator('[data-testid=end-class-confirm]').click();
		await teacher.waitForURL((url) => !url.pathname.startsWith(`/classes/${classId}`), { timeout: 60_000 });
		const left = [...(await filesOnly(stack.dataDir)).keys()].filter((name) => !before.has(name));
		expect(left, 'files left from the class').toEqual([]);
		expect(pathsMentioning(await filesUnder(stack.dataDir), [classId, code, meiSong, kenSong, anaSong]), 'paths or files naming the class or its songs').toEqual([]);
		// The students' pages reach nothing any more.
		for (const s of students) expect(await s.page.evaluate(async (id) => (await fetch(`/api/classes/${id}/me`)).status, classId)).toBe(404);
		expect(await fromKen(`/api/songs/${kenSong}`)).toBe(404);
		for (const s of students) await s.context.close();
		await teacherContext.close();
	}, 600_000);
});
