import { describe, expect, it } from 'vitest';
import { isAudioInputError } from '../../../src/lib/audio/errors';
import { decodeWav, encodeWav } from '../../../src/lib/audio/wav';
import { seededRandom } from '../../fixtures/bad-inputs';

function noise(n: number, seed: number, peak = 0.9): Float32Array {
	const random = seededRandom(seed);
	return Float32Array.from({ length: n }, () => (random() * 2 - 1) * peak);
}

function maxError(a: Float32Array, b: Float32Array): number {
	let worst = 0;
	for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
	return worst;
}

/** Builds a RIFF/WAVE file from raw chunks, padding odd-sized ones as the spec requires. */
function riff(chunks: { id: string; body: Uint8Array }[], { pad = true } = {}): Uint8Array {
	const parts: number[] = [];
	const push32 = (v: number) => parts.push(v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, (v >>> 24) & 0xff);
	for (const { id, body } of chunks) {
		parts.push(...Array.from(id, (c) => c.charCodeAt(0)));
		push32(body.length);
		parts.push(...body);
		if (pad && body.length % 2 === 1) parts.push(0);
	}
	const out = new Uint8Array(12 + parts.length);
	out.set([0x52, 0x49, 0x46, 0x46], 0);
	new DataView(out.buffer).setUint32(4, 4 + parts.length, true);
	out.set([0x57, 0x41, 0x56, 0x45], 8);
	out.set(parts, 12);
	return out;
}

/** The fmt and data chunk bodies of a file written by encodeWav. */
function chunksOf(wav: Uint8Array): Record<string, Uint8Array> {
	const view = new DataView(wav.buffer, wav.byteOffset, wav.byteLength);
	const out: Record<string, Uint8Array> = {};
	for (let pos = 12; pos + 8 <= wav.length; ) {
		const id = String.fromCharCode(...wav.subarray(pos, pos + 4));
		const size = view.getUint32(pos + 4, true);
		out[id] = wav.subarray(pos + 8, pos + 8 + size);
		pos += 8 + size + (size & 1);
	}
	return out;
}

function thrownCode(f: () => unknown): string | undefined {
	try {
		f();
	} catch (e) {
		return isAudioInputError(e) ? e.code : `not an AudioInputError: ${String(e)}`;
	}
	return undefined;
}

