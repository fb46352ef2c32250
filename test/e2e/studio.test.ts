/**
 * The studio in a real browser: Debian Chromium (playwright-core) against the built app, a real
 * Redis and the real worker. Chromium's fake microphone plays a generated WAV — silence for the
 * count-in, a hummed melody with known notes, then quiet "reading" — so the whole path is tested:
 * AudioWorklet capture → WAV upload → queue → analysis → SSE → results page.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { HAS_CHROMIUM, launchChromium, RUN_BROWSER_TESTS } from '../helpers/chromium';
import ToneMidi from '@tonejs/midi';
import { decodeAudio } from '../../src/lib/audio/decode';
import { encodeWav } from '../../src/lib/audio/wav';
import { noteName } from '../../src/lib/client/music';
import { HUM_MELODY_NOTES, makeHumMelody } from '../fixtures/hum-melody';
import { GENERATED_DIR, OUTPUT_DIR } from '../helpers/paths';
import { HAS_ESPEAK, renderEspeak } from '../helpers/espeak';
import { READING_PROMPTS } from '../../src/lib/lyrics/prompts';
import { startStack, type Stack } from '../helpers/stack';
import { humAndReadingTake, uploadSongTake } from '../helpers/song-take';
import { OWNER_KEY, ownerHeaders } from '../helpers/owner';
import { follow, mixed } from '../helpers/song-events';

/** In CI a missing browser is a failure, not a skip. */
const RUN = RUN_BROWSER_TESTS;

/** Seconds of silence before the melody: covers the 3 s count-in and the microphone start-up. */
const LEAD_SILENCE_SECONDS = 4;
/** Seconds of quiet, unpitched "reading" after the melody. */
const READ_SECONDS = 4;
/** Silence between the hum and the reading in the fake microphone's file (the test moves to reading in it). */
const READING_GAP_SECONDS = 2.5;
/** Longest wait for the analysis of one take. */
const ANALYSIS_TIMEOUT_MS = 60_000;

interface ShownNote {
	midiPitch: number;
	onsetSeconds: number;
}

function pitchClassOf(midiPitch: number): number {
	return ((Math.round(midiPitch) % 12) + 12) % 12;
}

/** Length of the longest common subsequence: how many notes were found in order. */
function commonSubsequenceLength(a: number[], b: number[]): number {
	const row = new Array<number>(b.length + 1).fill(0);
	for (let i = 1; i <= a.length; i++) {
		let diagonal = 0;
		for (let j = 1; j <= b.length; j++) {
			const above = row[j];
			row[j] = a[i - 1] === b[j - 1] ? diagonal + 1 : Math.max(row[j], row[j - 1]);
			diagonal = above;
		}
	}
	return row[b.length];
}

/** A deterministic pseudo-random sequence (LCG), so the generated files are the same every run. */
function seededNoise(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
		return state / 2 ** 32 - 0.5;
	};
}

/** Silence, the melody, then quiet noise bursts standing in for speech (no pitch to find). */
function longestCommonSubsequence(a: string[], b: string[]): number {
	const row = new Array<number>(b.length + 1).fill(0);
	for (const x of a) {
		let diagonal = 0;
		for (let j = 1; j <= b.length; j++) {
			const above = row[j];
			row[j] = x === b[j - 1] ? diagonal + 1 : Math.max(row[j], row[j - 1]);
			diagonal = above;
		}
	}
	return row[b.length];
}

/**
 * Silence, the melody, then the reading: eSpeak NG reading the English prompt when espeak-ng is
 * installed (the studio then learns a voice from it), else quiet noise bursts standing in for speech.
 */
