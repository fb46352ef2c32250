import { describe, expect, it } from 'vitest';
import { describeUnreadableFormat, sniffAudioFormat } from '../../../src/lib/audio/sniff';
import { encodeWav } from '../../../src/lib/audio/wav';
import { seededRandom } from '../../fixtures/bad-inputs';

const bytesOf = (...parts: (string | number[])[]): Uint8Array =>
	Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? Array.from(p, (c) => c.charCodeAt(0)) : p)));

/** One Ogg page header with a single segment holding `packet`. */
const oggPage = (packet: Uint8Array) => Uint8Array.from([...bytesOf('OggS', new Array(22).fill(0), [1, packet.length]), ...packet]);

describe('sniffAudioFormat', () => {
	it('recognises WAV by RIFF/WAVE, whatever follows', () => {
		expect(sniffAudioFormat(encodeWav(new Float32Array(10), 8000))).toBe('wav');
		expect(sniffAudioFormat(bytesOf('RIFF', [0, 0, 0, 0], 'AVI '))).toBeNull();
	});

	it('calls a RIFF start cut inside the header a WAV, so it is reported as damaged rather than foreign', () => {
		expect(sniffAudioFormat(bytesOf('RI'))).toBe('wav');
		expect(sniffAudioFormat(bytesOf('RIFF', [4, 0]))).toBe('wav');
	});

	it('tells Ogg Opus from Ogg Vorbis by the first packet, and refuses other Ogg codecs', () => {
		expect(sniffAudioFormat(oggPage(bytesOf('OpusHead', [1, 1])))).toBe('ogg-opus');
		expect(sniffAudioFormat(oggPage(bytesOf([1], 'vorbis', [0, 0])))).toBe('ogg-vorbis');
		expect(sniffAudioFormat(oggPage(bytesOf([0x7f], 'FLAC', [1, 0])))).toBeNull();
	});

	it('recognises FLAC by fLaC, also behind an ID3v2 tag', () => {
		expect(sniffAudioFormat(bytesOf('fLaC', [0, 0, 0, 34]))).toBe('flac');
		expect(sniffAudioFormat(bytesOf('ID3', [4, 0, 0, 0, 0, 0, 2], [0, 0], 'fLaC'))).toBe('flac');
	});

	it('needs two consecutive MPEG frame headers to call headerless bytes MP3', () => {
		// MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, no padding: 417-byte frames.
		const frame = [0xff, 0xfb, 0x90, 0x64];
		const two = new Uint8Array(417 + 4);
		two.set(frame, 0);
		two.set(frame, 417);
		expect(sniffAudioFormat(two)).toBe('mp3');
		const broken = two.slice();
		broken[417] = 0;
		expect(sniffAudioFormat(broken)).toBeNull();
	});

	it('never takes random bytes for audio (1000 random 4 KiB blocks)', () => {
		const random = seededRandom(42);
		for (let k = 0; k < 1000; k++) {
			const block = Uint8Array.from({ length: 4096 }, () => Math.floor(random() * 256));
			expect(sniffAudioFormat(block)).toBeNull();
		}
	});

	it('refuses tiny and empty inputs', () => {
		expect(sniffAudioFormat(new Uint8Array(0))).toBeNull();
		expect(sniffAudioFormat(bytesOf('Og'))).toBeNull();
	});
});

describe('describeUnreadableFormat', () => {
	it('names the foreign formats users upload most', () => {
		expect(describeUnreadableFormat(bytesOf([0, 0, 0, 0x20], 'ftypM4A '))).toMatch(/MP4/);
		expect(describeUnreadableFormat(bytesOf('FORM', [0, 0, 0, 0], 'AIFF'))).toMatch(/AIFF/);
		expect(describeUnreadableFormat(bytesOf([0xff, 0xf1, 0x50, 0x80]))).toMatch(/AAC/);
		expect(describeUnreadableFormat(bytesOf('%PDF-1.7'))).toMatch(/PDF/);
		expect(describeUnreadableFormat(bytesOf('hello world'))).toBeNull();
	});
});
