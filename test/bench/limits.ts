/**
 * The web server's limits under bad input, on the built app (`npm run build` first) with a real
 * Redis and no worker: a decompression bomb per format, a 600 MB JSON body and 10 000 event streams
 * opened at once, with the studio's default limits except the per-client stream cap, lifted so
 * that one owner may follow their take 10 000 times and the total cap is what answers. Prints
 * refusal times, what was accepted and refused, and the web process's peak resident memory (VmHWM).
 */
import { spawnSync } from 'node:child_process';
import { BOMBS } from '../fixtures/bombs';
import { startWebOnly, type WebOnlyStack } from '../helpers/limits-stack';
import { newOwnerKey, ownerHeaders } from '../helpers/owner';
import { processMemoryMb } from '../helpers/process-memory';
import { postStreamedBody } from '../helpers/streamed-post';
import { encodeWav } from '../../src/lib/audio/wav';
import { hum } from '../fixtures/bad-inputs';
import type { Benchmark, Figure } from './run';

/** Bomb lengths: 10 hours, except MP3, whose constant-bit-rate estimate must stay under 180 s to get past the header check. */
const BOMB_SECONDS: Record<string, number> = { flac: 36_000, mp3: 1_000, 'ogg-vorbis': 36_000, 'ogg-opus': 36_000, 'webm-opus': 36_000 };
const STREAMS = 10_000;
const OPEN_AT_ONCE = 250;

async function timedUpload(stack: WebOnlyStack, bytes: Uint8Array): Promise<{ status: number; seconds: number }> {
	const started = performance.now();
	const response = await fetch(`${stack.baseUrl}/api/takes`, {
		method: 'POST',
		headers: ownerHeaders(newOwnerKey(), { 'content-type': 'application/octet-stream' }),
		body: bytes as BodyInit
	});
	await response.arrayBuffer();
	return { status: response.status, seconds: (performance.now() - started) / 1000 };
}

async function benchBombs(stack: WebOnlyStack, print: (f: Figure) => void): Promise<void> {
	for (const bomb of BOMBS) {
		const bytes = bomb.build(BOMB_SECONDS[bomb.format]);
		const { status, seconds } = await timedUpload(stack, bytes);
		const note = `${(bytes.length / 1024).toFixed(0)} kB decoding to ${BOMB_SECONDS[bomb.format]} s, HTTP ${status}`;
		print({ name: `limits.bomb_${bomb.format.replace('-', '_')}_refusal`, value: seconds, unit: 's', note });
	}
	print({ name: 'limits.bomb_web_peak_rss', value: processMemoryMb(stack.web.process.pid!).peakRssMb, unit: 'MB' });
}

async function benchJson(stack: WebOnlyStack, takeId: string, owner: string, print: (f: Figure) => void): Promise<void> {
	const result = await postStreamedBody(`${stack.baseUrl}/api/takes/${takeId}/songs`, 600 * 1024 * 1024, ownerHeaders(owner));
	print({ name: 'limits.json_600mb_refusal', value: result.ms / 1000, unit: 's', note: `HTTP ${result.status}` });
	print({ name: 'limits.json_600mb_sent_before_answer', value: result.bytesSent / 1048576, unit: 'MB' });
	print({ name: 'limits.json_web_peak_rss', value: processMemoryMb(stack.web.process.pid!).peakRssMb, unit: 'MB' });
}

async function benchStreams(stack: WebOnlyStack, takeId: string, owner: string, print: (f: Figure) => void): Promise<void> {
	// The responses are kept, not just their controllers: a collected Response closes its connection.
	print({ name: 'limits.streams_web_rss_before', value: processMemoryMb(stack.web.process.pid!).rssMb, unit: 'MB' });
	const open: { controller: AbortController; response: Response }[] = [];
	let accepted = 0;
	let refused = 0;
	let failed = 0;
	const started = performance.now();
	const openOne = async () => {
		const controller = new AbortController();
		try {
			const response = await fetch(`${stack.baseUrl}/api/takes/${takeId}/events`, {
				headers: ownerHeaders(owner),
				signal: controller.signal
			});
			if (response.status === 200) {
				accepted++;
				open.push({ controller, response });
			} else {
				refused++;
				await response.arrayBuffer();
			}
		} catch {
			failed++;
		}
	};
	for (let i = 0; i < STREAMS; i += OPEN_AT_ONCE) {
		await Promise.all(Array.from({ length: Math.min(OPEN_AT_ONCE, STREAMS - i) }, () => openOne()));
	}
	const seconds = (performance.now() - started) / 1000;
	print({ name: 'limits.streams_accepted', value: accepted, unit: 'streams', note: `of ${STREAMS} asked for in ${seconds.toFixed(1)} s` });
	print({ name: 'limits.streams_refused', value: refused, unit: 'streams', note: failed ? `${failed} connections failed` : 'each with 503 and a sentence' });
	print({ name: 'limits.streams_web_rss', value: processMemoryMb(stack.web.process.pid!).rssMb, unit: 'MB', note: `${accepted} open` });
	for (const { controller } of open) controller.abort();
	await new Promise((r) => setTimeout(r, 1000));
	const again = await fetch(`${stack.baseUrl}/api/takes/${takeId}/events`, { headers: ownerHeaders(owner) });
	print({ name: 'limits.streams_freed_after_close', value: again.status === 200 ? 1 : 0, unit: 'flag', note: `HTTP ${again.status} for a new stream` });
	await again.body?.cancel();
	print({ name: 'limits.streams_web_peak_rss', value: processMemoryMb(stack.web.process.pid!).peakRssMb, unit: 'MB' });
}

export const limitsBenchmark: Benchmark = async (print) => {
	if (spawnSync('redis-server', ['--version']).status !== 0) {
		print({ name: 'limits.skipped', value: 1, unit: 'flag', note: 'redis-server is not installed' });
		return;
	}
	const stack = await startWebOnly({ EVENT_STREAMS_PER_CLIENT: String(STREAMS) });
	const owner = newOwnerKey();
	try {
		const take = await fetch(`${stack.baseUrl}/api/takes`, {
			method: 'POST',
			headers: ownerHeaders(owner, { 'content-type': 'application/octet-stream' }),
			body: encodeWav(hum(5, 16000), 16000) as BodyInit
		});
		const takeId = ((await take.json()) as { take: { id: string } }).take.id;
		print({ name: 'limits.web_rss_at_start', value: processMemoryMb(stack.web.process.pid!).rssMb, unit: 'MB' });
		await benchBombs(stack, print);
		await benchJson(stack, takeId, owner, print);
		await benchStreams(stack, takeId, owner, print);
	} finally {
		await stack.stop();
	}
};