function makeFakeMicTake(): { pcm: Float32Array; sampleRate: number; melodySeconds: number; readSeconds: number; readsPrompt: boolean } {
	const melody = makeHumMelody({});
	const sampleRate = melody.sampleRate;
	const lead = Math.round(LEAD_SILENCE_SECONDS * sampleRate);
	if (HAS_ESPEAK) {
		const reading = renderEspeak(READING_PROMPTS.en.lines.join(' '), { voice: 'en-us', speed: 210 }, sampleRate);
		let peak = 0;
		for (const v of reading) peak = Math.max(peak, Math.abs(v));
		const gap = Math.round(READING_GAP_SECONDS * sampleRate);
		const pcm = new Float32Array(lead + melody.pcm.length + gap + reading.length + sampleRate);
		pcm.set(melody.pcm, lead);
		for (let i = 0; i < reading.length; i++) pcm[lead + melody.pcm.length + gap + i] = (0.4 * reading[i]) / peak;
		return { pcm, sampleRate, melodySeconds: melody.pcm.length / sampleRate, readSeconds: READING_GAP_SECONDS + reading.length / sampleRate, readsPrompt: true };
	}
	const read = Math.round(READ_SECONDS * sampleRate);
	const pcm = new Float32Array(lead + melody.pcm.length + read);
	pcm.set(melody.pcm, lead);
	const noise = seededNoise(7);
	const syllableFrames = Math.round(0.18 * sampleRate);
	for (let i = 0; i < read; i++) {
		const syllable = Math.floor(i / syllableFrames);
		const envelope = syllable % 3 === 2 ? 0 : Math.sin((Math.PI * (i % syllableFrames)) / syllableFrames);
		pcm[lead + melody.pcm.length + i] = 0.02 * envelope * noise();
	}
	return { pcm, sampleRate, melodySeconds: melody.pcm.length / sampleRate, readSeconds: READ_SECONDS, readsPrompt: false };
}

async function shownNotes(page: Page): Promise<ShownNote[]> {
	const notes = await page.locator('[data-testid=note]').evaluateAll((elements) =>
		elements.map((el) => ({
			midiPitch: Number(el.getAttribute('data-midi')),
			onsetSeconds: Number(el.getAttribute('data-onset'))
		}))
	);
	return notes.sort((a, b) => a.onsetSeconds - b.onsetSeconds);
}

/** Waits on the take page for the analysis (over SSE) and returns the notes it shows. */
async function waitForResults(page: Page): Promise<ShownNote[]> {
	const uploadError = page.locator('[data-testid=error]');
	// Generous: the whole suite runs beside this test on two cores (other stacks, the voice tests).
	await Promise.race([
		page.waitForURL(/\/takes\/[^/]+$/, { timeout: 60_000 }),
		uploadError.waitFor({ timeout: 60_000 }).then(async () => {
			throw new Error(`upload failed on the page: ${await uploadError.innerText()}`);
		})
	]);
	const status = page.locator('[data-testid=progress-status]');
	const analysis = page.locator('[data-testid=analysis]');
	const error = page.locator('[data-testid=error]');
	await analysis.or(error).first().waitFor({ timeout: ANALYSIS_TIMEOUT_MS });
	if (await error.isVisible()) throw new Error(`analysis failed on the page: ${await error.innerText()}`);
	expect(await status.count()).toBe(0);
	await page.locator('[data-testid=note]').first().waitFor({ timeout: 5_000 });
	return shownNotes(page);
}

function expectMelodyFound(notes: ShownNote[]): void {
	const expected = HUM_MELODY_NOTES.map((note) => pitchClassOf(note.midiPitch));
	const found = notes.map((note) => pitchClassOf(note.midiPitch));
	const matched = commonSubsequenceLength(expected, found);
	// Most notes found, in order, and not buried in spurious ones.
	expect(matched, `pitch classes shown ${found.join(' ')}, expected ${expected.join(' ')}`).toBeGreaterThanOrEqual(
		Math.ceil(0.8 * expected.length)
	);
	expect(found.length).toBeLessThanOrEqual(Math.ceil(1.5 * expected.length));
}

