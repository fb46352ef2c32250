/** Debian's Chromium for the browser tests, launched with DESIGN.md §5's arguments. */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);
/** CI must run the browser tests (it installs chromium); elsewhere they skip without it. */
export const RUN_BROWSER_TESTS = HAS_CHROMIUM || Boolean(process.env.CI);

/** Headless Chromium with the fake microphone (playing `fakeMicWav` when given). */
export function launchChromium(fakeMicWav?: string): Promise<Browser> {
	if (!HAS_CHROMIUM) throw new Error(`${CHROMIUM} is missing; CI must install Debian's chromium package.`);
	return chromium.launch({
		executablePath: CHROMIUM,
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--use-fake-ui-for-media-stream',
			'--use-fake-device-for-media-stream',
			...(fakeMicWav ? [`--use-file-for-fake-audio-capture=${fakeMicWav}`] : []),
			'--autoplay-policy=no-user-gesture-required'
		]
	});
}
