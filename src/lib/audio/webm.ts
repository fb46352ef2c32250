/**
 * A small WebM/Matroska demuxer for one job: find the Opus audio track and hand back its packets.
 * Element layout from the Matroska specification (IETF RFC 9559, 2024) and EBML (RFC 8794, 2020);
 * Opus-in-Matroska mapping (CodecPrivate = OpusHead, CodecDelay, DiscardPadding) from the Matroska
 * codec mappings and RFC 7845 §5.1.
 *
 * The parser walks the file linearly. Masters we need to look inside (Segment, Info, Tracks,
 * Cluster, BlockGroup) are entered rather than skipped, so elements of unknown size, which a
 * browser's MediaRecorder writes for the Segment and every Cluster while it is still recording,
 * need no special case. Everything else is skipped by its size.
 */
import { AudioInputError } from './errors';

const ID = {
	ebml: 0x1a45dfa3,
	segment: 0x18538067,
	info: 0x1549a966,
	timecodeScale: 0x2ad7b1,
	duration: 0x4489,
	tracks: 0x1654ae6b,
	trackEntry: 0xae,
	trackNumber: 0xd7,
	trackType: 0x83,
	codecId: 0x86,
	codecPrivate: 0x63a2,
	codecDelay: 0x56aa,
	cluster: 0x1f43b675,
	simpleBlock: 0xa3,
	blockGroup: 0xa0,
	block: 0xa1,
	discardPadding: 0x75a2
} as const;

/** Masters whose children we read in the linear walk. */
const ENTERED = new Set<number>([ID.segment, ID.info, ID.tracks, ID.cluster, ID.blockGroup]);
const TRACK_TYPE_AUDIO = 2;
/** Opus always runs at 48 kHz inside (RFC 7845 §4). */
const OPUS_RATE_HZ = 48000;

/** The Opus identification header (RFC 7845 §5.1). */
export interface OpusHead {
	channelCount: number;
	/** Samples at 48 kHz to drop from the start (encoder delay). */
	preSkip: number;
	/** Output gain in dB (Q7.8 in the header), to apply to the decoded signal. */
	outputGainDb: number;
	mappingFamily: number;
	streamCount: number;
	coupledStreamCount: number;
	channelMapping: number[];
}

export interface WebmOpusStream {
	head: OpusHead;
	/** Opus packets in file order. Views into the input bytes, not copies. */
	packets: Uint8Array[];
	/** Samples at 48 kHz to drop from the end (sum of DiscardPadding). */
	discardEndSamples: number;
	/** Duration the Segment Info declares (s), when it declares one. */
	declaredSeconds: number | null;
	/** True when the file ended inside an element. */
	truncated: boolean;
}

interface Vint {
	value: number;
	length: number;
	/** All value bits set: "unknown size" (RFC 8794 §6.2). */
	unknown: boolean;
}

function corrupt(detail: string): AudioInputError {
	return new AudioInputError(
		'corrupt_audio',
		`This WebM file is damaged: ${detail} Record it again or export it as WAV, then upload the new file.`
	);
}

/** Reads an EBML variable-length integer; `keepMarker` for element ids, which keep their length bit. */
function readVint(bytes: Uint8Array, offset: number, keepMarker: boolean): Vint | null {
	if (offset >= bytes.length) return null;
	const first = bytes[offset];
	if (first === 0) return null;
	const length = Math.clz32(first) - 23;
	if (offset + length > bytes.length || length > 8) return null;
	let value = keepMarker ? first : first & (0xff >> length);
	let allOnes = value === (0xff >> length);
	for (let i = 1; i < length; i++) {
		const b = bytes[offset + i];
		value = value * 256 + b;
		if (b !== 0xff) allOnes = false;
	}
	return { value, length, unknown: !keepMarker && allOnes };
}

function readUint(bytes: Uint8Array, start: number, size: number): number {
	let value = 0;
	for (let i = 0; i < size; i++) value = value * 256 + bytes[start + i];
	return value;
}

