/**
 * The backing sounds the same wherever it is rendered: Debian Chromium (the studio's live engine)
 * and Node with node-web-audio-api (the worker's export) render the same score with the same
 * shared renderer (src/lib/audio/backing-render.ts, bundled for the page here by Vite), and
 * their log-mel spectrograms (40 bands, 93 ms frames every 50 ms, 60 dB range) must agree, each
 * instrument alone and the mix. Both draw the same seeded noise; what remains are the two Web
 * Audio implementations: oscillator and filter arithmetic, noise-buffer interpolation at
 * fractional offsets, and a Chromium quirk (an oscillator started inside a 128-frame render
 * quantum reads its frequency input shifted by its start offset until the quantum ends, so a
 * drum's first milliseconds differ) — hence the drums' looser bound.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { HAS_CHROMIUM, launchChromium, RUN_BROWSER_TESTS } from '../helpers/chromium';
import { build, type Rolldown } from 'vite';
import { renderBacking } from '../../worker/render-backing';
import { BACKING_INSTRUMENTS, type BackingInstrument, type BackingScore } from '../../src/lib/song/backing-types';
import { PATCH_SETS, makeBackingScore } from '../fixtures/backing-score';
import { logMelDistance } from '../helpers/log-mel-distance';
import { REPO_ROOT } from '../helpers/paths';

/** In CI a missing browser is a failure, not a skip. */
const RUN = RUN_BROWSER_TESTS;

const SAMPLE_RATE = 44100;
/** Browser vs Node: mean |Δ log-mel| at most this, dB, per stem and for the mix (measured 0.04–0.2 pitched, 0.6–1.0 drums, 0.7–0.8 mix). */
const AGREEMENT_MAX_DB: Readonly<Record<BackingInstrument | 'mix', number>> = { bass: 0.5, chords: 0.5, pad: 0.5, drums: 1.5, mix: 1.2 };

/** The page's bundle entry: the shared renderer, and Tone.js for the live-playback test to reach the page's context. */
const PAGE_ENTRY = 'virtual:backing-page-entry';

/** The shared renderer as one classic script defining `HumBacking` (its exports and `Tone`). */
async function bundleRenderer(): Promise<string> {
	const renderer = path.join(REPO_ROOT, 'src/lib/audio/backing-render.ts');
	const result = await build({
		configFile: false,
		root: REPO_ROOT,
		logLevel: 'silent',
		plugins: [
			{
				name: 'backing-page-entry',
				// Vite resolves a library entry against the root first, hence endsWith.
				resolveId: (id) => (id.endsWith(PAGE_ENTRY) ? `\0${PAGE_ENTRY}` : null),
				load: (id) => (id === `\0${PAGE_ENTRY}` ? `export * from ${JSON.stringify(renderer)};\nexport * as Tone from 'tone';\n` : null)
			}
		],
		build: {
			write: false,
			minify: false,
			target: 'es2022',
			lib: { entry: PAGE_ENTRY, name: 'HumBacking', formats: ['iife'], fileName: () => 'backing-page.js' }
		}
	});
	const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
	const chunk = outputs.flatMap((output) => output.output).find((item) => item.type === 'chunk');
	if (!chunk || chunk.type !== 'chunk') throw new Error('vite produced no bundle of backing-render.ts');
	return chunk.code;
}

type PageBundle = typeof import('../../src/lib/audio/backing-render') & { Tone: typeof import('tone') };

/** Renders in the page with the bundled renderer; samples come back as base64 of their bytes. */
async function renderInPage(page: Page, score: BackingScore): Promise<Float32Array[]> {
	const encoded = await page.evaluate(
		async ({ score, sampleRate }) => {
			const renderer = (globalThis as unknown as { HumBacking: PageBundle }).HumBacking;
			const channels = await renderer.renderBackingOffline(score, { sampleRate });
			return channels.map((samples) => {
				const bytes = new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
				let binary = '';
				for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
				return btoa(binary);
			});
		},
		{ score, sampleRate: SAMPLE_RATE }
	);
	return encoded.map((base64) => {
		const bytes = Buffer.from(base64, 'base64');
		return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
	});
}

