/** Errors, analysis messages, dates and numbers in the interface language. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { clientErrorMessage, errorText, formatDateTime, formatMegabytes, formatPercent, formatSeconds, MESSAGES } from '../../../src/lib/i18n';
import { serverSentence } from '../../../src/lib/i18n/server-sentence';
import { endsEarlyWarning } from '../../../src/lib/audio/format-text';
import { checkTake } from '../../../src/lib/audio/take';
import { durationError } from '../../../src/lib/audio/errors';
import { asUserError, StudioError } from '../../../src/lib/server/errors';
import { checkUploadFile, errorFromBody } from '../../../src/lib/client/api';
import { melodyFromNotes } from '../../../src/lib/pitch/analyze';
import type { F0Track, NoteEvent } from '../../../src/lib/pitch/types';
import { REPO_ROOT } from '../../helpers/paths';

const HAN = /\p{Script=Han}/u;

describe('errors in the interface language', () => {
	it('English shows the error’s own sentence; Chinese the translation of its code', () => {
		const error = { code: 'take_not_found', message: 'No take with id "x" exists.' };
		expect(errorText('en', error)).toBe(error.message);
		expect(errorText('zh-HK', error)).toBe(MESSAGES['zh-HK']['errors.take_not_found']);
		expect(errorText('zh-CN', error)).toBe(MESSAGES['zh-CN']['errors.take_not_found']);
		expect(errorText('zh-HK', error)).not.toBe(errorText('zh-CN', error));
	});

	it('an error the browser raises keeps an English sentence; the page translates its code', () => {
		const error = { code: 'upload_failed', message: clientErrorMessage('upload_failed') };
		expect(errorText('en', error)).toBe('The upload failed. Try again in a moment.');
		expect(errorText('zh-HK', error)).toBe('上載失敗，請稍後再試。');
		expect(errorText('zh-CN', error)).toBe('上传失败，请稍后再试。');
	});

	it('an unknown code falls back to the server’s message', () => {
		expect(errorText('zh-HK', { code: 'brand_new_code', message: 'Something new.' })).toBe('Something new.');
	});

	it('restates the figures an error carries, and drops to the plain translation without them', () => {
		const tooLong = asUserError(durationError(912.34, 1, 600))!.toJson();
		expect(tooLong.params).toEqual({ seconds: 912.3, minSeconds: 1, maxSeconds: 600 });
		expect(errorText('zh-HK', tooLong)).toBe('錄音長 912.3 秒；錄音室接受 1–600 秒的錄音。請剪短，或錄一段較短的錄音。');
		expect(errorText('zh-CN', { code: 'too_long', message: 'x' })).toBe(MESSAGES['zh-CN']['errors.too_long']);
		// A detail with a missing figure is not shown half-filled.
		expect(errorText('zh-CN', { code: 'too_long', message: 'x', params: { seconds: 3 } })).toBe(MESSAGES['zh-CN']['errors.too_long']);
	});

	it('the figures travel through the API body to the browser’s error', () => {
		const server = new StudioError('file_too_large', 413, 'The file is 61.2 MB; the studio accepts up to 50 MB.').withParams({ megabytes: 61.2, limitMegabytes: 50 });
		const client = errorFromBody({ error: server.toJson() }, 413);
		expect(client.params).toEqual({ megabytes: 61.2, limitMegabytes: 50 });
		expect(errorText('zh-CN', client)).toContain('61.2 MB');
		const local = checkUploadFile({ size: 60 * 1024 * 1024 } as Blob)!;
		expect(errorText('zh-HK', local)).toBe('這個檔案有 60 MB，錄音室最多接收 50 MB。請剪短或以較低質素匯出，然後再試。');
	});

	it('every code the server and client raise has a translation', () => {
		const sources = ['src/lib', 'src/routes'].flatMap((dir) => listFiles(path.join(REPO_ROOT, dir)));
		const codes = new Set<string>();
		for (const file of sources) {
			const text = readFileSync(file, 'utf8');
			for (const m of text.matchAll(/(?:StudioError|AudioInputError)\(\s*'([a-z_]+)'/g)) codes.add(m[1]);
		}
		expect(codes.size).toBeGreaterThan(30);
		const missing = [...codes].filter((code) => !(`errors.${code}` in MESSAGES.en));
		expect(missing).toEqual([]);
	});
});

function listFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = path.join(dir, name);
		return statSync(full).isDirectory() ? listFiles(full) : /\.(ts|svelte)$/.test(name) ? [full] : [];
	});
}

describe('sentences the server stores with a take', () => {
	const f0 = { f0Hz: new Float32Array(0), voiced: new Uint8Array(0), voicedProb: new Float32Array(0), hopSeconds: 0.01 } as unknown as F0Track;
	const note = (onsetSeconds: number, offsetSeconds: number, confidence = 0.9): NoteEvent => ({ onsetSeconds, offsetSeconds, midiPitch: 60, confidence }) as NoteEvent;

	it('each sentence the pitch code writes is translated, figures included', () => {
		const messages = [
			melodyFromNotes('test', f0, []).message!,
			melodyFromNotes('test', f0, [note(0, 1, 0.1)]).message!,
			melodyFromNotes('test', f0, [note(0, 0.2), note(0.5, 0.8)]).message!
		];
		const speech = /message: '(No melody found: this sounds like speech[^']*)'/.exec(readFileSync(path.join(REPO_ROOT, 'src/lib/pitch/transcribe.ts'), 'utf8'))?.[1];
		expect(speech).toBeTruthy();
		messages.push(speech!);
		for (const message of messages) {
			expect(serverSentence('en', message)).toBe(message);
			for (const locale of ['zh-HK', 'zh-CN'] as const) {
				const shown = serverSentence(locale, message);
				expect(HAN.test(shown), `${locale}: ${message}`).toBe(true);
				expect(shown).not.toMatch(/[A-Za-z]{4,}/);
			}
		}
		expect(serverSentence('zh-HK', messages[2])).toMatch(/2 個短音符（0\.5\s?秒）/);
	});

	it('the upload’s warnings are translated, figures included', () => {
		// A clipped 8 kHz take: the clipping and low-rate warnings, as checkTake writes them.
		const rate = 8000;
		const samples = Float32Array.from({ length: 4 * rate }, (_, i) => Math.max(-1, Math.min(1, 1.5 * Math.sin((2 * Math.PI * 220 * i) / rate))));
		const { warnings } = checkTake({ sampleRate: rate, channels: [samples], format: 'wav', warnings: [] });
		expect(warnings).toHaveLength(2);
		warnings.push(endsEarlyWarning(12, 8.25), endsEarlyWarning(null, 8.25));
		const source = (file: string) => readFileSync(path.join(REPO_ROOT, file), 'utf8');
		// The damaged-parts, NaN-samples and boundary sentences, rebuilt from their templates in the source.
		expect(source('src/lib/audio/decode.ts')).toContain("`${errors.length} damaged part${errors.length === 1 ? '' : 's'} of the file could not be decoded ` +");
		warnings.push('3 damaged parts of the file could not be decoded and may be heard as gaps; 41.5 s were decoded.');
		expect(source('src/lib/audio/wav.ts')).toContain('`${nonFinite} samples (${formatPercent(fraction)}) were not numbers (NaN or infinity) and were set to silence.`');
		warnings.push('12 samples (0.01%) were not numbers (NaN or infinity) and were set to silence.');
		expect(source('src/lib/server/takes.ts')).toContain('`The hum/read boundary (${humEndSeconds.toFixed(1)} s) lies after the end of the take; it was ignored.`');
		warnings.push('The hum/read boundary (31.0 s) lies after the end of the take; it was ignored.');
		for (const warning of warnings) {
			expect(serverSentence('en', warning)).toBe(warning);
			const figures = warning.match(/\d+(?:\.\d+)?/g)!;
			for (const locale of ['zh-HK', 'zh-CN'] as const) {
				const shown = serverSentence(locale, warning);
				expect(HAN.test(shown), `${locale}: ${warning}`).toBe(true);
				for (const figure of figures) if (!['44.1', '48', '16', '24'].includes(figure)) expect(shown, warning).toContain(figure);
			}
		}
		expect(serverSentence('zh-HK', warnings[1])).toMatch(/^錄音的取樣率是 8000 Hz，高於 4 kHz/);
	});
});

describe('dates and numbers for the reader', () => {
	const when = '2026-12-05T13:29:00Z';
	it('writes dates in the reader’s language', () => {
		expect(formatDateTime('zh-HK', when)).toMatch(/2026年12月5日/);
		expect(formatDateTime('zh-CN', when)).toMatch(/2026年12月5日/);
		expect(formatDateTime('en', when)).toMatch(/5 Dec 2026/);
		expect(formatDateTime('en', 'not a date')).toBe('');
	});
	it('writes percentages, seconds and sizes', () => {
		expect(formatPercent('zh-CN', 0.853)).toBe('85%');
		expect(formatSeconds('zh-HK', 0.456)).toMatch(/^0\.46\s?秒$/);
		expect(formatSeconds('en', 0.456)).toBe('0.46s');
		expect(formatMegabytes('en', 50 * 1024 * 1024)).toBe('50');
	});
});