function readInt(bytes: Uint8Array, start: number, size: number): number {
	if (size === 0) return 0;
	const unsigned = readUint(bytes, start, size);
	return bytes[start] & 0x80 ? unsigned - 2 ** (8 * size) : unsigned;
}

function readFloat(bytes: Uint8Array, start: number, size: number): number {
	const view = new DataView(bytes.buffer, bytes.byteOffset + start, size);
	return size === 4 ? view.getFloat32(0) : size === 8 ? view.getFloat64(0) : 0;
}

function parseOpusHead(data: Uint8Array): OpusHead {
	const magic = String.fromCharCode(...data.subarray(0, 8));
	if (data.length < 19 || magic !== 'OpusHead') throw corrupt('its Opus track has no valid OpusHead header.');
	const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
	const channelCount = data[9];
	const mappingFamily = data[18];
	let streamCount = 1;
	let coupledStreamCount = channelCount === 2 ? 1 : 0;
	let channelMapping = channelCount === 2 ? [0, 1] : [0];
	if (mappingFamily !== 0) {
		if (data.length < 21 + channelCount) throw corrupt('its OpusHead channel mapping is cut short.');
		streamCount = data[19];
		coupledStreamCount = data[20];
		channelMapping = Array.from(data.subarray(21, 21 + channelCount));
	}
	return {
		channelCount,
		preSkip: view.getUint16(10, true),
		outputGainDb: view.getInt16(16, true) / 256,
		mappingFamily,
		streamCount,
		coupledStreamCount,
		channelMapping
	};
}

interface TrackInfo {
	number: number;
	type: number;
	codecId: string;
	codecPrivate: Uint8Array | null;
	codecDelayNs: number;
}

function parseTrackEntry(bytes: Uint8Array, start: number, end: number): TrackInfo {
	const track: TrackInfo = { number: 0, type: 0, codecId: '', codecPrivate: null, codecDelayNs: 0 };
	let pos = start;
	while (pos < end) {
		const id = readVint(bytes, pos, true);
		const size = id && readVint(bytes, pos + id.length, false);
		if (!id || !size || size.unknown) throw corrupt('a track description is malformed.');
		const body = pos + id.length + size.length;
		if (body + size.value > end) throw corrupt('a track description is cut short.');
		if (id.value === ID.trackNumber) track.number = readUint(bytes, body, size.value);
		else if (id.value === ID.trackType) track.type = readUint(bytes, body, size.value);
		else if (id.value === ID.codecId) track.codecId = String.fromCharCode(...bytes.subarray(body, body + size.value));
		else if (id.value === ID.codecPrivate) track.codecPrivate = bytes.subarray(body, body + size.value);
		else if (id.value === ID.codecDelay) track.codecDelayNs = readUint(bytes, body, size.value);
		pos = body + size.value;
	}
	return track;
}

/** Appends the frames of a (Simple)Block for `trackNumber` to `packets`; returns false for other tracks. */
function readBlock(bytes: Uint8Array, start: number, end: number, trackNumber: number, packets: Uint8Array[]): boolean {
	const track = readVint(bytes, start, false);
	if (!track || start + track.length + 3 > end) throw corrupt('a block of audio is malformed.');
	if (track.value !== trackNumber) return false;
	const flags = bytes[start + track.length + 2];
	let pos = start + track.length + 3;
	const lacing = (flags >> 1) & 3;
	if (lacing === 0) {
		packets.push(bytes.subarray(pos, end));
		return true;
	}
	const frameCount = bytes[pos++] + 1;
	const sizes: number[] = [];
	if (lacing === 1) {
		// Xiph lacing: each size is a run of 255s plus a final byte below 255.
		for (let f = 0; f < frameCount - 1; f++) {
			let size = 0;
			let b: number;
			do {
				if (pos >= end) throw corrupt('a laced block is malformed.');
				b = bytes[pos++];
				size += b;
			} while (b === 255);
			sizes.push(size);
		}
	} else if (lacing === 3) {
		// EBML lacing: the first size as a vint, the rest as signed differences from the previous.
		const first = readVint(bytes, pos, false);
		if (!first) throw corrupt('a laced block is malformed.');
		pos += first.length;
		sizes.push(first.value);
		for (let f = 1; f < frameCount - 1; f++) {
			const diff = readVint(bytes, pos, false);
			if (!diff) throw corrupt('a laced block is malformed.');
			pos += diff.length;
			const bias = 2 ** (7 * diff.length - 1) - 1;
			sizes.push(sizes[f - 1] + diff.value - bias);
		}
	} else {
		const each = Math.floor((end - pos) / frameCount);
		for (let f = 0; f < frameCount - 1; f++) sizes.push(each);
	}
	const used = sizes.reduce((a, b) => a + b, 0);
	if (sizes.some((s) => s < 0) || pos + used > end) throw corrupt('a laced block is malformed.');
	sizes.push(end - pos - used);
	for (const size of sizes) {
		packets.push(bytes.subarray(pos, pos + size));
		pos += size;
	}
	return true;
}