describe.skipIf(!RUN)(
	`backing: Chromium and Node render alike${HAS_CHROMIUM ? '' : ' (skipped: /usr/bin/chromium is missing — apt-get install chromium)'}`,
	() => {
		let browser: Browser;
		let page: Page;
		const pageErrors: string[] = [];

		beforeAll(async () => {
			const bundle = await bundleRenderer();
			// DESIGN.md §5's arguments, less the fake microphone's file: nothing is recorded here.
			browser = await launchChromium();
			page = await browser.newPage();
			page.on('pageerror', (error) => pageErrors.push(error.message));
			await page.setContent('<!doctype html><meta charset="utf-8"><title>backing agreement</title>');
			await page.addScriptTag({ content: bundle });
		});

		afterAll(async () => {
			await browser?.close();
		});

		it.each(PATCH_SETS.map((set) => [`${set.keys}, ${set.bass}, ${set.pad}, ${set.kit}`, set] as const))(
			'renders each instrument and the mix alike (%s)',
			async (label, set) => {
				const score = makeBackingScore(set);
				const parts: [BackingInstrument | 'mix', BackingScore][] = [
					...BACKING_INSTRUMENTS.map((instrument): [BackingInstrument, BackingScore] => [
						instrument,
						{ ...score, tracks: score.tracks.filter((track) => track.instrument === instrument) }
					]),
					['mix', score]
				];
				const failures: string[] = [];
				for (const [part, partScore] of parts) {
					const inBrowser = await renderInPage(page, partScore);
					const inNode = await renderBacking(partScore, { sampleRate: SAMPLE_RATE });
					expect(pageErrors).toEqual([]);
					expect(inBrowser).toHaveLength(2);
					expect(inBrowser[0].length).toBe(inNode[0].length);
					const distance = logMelDistance(inBrowser, inNode, SAMPLE_RATE);
					const worstBand = distance.perBandDb.indexOf(Math.max(...distance.perBandDb));
					const patch = part === 'mix' ? 'mix' : partScore.tracks[0].patch;
					console.log(
						`backing.agreement.${patch} ${distance.meanAbsDb.toFixed(3)} dB (threshold ${AGREEMENT_MAX_DB[part]} dB; ` +
							`p95 ${distance.p95AbsDb.toFixed(2)} dB; worst mel band ${worstBand}/40 at ${distance.perBandDb[worstBand].toFixed(2)} dB)`
					);
					if (distance.meanAbsDb > AGREEMENT_MAX_DB[part])
						failures.push(`${part} (${patch}): ${distance.meanAbsDb.toFixed(3)} dB > ${AGREEMENT_MAX_DB[part]} dB`);
				}
				expect(failures, label).toEqual([]);
			}
		);

		it('plays live on the Transport: sounds, follows the faders, seeks, and is silent after destroy()', async () => {
			const score = makeBackingScore(PATCH_SETS[0]);
			const report = await page.evaluate(async (score) => {
				const { Tone, createBackingPlayer } = (globalThis as unknown as { HumBacking: PageBundle }).HumBacking;
				await Tone.start();
				const context = Tone.getContext();
				// The player mixes into an analyser, so the test hears what it plays.
				const analyser = context.rawContext.createAnalyser() as unknown as AnalyserNode;
				analyser.fftSize = 2048;
				const window = new Float32Array(analyser.fftSize);
				const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
				/** Loudest 46 ms RMS seen over `ms` of playback. */
				const loudest = async (ms: number) => {
					let top = 0;
					for (let waited = 0; waited < ms; waited += 50) {
						await sleep(50);
						analyser.getFloatTimeDomainData(window);
						top = Math.max(top, Math.sqrt(window.reduce((sum, v) => sum + v * v, 0) / window.length));
					}
					return top;
				};
				const player = createBackingPlayer(score, { destination: analyser });
				player.start(0);
				const playing = await loudest(1500);
				const position = player.positionSeconds;
				for (let track = 0; track < score.tracks.length; track++) player.setTrackGainDb(track, -Infinity);
				await sleep(100);
				const muted = await loudest(400);
				for (let track = 0; track < score.tracks.length; track++) player.setTrackGainDb(track, score.tracks[track].gainDb);
				player.seek(6.5);
				const afterSeek = await loudest(600);
				const positionAfterSeek = player.positionSeconds;
				player.destroy();
				await sleep(300);
				const destroyed = await loudest(400);
				let reuse = '';
				try {
					player.start();
				} catch (error) {
					reuse = (error as Error).message;
				}
				return { state: context.state, playing, position, muted, afterSeek, positionAfterSeek, destroyed, reuse };
			}, score);
			console.log(`backing.live ${JSON.stringify(report)}`);
			expect(report.state).toBe('running');
			expect(report.playing).toBeGreaterThan(0.005);
			expect(report.position).toBeGreaterThan(1);
			expect(report.muted).toBeLessThan(1e-4);
			expect(report.afterSeek).toBeGreaterThan(0.005);
			expect(report.positionAfterSeek).toBeGreaterThan(6.5);
			expect(report.destroyed).toBeLessThan(1e-4);
			expect(report.reuse).toMatch(/after destroy/);
		});
	}
);
