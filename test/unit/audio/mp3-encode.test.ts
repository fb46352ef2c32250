import { MPEGDecoder } from 'mpg123-decoder';
import { describe, expect, it } from 'vitest';
import { encodeMp3 } from '../../../src/lib/audio/mp3-encode';
import { tone } from './mastering-signals';
import { dominantFrequency, fitSine, rms } from './signal';

async function decode(bytes: Uint8Array): Promise<{ channelData: Float32Array[]; samplesDecoded: number; sampleRate: number }> {
	const decoder = new MPEGDecoder();
	try {
		await decoder.ready;
		return decoder.decode(bytes);
	} finally {
		decoder.free();
	}
}

/** The fields of the 4-byte MPEG audio frame header (ISO/IEC 11172-3 §2.4.2.3) at `offset`. */
function frameHeader(bytes: Uint8Array, offset: number) {
	const [b0, b1, b2, b3] = bytes.subarray(offset, offset + 4);
	return {
		sync: (b0 << 3) | (b1 >> 5), // 11 bits, all ones
		version: (b1 >> 3) & 3, // 3 = MPEG-1
		layer: (b1 >> 1) & 3, // 1 = Layer III
		bitrateIndex: b2 >> 4, // MPEG-1 Layer III: 9 = 128, 11 = 192, 14 = 320 kbit/s
		sampleRateIndex: (b2 >> 2) & 3, // MPEG-1: 0 = 44.1 kHz, 1 = 48 kHz, 2 = 32 kHz
		padding: (b2 >> 1) & 1,
		channelMode: b3 >> 6 // 3 = mono, others stereo
	};
}

describe('encodeMp3', () => {
	const fs = 44100;
	const left = tone(440, 0.5, fs, 2);
	const right = tone(440, 0.5, fs, 2);

	it('writes MPEG-1 Layer III frames at 44.1 kHz and 192 kbit/s, every frame where the previous one ends', async () => {
		const bytes = await encodeMp3([left, right], fs);
		const first = frameHeader(bytes, 0);
		expect(first).toMatchObject({ sync: 0x7ff, version: 3, layer: 1, bitrateIndex: 11, sampleRateIndex: 0 });
		expect(first.channelMode).not.toBe(3);
		// Walk the frames: 144 · bitrate / rate (+ padding) bytes each (§2.4.3.1); 2 s is ~77 frames.
		let offset = 0;
		let frames = 0;
		while (offset + 4 <= bytes.length) {
			const h = frameHeader(bytes, offset);
			expect(h.sync, `frame ${frames} at byte ${offset}`).toBe(0x7ff);
			expect(h.sampleRateIndex).toBe(0);
			offset += Math.floor((144 * 192000) / 44100) + h.padding;
			frames++;
		}
		expect(offset).toBe(bytes.length);
		expect(frames).toBeGreaterThanOrEqual(Math.ceil((2 * fs) / 1152));
		expect(frames).toBeLessThanOrEqual(Math.ceil((2 * fs) / 1152) + 3);
	});

	it('decodes back (mpg123) to a 440 Hz tone (±2 Hz) with the same RMS (±0.5 dB) on both channels', async () => {
		const decoded = await decode(await encodeMp3([left, right], fs));
		expect(decoded.sampleRate).toBe(fs);
		expect(decoded.channelData.length).toBe(2);
		// Encoder delay and padding add under three frames.
		expect(Math.abs(decoded.samplesDecoded - 2 * fs)).toBeLessThan(3 * 1152);
		const start = Math.round(0.3 * fs);
		const end = Math.round(1.7 * fs);
		for (const channel of decoded.channelData) {
			expect(Math.abs(dominantFrequency(channel, fs, start, end, { minHz: 300, maxHz: 600, stepHz: 0.5 }) - 440)).toBeLessThanOrEqual(2);
			expect(Math.abs(20 * Math.log10(rms(channel, start, end) / (0.5 * Math.SQRT1_2)))).toBeLessThan(0.5);
			// Little but the tone: what a 440 Hz fit leaves is > 30 dB down.
			const fit = fitSine(channel, fs, 440, start, end);
			expect(fit.residualRms / (fit.amplitude * Math.SQRT1_2)).toBeLessThan(0.03);
		}
	});

	it('encodes mono at 48 kHz and 128 kbit/s', async () => {
		const bytes = await encodeMp3([tone(1000, 0.3, 48000, 1)], 48000, { kbps: 128 });
		expect(frameHeader(bytes, 0)).toMatchObject({ sync: 0x7ff, version: 3, layer: 1, bitrateIndex: 9, sampleRateIndex: 1, channelMode: 3 });
		const decoded = await decode(bytes);
		expect(decoded.sampleRate).toBe(48000);
		expect(Math.abs(dominantFrequency(decoded.channelData[0], 48000, 9600, 38400, { minHz: 900, maxHz: 1100 }) - 1000)).toBeLessThanOrEqual(2);
	});

	it('rejects a rate or bit rate MP3 cannot carry, naming the allowed values', async () => {
		await expect(encodeMp3([left], 44100, { kbps: 100 })).rejects.toThrow(/kbps must be one of 32, .*320; got 100/);
		await expect(encodeMp3([left], 96000)).rejects.toThrow(/sampleRate must be one of .*48000 Hz for MP3; got 96000/);
	});
});