/** Demuxes the first Opus audio track of a WebM/Matroska file. Throws `corrupt_audio` when there is none. */
export function demuxWebmOpus(bytes: Uint8Array): WebmOpusStream {
	const first = readVint(bytes, 0, true);
	if (!first || first.value !== ID.ebml) throw corrupt('it does not start with an EBML header.');

	let opusTrack: TrackInfo | null = null;
	const packets: Uint8Array[] = [];
	let discardNs = 0;
	let timecodeScaleNs = 1_000_000;
	let durationTicks: number | null = null;
	let truncated = false;
	let lastBlockWasOurs = false;

	let pos = 0;
	while (pos < bytes.length) {
		const id = readVint(bytes, pos, true);
		const size = id && readVint(bytes, pos + id.length, false);
		if (!id || !size) {
			truncated = true;
			break;
		}
		const body = pos + id.length + size.length;
		if (ENTERED.has(id.value)) {
			pos = body;
			continue;
		}
		if (size.unknown) throw corrupt('an element has an unknown size where one is required.');
		const end = body + size.value;
		if (end > bytes.length) {
			truncated = true;
			break;
		}
		switch (id.value) {
			case ID.timecodeScale:
				timecodeScaleNs = readUint(bytes, body, size.value);
				break;
			case ID.duration:
				durationTicks = readFloat(bytes, body, size.value);
				break;
			case ID.trackEntry: {
				const track = parseTrackEntry(bytes, body, end);
				if (!opusTrack && track.type === TRACK_TYPE_AUDIO && track.codecId === 'A_OPUS') opusTrack = track;
				break;
			}
			case ID.simpleBlock:
			case ID.block:
				lastBlockWasOurs = opusTrack !== null && readBlock(bytes, body, end, opusTrack.number, packets);
				break;
			case ID.discardPadding:
				// A BlockGroup's DiscardPadding follows its Block; it trims the end of that block.
				if (lastBlockWasOurs) discardNs += readInt(bytes, body, size.value);
				break;
		}
		pos = end;
	}

	if (!opusTrack) {
		throw new AudioInputError(
			'unsupported_format',
			'This WebM file has no Opus audio track, and Opus is the only codec the studio reads in WebM. ' +
				'Record again in the browser or export as WAV.'
		);
	}
	const head = opusTrack.codecPrivate
		? parseOpusHead(opusTrack.codecPrivate)
		: {
				channelCount: 2,
				preSkip: Math.round((opusTrack.codecDelayNs * OPUS_RATE_HZ) / 1e9),
				outputGainDb: 0,
				mappingFamily: 0,
				streamCount: 1,
				coupledStreamCount: 1,
				channelMapping: [0, 1]
			};
	return {
		head,
		packets,
		discardEndSamples: Math.max(0, Math.round((discardNs * OPUS_RATE_HZ) / 1e9)),
		declaredSeconds: durationTicks === null ? null : (durationTicks * timecodeScaleNs) / 1e9,
		truncated
	};
}
