import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeAudio, sniffAudioFormat } from '../../../src/lib/audio/decode';
import { isAudioInputError } from '../../../src/lib/audio/errors';
import type { AudioFormat } from '../../../src/lib/audio/types';
import { REPO_ROOT } from '../../helpers/paths';
import { dominantFrequency } from './signal';

/**
 * Samples made by test/fixtures/formats/make-formats.sh: a 440 Hz sine for 0.75 s, then 660 Hz for
 * 0.75 s (1.5 s, mono, peak 0.5).
 */
const FORMATS_DIR = path.join(REPO_ROOT, 'test/fixtures/formats');
const read = (name: string) => new Uint8Array(readFileSync(path.join(FORMATS_DIR, name)));

const samples: { file: string; format: AudioFormat; sampleRate: number }[] = [
	{ file: 'tone.flac', format: 'flac', sampleRate: 16000 },
	{ file: 'tone.mp3', format: 'mp3', sampleRate: 22050 },
	{ file: 'tone.ogg', format: 'ogg-vorbis', sampleRate: 22050 },
	{ file: 'tone.opus', format: 'ogg-opus', sampleRate: 48000 },
	{ file: 'tone.webm', format: 'webm-opus', sampleRate: 48000 }
];

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
	try {
		await promise;
	} catch (e) {
		return isAudioInputError(e) ? e.code : `not an AudioInputError: ${String(e)}`;
	}
	return undefined;
}

describe('compressed formats decode to the known tone', () => {
	for (const { file, format, sampleRate } of samples) {
		it(`${file}: sniffed as ${format}, ${sampleRate} Hz mono, 1.5 s (±50 ms), 440 Hz then 660 Hz (±3 Hz)`, async () => {
			const bytes = read(file);
			expect(bytes.length).toBeLessThan(50 * 1024);
			expect(sniffAudioFormat(bytes)).toBe(format);
			const decoded = await decodeAudio(bytes);
			expect(decoded.format).toBe(format);
			expect(decoded.sampleRate).toBe(sampleRate);
			expect(decoded.channels.length).toBe(1);
			expect(decoded.warnings).toEqual([]);
			const x = decoded.channels[0];
			expect(Math.abs(x.length / sampleRate - 1.5)).toBeLessThan(0.05);
			// Analyse 0.1–0.65 s and 0.85–1.4 s, away from the switch and the codec's edges.
			const at = (s: number) => Math.round(s * sampleRate);
			expect(Math.abs(dominantFrequency(x, sampleRate, at(0.1), at(0.65)) - 440)).toBeLessThanOrEqual(3);
			expect(Math.abs(dominantFrequency(x, sampleRate, at(0.85), at(1.4)) - 660)).toBeLessThanOrEqual(3);
			let peak = 0;
			for (let i = at(0.1); i < at(1.4); i++) peak = Math.max(peak, Math.abs(x[i]));
			expect(peak).toBeGreaterThan(0.35);
			expect(peak).toBeLessThan(0.7);
		});
	}

	for (const { file, format } of samples) {
		it(`${file} cut to its first 60 bytes is refused as corrupt_audio (or decodes with nothing), never a crash`, async () => {
			const head = read(file).slice(0, 60);
			const format60 = sniffAudioFormat(head);
			expect(format60 === null || format60 === format).toBe(true);
			const code = await codeOf(decodeAudio(head));
			expect(['corrupt_audio', 'unsupported_format']).toContain(code);
		});
	}

	for (const file of ['tone.flac', 'tone.mp3']) {
		it(`${file} cut in half decodes its first part and warns that the header promised 1.5 s`, async () => {
			const bytes = read(file);
			const decoded = await decodeAudio(bytes.slice(0, bytes.length >> 1));
			const seconds = decoded.channels[0].length / decoded.sampleRate;
			expect(seconds).toBeGreaterThan(0.4);
			expect(seconds).toBeLessThan(1.1);
			expect(decoded.warnings).toEqual([`The file ends early: the header promised 1.5 s, ${seconds.toFixed(2)} s were decoded.`]);
		});
	}

	for (const file of ['tone.ogg', 'tone.opus']) {
		it(`${file} cut inside its last Ogg page decodes the complete pages and warns that the file ends early`, async () => {
			const bytes = read(file);
			const pageStarts: number[] = [];
			for (let pos = 0; pos + 27 <= bytes.length; ) {
				pageStarts.push(pos);
				let body = 0;
				for (let i = 0; i < bytes[pos + 26]; i++) body += bytes[pos + 27 + i];
				pos += 27 + bytes[pos + 26] + body;
			}
			const decoded = await decodeAudio(bytes.slice(0, pageStarts[pageStarts.length - 1] + 100));
			const seconds = decoded.channels[0].length / decoded.sampleRate;
			expect(seconds).toBeGreaterThan(0.3);
			expect(seconds).toBeLessThan(1.45);
			expect(decoded.warnings).toEqual([`The file ends early: its last part was cut off; ${seconds.toFixed(2)} s were decoded.`]);
		});
	}

	for (const { file } of samples) {
		it(`${file}: with durationLimits (max 1 s) is refused as too_long from its header, before decoding`, async () => {
			const bytes = read(file);
			let message = '';
			try {
				await decodeAudio(bytes, { durationLimits: { minSeconds: 0.5, maxSeconds: 1 } });
			} catch (e) {
				message = isAudioInputError(e) ? `${e.code}: ${e.message}` : String(e);
			}
			expect(message).toMatch(/^too_long: The recording is 1\.[56] s long; the studio accepts 0\.5–1 s\./);
			const decoded = await decodeAudio(bytes, { durationLimits: { minSeconds: 0.5, maxSeconds: 1.6 } });
			expect(decoded.channels[0].length).toBeGreaterThan(0);
		});
	}

	it('sniffs content, not names: a FLAC renamed .wav is still FLAC', () => {
		expect(sniffAudioFormat(read('tone.flac'))).toBe('flac');
	});

	it('sniffs an MP3 behind an ID3v2 tag', () => {
		const mp3 = read('tone.mp3');
		const tag = new Uint8Array(10 + 20);
		tag.set([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 20]);
		const tagged = new Uint8Array(tag.length + mp3.length);
		tagged.set(tag);
		tagged.set(mp3, tag.length);
		expect(sniffAudioFormat(tagged)).toBe('mp3');
	});
});

