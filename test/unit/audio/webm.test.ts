import { describe, expect, it } from 'vitest';
import { isAudioInputError } from '../../../src/lib/audio/errors';
import { demuxWebmOpus } from '../../../src/lib/audio/webm';

/** EBML element: id bytes, a size vint (8-byte "unknown" when size is null), then the body. */
function element(id: number[], body: number[] | null, { unknownSize = false } = {}): number[] {
	if (unknownSize) return [...id, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
	const data = body ?? [];
	if (data.length < 127) return [...id, 0x80 | data.length, ...data];
	return [...id, 0x40 | (data.length >> 8), data.length & 0xff, ...data];
}
const text = (s: string) => Array.from(s, (c) => c.charCodeAt(0));

const EBML_HEADER = element([0x1a, 0x45, 0xdf, 0xa3], element([0x42, 0x82], text('webm')));
// Version 1, 1 channel, pre-skip 312, 48 kHz input, output gain 256/256 = 1 dB (Q7.8), mapping family 0.
const OPUS_HEAD = [...text('OpusHead'), 1, 1, 0x38, 0x01, 0x80, 0xbb, 0, 0, 0x00, 0x01, 0];

function track(number: number, codec: string, codecPrivate?: number[]): number[] {
	return element(
		[0xae],
		[
			...element([0xd7], [number]),
			...element([0x83], [2]),
			...element([0x86], text(codec)),
			...(codecPrivate ? element([0x63, 0xa2], codecPrivate) : [])
		]
	);
}

/** A SimpleBlock for track `number` (vint 0x80 | number), timecode 0, with the given flags and payload. */
const simpleBlock = (number: number, flags: number, payload: number[]) => element([0xa3], [0x80 | number, 0, 0, flags, ...payload]);

function file(blocks: number[][], tracks = [...track(1, 'A_OPUS', OPUS_HEAD)]): Uint8Array {
	return Uint8Array.from([
		...EBML_HEADER,
		...element([0x18, 0x53, 0x80, 0x67], null, { unknownSize: true }),
		...element([0x16, 0x54, 0xae, 0x6b], tracks),
		...element([0x1f, 0x43, 0xb6, 0x75], null, { unknownSize: true }),
		...element([0xe7], [0]),
		...blocks.flat()
	]);
}

const packetsOf = (bytes: Uint8Array) => demuxWebmOpus(bytes).packets.map((p) => Array.from(p));

describe('demuxWebmOpus', () => {
	it('reads OpusHead from CodecPrivate: channels, pre-skip, output gain', () => {
		const { head } = demuxWebmOpus(file([]));
		expect(head).toMatchObject({ channelCount: 1, preSkip: 312, outputGainDb: 1, mappingFamily: 0 });
	});

	it('returns unlaced SimpleBlock payloads of the Opus track only, in order', () => {
		const bytes = file(
			[simpleBlock(1, 0x80, [1, 2, 3]), simpleBlock(2, 0x80, [9, 9]), simpleBlock(1, 0x80, [4, 5])],
			[...track(1, 'A_OPUS', OPUS_HEAD), ...track(2, 'A_VORBIS')]
		);
		expect(packetsOf(bytes)).toEqual([[1, 2, 3], [4, 5]]);
	});

	it('picks the Opus track when it is not the first track', () => {
		const bytes = file([simpleBlock(1, 0x80, [7]), simpleBlock(2, 0x80, [8])], [...track(1, 'A_VORBIS'), ...track(2, 'A_OPUS', OPUS_HEAD)]);
		expect(packetsOf(bytes)).toEqual([[8]]);
	});

	it('splits Xiph-laced frames (sizes as runs of 255)', () => {
		const big = new Array(300).fill(7);
		const payload = [2, 255, 45, 2, ...big, 1, 1, 3, 3, 3];
		expect(packetsOf(file([simpleBlock(1, 0x80 | 0x02, payload)]))).toEqual([big, [1, 1], [3, 3, 3]]);
	});

	it('splits fixed-size-laced frames', () => {
		expect(packetsOf(file([simpleBlock(1, 0x80 | 0x04, [2, 1, 2, 3, 4, 5, 6])]))).toEqual([[1, 2], [3, 4], [5, 6]]);
	});

	it('splits EBML-laced frames (first size as vint, then signed differences)', () => {
		// Sizes 3, 1 (difference −2: 0x80 | (63 − 2)), and the rest (2).
		const payload = [2, 0x83, 0x80 | 61, 1, 1, 1, 2, 3, 3];
		expect(packetsOf(file([simpleBlock(1, 0x80 | 0x06, payload)]))).toEqual([[1, 1, 1], [2], [3, 3]]);
	});

	it('reads Blocks inside BlockGroups and subtracts DiscardPadding (ns) from the end', () => {
		const group = element([0xa0], [...element([0xa1], [0x81, 0, 0, 0, 5, 6]), ...element([0x75, 0xa2], [0x01, 0x31, 0x2d, 0x00])]);
		const stream = demuxWebmOpus(file([simpleBlock(1, 0x80, [4]), group]));
		expect(stream.packets.map((p) => Array.from(p))).toEqual([[4], [5, 6]]);
		// 20 000 000 ns = 20 ms = 960 samples at 48 kHz.
		expect(stream.discardEndSamples).toBe(960);
	});

	it('flags a file that ends inside a block as truncated and keeps the complete blocks', () => {
		const bytes = file([simpleBlock(1, 0x80, [1, 2]), simpleBlock(1, 0x80, [3, 4, 5, 6])]);
		const stream = demuxWebmOpus(bytes.slice(0, bytes.length - 2));
		expect(stream.truncated).toBe(true);
		expect(stream.packets.map((p) => Array.from(p))).toEqual([[1, 2]]);
	});

	it('refuses a file without an Opus track as unsupported_format', () => {
		let code: string | undefined;
		try {
			demuxWebmOpus(file([], [...track(1, 'A_VORBIS')]));
		} catch (e) {
			code = isAudioInputError(e) ? e.code : String(e);
		}
		expect(code).toBe('unsupported_format');
	});
});
