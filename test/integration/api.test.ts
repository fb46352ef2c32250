/**
 * The studio's HTTP API, served by the built app (adapter-node) with a real worker and Redis:
 * uploads in every shape (good and bad), the SSE progress stream, the stored take, its audio and
 * its MIDI, and catching up after a reload.
 */
import ToneMidi from '@tonejs/midi';
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import { createHash } from 'node:crypto';
import manifest from '../../models/manifest.json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAudio, encodeWav } from '../../src/lib/audio';
import type { TakeRecord } from '../../src/lib/take/types';
import { badInputs } from '../fixtures/bad-inputs';
import { makeHumMelody } from '../fixtures/hum-melody';
import { newOwnerKey, OWNER_KEY, ownerHeaders } from '../helpers/owner';
import { startStack, type Stack } from '../helpers/stack';

const HAS_REDIS = spawnSync('redis-server', ['--version']).status === 0;

interface SseEvent {
	event: string;
	data: unknown;
}

/** Read an SSE stream until it closes (the server closes it after done/failed). */
async function readEvents(url: string, timeoutMs = 60_000, ownerKey = OWNER_KEY): Promise<SseEvent[]> {
	const response = await fetch(url, { headers: ownerHeaders(ownerKey), signal: AbortSignal.timeout(timeoutMs) });
	expect(response.status).toBe(200);
	expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
	const text = await response.text();
	return text
		.split('\n\n')
		.filter((block) => block.startsWith('event:'))
		.map((block) => {
			const event = /^event: (.*)$/m.exec(block)![1];
			const data = JSON.parse(/^data: (.*)$/m.exec(block)![1]);
			return { event, data };
		});
}

function form(bytes: Uint8Array, filename: string, fields: Record<string, string> = {}): FormData {
	const body = new FormData();
	body.set('audio', new Blob([bytes as BlobPart]), filename);
	for (const [k, v] of Object.entries(fields)) body.set(k, v);
	return body;
}