/** Rewrites the WebM sample as a live MediaRecorder stream would: Segment and Clusters of unknown size. */
function withUnknownSizes(webm: Uint8Array): Uint8Array {
	const out = webm.slice();
	const segment = [0x18, 0x53, 0x80, 0x67];
	const cluster = [0x1f, 0x43, 0xb6, 0x75];
	let rewritten = 0;
	for (let i = 0; i + 12 < out.length; i++) {
		const isSegment = segment.every((b, k) => out[i + k] === b);
		const isCluster = cluster.every((b, k) => out[i + k] === b);
		if (!isSegment && !isCluster) continue;
		const sizeLength = Math.clz32(out[i + 4]) - 23;
		// "Unknown" is every value bit set, at any length (RFC 8794 §6.2).
		out[i + 4] = 0xff >> (sizeLength - 1);
		for (let k = 1; k < sizeLength; k++) out[i + 4 + k] = 0xff;
		rewritten++;
	}
	expect(rewritten).toBeGreaterThanOrEqual(2);
	return out;
}

describe('WebM demuxing', () => {
	it('reads a live-recorded WebM whose Segment and Clusters have unknown size', async () => {
		const original = await decodeAudio(read('tone.webm'));
		const live = await decodeAudio(withUnknownSizes(read('tone.webm')));
		expect(live.channels[0].length).toBe(original.channels[0].length);
		expect(live.warnings).toEqual([]);
	});

	it('decodes a WebM cut in the middle and warns that the file ends early', async () => {
		const bytes = read('tone.webm');
		const decoded = await decodeAudio(bytes.slice(0, Math.round(bytes.length * 0.6)));
		const seconds = decoded.channels[0].length / decoded.sampleRate;
		expect(seconds).toBeGreaterThan(0.5);
		expect(seconds).toBeLessThan(1.3);
		expect(decoded.warnings.join(' ')).toMatch(/^The file ends early: the header promised 1\.5 s, [\d.]+ s were decoded\.$/);
	});

	it('refuses a WebM without an Opus track as unsupported_format', async () => {
		const bytes = read('tone.webm');
		const text = new TextDecoder('latin1').decode(bytes);
		const at = text.indexOf('A_OPUS');
		const renamed = bytes.slice();
		renamed.set(Array.from('A_VORB', (c) => c.charCodeAt(0)), at);
		expect(await codeOf(decodeAudio(renamed))).toBe('unsupported_format');
	});
});