describe('WAV round trip', () => {
	const formats: { bitDepth: 8 | 16 | 24 | 32 | 64; float: boolean; tolerance: number }[] = [
		{ bitDepth: 8, float: false, tolerance: 1 / 256 },
		{ bitDepth: 16, float: false, tolerance: 1 / 65536 },
		{ bitDepth: 24, float: false, tolerance: 1 / 2 ** 24 },
		{ bitDepth: 32, float: false, tolerance: 1e-7 },
		{ bitDepth: 32, float: true, tolerance: 0 },
		{ bitDepth: 64, float: true, tolerance: 0 }
	];
	for (const { bitDepth, float, tolerance } of formats) {
		for (const channelCount of [1, 2]) {
			for (const sampleRate of [8000, 22050, 44100, 48000, 96000]) {
				for (const extensible of [false, true]) {
					it(`${bitDepth}-bit ${float ? 'float' : 'int'}, ${channelCount} ch, ${sampleRate} Hz${extensible ? ', extensible' : ''}: within half a step`, () => {
						const channels = Array.from({ length: channelCount }, (_, c) => noise(1000, sampleRate + 7 * c));
						const wav = decodeWav(encodeWav(channels, sampleRate, { bitDepth, float, extensible }));
						expect(wav.sampleRate).toBe(sampleRate);
						expect(wav.channels.length).toBe(channelCount);
						expect(wav.sampleFormat).toBe(float ? 'float' : 'int');
						expect(wav.bitDepth).toBe(bitDepth);
						expect(wav.warnings).toEqual([]);
						for (let c = 0; c < channelCount; c++) {
							expect(wav.channels[c].length).toBe(channels[0].length);
							expect(maxError(wav.channels[c], channels[c])).toBeLessThanOrEqual(tolerance);
						}
					});
				}
			}
		}
	}

	it('stores 8-bit samples unsigned with offset 128 (silence is byte 0x80, full negative 0x00)', () => {
		const wav = encodeWav(Float32Array.from([0, -1, 1, 0.5]), 8000, { bitDepth: 8 });
		expect(Array.from(chunksOf(wav).data)).toEqual([128, 0, 255, 192]);
		expect(Array.from(decodeWav(wav).channels[0])).toEqual([0, -1, 127 / 128, 0.5]);
	});

	it('decodes 16-bit full scale as -1 and 32767/32768 and clamps out-of-range input when encoding', () => {
		const wav = decodeWav(encodeWav(Float32Array.from([-1, 1, -3, 3, Number.NaN]), 44100));
		expect(Array.from(wav.channels[0])).toEqual([-1, 32767 / 32768, -1, 32767 / 32768, 0]);
	});

	it('decodes 24-bit negative values with sign extension', () => {
		const body = new Uint8Array([0xff, 0xff, 0xff, 0x00, 0x00, 0x80, 0xff, 0xff, 0x7f]);
		const fmt = chunksOf(encodeWav(new Float32Array(1), 8000, { bitDepth: 24 }))['fmt '];
		const wav = decodeWav(riff([{ id: 'fmt ', body: fmt }, { id: 'data', body }]));
		expect(Array.from(wav.channels[0])).toEqual([-1 / 8388608, -1, 8388607 / 8388608]);
	});

	it('reads the format code from WAVE_FORMAT_EXTENSIBLE (0xFFFE) headers: a float subformat decodes as float', () => {
		const file = encodeWav(Float32Array.from([0.25, -0.75]), 48000, { bitDepth: 32, float: true, extensible: true });
		const fmt = chunksOf(file)['fmt '];
		expect(new DataView(fmt.buffer, fmt.byteOffset).getUint16(0, true)).toBe(0xfffe);
		const wav = decodeWav(file);
		expect(wav.sampleFormat).toBe('float');
		expect(Array.from(wav.channels[0])).toEqual([0.25, -0.75]);
	});

	it('skips unknown chunks, including an odd-sized one followed by its pad byte', () => {
		const source = chunksOf(encodeWav(Float32Array.from([0.5, -0.5, 0.25]), 16000));
		const file = riff([
			{ id: 'LIST', body: new Uint8Array([1, 2, 3, 4, 5]) },
			{ id: 'fmt ', body: source['fmt '] },
			{ id: 'junk', body: new Uint8Array(3) },
			{ id: 'data', body: source.data }
		]);
		expect(file.length % 2).toBe(0);
		expect(Array.from(decodeWav(file).channels[0])).toEqual([0.5, -0.5, 0.25]);
	});

	it('also reads files whose writer forgot the pad byte after an odd-sized chunk', () => {
		const source = chunksOf(encodeWav(Float32Array.from([0.5, -0.5]), 16000));
		const file = riff(
			[
				{ id: 'fmt ', body: source['fmt '] },
				{ id: 'note', body: new Uint8Array([9, 9, 9]) },
				{ id: 'data', body: source.data }
			],
			{ pad: false }
		);
		expect(Array.from(decodeWav(file).channels[0])).toEqual([0.5, -0.5]);
	});

	it('reads a data chunk that comes before the fmt chunk', () => {
		const source = chunksOf(encodeWav(Float32Array.from([0.5, -0.5]), 16000));
		const file = riff([
			{ id: 'data', body: source.data },
			{ id: 'fmt ', body: source['fmt '] }
		]);
		expect(Array.from(decodeWav(file).channels[0])).toEqual([0.5, -0.5]);
	});
});

