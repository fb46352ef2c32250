/**
 * A class on the school network: phones and tablets allow the microphone only on a secure page, so
 * `HOST=0.0.0.0 HTTPS=1 npm start` (README, "Classroom") serves the studio over HTTPS with a
 * self-signed certificate made for this machine's addresses. A device that trusted it (here:
 * Chromium told to accept the certificate, as a student taps "proceed") opens the studio at the
 * machine's network address, where the page is a secure context and the microphone opens (over
 * plain http at that address a phone's browser offers no microphone at all).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, launchChromium, RUN_BROWSER_TESTS } from '../helpers/chromium';
import { startStudio, type StudioProcess } from '../helpers/studio-process';

const lanAddress = Object.values(os.networkInterfaces())
	.flatMap((list) => list ?? [])
	.find((a) => a.family === 'IPv4' && !a.internal)?.address;

describe.skipIf(!RUN_BROWSER_TESTS || !lanAddress)(`a class over HTTPS on the network${HAS_CHROMIUM ? '' : ' (skipped: no /usr/bin/chromium)'}`, () => {
	let studio: StudioProcess;
	let dataDir: string;
	let browser: Browser;

	beforeAll(async () => {
		dataDir = await mkdtemp(path.join(os.tmpdir(), 'h2s-https-'));
		studio = await startStudio({ dataDir, env: { HOST: '0.0.0.0', HTTPS: '1' } });
		browser = await launchChromium();
	}, 180_000);

	afterAll(async () => {
		await browser?.close();
		if (studio) expect(await studio.stop()).toBe(0);
		if (dataDir) await rm(dataDir, { recursive: true, force: true });
	});

	it('says where students reach it, and a device that trusts the certificate can open the microphone there', async () => {
		const port = new URL(studio.baseUrl).port;
		expect(studio.output()).toContain(`https://${lanAddress}:${port}`);
		expect(studio.output()).toContain('self-signed certificate');
		const context = await browser.newContext({ ignoreHTTPSErrors: true });
		const page = await context.newPage();
		await page.goto(`https://${lanAddress}:${port}/`);
		const mic = await page.evaluate(async () => {
			const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
			const tracks = stream.getAudioTracks().length;
			for (const t of stream.getTracks()) t.stop();
			return { secure: window.isSecureContext, tracks };
		});
		expect(mic).toEqual({ secure: true, tracks: 1 });
		// A class starts over HTTPS like anywhere else (the same-origin guard compares hosts).
		const started = await page.evaluate(async () => {
			const response = await fetch('/api/classes', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title":"4B"}' });
			return { status: response.status, id: ((await response.json()) as { class: { id: string } }).class.id };
		});
		expect(started.status).toBe(201);
		// The dashboard's QR code sends students to the https address, with no warning about http.
		await page.goto(`https://${lanAddress}:${port}/classes/${started.id}`);
		expect(await page.locator('[data-testid=join-qr]').getAttribute('data-url')).toMatch(new RegExp(`^https://${lanAddress!.replace(/\./g, '\\.')}:${port}/join/[A-Z0-9]{6}$`));
		expect(await page.locator('[data-testid=join-https-hint]').count()).toBe(0);
		await context.close();
	}, 60_000);
});
