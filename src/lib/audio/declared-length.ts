/**
 * The length a compressed file's own header declares, so that a file cut short can be reported
 * as such ("the header promised X s") instead of silently yielding a shorter take.
 */
import { readMpegFrameHeader } from './sniff';

/** FLAC STREAMINFO (the first metadata block, RFC 9639 §8.2): total samples (36 bits) / sample rate (20 bits). */
export function declaredSecondsFlac(bytes: Uint8Array, flacOffset: number): number | null {
	const info = flacOffset + 8;
	if (info + 18 > bytes.length || (bytes[flacOffset + 4] & 0x7f) !== 0) return null;
	const sampleRate = (bytes[info + 10] << 12) | (bytes[info + 11] << 4) | (bytes[info + 12] >> 4);
	const totalSamples =
		(bytes[info + 13] & 0x0f) * 2 ** 32 +
		((bytes[info + 14] << 24) >>> 0) +
		((bytes[info + 15] << 16) | (bytes[info + 16] << 8) | bytes[info + 17]);
	// 0 total samples means "unknown" (streamed encoders).
	return sampleRate > 0 && totalSamples > 0 ? totalSamples / sampleRate : null;
}

function mpegSampleRate(bytes: Uint8Array, frameOffset: number): number {
	const versionBits = (bytes[frameOffset + 1] >> 3) & 3;
	const rateIndex = (bytes[frameOffset + 2] >> 2) & 3;
	const rates = versionBits === 3 ? [44100, 48000, 32000] : versionBits === 2 ? [22050, 24000, 16000] : [11025, 12000, 8000];
	return rates[rateIndex];
}

/**
 * MP3 Xing/Info tag (written by LAME and most encoders in the first frame): the frame count.
 * Samples per frame: 1152 for MPEG-1 Layer III, 576 for MPEG-2/2.5 Layer III.
 */
export function declaredSecondsMp3(bytes: Uint8Array, frameOffset: number): number | null {
	const header = readMpegFrameHeader(bytes, frameOffset);
	if (!header) return null;
	const b1 = bytes[frameOffset + 1];
	const b3 = bytes[frameOffset + 3];
	const mpeg1 = ((b1 >> 3) & 3) === 3;
	const layer3 = ((b1 >> 1) & 3) === 1;
	if (!layer3) return null;
	const mono = b3 >> 6 === 3;
	const sideInfoBytes = mpeg1 ? (mono ? 17 : 32) : mono ? 9 : 17;
	const tag = frameOffset + 4 + sideInfoBytes;
	const id = tag + 12 <= bytes.length ? String.fromCharCode(bytes[tag], bytes[tag + 1], bytes[tag + 2], bytes[tag + 3]) : '';
	if (id !== 'Xing' && id !== 'Info') {
		// No tag: assume constant bit rate, so frames = file bytes / first frame's bytes.
		const frameSeconds = (mpeg1 ? 1152 : 576) / mpegSampleRate(bytes, frameOffset);
		return ((bytes.length - frameOffset) / header.frameBytes) * frameSeconds;
	}
	const flags = bytes[tag + 7];
	if ((flags & 1) === 0) return null;
	const samplesPerFrame = mpeg1 ? 1152 : 576;
	const frames = ((bytes[tag + 8] << 24) >>> 0) + ((bytes[tag + 9] << 16) | (bytes[tag + 10] << 8) | bytes[tag + 11]);
	// The LAME extension follows the optional Xing fields (bytes, 100-byte TOC, quality); its bytes
	// 21–23 hold the encoder delay and end padding, 12 bits each, which a gapless decoder removes.
	const lame = tag + 8 + 4 + (flags & 2 ? 4 : 0) + (flags & 4 ? 100 : 0) + (flags & 8 ? 4 : 0);
	let trimmedSamples = 0;
	// Encoder name: "LAME", or "Lavc"/"Lavf" when ffmpeg wrote the tag around libmp3lame.
	const encoder = String.fromCharCode(bytes[lame], bytes[lame + 1], bytes[lame + 2], bytes[lame + 3]);
	if (lame + 24 <= bytes.length && /^(LAME|Lav[cf])$/.test(encoder)) {
		const delay = (bytes[lame + 21] << 4) | (bytes[lame + 22] >> 4);
		const padding = ((bytes[lame + 22] & 0x0f) << 8) | bytes[lame + 23];
		trimmedSamples = delay + padding;
	}
	return (frames * samplesPerFrame - trimmedSamples) / mpegSampleRate(bytes, frameOffset);
}

/** Bytes at the end of an Ogg file searched for the last page header. */
const OGG_TAIL_SEARCH_BYTES = 65536;

/**
 * Ogg Vorbis / Opus: the granule position of the last page (RFC 3533 §6) is the stream's sample
 * count: at the Vorbis rate, or at 48 kHz including the pre-skip for Opus (RFC 7845 §4).
 */
export function declaredSecondsOgg(bytes: Uint8Array, codec: 'vorbis' | 'opus'): number | null {
	if (bytes.length < 28) return null;
	const firstPacket = 27 + bytes[26];
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	if (firstPacket + 16 > bytes.length) return null;
	const rate = codec === 'opus' ? 48000 : view.getUint32(firstPacket + 12, true);
	const preSkip = codec === 'opus' ? view.getUint16(firstPacket + 10, true) : 0;
	const stop = Math.max(0, bytes.length - OGG_TAIL_SEARCH_BYTES);
	for (let pos = bytes.length - 27; pos >= stop; pos--) {
		if (bytes[pos] !== 0x4f || bytes[pos + 1] !== 0x67 || bytes[pos + 2] !== 0x67 || bytes[pos + 3] !== 0x53) continue;
		const granule = view.getUint32(pos + 6, true) + view.getUint32(pos + 10, true) * 2 ** 32;
		// −1 (all ones) marks a page on which no packet ends; look further back.
		if (view.getInt32(pos + 6, true) === -1 && view.getInt32(pos + 10, true) === -1) continue;
		return rate > 0 ? Math.max(0, granule - preSkip) / rate : null;
	}
	return null;
}

/** Opus frame durations (ms) by TOC configuration (RFC 6716 §3.1): SILK, hybrid, CELT. */
function opusFrameMs(config: number): number {
	if (config < 12) return [10, 20, 40, 60][config % 4];
	if (config < 16) return [10, 20][config % 2];
	return [2.5, 5, 10, 20][config % 4];
}

/** Duration of one Opus packet from its TOC byte and frame count code (RFC 6716 §3.1–3.2). */
export function opusPacketSeconds(packet: Uint8Array): number {
	if (packet.length === 0) return 0;
	const toc = packet[0];
	const code = toc & 3;
	const frames = code === 0 ? 1 : code === 3 ? (packet.length > 1 ? packet[1] & 0x3f : 0) : 2;
	return (frames * opusFrameMs(toc >> 3)) / 1000;
}
