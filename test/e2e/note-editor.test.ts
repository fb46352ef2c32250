/**
 * The note editor in Chromium against the built app, a real Redis and the real worker, driven with
 * real mouse drags and keys: a note dragged up two semitones, its syllable typed over, undo and redo
 * (buttons and keys), a bar's chord changed; each edit's phrase, sung again by the voice, starts
 * playing in the page (the time from the edit is printed), and the song's export has the edits.
 * A screenshot goes to test/output/note-editor.png.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Song } from '../../src/lib/song/types';
import { HAS_CHROMIUM, launchChromium, RUN_BROWSER_TESTS } from '../helpers/chromium';
import { HAS_ESPEAK } from '../helpers/espeak';
import { OUTPUT_DIR } from '../helpers/paths';
import { OWNER_KEY, ownerHeaders } from '../helpers/owner';
import { follow, mixed, waitForAnalysis } from '../helpers/song-events';
import { uploadSongTake } from '../helpers/song-take';
import { startStack, type Stack } from '../helpers/stack';

const RUN = RUN_BROWSER_TESTS && (HAS_ESPEAK || Boolean(process.env.CI));

/** The note drawn at this start tick (the editor's notes carry their start, pitch and syllable). */
const noteAt = (page: Page, startTicks: number) => page.locator(`[data-testid=edit-note][data-start="${startTicks}"]`);

