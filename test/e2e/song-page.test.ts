/**
 * The song page as a studio, in Chromium against the built app, a real Redis and the real worker:
 * a take is uploaded and made into a song; the one transport plays, seeks and loops a section; a
 * fader changes what the page plays at once (the applied gain and the level measured after it by
 * an AnalyserNode), with no edit sent and no new mix; the export then mixes at the faders' levels.
 * The piano roll's lyric labels never intersect, at 1366×768 and at 390×844 (screenshots under
 * test/output/); the page reads in all three interface languages; a song whose voice was learned
 * from singing says so and offers to record a reading. The note editor, driven with real mouse drags
 * and keys: a note moved, a syllable typed, undo and redo, its pitch drawn, another melody for a
 * phrase (undone), a chord changed; each changed phrase is heard sung again in the page, and the
 * export has the edits; a chord taken from the suggestions, a section in another style with its
 * drums muted, the whole song's pad lowered. Versions: the song before the edits is named, heard
 * A/B against the edited one (switching at the same moment) and restored.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { decodeAudio } from '../../src/lib/audio/decode';
import { encodeWav } from '../../src/lib/audio/wav';
import { HAS_CHROMIUM, launchChromium, RUN_BROWSER_TESTS } from '../helpers/chromium';
import { HAS_ESPEAK } from '../helpers/espeak';
import { OUTPUT_DIR } from '../helpers/paths';
import { humAndReadingTake } from '../helpers/song-take';
import { startStack, type Stack } from '../helpers/stack';
import { OWNER_KEY, ownerHeaders } from '../helpers/owner';
import { follow, mixed } from '../helpers/song-events';
import { ticksPerBar, type Song } from '../../src/lib/song/types';
import { makeHumMelody } from '../fixtures/hum-melody';

const RUN = RUN_BROWSER_TESTS && (HAS_ESPEAK || Boolean(process.env.CI));

interface Box {
	text: string;
	left: number;
	right: number;
	top: number;
	bottom: number;
	cut: boolean;
	/** Text width / shown width, px. */
	widths: string;
}

/** Every lyric label's box on the page, and whether its text is cut short. */
function lyricBoxes(page: Page): Promise<Box[]> {
	return page.locator('[data-testid=song-lyric]').evaluateAll((elements) =>
		elements.map((el) => {
			const r = el.getBoundingClientRect();
			return { text: el.textContent ?? '', left: r.left, right: r.right, top: r.top, bottom: r.bottom, cut: el.scrollWidth > el.clientWidth + 1, widths: `${el.scrollWidth}/${el.clientWidth}` };
		})
	);
}

function overlapping(boxes: Box[]): string[] {
	const found: string[] = [];
	for (let i = 0; i < boxes.length; i++) {
		for (let j = i + 1; j < boxes.length; j++) {
			const a = boxes[i];
			const b = boxes[j];
			const intersect = a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
			if (intersect) found.push(`"${a.text}" × "${b.text}"`);
		}
	}
	return found;
}

/** Mean of a numeric attribute sampled every 100 ms for `ms`. */
async function sampleAttribute(page: Page, selector: string, attribute: string, ms: number): Promise<number> {
	const values: number[] = [];
	for (let waited = 0; waited < ms; waited += 100) {
		const v = Number(await page.locator(selector).getAttribute(attribute));
		if (Number.isFinite(v)) values.push(v);
		await page.waitForTimeout(100);
	}
	expect(values.length, `${attribute} was never finite`).toBeGreaterThan(3);
	return values.reduce((s, v) => s + v, 0) / values.length;
}

/** Sets a range input as a user's drag does (an input event per value). */
async function setRange(page: Page, testid: string, value: number): Promise<void> {
	await page.locator(`[data-testid=${testid}]`).evaluate((el: HTMLInputElement, v) => {
		el.value = String(v);
		el.dispatchEvent(new Event('input', { bubbles: true }));
	}, value);
}

/** The note drawn at this start tick in the note editor (its notes carry their start, pitch and syllable). */
const noteAt = (page: Page, startTicks: number) => page.locator(`[data-testid=edit-note][data-start="${startTicks}"]`);

const clock = async (page: Page) => Number(await page.locator('[data-testid=song-clock]').getAttribute('data-seconds'));

