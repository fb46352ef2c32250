/**
 * Recognises audio formats by their magic bytes. File names and content types are never trusted:
 * browsers and users get them wrong, and a renamed file must be read as what it is.
 */
import type { AudioFormat } from './types';

const ascii = (bytes: Uint8Array, offset: number, text: string): boolean => {
	if (offset + text.length > bytes.length) return false;
	for (let i = 0; i < text.length; i++) if (bytes[offset + i] !== text.charCodeAt(i)) return false;
	return true;
};

/** Bytes taken by an ID3v2 tag at `offset` (ID3v2.4 §3.1: 10-byte header, synchsafe size, optional footer), else 0. */
export function id3v2Length(bytes: Uint8Array, offset: number): number {
	if (!ascii(bytes, offset, 'ID3') || offset + 10 > bytes.length) return 0;
	const size =
		((bytes[offset + 6] & 0x7f) << 21) |
		((bytes[offset + 7] & 0x7f) << 14) |
		((bytes[offset + 8] & 0x7f) << 7) |
		(bytes[offset + 9] & 0x7f);
	const hasFooter = (bytes[offset + 5] & 0x10) !== 0;
	return 10 + size + (hasFooter ? 10 : 0);
}

/** Kilobits per second, by [MPEG-1?][layer 1..3][index]; ISO/IEC 11172-3 and 13818-3. */
const MPEG_BITRATES_KBPS: Readonly<Record<string, readonly number[]>> = {
	'1-1': [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
	'1-2': [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
	'1-3': [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
	'2-1': [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
	'2-2': [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
	'2-3': [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160]
};
const MPEG_SAMPLE_RATES_HZ: Readonly<Record<number, readonly number[]>> = {
	3: [44100, 48000, 32000], // MPEG-1
	2: [22050, 24000, 16000], // MPEG-2
	0: [11025, 12000, 8000] // MPEG-2.5
};

interface MpegFrameHeader {
	/** Bytes from this header to the next. */
	frameBytes: number;
	/** Version, layer and sample-rate bits, equal in every frame of a stream. */
	streamKey: number;
}

/** Parses an MPEG audio frame header at `offset`, or returns null if it is not a valid one. */
export function readMpegFrameHeader(bytes: Uint8Array, offset: number): MpegFrameHeader | null {
	if (offset + 4 > bytes.length) return null;
	const b1 = bytes[offset + 1];
	const b2 = bytes[offset + 2];
	if (bytes[offset] !== 0xff || (b1 & 0xe0) !== 0xe0) return null;
	const versionBits = (b1 >> 3) & 3;
	const layerBits = (b1 >> 1) & 3;
	const bitrateIndex = b2 >> 4;
	const rateIndex = (b2 >> 2) & 3;
	// Reserved values, and free-format bit rate (index 0), which we do not accept as a signature.
	if (versionBits === 1 || layerBits === 0 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) return null;
	const layer = 4 - layerBits;
	const mpeg1 = versionBits === 3;
	const bitrate = MPEG_BITRATES_KBPS[`${mpeg1 ? 1 : 2}-${layer}`][bitrateIndex] * 1000;
	const sampleRate = MPEG_SAMPLE_RATES_HZ[versionBits][rateIndex];
	const padding = (b2 >> 1) & 1;
	let frameBytes: number;
	if (layer === 1) frameBytes = (Math.floor((12 * bitrate) / sampleRate) + padding) * 4;
	else if (layer === 3 && !mpeg1) frameBytes = Math.floor((72 * bitrate) / sampleRate) + padding;
	else frameBytes = Math.floor((144 * bitrate) / sampleRate) + padding;
	return { frameBytes, streamKey: (b1 & 0x1e) | (rateIndex << 8) };
}

/**
 * True when an MPEG audio stream starts at `offset`: a valid frame header followed by another of
 * the same stream (or the end of the file), which random bytes almost never imitate.
 */
function isMpegStreamAt(bytes: Uint8Array, offset: number): boolean {
	const first = readMpegFrameHeader(bytes, offset);
	if (!first) return false;
	const nextOffset = offset + first.frameBytes;
	if (nextOffset >= bytes.length) return true;
	const second = readMpegFrameHeader(bytes, nextOffset);
	return second !== null && second.streamKey === first.streamKey;
}

function oggFirstPacket(bytes: Uint8Array): number {
	// Ogg page header (RFC 3533 §6): 27 fixed bytes, then one lacing value per segment.
	if (bytes.length < 27) return -1;
	return 27 + bytes[26];
}

function indexOfAscii(bytes: Uint8Array, text: string, limit: number): number {
	const end = Math.min(bytes.length, limit) - text.length;
	const first = text.charCodeAt(0);
	for (let i = 0; i <= end; i++) if (bytes[i] === first && ascii(bytes, i, text)) return i;
	return -1;
}

/** Bytes of the start of a Matroska file searched for the Opus codec id. */
const WEBM_CODEC_SEARCH_BYTES = 65536;
/** Bytes after an ID3v2 tag searched for the first MPEG frame (some encoders pad there). */
const MP3_SYNC_SEARCH_BYTES = 4096;

/** The format of `bytes` by magic numbers, or null when it is none we read. */
export function sniffAudioFormat(bytes: Uint8Array): AudioFormat | null {
	if (bytes.length < 4) {
		// A WAV cut inside its header is still recognisably a WAV (and so reported as damaged).
		return bytes.length > 0 && ascii(bytes, 0, 'RIFF'.slice(0, bytes.length)) ? 'wav' : null;
	}
	if (ascii(bytes, 0, 'RIFF') && (bytes.length < 12 || ascii(bytes, 8, 'WAVE'))) return 'wav';
	if (ascii(bytes, 0, 'OggS')) {
		const packet = oggFirstPacket(bytes);
		if (packet < 0) return null;
		if (ascii(bytes, packet, 'OpusHead')) return 'ogg-opus';
		if (bytes[packet] === 1 && ascii(bytes, packet + 1, 'vorbis')) return 'ogg-vorbis';
		return null;
	}
	if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) {
		return indexOfAscii(bytes, 'A_OPUS', WEBM_CODEC_SEARCH_BYTES) >= 0 ? 'webm-opus' : null;
	}
	if (ascii(bytes, id3v2Length(bytes, 0), 'fLaC')) return 'flac';
	return findMpegStreamStart(bytes) >= 0 ? 'mp3' : null;
}

/**
 * Offset of the first MPEG audio frame: at 0, or after an ID3v2 tag (searching a little past it,
 * where some encoders pad). −1 when there is none. Without a tag the stream must start at byte 0,
 * so random data is not taken for MP3.
 */
export function findMpegStreamStart(bytes: Uint8Array): number {
	const id3 = id3v2Length(bytes, 0);
	if (id3 === 0) return isMpegStreamAt(bytes, 0) ? 0 : -1;
	const end = Math.min(bytes.length, id3 + MP3_SYNC_SEARCH_BYTES);
	for (let i = id3; i < end; i++) if (bytes[i] === 0xff && isMpegStreamAt(bytes, i)) return i;
	return -1;
}

/** For files we do not read, a phrase naming what they seem to be ("an MP4/M4A file"), if we can tell. */
export function describeUnreadableFormat(bytes: Uint8Array): string | null {
	if (bytes.length >= 12 && ascii(bytes, 4, 'ftyp')) return 'an MP4/M4A (AAC) file';
	if (ascii(bytes, 0, 'FORM') && (ascii(bytes, 8, 'AIFF') || ascii(bytes, 8, 'AIFC'))) return 'an AIFF file';
	if (ascii(bytes, 0, 'caff')) return 'a Core Audio (CAF) file';
	if (ascii(bytes, 0, '#!AMR')) return 'an AMR voice memo';
	if (ascii(bytes, 0, 'RF64')) return 'an RF64 (very large WAV) file';
	if (ascii(bytes, 0, 'RIFF')) return 'a RIFF file that is not WAV audio';
	if (ascii(bytes, 0, 'OggS')) return 'an Ogg file with a codec other than Vorbis or Opus';
	if (bytes.length >= 4 && bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) {
		return 'a WebM/Matroska file without Opus audio';
	}
	if (bytes.length >= 2 && bytes[0] === 0xff && (bytes[1] & 0xf6) === 0xf0) return 'raw AAC (ADTS) audio';
	if (ascii(bytes, 0, '%PDF')) return 'a PDF document';
	if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'a JPEG image';
	if (ascii(bytes, 1, 'PNG')) return 'a PNG image';
	if (ascii(bytes, 0, 'PK')) return 'a ZIP archive';
	return null;
}