describe.skipIf(!RUN)(`note editor in Chromium${HAS_CHROMIUM ? '' : ' (skipped: no /usr/bin/chromium)'}`, () => {
	let stack: Stack;
	let browser: Browser;
	let context: BrowserContext;
	let songId: string;

	beforeAll(async () => {
		mkdirSync(OUTPUT_DIR, { recursive: true });
		stack = await startStack();
		browser = await launchChromium();
		context = await browser.newContext({ baseURL: stack.baseUrl, viewport: { width: 1366, height: 900 }, locale: 'en-GB' });
		await context.addCookies([{ name: 'h2s_owner', value: OWNER_KEY, url: stack.baseUrl }]);
		const takeId = await uploadSongTake(stack.baseUrl, 'en', ownerHeaders(OWNER_KEY));
		await waitForAnalysis(stack.baseUrl, takeId, ownerHeaders(OWNER_KEY));
		const song = await fetch(`${stack.baseUrl}/api/takes/${takeId}/songs`, { method: 'POST', headers: ownerHeaders(OWNER_KEY, { 'content-type': 'application/json' }), body: JSON.stringify({ seed: 5 }) });
		expect(song.status).toBe(202);
		songId = ((await song.json()) as { songId: string }).songId;
		await follow(stack.baseUrl, songId, mixed(1), {}, 240_000, ownerHeaders(OWNER_KEY));
	}, 400_000);

	afterAll(async () => {
		await browser?.close();
		await stack?.stop();
	});

	it('moves a note with the mouse, types a syllable over it, undoes and redoes, changes a chord; each changed phrase is heard sung again, and the export has the edits', async () => {
		const page = await context.newPage();
		const errors: string[] = [];
		page.on('pageerror', (error) => errors.push(error.message));
		await page.goto(`/songs/${songId}`);
		const editor = page.locator('[data-testid=note-editor]');
		await editor.waitFor({ timeout: 60_000 });
		const original = ((await (await fetch(`${stack.baseUrl}/api/songs/${songId}`, { headers: ownerHeaders(OWNER_KEY) })).json()) as { composed: { song: Song } }).composed.song;
		const index = original.melody.findIndex((n, i) => i >= 4 && n.syllable !== null && original.melody[i + 1]?.syllable !== null);
		const target = original.melody[index];
		const note = noteAt(page, target.startTicks);
		await note.scrollIntoViewIfNeeded();
		const heard: number[] = [];
		/** Waits for the edit's phrase to start playing, sung again, and keeps the time from the edit. */
		const hear = async (what: string) => {
			await expect.poll(() => editor.getAttribute('data-sync'), { timeout: 30_000 }).toBe('saved');
			const revision = await editor.getAttribute('data-revision');
			await page.locator(`[data-testid=editor-heard]`).waitFor({ timeout: 60_000 });
			await expect.poll(async () => Number(await page.locator('[data-testid=editor-heard]').getAttribute('data-ms')) > 0, { timeout: 60_000 }).toBe(true);
			const ms = Number(await page.locator('[data-testid=editor-heard]').getAttribute('data-ms'));
			heard.push(ms);
			console.log(`${what}: revision ${revision}, its phrase sung again and playing ${ms} ms after the edit`);
		};

		// Drag the note up two semitones (12 px each) with the mouse.
		const box = (await note.locator('rect').boundingBox())!;
		await page.mouse.move(box.x + box.width / 3, box.y + box.height / 2);
		await page.mouse.down();
		for (let step = 1; step <= 6; step++) await page.mouse.move(box.x + box.width / 3, box.y + box.height / 2 - 4 * step);
		await page.mouse.up();
		await expect.poll(() => noteAt(page, target.startTicks).getAttribute('data-pitch')).toBe(String(target.midiPitch + 2));
		await hear('drag up 2 semitones');

		// Type a syllable over the (still selected) note.
		await page.locator('[data-testid=editor-syllable]').fill('bright');
		await page.locator('[data-testid=editor-syllable-apply]').click();
		await expect.poll(() => noteAt(page, target.startTicks).getAttribute('data-syllable')).toBe('bright');
		await page.evaluate(() => document.querySelector('[data-testid=editor-heard]')?.removeAttribute('data-ms'));
		await hear('syllable typed');

		// Undo with the button, redo with the keys.
		await page.locator('[data-testid=editor-undo]').click();
		await expect.poll(() => noteAt(page, target.startTicks).getAttribute('data-syllable')).toBe(target.syllable!.text);
		await page.locator('[data-testid=editor-roll]').focus();
		await page.locator('.surface').focus();
		await page.keyboard.press('Control+Shift+Z');
		await expect.poll(() => noteAt(page, target.startTicks).getAttribute('data-syllable')).toBe('bright');

		// A bar's chord from the picker.
		await page.locator('[data-testid=editor-chord][data-bar="1"]').click();
		await page.locator('[data-testid=editor-chord-picker]').selectOption('IV');
		await expect.poll(() => page.locator('[data-testid=editor-chord][data-bar="1"] text').textContent()).not.toBe('');
		await expect.poll(() => editor.getAttribute('data-sync'), { timeout: 30_000 }).toBe('saved');
		const revision = Number(await editor.getAttribute('data-revision'));
		await page.screenshot({ path: path.join(OUTPUT_DIR, 'note-editor.png'), fullPage: true });

		// The server's song (and its export) has every edit; its mix is made.
		await follow(stack.baseUrl, songId, mixed(revision), {}, 120_000, ownerHeaders(OWNER_KEY));
		const exported = { song: JSON.parse(await (await fetch(`${stack.baseUrl}/api/songs/${songId}/export/json`, { headers: ownerHeaders(OWNER_KEY) })).text()) as Song };
		const edited = exported.song.melody.find((n) => n.startTicks === target.startTicks)!;
		expect(edited.midiPitch).toBe(target.midiPitch + 2);
		expect(edited.syllable?.text).toBe('bright');
		const tpb = (1920 * exported.song.timeSignature.beatsPerBar) / exported.song.timeSignature.beatUnit;
		expect(exported.song.chords.find((c) => c.startTicks === tpb)?.numeral).toBe('IV');
		await page.locator('[data-testid=playback-source][data-source=mix]').waitFor({ timeout: 60_000 });
		console.log(`edit → its phrase sung again and playing in the page: ${heard.map((ms) => `${(ms / 1000).toFixed(2)} s`).join(', ')}`);
		expect(errors).toEqual([]);
	}, 300_000);
});