describe.skipIf(!RUN)(`song page in Chromium${HAS_CHROMIUM ? '' : ' (skipped: no /usr/bin/chromium)'}`, () => {
	let stack: Stack;
	let browser: Browser;
	let context: BrowserContext;
	let songId: string | null = null;

	beforeAll(async () => {
		mkdirSync(OUTPUT_DIR, { recursive: true });
		stack = await startStack();
		browser = await launchChromium();
		context = await browser.newContext({ baseURL: stack.baseUrl, viewport: { width: 1366, height: 768 }, acceptDownloads: true, locale: 'en-GB' });
		await context.addCookies([{ name: 'h2s_owner', value: OWNER_KEY, url: stack.baseUrl }]);
	}, 120_000);

	afterAll(async () => {
		await browser?.close();
		await stack?.stop();
	});

	async function uploadTake(pcm: Float32Array, sampleRate: number, fields: Record<string, string>): Promise<string> {
		const form = new FormData();
		form.set('audio', new Blob([encodeWav(pcm, sampleRate) as BlobPart]), 'take.wav');
		for (const [k, v] of Object.entries(fields)) form.set(k, v);
		const created = await fetch(`${stack.baseUrl}/api/takes`, { method: 'POST', headers: ownerHeaders(OWNER_KEY), body: form });
		expect(created.status).toBe(201);
		return ((await created.json()) as { take: { id: string } }).take.id;
	}

	it('plays, seeks and loops with one transport, moves a fader live without a new mix, exports at the faders, and shows every lyric without overlap', async () => {
		const take = humAndReadingTake('en');
		const takeId = await uploadTake(take.pcm, take.sampleRate, { language: 'en', source: 'recording', humEndSeconds: String(take.humEndSeconds) });
		const page = await context.newPage();
		const edits: string[] = [];
		const errors: string[] = [];
		page.on('pageerror', (error) => errors.push(error.message));
		page.on('request', (request) => {
			if (request.method() === 'PATCH') edits.push(request.postData() ?? '');
		});
		try {
			await page.goto(`/takes/${takeId}`);
			await page.locator('[data-testid=make-song-button]').click({ timeout: 90_000 });
			await page.waitForURL(/\/songs\/[a-z0-9]+$/, { timeout: 30_000 });
			songId = new URL(page.url()).pathname.split('/').pop()!;
			await page.locator('[data-testid=playback-source][data-source=mix]').waitFor({ timeout: 240_000 });

			// Numbers a musician expects.
			expect(await page.locator('[data-testid=song-bpm]').innerText()).toMatch(/^\d+ BPM$/);
			expect(await page.locator('[data-testid=song-key]').innerText()).toMatch(/^[A-G][♭♯]? (major|minor)$/);
			// The fit summary comes from the stored fit figures, one statement per fact, agreement stated once.
			const fitKeys = await page.locator('[data-testid=song-fit] li').evaluateAll((els) => els.map((el) => el.getAttribute('data-key')));
			expect(fitKeys.length).toBeGreaterThan(0);
			expect(fitKeys.every((k) => k?.startsWith('song.fit.'))).toBe(true);
			expect(fitKeys.filter((k) => k === 'song.fit.stress' || k === 'song.fit.tones' || k === 'song.fit.neutral').length).toBeLessThanOrEqual(1);
			expect((await page.locator('[data-testid=song-fit] li').allInnerTexts()).join(' ')).not.toMatch(/\d+\.\d{3}/);

			// The mix and its controls above the fold.
			for (const testid of ['song-play', 'song-seek', 'fader-vocal', 'fader-backing', 'export-mp3']) {
				const box = await page.locator(`[data-testid=${testid}]`).boundingBox();
				expect(box, testid).not.toBeNull();
				expect(box!.y + box!.height, `${testid} above the fold`).toBeLessThanOrEqual(768);
			}
			const length = Number(await page.locator('[data-testid=song-clock]').getAttribute('data-length'));
			expect(length).toBeGreaterThan(10);
			expect(await page.locator('[data-testid=song-length]').innerText()).toMatch(/\d:\d\d/);

			// Play, then seek to the middle while playing.
			await page.locator('[data-testid=song-play]').click();
			await expect.poll(() => clock(page), { timeout: 10_000 }).toBeGreaterThan(0.5);
			await setRange(page, 'song-seek', length / 2);
			await expect.poll(() => clock(page), { timeout: 5_000 }).toBeGreaterThan(length / 2 - 0.1);
			expect(await clock(page)).toBeLessThan(length / 2 + 3);

			// Loop the first section: from near its end, the playhead wraps back to its start.
			const loopOption = page.locator('[data-testid=song-loop] option').nth(1);
			await page.locator('[data-testid=song-loop]').selectOption({ index: 1 });
			await page.locator('[data-testid=loop-range]').waitFor();
			expect(await loopOption.innerText()).toMatch(/^Loop /);
			const sections = await page.evaluate(async (id) => {
				const body = (await (await fetch(`/api/songs/${id}`)).json()) as { composed: { song: { tempoBpm: number; timeSignature: { beatsPerBar: number; beatUnit: number }; sections: Array<{ startBar: number; bars: number }> } } };
				const { tempoBpm, timeSignature, sections } = body.composed.song;
				const barSeconds = (timeSignature.beatsPerBar * (4 / timeSignature.beatUnit) * 60) / tempoBpm;
				return sections.map((s) => ({ start: s.startBar * barSeconds, end: (s.startBar + s.bars) * barSeconds }));
			}, songId);
			const loop = sections[0];
			await setRange(page, 'song-seek', loop.end - 1);
			await page.waitForTimeout(2_000);
			const wrapped = await clock(page);
			expect(wrapped).toBeGreaterThanOrEqual(loop.start);
			expect(wrapped).toBeLessThan(loop.start + 2);
			await page.locator('[data-testid=song-loop]').selectOption({ index: 0 });
			await page.locator('[data-testid=loop-range]').waitFor({ state: 'detached' });

			// A fader acts at once: the same passage before and after, measured after the backing's gain.
			const from = Math.min(length / 3, length - 5);
			await setRange(page, 'song-seek', from);
			const before = await sampleAttribute(page, '[data-testid=mixer]', 'data-backing-level', 1_500);
			await setRange(page, 'fader-backing', -20);
			expect(Number(await page.locator('[data-testid=mixer]').getAttribute('data-backing-gain'))).toBeCloseTo(0.1, 3);
			await setRange(page, 'song-seek', from);
			const after = await sampleAttribute(page, '[data-testid=mixer]', 'data-backing-level', 1_500);
			console.log(`backing level measured in the page: ${before.toFixed(1)} dBFS at 0 dB, ${after.toFixed(1)} dBFS at −20 dB`);
			expect(before - after).toBeGreaterThan(14);
			expect(before - after).toBeLessThan(26);
			expect(edits, 'a fader sends no edit (no new mix)').toEqual([]);
			expect(await page.locator('[data-testid=song-revision]').getAttribute('data-revision')).toBe('1');
			await page.locator('[data-testid=song-pause]').click();

			// Lyric labels: every one whole, none intersecting, at both sizes.
			for (const [width, height, name] of [
				[1366, 768, 'song-page-1366x768.png'],
				[390, 844, 'song-page-390x844.png']
			] as const) {
				await page.setViewportSize({ width, height });
				await page.waitForTimeout(300);
				const boxes = await lyricBoxes(page);
				expect(boxes.length).toBeGreaterThan(10);
				expect(overlapping(boxes), `${width}×${height}`).toEqual([]);
				expect(boxes.filter((b) => b.cut).map((b) => `${b.text} ${b.widths}`), `${width}×${height} labels cut`).toEqual([]);
				await page.screenshot({ path: path.join(OUTPUT_DIR, name), fullPage: true });
			}
			// Zoomed out, labels are cut to their room rather than overlap.
			await page.locator('[data-testid=roll-zoom-out]').click();
			await page.locator('[data-testid=roll-zoom-out]').click();
			expect(overlapping(await lyricBoxes(page))).toEqual([]);
			await page.setViewportSize({ width: 1366, height: 768 });

			// Export: the mix is made at the faders' levels, then downloaded.
			const download = page.waitForEvent('download', { timeout: 300_000 });
			await page.locator('[data-testid=export-mp3]').click();
			await page.locator('[data-testid=export-making]').waitFor({ timeout: 10_000 });
			const file = await download;
			expect(edits.map((e) => JSON.parse(e))).toEqual([{ mix: { vocalGainDb: 0, backingGainDb: -20 } }]);
			const mp3 = await decodeAudio(new Uint8Array(await (await page.request.get((await page.locator('[data-testid=export-mp3]').getAttribute('href'))!)).body()));
			expect(mp3.channels[0].length / mp3.sampleRate).toBeGreaterThan(10);
			expect(file.suggestedFilename()).toMatch(/-r2\.mp3$/);
			const composed = (await (await page.request.get(`/api/songs/${songId}`)).json()) as { composed: { revision: number; song: { mix: { vocalGainDb: number; backingGainDb: number } } } };
			expect(composed.composed.song.mix).toEqual({ vocalGainDb: 0, backingGainDb: -20 });
			// The new mix's stems are loaded at those levels: the faders now apply unity gain.
			await expect.poll(async () => Number(await page.locator('[data-testid=mixer]').getAttribute('data-backing-gain')), { timeout: 60_000 }).toBeCloseTo(1, 3);
			expect(errors, 'errors in the page').toEqual([]);
		} finally {
			await page.close();
		}
	}, 600_000);

	it.each([
		['zh-HK', '你的歌曲', /大調|小調/, /每分鐘 \d+ 拍/],
		['zh-CN', '你的歌曲', /大调|小调/, /每分钟 \d+ 拍/]
	] as const)('reads in %s', async (locale, title, key, bpm) => {
		expect(songId, 'the first test must make the song').not.toBeNull();
		const page = await context.newPage();
		const errors: string[] = [];
		page.on('pageerror', (error) => errors.push(error.message));
		try {
			await context.addCookies([{ name: 'h2s_lang', value: locale, url: stack.baseUrl }]);
			await page.goto(`/songs/${songId}`);
			await page.locator('h1', { hasText: title }).waitFor({ timeout: 15_000 });
			await page.locator('[data-testid=playback-source][data-source=mix]').waitFor({ timeout: 60_000 });
			expect(await page.locator('[data-testid=song-key]').innerText()).toMatch(key);
			expect(await page.locator('[data-testid=song-bpm]').innerText()).toMatch(bpm);
			expect(await page.locator('[data-testid=song-play]').innerText()).toBe('播放');
			expect(overlapping(await lyricBoxes(page))).toEqual([]);
			await page.screenshot({ path: path.join(OUTPUT_DIR, `song-page-${locale}.png`), fullPage: true });
			expect(errors, 'errors in the page').toEqual([]);
		} finally {
			await context.addCookies([{ name: 'h2s_lang', value: 'en', url: stack.baseUrl }]);
			await page.close();
		}
	}, 120_000);

	it('edits the notes with the mouse and keys: moves a note, types a syllable over it, undoes and redoes, sets its loudness, draws its pitch, draws another melody for another phrase and undoes it, changes a chord; each changed phrase is heard sung again, and the export has the edits; the version before them is named, heard A/B against them and restored', async () => {
		expect(songId, 'the first test must make the song').not.toBeNull();
		const page = await context.newPage();
		const errors: string[] = [];
		page.on('pageerror', (error) => errors.push(error.message));
		await page.goto(`/songs/${songId}`);
		const editor = page.locator('[data-testid=note-editor]');
		await editor.waitFor({ timeout: 60_000 });
		const original = ((await (await fetch(`${stack.baseUrl}/api/songs/${songId}`, { headers: ownerHeaders(OWNER_KEY) })).json()) as { composed: { song: Song } }).composed.song;
		const index = original.melody.findIndex((n, i) => i >= 4 && n.syllable !== null && original.melody[i + 1]?.syllable !== null);
		const target = original.melody[index];
		// Name the version before the edits ("Save version…"), to come back to it.
		const namedRevision = Number(await editor.getAttribute('data-revision'));
		await page.locator('[data-testid=version-save]').click();
		await page.locator('[data-testid=version-name]').fill('Before my edits');
		await page.locator('[data-testid=version-name-save]').click();
		const namedVersion = page.locator('[data-testid=version][data-name="Before my edits"]');
		await namedVersion.waitFor({ timeout: 10_000 });
		expect(await namedVersion.getAttribute('data-revision')).toBe(String(namedRevision));
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
		// The note's own loudness, 6 dB down, from the expression panel (the range's value set as a slider drag ends).
		await noteAt(page, target.startTicks).locator('rect').click();
		await page.locator('[data-testid=editor-expression]').waitFor();
		expect(await page.locator('[data-testid=expression-dynamicsDb-value]').innerText()).toBe('automatic');
		await page.evaluate(() => document.querySelector('[data-testid=editor-heard]')?.removeAttribute('data-ms'));
		await page.locator('[data-testid=expression-dynamicsDb]').evaluate((el) => {
			(el as HTMLInputElement).value = '-6';
			el.dispatchEvent(new Event('input', { bubbles: true }));
			el.dispatchEvent(new Event('change', { bubbles: true }));
		});
		await expect.poll(() => noteAt(page, target.startTicks).getAttribute('data-expression')).toBe(JSON.stringify({ dynamicsDb: -6 }));
		expect(await page.locator('[data-testid=expression-dynamicsDb-value]').innerText()).toBe('-6 dB');
		await hear('loudness −6 dB');
		// Draw the note's pitch with the mouse: from its own pitch at its start, rising towards the pad's top at its end.
		await page.evaluate(() => document.querySelector('[data-testid=editor-heard]')?.removeAttribute('data-ms'));
		await page.locator('[data-testid=pitch-curve-pad]').scrollIntoViewIfNeeded();
		const pad = (await page.locator('[data-testid=pitch-curve-pad]').boundingBox())!;
		await page.mouse.move(pad.x + 2, pad.y + pad.height / 2);
		await page.mouse.down();
		for (let step = 1; step <= 10; step++) await page.mouse.move(pad.x + 2 + ((pad.width - 4) * step) / 10, pad.y + pad.height / 2 - ((pad.height * 0.4) * step) / 10);
		await page.mouse.up();
		await expect.poll(async () => JSON.parse((await noteAt(page, target.startTicks).getAttribute('data-expression')) || '{}').pitchCurveCents?.length ?? 0).toBe(16);
		const drawn = JSON.parse((await noteAt(page, target.startTicks).getAttribute('data-expression'))!) as { pitchCurveCents: number[]; dynamicsDb: number };
		expect(drawn.dynamicsDb).toBe(-6);
		expect(Math.abs(drawn.pitchCurveCents[0])).toBeLessThan(60);
		expect(drawn.pitchCurveCents[15]).toBeGreaterThan(150);
		// The roll draws the curve over its note, rising to the right.
		const line = noteAt(page, target.startTicks).locator('[data-testid=roll-pitch-curve]');
		const ys = ((await line.getAttribute('points')) ?? '').split(' ').map((p) => Number(p.split(',')[1]));
		expect(ys).toHaveLength(16);
		expect(ys[15]).toBeLessThan(ys[0]);
		await hear('pitch curve drawn');
		// Another melody for another phrase (from one of its notes), heard sung again, then undone.
		const other = original.melody.find((n) => n.phrase !== target.phrase && n.syllable !== null)!;
		const roll = async () => page.locator('[data-testid=edit-note]').evaluateAll((notes) => notes.map((n) => `${n.getAttribute('data-start')}/${n.getAttribute('data-pitch')}`).join(','));
		const beforeRedraw = await roll();
		await noteAt(page, other.startTicks).locator('rect').click();
		await page.evaluate(() => document.querySelector('[data-testid=editor-heard]')?.removeAttribute('data-ms'));
		await page.locator('[data-testid=editor-another-melody]').click();
		await expect.poll(roll).not.toBe(beforeRedraw);
		await hear('another melody for a phrase');
		await page.locator('[data-testid=editor-undo]').click();
		await expect.poll(roll).toBe(beforeRedraw);
		await expect.poll(() => editor.getAttribute('data-sync'), { timeout: 30_000 }).toBe('saved');
		// A bar's chord from the picker.
		await page.locator('[data-testid=editor-chord][data-bar="1"]').click();
		await page.locator('[data-testid=editor-chord-picker]').selectOption('IV');
		await expect.poll(() => page.locator('[data-testid=editor-chord][data-bar="1"] text').textContent()).not.toBe('');
		// The next bar's chord from the harmoniser's suggestions: a few, shown first, one of them taken.
		await page.locator('[data-testid=editor-chord][data-bar="2"]').click();
		const suggested = page.locator('[data-testid=chord-suggestion]');
		await expect.poll(() => suggested.count()).toBeGreaterThanOrEqual(3);
		const numerals = await suggested.evaluateAll((els) => els.map((el) => el.getAttribute('data-numeral')!));
		expect((await page.locator('[data-testid=editor-chord-picker] option').first().getAttribute('value'))).toBe(numerals[0]);
		const before = original.chords.find((c) => c.startTicks <= 2 * ticksPerBar(original.timeSignature) && c.startTicks + c.durationTicks > 2 * ticksPerBar(original.timeSignature))?.numeral;
		const suggestion = numerals.find((n) => n !== before)!;
		await page.locator(`[data-testid=chord-suggestion][data-numeral="${suggestion}"]`).click();
		// The first section in another style, its drums muted; the whole song's pad 3 dB down.
		await page.locator('[data-testid=editor-section]').first().click();
		const sectionStyle = original.style === 'lo-fi' ? 'pop-ballad' : 'lo-fi';
		await page.locator('[data-testid=editor-section-style]').selectOption(sectionStyle);
		await page.locator('[data-testid=editor-section-mixer] [data-testid=mixer-drums-mute]').click();
		await expect.poll(() => page.locator('[data-testid=editor-section-mixer] [data-testid=mixer-drums]').getAttribute('data-muted')).toBe('true');
		await page.locator('[data-testid=editor-mixer] summary').click();
		await page.locator('[data-testid=editor-mixer] [data-testid=mixer-pad-level]').evaluate((el) => {
			(el as HTMLInputElement).value = '-3';
			el.dispatchEvent(new Event('input', { bubbles: true }));
			el.dispatchEvent(new Event('change', { bubbles: true }));
		});
		await expect.poll(() => page.locator('[data-testid=editor-mixer] [data-testid=mixer-pad]').getAttribute('data-level')).toBe('-3');
		await expect.poll(() => editor.getAttribute('data-sync'), { timeout: 30_000 }).toBe('saved');
		// MP3 at once after the edit: the page waits for the new revision's mix, then the download starts (it was a 404).
		const [mp3] = await Promise.all([page.waitForEvent('download', { timeout: 180_000 }), page.locator('[data-testid=export-mp3]').click()]);
		expect(await mp3.failure()).toBeNull();
		expect(mp3.suggestedFilename()).toMatch(/\.mp3$/);
		const revision = Number(await editor.getAttribute('data-revision'));
		await page.screenshot({ path: path.join(OUTPUT_DIR, 'note-editor.png'), fullPage: true });
		// The server's song (and its export) has every edit; its mix is made.
		await follow(stack.baseUrl, songId!, mixed(revision), {}, 120_000, ownerHeaders(OWNER_KEY));
		const exported = { song: JSON.parse(await (await fetch(`${stack.baseUrl}/api/songs/${songId}/export/json`, { headers: ownerHeaders(OWNER_KEY) })).text()) as Song };
		const edited = exported.song.melody.find((n) => n.startTicks === target.startTicks)!;
		expect(edited.midiPitch).toBe(target.midiPitch + 2);
		expect(edited.syllable?.text).toBe('bright');
		expect(edited.expression).toEqual({ dynamicsDb: -6, pitchCurveCents: drawn.pitchCurveCents });
		const tpb = (1920 * exported.song.timeSignature.beatsPerBar) / exported.song.timeSignature.beatUnit;
		expect(exported.song.chords.find((c) => c.startTicks === tpb)?.numeral).toBe('IV');
		expect(exported.song.chords.find((c) => c.startTicks === 2 * tpb)?.numeral).toBe(suggestion);
		expect(exported.song.sections[0]).toMatchObject({ style: sectionStyle, instruments: { drums: { muted: true } } });
		expect(exported.song.instruments).toEqual({ pad: { levelDb: -3 } });
		await page.locator('[data-testid=playback-source][data-source=mix]').waitFor({ timeout: 60_000 });
		console.log(`edit → its phrase sung again and playing in the page: ${heard.map((ms) => `${(ms / 1000).toFixed(2)} s`).join(', ')}`);

		// A/B: the named version against the edited one; a switch goes on from the same moment.
		const compare = namedVersion.locator('[data-testid=version-compare]');
		await expect.poll(() => compare.isEnabled(), { timeout: 60_000 }).toBe(true);
		await compare.click();
		const ab = page.locator('[data-testid=ab]');
		await page.locator('[data-testid=ab][data-ready=true]').waitFor({ timeout: 60_000 });
		await page.locator('[data-testid=ab-play]').click();
		const abAt = async () => Number(await ab.getAttribute('data-position'));
		await expect.poll(abAt, { timeout: 10_000 }).toBeGreaterThan(1.5);
		for (const side of ['b', 'a'] as const) {
			await page.locator(`[data-testid=ab-${side}]`).click();
			expect(await ab.getAttribute('data-side')).toBe(side);
			const from = Number(await ab.getAttribute('data-switch-from'));
			const to = Number(await ab.getAttribute('data-switch-to'));
			expect(from).toBeGreaterThan(1.5);
			expect(to).toBeCloseTo(from, 3);
			// It plays on from there.
			await expect.poll(abAt, { timeout: 5_000 }).toBeGreaterThan(to + 0.3);
			expect(await ab.getAttribute('data-playing')).toBe('true');
		}
		await page.locator('[data-testid=ab-close]').click();

		// Restore the named version: a new revision with its notes, shown at once and kept on the server.
		await namedVersion.locator('[data-testid=version-restore]').click();
		await expect.poll(() => noteAt(page, target.startTicks).getAttribute('data-pitch'), { timeout: 30_000 }).toBe(String(target.midiPitch));
		expect(await noteAt(page, target.startTicks).getAttribute('data-syllable')).toBe(target.syllable!.text);
		expect(await noteAt(page, target.startTicks).getAttribute('data-expression')).toBe('');
		await expect.poll(() => editor.getAttribute('data-revision')).toBe(String(revision + 1));
		const restoredVersion = page.locator(`[data-testid=version][data-revision="${revision + 1}"][data-current=true]`);
		await restoredVersion.waitFor({ timeout: 30_000 });
		expect(await restoredVersion.locator('[data-testid=version-change]').innerText()).toBe(`Restored from version ${namedRevision}`);
		const restored = ((await (await fetch(`${stack.baseUrl}/api/songs/${songId}`, { headers: ownerHeaders(OWNER_KEY) })).json()) as { composed: { revision: number; song: Song } }).composed;
		expect(restored.revision).toBe(revision + 1);
		expect([restored.song.melody, restored.song.chords]).toEqual([original.melody, original.chords]);
		// Its mix was made before (the named version's): the page plays it without waiting for a render.
		await page.locator('[data-testid=playback-source][data-source=mix]').waitFor({ timeout: 60_000 });
		await page.screenshot({ path: path.join(OUTPUT_DIR, 'song-versions.png'), fullPage: true });
		expect(errors).toEqual([]);
	}, 420_000);

	it('says when the voice was learned from singing and offers to record a reading', async () => {
		const hum = makeHumMelody({});
		const takeId = await uploadTake(hum.pcm, hum.sampleRate, { language: 'en', source: 'upload' });
		const asked = await fetch(`${stack.baseUrl}/api/takes/${takeId}/songs`, { method: 'POST', headers: ownerHeaders(OWNER_KEY, { 'content-type': 'application/json' }), body: '{}' });
		expect(asked.status).toBe(202);
		const { songId: sungSongId } = (await asked.json()) as { songId: string };
		const page = await context.newPage();
		try {
			await page.goto(`/songs/${sungSongId}`);
			const notice = page.locator('[data-testid=sung-voice]');
			await notice.waitFor({ timeout: 180_000 });
			expect(await notice.innerText()).toMatch(/learned from your singing/);
			expect(await page.locator('[data-testid=record-reading]').getAttribute('href')).toBe('/');
		} finally {
			await page.close();
		}
	}, 240_000);
});