describe.skipIf(!RUN)(
	`studio in Chromium${HAS_CHROMIUM ? '' : ' (skipped: /usr/bin/chromium is missing — apt-get install chromium)'}`,
	() => {
		let stack: Stack;
		let browser: Browser;
		let context: BrowserContext;
		let fakeMicPath: string;
		let uploadPath: string;
		let melodySeconds = 0;
		let readSeconds = 0;
		let readsPrompt = false;
		let recordedTakeId: string | null = null;

		beforeAll(async () => {
			mkdirSync(GENERATED_DIR, { recursive: true });
			mkdirSync(OUTPUT_DIR, { recursive: true });
			const take = makeFakeMicTake();
			melodySeconds = take.melodySeconds;
			readSeconds = take.readSeconds;
			readsPrompt = take.readsPrompt;
			fakeMicPath = path.join(GENERATED_DIR, 'e2e-fake-mic.wav');
			writeFileSync(fakeMicPath, encodeWav(take.pcm, take.sampleRate, { bitDepth: 16 }));
			const melody = makeHumMelody({});
			uploadPath = path.join(GENERATED_DIR, 'e2e-hum-melody.wav');
			writeFileSync(uploadPath, encodeWav(melody.pcm, melody.sampleRate, { bitDepth: 16 }));

			stack = await startStack();
			browser = await launchChromium(fakeMicPath);
			// One browser profile for the whole suite, as one person's browser: the owner key the
			// first upload gives it (an HttpOnly cookie) opens its takes and songs in later tests.
			context = await browser.newContext({ baseURL: stack.baseUrl, viewport: { width: 1200, height: 900 } });
		});

		afterAll(async () => {
			await browser?.close();
			await stack?.stop();
		});

		/** The browser's owner key (its `h2s_owner` cookie), given the test client's key when it has none yet; takes uploaded from Node send it. */
		async function browserOwnerKey(): Promise<string> {
			const cookie = (await context.cookies(stack.baseUrl)).find((c) => c.name === 'h2s_owner');
			if (cookie) return cookie.value;
			await context.addCookies([{ name: 'h2s_owner', value: OWNER_KEY, url: stack.baseUrl }]);
			return OWNER_KEY;
		}

		async function newPage(): Promise<Page> {
			const page = await context.newPage();
			page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
			return page;
		}

		it('records a hummed melody and the reading with the microphone, shows its notes, key and tempo, and sings lyrics in the voice it learned', async () => {
			const page = await newPage();
			try {
				await page.goto('/');
				// The page's script is running (Record is enabled only then): a choice made before would be lost.
				await page.locator('[data-testid=record]:enabled').waitFor({ timeout: 30_000 });
				await page.locator('[data-testid=language] input[value=en]').check();
				await page.locator('[data-testid=record]').click();
				await page.locator('[data-testid=countdown]').waitFor({ timeout: 10_000 });
				await page.locator('[data-testid=part-hum]').waitFor({ timeout: 10_000 });
				// Let the melody play through the fake microphone, then move on to reading. Meanwhile
				// the live pitch display names the notes being hummed.
				const heard = new Set<string>();
				const humUntil = Date.now() + (LEAD_SILENCE_SECONDS - 3 + melodySeconds + 1) * 1000;
				while (Date.now() < humUntil) {
					const note = await page.locator('[data-testid=live-pitch]').getAttribute('data-note');
					if (note) heard.add(note);
					if (heard.size === 5) await page.screenshot({ path: path.join(OUTPUT_DIR, 'studio-recording.png'), fullPage: true });
					await page.waitForTimeout(150);
				}
				const melodyNames = new Set(['C4', 'D4', 'E4', 'F4', 'G4', 'A4']);
				expect([...heard].filter((name) => melodyNames.has(name)).length).toBeGreaterThanOrEqual(4);
				await page.locator('[data-testid=next-read]').click();
				const readFrom = Date.now();
				await page.locator('[data-testid=part-read]').waitFor();
				// Basic Pitch in the browser (onnxruntime-web in a Web Worker) names the hummed notes as
				// they come; when the hum ends it finishes the last window.
				await page.locator('[data-testid=live-notes][data-status=done]').waitFor({ timeout: 20_000 });
				const liveNames = ((await page.locator('[data-testid=live-notes]').getAttribute('data-notes')) ?? '').split(' ').filter(Boolean);
				const sungNames = HUM_MELODY_NOTES.map((n) => noteName(n.midiPitch));
				console.log(`live notes (Basic Pitch in Chromium): ${liveNames.join(' ')}\nsung:                                 ${sungNames.join(' ')}`);
				expect(liveNames.length).toBeLessThanOrEqual(2 * sungNames.length);
				expect(longestCommonSubsequence(liveNames, sungNames)).toBeGreaterThanOrEqual(sungNames.length - 3);
				expect(await page.locator('[data-testid=teleprompter] li').first().innerText()).toContain('quick brown fox');
				// Let the reading play to its end (the file moves on to it about a second after the click).
				await page.waitForTimeout(Math.max(2_000, readFrom + (readSeconds + 1) * 1000 - Date.now()));
				await page.locator('[data-testid=stop]').click();
				// The take is heard back before it is sent (test/e2e/recorder.test.ts tests the review).
				await page.locator('[data-testid=use-take]').click();

				const notes = await waitForResults(page);
				expectMelodyFound(notes);
				// The upload gave this browser its owner key: an HttpOnly cookie that works over plain http.
				const minted = (await context.cookies(stack.baseUrl)).find((c) => c.name === 'h2s_owner');
				expect(minted).toMatchObject({ httpOnly: true, secure: false, sameSite: 'Lax' });
				expect((await page.locator('[data-testid=key]').innerText()).trim()).not.toBe('');
				expect((await page.locator('[data-testid=tempo]').innerText()).trim()).not.toBe('');
				await page.locator('[data-testid=waveform]').waitFor();
				await page.locator('[data-testid=f0-overlay]').waitFor();
				const midiHref = await page.locator('[data-testid=download-midi]').getAttribute('href');
				expect(midiHref).toMatch(/\/notes\.mid$/);
				const midi = await page.request.get(midiHref ?? '');
				expect(midi.status()).toBe(200);
				expect((await midi.body()).subarray(0, 4).toString('latin1')).toBe('MThd');

				// A reload catches up from the stream's first event.
				await page.reload();
				expect((await waitForResults(page)).length).toBe(notes.length);

				// Notes and take together move one playhead.
				await page.locator('[data-testid=play-both]').click({ timeout: 15_000 });
				await page.waitForTimeout(1_200);
				expect(await page.locator('[data-testid=position]').innerText()).not.toMatch(/^0:00 \//);
				await page.mouse.move(0, 0);
				await page.screenshot({ path: path.join(OUTPUT_DIR, 'studio.png'), fullPage: true });
				await page.locator('[data-testid=stop]').click();
				expect(await page.locator('[data-testid=position]').innerText()).toMatch(/^0:00 \//);

				// Lyrics sung on the recorded melody, in the voice learned from the reading.
				await page.locator('[data-testid=lyrics]').fill('Sing with me tonight, my friend');
				await page.locator('[data-testid=sing]').click();
				await page.locator('[data-testid=fit-message]').waitFor({ timeout: 10_000 });
				expect(await page.locator('[data-testid=vocalise-note]').count()).toBe(readsPrompt ? 0 : 1);
				await page.locator('[data-testid=phrase][data-ready=true] audio').first().waitFor({ timeout: 60_000 });
				await page.locator('[data-testid=download-vocal]').waitFor({ timeout: 60_000 });
				recordedTakeId = new URL(page.url()).pathname.split('/').pop() ?? null;
			} finally {
				await page.close();
			}
		}, 180_000);

		it('makes a song of the recorded take: phrases play as they are sung, the mix plays, a lyric edit re-sings its phrase, and the exports open', async () => {
			expect(recordedTakeId, 'the recording test must pass first').not.toBeNull();
			const page = await newPage();
			try {
				await page.goto(`/takes/${recordedTakeId}`);
				await page.locator('[data-testid=make-song-button]').click({ timeout: 60_000 });
				await page.waitForURL(/\/songs\/[a-z0-9]+$/, { timeout: 30_000 });
				const started = Date.now();
				await page.locator('[data-testid=song-phrase][data-ready=true]').first().waitFor({ timeout: 120_000 });
				const firstPhraseSeconds = (Date.now() - started) / 1000;
				// The preview plays the backing live (Tone.js in the page) with the phrases sung so far, unless the mix came first.
				if ((await page.locator('[data-testid=playback-source]').getAttribute('data-source')) === 'preview') {
					await page.locator('[data-testid=song-play]').click();
					await page.locator('[data-testid=song-pause]').waitFor({ timeout: 15_000 });
					await expect.poll(async () => Number(await page.locator('[data-testid=song-clock]').getAttribute('data-seconds')), { timeout: 10_000 }).toBeGreaterThan(0.5);
					if (await page.locator('[data-testid=song-pause]').isVisible()) await page.locator('[data-testid=song-pause]').click();
				}
				await page.locator('[data-testid=playback-source][data-source=mix]').waitFor({ timeout: 180_000 });
				console.log(`song in Chromium: first phrase playable ${firstPhraseSeconds.toFixed(1)} s, mix shown ${((Date.now() - started) / 1000).toFixed(1)} s after the song page opened`);
				expect(await page.locator('[data-testid=section-marker]').count()).toBeGreaterThanOrEqual(2);
				expect(await page.locator('[data-testid=song-note]').count()).toBeGreaterThan(20);
				await page.locator('[data-testid=song-play]').click();
				await page.waitForTimeout(1_500);
				expect(Number(await page.locator('[data-testid=song-clock]').getAttribute('data-seconds'))).toBeGreaterThan(0.5);
				await page.locator('[data-testid=song-pause]').click();
				await page.screenshot({ path: path.join(OUTPUT_DIR, 'studio-song.png'), fullPage: true });

				// Change one word of the lyrics: revision 2, whose phrase with the new word is sung anew.
				const lyrics = await page.locator('[data-testid=song-lyrics-edit]').inputValue();
				expect(lyrics).toContain('beside the river');
				await page.locator('[data-testid=song-lyrics-edit]').fill(lyrics.replace('beside the river', 'beside the water'));
				await page.locator('[data-testid=song-apply]').click();
				await page.locator('[data-testid=song-revision]', { hasText: 'revision 2' }).waitFor({ timeout: 60_000 });
				await page.locator('[data-testid=song-phrase][data-ready=true][data-text*=water]').waitFor({ timeout: 60_000 });
				// The last mix stays on the page while the new one is made.
				await page.locator('[data-testid=mix-pending]').waitFor({ state: 'detached', timeout: 120_000 });
				await page.locator('[data-testid=playback-source][data-source=mix]').waitFor({ timeout: 120_000 });

				const download = async (format: string) => {
					const href = await page.locator(`[data-testid=export-${format}]`).getAttribute('href');
					const response = await page.request.get(href ?? '');
					expect(response.status(), format).toBe(200);
					return new Uint8Array(await response.body());
				};
				const wav = await download('wav16');
				expect(new TextDecoder().decode(wav.subarray(0, 4))).toBe('RIFF');
				const mp3 = await decodeAudio(await download('mp3'));
				expect(mp3.channels[0].length / mp3.sampleRate).toBeGreaterThan(10);
				const midi = new ToneMidi.Midi(await download('midi'));
				expect(midi.tracks.find((t) => t.name === 'Melody')?.notes.length).toBeGreaterThan(20);
			} finally {
				await page.close();
			}
		}, 300_000);

		it.each([
			['yue', '月光照喺窗前，風吹過樹葉'],
			['cmn', '月亮照着回家的路，我们一起慢慢走']
		] as const)('makes a %s song with typed lyrics from a take with a reading in that language, plays it and exports it', async (language, lyrics) => {
			// The recording itself is tested above in English; this take (hum, then eSpeak reading the
			// language's prompt) arrives through the API with its hum/read boundary, as the recorder sends it.
			const takeId = await uploadSongTake(stack.baseUrl, language, ownerHeaders(await browserOwnerKey()));
			const page = await newPage();
			try {
				await page.goto(`/takes/${takeId}`);
				await waitForResults(page);
				expect(await page.locator('[data-testid=song-language]').inputValue()).toBe(language);
				await page.locator('[data-testid=song-lyrics]').fill(lyrics);
				await page.locator('[data-testid=make-song-button]').click();
				await page.waitForURL(/\/songs\/[a-z0-9]+$/, { timeout: 30_000 });
				await page.locator('[data-testid=song-phrase][data-ready=true]').first().waitFor({ timeout: 120_000 });
				await page.locator('[data-testid=playback-source][data-source=mix]').waitFor({ timeout: 180_000 });
				const sung = (await page.locator('[data-testid=song-phrase]').evaluateAll((els) => els.map((el) => el.getAttribute('data-text') ?? ''))).join('').replace(/\s/g, '');
				expect(sung).toBe(lyrics.replace(/[，。\s]/g, ''));
				await page.locator('[data-testid=song-play]').click();
				await page.waitForTimeout(1_000);
				expect(Number(await page.locator('[data-testid=song-clock]').getAttribute('data-seconds'))).toBeGreaterThan(0.3);
				await page.locator('[data-testid=song-pause]').click();
				await page.screenshot({ path: path.join(OUTPUT_DIR, `studio-song-${language}.png`), fullPage: true });
				const href = await page.locator('[data-testid=export-mp3]').getAttribute('href');
				const mp3 = await decodeAudio(new Uint8Array(await (await page.request.get(href ?? '')).body()));
				expect(mp3.channels.length).toBe(2);
			} finally {
				await page.close();
			}
		}, 300_000);

		it('uploads a WAV file, shows the notes at their times, and sings lyrics on them', async () => {
			const page = await newPage();
			try {
				await page.goto('/');
				await page.locator('[data-testid=upload-input]').setInputFiles(uploadPath);
				const notes = await waitForResults(page);
				expectMelodyFound(notes);
				// Same file, same clock: each expected onset has a shown note within 100 ms.
				const near = HUM_MELODY_NOTES.filter((expected) =>
					notes.some((shown) => Math.abs(shown.onsetSeconds - expected.onsetSeconds) <= 0.1)
				);
				expect(near.length).toBeGreaterThanOrEqual(Math.ceil(0.8 * HUM_MELODY_NOTES.length));
				await page.screenshot({ path: path.join(OUTPUT_DIR, 'studio-upload.png'), fullPage: true });

				// Snap to grid: every shown onset moves onto a sixteenth of the detected beat, pitches to semitones.
				const takeId = new URL(page.url()).pathname.split('/').pop();
				const { analysis } = await (await page.request.get(`/api/takes/${takeId}`)).json();
				const sixteenth = 60 / analysis.tempo.bpm / 4;
				const origin = analysis.tempo.beatTimesSeconds[0];
				const offGrid = (shown: ShownNote[]) =>
					shown.filter((n) => {
						const steps = (n.onsetSeconds - origin) / sixteenth;
						return Math.abs(steps - Math.round(steps)) > 0.02 || !Number.isInteger(n.midiPitch);
					}).length;
				expect(offGrid(notes)).toBeGreaterThan(0);
				await page.locator('[data-testid=snap-grid]').check();
				await expect.poll(async () => offGrid(await shownNotes(page)), { timeout: 5000 }).toBe(0);
				const snapped = await shownNotes(page);
				expect(snapped.length).toBeGreaterThanOrEqual(Math.ceil(0.8 * HUM_MELODY_NOTES.length));

				// Sing lyrics on the uploaded hum (no reading: a vocalise voice learned from the hum).
				await page.locator('[data-testid=lyrics]').fill('la la la hello my friend');
				await page.locator('[data-testid=sing]').click();
				await page.locator('[data-testid=fit-message]').waitFor({ timeout: 10_000 });
				expect(await page.locator('[data-testid=fit-message]').innerText()).toMatch(/^7 syllables on \d+ notes/);
				await page.locator('[data-testid=vocalise-note]').waitFor();
				await page.locator('[data-testid=phrase][data-ready=true] audio').first().waitFor({ timeout: 60_000 });
				const phraseSrc = await page.locator('[data-testid=phrase][data-ready=true] audio').first().getAttribute('src');
				const phrase = await page.request.get(phraseSrc ?? '');
				expect(phrase.status()).toBe(200);
				expect(phrase.headers()['content-type']).toBe('audio/wav');
				await page.locator('[data-testid=download-vocal]').waitFor({ timeout: 60_000 });
				await page.screenshot({ path: path.join(OUTPUT_DIR, 'studio-sing.png'), fullPage: true });
				await page.locator('[data-testid=lyrics]').fill('我有2隻貓');
				await page.locator('[data-testid=sing]').click();
				const singError = page.locator('[data-testid=sing-error]');
				await singError.waitFor({ timeout: 10_000 });
				expect(await singError.getAttribute('data-code')).toBe('unknown_characters');
			} finally {
				await page.close();
			}
		}, 180_000);

		it('lists the browser\'s takes and songs on the home page, renames a song there, and shares it: the link plays the mix in another browser, which cannot open the take', async () => {
			const ownerKey = await browserOwnerKey();
			const take = humAndReadingTake('en');
			const form = new FormData();
			form.set('audio', new Blob([encodeWav(take.pcm.map((v) => 0.9 * v), take.sampleRate) as BlobPart]), 'library-take.wav');
			form.set('language', 'en');
			form.set('source', 'recording');
			form.set('humEndSeconds', String(take.humEndSeconds));
			const created = await fetch(`${stack.baseUrl}/api/takes`, { method: 'POST', headers: ownerHeaders(ownerKey), body: form });
			expect(created.status).toBe(201);
			const takeId = ((await created.json()) as { take: { id: string } }).take.id;
			const asked = await fetch(`${stack.baseUrl}/api/takes/${takeId}/songs`, { method: 'POST', headers: ownerHeaders(ownerKey, { 'content-type': 'application/json' }), body: '{"style": "lo-fi"}' });
			const { songId } = (await asked.json()) as { songId: string };
			await follow(stack.baseUrl, songId, mixed(1), {}, 240_000, ownerHeaders(ownerKey));

			const page = await newPage();
			const stranger = await browser.newContext({ baseURL: stack.baseUrl });
			try {
				await page.goto('/');
				const song = page.locator(`[data-testid=library-song][data-id="${songId}"]`).first();
				await song.waitFor({ timeout: 15_000 });
				expect(await song.locator('[data-testid=library-status]').getAttribute('data-status')).toBe('ready');
				// Newest first: the take just uploaded heads the list of takes.
				expect(await page.locator('[data-testid=library-takes] [data-testid=library-take]').first().getAttribute('data-id')).toBe(takeId);
				await song.locator('[data-testid=rename]').click();
				await song.locator('[data-testid=rename-input]').fill('Evening song');
				await song.locator('[data-testid=rename-save]').click();
				await page.locator(`[data-testid=library-song][data-id="${songId}"] [data-testid=library-name]`, { hasText: 'Evening song' }).first().waitFor({ timeout: 10_000 });
				await page.screenshot({ path: path.join(OUTPUT_DIR, 'studio-library.png'), fullPage: true });

				await page.goto(`/takes/${takeId}`);
				await page.locator(`[data-testid=take-songs] [data-testid=library-song][data-id="${songId}"]`).waitFor({ timeout: 15_000 });

				await page.goto(`/songs/${songId}`);
				await page.locator('[data-testid=share-make]').click({ timeout: 60_000 });
				const link = await page.locator('[data-testid=share-link]').inputValue();
				expect(link).toMatch(new RegExp(`^${stack.baseUrl}/listen/[A-Za-z0-9_-]{43}$`));

				// Another browser (no owner key) opens the link: the mix plays, the take stays closed.
				const listener = await stranger.newPage();
				await listener.goto(link);
				await listener.locator('[data-testid=listen-name]', { hasText: 'Evening song' }).waitFor({ timeout: 15_000 });
				const audio = listener.locator('[data-testid=listen-audio]');
				await audio.evaluate((el: HTMLAudioElement) => el.play());
				await expect.poll(() => audio.evaluate((el: HTMLAudioElement) => el.currentTime), { timeout: 10_000 }).toBeGreaterThan(0.3);
				expect(await listener.content()).not.toContain(takeId);
				await listener.screenshot({ path: path.join(OUTPUT_DIR, 'studio-listen.png'), fullPage: true });
				expect((await listener.request.get(`/api/takes/${takeId}/audio`)).status()).toBe(404);
				await listener.goto(`/takes/${takeId}`);
				await listener.locator('[data-testid=error]').waitFor({ timeout: 15_000 });
			} finally {
				await page.close();
				await stranger.close();
			}
		}, 360_000);

		it('shows the server’s message when a file is not audio', async () => {
			const noise = seededNoise(11);
			const bytes = Buffer.from(Array.from({ length: 4096 }, () => Math.floor((noise() + 0.5) * 256)));
			// What the server says about these bytes, asked directly.
			const form = new FormData();
			form.set('audio', new Blob([bytes]), 'bad.wav');
			form.set('language', 'en');
			form.set('source', 'upload');
			const response = await fetch(`${stack.baseUrl}/api/takes`, { method: 'POST', headers: ownerHeaders(await browserOwnerKey()), body: form });
			expect(response.status).toBeGreaterThanOrEqual(400);
			const { error } = (await response.json()) as { error: { message: string } };

			const page = await newPage();
			try {
				await page.goto('/');
				await page.locator('[data-testid=upload-input]').setInputFiles({ name: 'bad.wav', mimeType: 'audio/wav', buffer: bytes });
				const shown = page.locator('[data-testid=error]');
				await shown.waitFor({ timeout: 10_000 });
				expect(await shown.innerText()).toContain(error.message);
				expect(page.url()).toBe(`${stack.baseUrl}/`);
			} finally {
				await page.close();
			}
		});
	}
);