describe('damaged and unusual WAV files', () => {
	const good = () => encodeWav(noise(44100 * 2, 5), 44100);

	it('refuses a file cut inside the header as corrupt_audio, at every cut point before the data', () => {
		const file = good();
		for (const cut of [4, 11, 12, 20, 30, 36, 40]) expect(thrownCode(() => decodeWav(file.slice(0, cut)))).toBe('corrupt_audio');
	});

	it('decodes what is there and warns when the header promises more data than the file holds', () => {
		const file = good().slice(0, 44 + 44100 * 2 * 1.5);
		const wav = decodeWav(file);
		expect(wav.channels[0].length).toBe(44100 * 1.5);
		expect(wav.warnings).toEqual(['The file ends early: the header promised 2.0 s, 1.5 s were decoded.']);
	});

	it('drops a trailing partial frame of a truncated stereo file', () => {
		const file = encodeWav([noise(100, 1), noise(100, 2)], 8000).slice(0, 44 + 4 * 50 + 3);
		const wav = decodeWav(file);
		expect(wav.channels.map((c) => c.length)).toEqual([50, 50]);
	});

	it('treats a data size of 0xFFFFFFFF (streaming writers) as "until the end of the file", without a warning', () => {
		const file = encodeWav(noise(300, 3), 8000);
		new DataView(file.buffer).setUint32(40, 0xffffffff, true);
		const wav = decodeWav(file);
		expect(wav.channels[0].length).toBe(300);
		expect(wav.warnings).toEqual([]);
	});

	it('refuses encodings it does not read (µ-law) as unsupported_format, naming the encoding', () => {
		const source = chunksOf(encodeWav(new Float32Array(4), 8000, { bitDepth: 8 }));
		const fmt = source['fmt '].slice();
		new DataView(fmt.buffer).setUint16(0, 7, true);
		const file = riff([{ id: 'fmt ', body: fmt }, { id: 'data', body: source.data }]);
		expect(thrownCode(() => decodeWav(file))).toBe('unsupported_format');
		expect(() => decodeWav(file)).toThrow(/µ-law/);
	});

	it('refuses a header with 0 channels or a 0 Hz sample rate as corrupt_audio', () => {
		for (const [offset, value] of [[22, 0], [24, 0]]) {
			const file = encodeWav(new Float32Array(8), 8000);
			new DataView(file.buffer).setUint16(offset, value, true);
			if (offset === 24) new DataView(file.buffer).setUint32(offset, value, true);
			expect(thrownCode(() => decodeWav(file))).toBe('corrupt_audio');
		}
	});

	it('refuses a file with a fmt chunk but no data chunk as corrupt_audio', () => {
		const source = chunksOf(encodeWav(new Float32Array(8), 8000));
		expect(thrownCode(() => decodeWav(riff([{ id: 'fmt ', body: source['fmt '] }])))).toBe('corrupt_audio');
	});

	function floatWithSpecials(count: number, every: number): Uint8Array {
		const x = noise(count, 9, 0.5);
		const file = encodeWav(x, 8000, { bitDepth: 32, float: true });
		const view = new DataView(file.buffer);
		const data = file.length - 4 * count;
		for (let i = 0; i < count; i += every) view.setFloat32(data + 4 * i, i % 2 ? Number.NaN : Number.POSITIVE_INFINITY, true);
		return file;
	}

	it('sets NaN/Inf float samples to 0 and warns when they are at most 1% of samples', () => {
		const wav = decodeWav(floatWithSpecials(10000, 100));
		expect(wav.channels[0][0]).toBe(0);
		expect(wav.channels[0][100]).toBe(0);
		expect(wav.channels[0].every(Number.isFinite)).toBe(true);
		expect(wav.warnings).toEqual(['100 samples (1.0%) were not numbers (NaN or infinity) and were set to silence.']);
	});

	it('refuses a float file with more than 1% NaN/Inf samples as invalid_samples', () => {
		expect(thrownCode(() => decodeWav(floatWithSpecials(10000, 99)))).toBe('invalid_samples');
		expect(thrownCode(() => decodeWav(floatWithSpecials(10000, 99), { maxNonFiniteFraction: 0.02 }))).toBeUndefined();
	});

	it('rejects impossible encoder arguments with RangeError', () => {
		expect(() => encodeWav(new Float32Array(4), 44100.5)).toThrow(RangeError);
		expect(() => encodeWav(new Float32Array(4), 44100, { bitDepth: 16, float: true })).toThrow(RangeError);
		expect(() => encodeWav([new Float32Array(4), new Float32Array(5)], 44100)).toThrow(RangeError);
	});
});