describe.skipIf(!HAS_REDIS && !process.env.CI)('studio API (built server, real worker and Redis)', () => {
	let stack: Stack;
	beforeAll(async () => {
		stack = await startStack();
	});
	afterAll(async () => {
		await stack?.stop();
	});

	it('uploads a take, streams progress over SSE to done, and serves the take, its audio and its MIDI', async () => {
		const { pcm, sampleRate } = makeHumMelody({ durationSeconds: 10 });
		const wav = encodeWav(pcm, sampleRate, { bitDepth: 16 });
		const response = await fetch(`${stack.baseUrl}/api/takes`, {
			method: 'POST',
			headers: ownerHeaders(),
			body: form(wav, 'hum.wav', { language: 'yue', humEndSeconds: '6.5', source: 'recording' })
		});
		expect(response.status).toBe(201);
		const { take } = (await response.json()) as { take: TakeRecord };
		expect(take).toMatchObject({ language: 'yue', source: 'recording', originalFormat: 'wav', sampleRate: 44100, humEndSeconds: 6.5 });
		expect(take.durationSeconds).toBeCloseTo(10, 1);

		const events = await readEvents(`${stack.baseUrl}/api/takes/${take.id}/events`);
		const names = events.map((e) => e.event);
		expect(names.at(-1)).toBe('done');
		const done = events.at(-1)!.data as { analysis: { notes: unknown[]; key: { name: string }; engine: string; accompanied: boolean | null } };
		expect(done.analysis.notes.length).toBeGreaterThan(5);
		// The worker ran the melody model: the fused engine, which also tells whether the voice is alone.
		expect(done.analysis.engine).toMatch(/^pyin\+basicpitch@/);
		expect(done.analysis.accompanied).toBe(false);
		expect(done.analysis.key.name).toBe('C major');

		// A reload after the fact: the stream starts with the current state and closes with the result.
		const replay = await readEvents(`${stack.baseUrl}/api/takes/${take.id}/events`);
		expect(replay.map((e) => e.event)).toEqual(['progress', 'done']);
		expect(replay[0].data).toMatchObject({ status: 'completed', stage: 'done' });

		const detail = await (await fetch(`${stack.baseUrl}/api/takes/${take.id}`, { headers: ownerHeaders() })).json();
		expect(detail.progress.status).toBe('completed');
		expect(detail.analysis.notes).toEqual(done.analysis.notes);

		const audio = await fetch(`${stack.baseUrl}/api/takes/${take.id}/audio`, { headers: ownerHeaders() });
		expect(audio.headers.get('content-type')).toBe('audio/wav');
		const decoded = await decodeAudio(new Uint8Array(await audio.arrayBuffer()));
		expect(decoded.sampleRate).toBe(44100);
		expect(decoded.channels[0].length / 44100).toBeCloseTo(10, 1);

		const midiResponse = await fetch(`${stack.baseUrl}/api/takes/${take.id}/notes.mid`, { headers: ownerHeaders() });
		expect(midiResponse.status).toBe(200);
		const midi = new ToneMidi.Midi(new Uint8Array(await midiResponse.arrayBuffer()));
		expect(midi.tracks[0].notes.length).toBe(done.analysis.notes.length);
	});

	it('accepts uploads from its own page at 127.0.0.1 and localhost over http, started without ORIGIN, and refuses other sites', async () => {
		const { pcm, sampleRate } = makeHumMelody({ durationSeconds: 4 });
		const wav = encodeWav(pcm, sampleRate, { bitDepth: 16 });
		const port = Number(new URL(stack.baseUrl).port);
		/** A raw upload with the headers Chromium sends from a page at `pageHost` (fetch cannot set Host). */
		const upload = (headers: Record<string, string>, body = wav) =>
			new Promise<number>((resolve, reject) => {
				const request = http.request(
					{ host: '127.0.0.1', port, path: '/api/takes', method: 'POST', headers: { 'content-type': 'audio/wav', 'content-length': body.byteLength, ...ownerHeaders(), ...headers } },
					(response) => {
						response.resume();
						response.on('end', () => resolve(response.statusCode ?? 0));
					}
				);
				request.on('error', reject);
				request.end(body);
			});
		for (const pageHost of [`127.0.0.1:${port}`, `localhost:${port}`, `192.168.1.20:${port}`]) {
			const status = await upload({ host: pageHost, origin: `http://${pageHost}`, 'sec-fetch-site': 'same-origin' });
			expect(status, pageHost).toBe(201);
		}
		// Refused before the body is read, so these send none (the server closes the connection on a refusal).
		const none = new Uint8Array(0);
		expect(await upload({ host: `127.0.0.1:${port}`, origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' }, none)).toBe(403);
		expect(await upload({ host: `127.0.0.1:${port}`, origin: 'http://evil.example' }, none)).toBe(403);
		expect(await upload({ host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port + 1}` }, none)).toBe(403);
	});

	it('accepts a raw audio body with fields in the query string', async () => {
		const { pcm, sampleRate } = makeHumMelody({ durationSeconds: 4 });
		const response = await fetch(`${stack.baseUrl}/api/takes?language=cmn&name=raw.wav`, {
			method: 'POST',
			headers: ownerHeaders(undefined, { 'content-type': 'audio/wav' }),
			body: encodeWav(pcm, sampleRate, { bitDepth: 24 }) as BodyInit
		});
		expect(response.status).toBe(201);
		const { take } = await response.json();
		expect(take).toMatchObject({ language: 'cmn', originalName: 'raw.wav' });
	});

	for (const [name, input] of Object.entries(badInputs)) {
		const expected = input.expect.accepted ? '201, stored' : `${input.expect.status} ${input.expect.code}`;
		it(`bad input "${name}" (${input.description}) gets ${expected} with a message`, async () => {
			// Each bad input from its own browser: one client's 21st upload in ten minutes is rate-limited (429).
			const key = newOwnerKey();
			const response = await fetch(`${stack.baseUrl}/api/takes`, { headers: ownerHeaders(key), method: 'POST', body: form(input.bytes(), input.filename) });
			const body = await response.json();
			if (!input.expect.accepted) {
				expect(response.status).toBe(input.expect.status);
				expect(body.error.code).toBe(input.expect.code);
				expect(body.error.message.length).toBeGreaterThan(20);
				return;
			}
			expect(response.status).toBe(201);
			const take = body.take as TakeRecord;
			if (input.expect.warning) expect(take.warnings.join(' ')).toMatch(input.expect.warning);
			if (input.expect.durationSeconds !== undefined) expect(take.durationSeconds).toBeCloseTo(input.expect.durationSeconds, 1);
			if (input.expect.originalSampleRate !== undefined) expect(take.originalSampleRate).toBe(input.expect.originalSampleRate);
			if (input.expect.originalChannels !== undefined) expect(take.originalChannels).toBe(input.expect.originalChannels);
			expect(take.sampleRate).toBe(44100);
			// An accepted take is analysed to the end without failing, whatever its content.
			const events = await readEvents(`${stack.baseUrl}/api/takes/${take.id}/events`, 60_000, key);
			expect(events.at(-1)!.event).toBe('done');
		});
	}

	it('serves the melody model for the browser: the manifest\'s bytes, immutable when versioned, 304 when unchanged', async () => {
		const sha256 = manifest.models['basic-pitch'].sha256;
		const response = await fetch(`${stack.baseUrl}/api/models/basic-pitch.onnx?v=${sha256}`, { headers: ownerHeaders() });
		expect(response.status).toBe(200);
		expect(response.headers.get('cache-control')).toContain('immutable');
		const bytes = new Uint8Array(await response.arrayBuffer());
		expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha256);
		const unversioned = await fetch(`${stack.baseUrl}/api/models/basic-pitch.onnx`, { headers: ownerHeaders() });
		expect(unversioned.headers.get('cache-control')).toBe('no-cache');
		await unversioned.arrayBuffer();
		const again = await fetch(`${stack.baseUrl}/api/models/basic-pitch.onnx`, { headers: ownerHeaders(undefined, { 'if-none-match': `"${sha256}"` }) });
		expect(again.status).toBe(304);
	});

	it('rejects a body that is not audio or a form with 415, and an empty body with 400', async () => {
		const json = await fetch(`${stack.baseUrl}/api/takes`, { method: 'POST', headers: ownerHeaders(newOwnerKey(), { 'content-type': 'application/json' }), body: '{"audio":1}' });
		expect(json.status).toBe(415);
		expect((await json.json()).error.code).toBe('unsupported_content_type');
		const empty = await fetch(`${stack.baseUrl}/api/takes`, { method: 'POST', headers: ownerHeaders(newOwnerKey(), { 'content-type': 'audio/wav' }), body: new Uint8Array(0) });
		expect(empty.status).toBe(400);
		expect((await empty.json()).error.code).toBe('empty_file');
	});

	it('refuses an upload over 50 MB with 413 before reading it all', async () => {
		const big = new Uint8Array(51 * 1024 * 1024);
		const response = await fetch(`${stack.baseUrl}/api/takes`, { method: 'POST', headers: ownerHeaders(newOwnerKey(), { 'content-type': 'audio/wav' }), body: big });
		expect(response.status).toBe(413);
		expect((await response.json()).error.code).toBe('file_too_large');
	});

	it('answers 404 with a message for a take that does not exist, and for its events', async () => {
		for (const path of ['/api/takes/nosuchtake000000', '/api/takes/nosuchtake000000/events', '/api/takes/..%2F..%2Fetc/audio']) {
			const response = await fetch(stack.baseUrl + path, { headers: ownerHeaders() });
			expect(response.status).toBe(404);
		}
	});

	it('sends security headers: a CSP on pages (scripts from the studio only, no framing), nosniff, no referrer and no framing everywhere', async () => {
		const page = await fetch(`${stack.baseUrl}/`);
		const csp = page.headers.get('content-security-policy') ?? '';
		expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval'/);
		expect(csp).toMatch(/frame-ancestors 'none'/);
		expect(csp).toMatch(/object-src 'none'/);
		for (const response of [page, await fetch(`${stack.baseUrl}/api/health`), await fetch(`${stack.baseUrl}/api/takes/nosuchtake000000`)]) {
			expect(response.headers.get('x-content-type-options')).toBe('nosniff');
			expect(response.headers.get('referrer-policy')).toBe('no-referrer');
			expect(response.headers.get('x-frame-options')).toBe('DENY');
			expect(response.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
		}
		expect((await fetch(`${stack.baseUrl}/api/health`)).headers.get('content-security-policy')).toMatch(/default-src 'none'/);
	});
});
