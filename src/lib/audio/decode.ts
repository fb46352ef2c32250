/**
 * Decodes an uploaded file of any format the studio reads into float PCM. WAV is parsed here
 * (./wav); the compressed formats go to WebAssembly builds of the reference decoders (libFLAC,
 * mpg123, libvorbis, libopus), each imported only when a file of its format arrives so that the
 * browser bundle loads none of them until needed.
 */
import { ACCEPTED_FORMATS_TEXT, AudioInputError, durationError, isAudioInputError } from './errors';
import { declaredSecondsFlac, declaredSecondsMp3, declaredSecondsOgg, opusPacketSeconds } from './declared-length';
import { endsEarlyWarning, formatSeconds } from './format-text';
import { completeOggPages, oggPageRuns } from './ogg';
import { describeUnreadableFormat, findMpegStreamStart, id3v2Length, sniffAudioFormat } from './sniff';
import type { AudioFormat, DecodedAudio } from './types';
import { decodeWav, type DurationLimits, type WavReadOptions } from './wav';
import { demuxWebmOpus } from './webm';
import { DecodedAudioCollector, decodeInChunks, fixedChunks, type DecoderOutput } from './decoded-length';

export type { AudioFormat, DecodedAudio } from './types';
export { sniffAudioFormat } from './sniff';

/**
 * `durationLimits`: when given, a file longer than `maxSeconds` by its own header (or, for WebM,
 * by its packets) is refused as `too_long` before it is decoded, and decoding stops as `too_long`
 * as soon as the decoded length passes `maxSeconds`, whatever the header said. Pass the studio's
 * limits wherever an uploaded file is decoded, so that a long file (or a decompression bomb) costs
 * neither time nor memory.
 */
export type DecodeOptions = WavReadOptions;
export type { DurationLimits } from './wav';

/** Format names with their article, as said aloud ("an MP3"). */
const FORMAT_NAMES: Readonly<Record<AudioFormat, string>> = {
	wav: 'a WAV',
	flac: 'a FLAC',
	mp3: 'an MP3',
	'ogg-vorbis': 'an Ogg Vorbis',
	'ogg-opus': 'an Ogg Opus',
	'webm-opus': 'a WebM Opus'
};

/**
 * Input bytes per decoder call (see `decodeInChunks`): small enough that the densest stream a
 * format allows cannot produce more than a few million samples in one call, large enough that the
 * per-call cost stays small next to the decoding itself.
 */
const CHUNK_BYTES = {
	// CONSTANT-subframe frames: 65 535 samples per channel in about 13 bytes.
	flac: 1024,
	// Free-format frames: at most 1152 samples in about 21 bytes.
	mp3: 16384,
	// Runs of whole pages. 1-byte Vorbis packets of an unused floor: up to 4096 samples each, with
	// Ogg's 1–2 bytes of lacing; 2-byte Opus packets of concealed frames: 5760 samples each.
	ogg: 2048,
	// WebM: packets (not bytes) per call; an Opus packet holds at most 120 ms, so ≤ 31 s per call.
	opusPackets: 256
} as const;

async function decodeFlac(bytes: Uint8Array, collector: DecodedAudioCollector): Promise<DecoderOutput> {
	const { FLACDecoder } = await import('@wasm-audio-decoders/flac');
	const decoder = new FLACDecoder();
	try {
		await decoder.ready;
		return await decodeInChunks(fixedChunks(bytes, CHUNK_BYTES.flac), (chunk) => decoder.decode(chunk), () => decoder.flush(), collector);
	} finally {
		decoder.free();
	}
}

async function decodeMp3(bytes: Uint8Array, collector: DecodedAudioCollector): Promise<DecoderOutput> {
	const { MPEGDecoder } = await import('mpg123-decoder');
	// Gapless: honour the encoder delay and padding in the LAME/Xing tag, so durations come out exact.
	const decoder = new MPEGDecoder({ enableGapless: true });
	try {
		await decoder.ready;
		const output = await decodeInChunks(fixedChunks(bytes, CHUNK_BYTES.mp3), (chunk) => decoder.decode(chunk), null, collector);
		// mpg123 always returns two channels; a mono stream comes back as two identical ones.
		const [left, right] = output.channelData;
		if (output.channelData.length === 2 && sameSamples(left, right, output.samplesDecoded)) {
			return { ...output, channelData: [left] };
		}
		return output;
	} finally {
		decoder.free();
	}
}

function sameSamples(a: Float32Array, b: Float32Array, count: number): boolean {
	for (let i = 0; i < count; i++) if (a[i] !== b[i]) return false;
	return true;
}

async function decodeOggVorbis(bytes: Uint8Array, collector: DecodedAudioCollector): Promise<DecoderOutput> {
	const { OggVorbisDecoder } = await import('@wasm-audio-decoders/ogg-vorbis');
	const decoder = new OggVorbisDecoder();
	try {
		await decoder.ready;
		return await decodeInChunks(oggPageRuns(bytes, CHUNK_BYTES.ogg), (chunk) => decoder.decode(chunk), () => decoder.flush(), collector);
	} finally {
		decoder.free();
	}
}

async function decodeOggOpus(bytes: Uint8Array, collector: DecodedAudioCollector): Promise<DecoderOutput> {
	const { OggOpusDecoder } = await import('ogg-opus-decoder');
	const decoder = new OggOpusDecoder();
	try {
		await decoder.ready;
		return await decodeInChunks(oggPageRuns(bytes, CHUNK_BYTES.ogg), (chunk) => decoder.decode(chunk), () => decoder.flush(), collector);
	} finally {
		decoder.free();
	}
}

function refuseIfTooLong(declaredSeconds: number | null, limits: DurationLimits | undefined): void {
	if (limits && declaredSeconds !== null && declaredSeconds > limits.maxSeconds) {
		throw durationError(declaredSeconds, limits.minSeconds, limits.maxSeconds);
	}
}

async function decodeWebmOpus(bytes: Uint8Array, warnings: string[], limits: DurationLimits | undefined): Promise<DecoderOutput> {
	const stream = demuxWebmOpus(bytes);
	if (stream.packets.length === 0) throw new Error('the WebM file holds no Opus packets');
	if (limits) {
		let seconds = 0;
		for (const packet of stream.packets) seconds += opusPacketSeconds(packet);
		refuseIfTooLong(seconds, limits);
	}
	const { OpusDecoder } = await import('opus-decoder');
	const { head } = stream;
	const decoder = new OpusDecoder({
		preSkip: head.preSkip,
		channels: head.channelCount,
		streamCount: head.streamCount,
		coupledStreamCount: head.coupledStreamCount,
		channelMappingTable: head.channelMapping
	});
	const collector = new DecodedAudioCollector(limits);
	let output: DecoderOutput;
	try {
		await decoder.ready;
		for (let i = 0; i < stream.packets.length; i += CHUNK_BYTES.opusPackets) {
			collector.add(decoder.decodeFrames(stream.packets.slice(i, i + CHUNK_BYTES.opusPackets)));
		}
		output = collector.result();
	} finally {
		decoder.free();
	}
	const keep = Math.max(0, output.samplesDecoded - stream.discardEndSamples);
	const gain = 10 ** (head.outputGainDb / 20);
	const channelData = output.channelData.map((ch) => {
		const trimmed = ch.slice(0, keep);
		if (gain !== 1) for (let i = 0; i < trimmed.length; i++) trimmed[i] *= gain;
		return trimmed;
	});
	if (stream.truncated) warnings.push(endsEarlyWarning(stream.declaredSeconds, keep / output.sampleRate));
	return { ...output, channelData, samplesDecoded: keep };
}

async function decodeOgg(
	decode: (bytes: Uint8Array, collector: DecodedAudioCollector) => Promise<DecoderOutput>,
	bytes: Uint8Array,
	warnings: string[],
	limits: DurationLimits | undefined
): Promise<DecoderOutput> {
	const { complete, truncated } = completeOggPages(bytes);
	const output = await decode(complete, new DecodedAudioCollector(limits));
	if (truncated && output.samplesDecoded > 0) warnings.push(endsEarlyWarning(null, output.samplesDecoded / output.sampleRate));
	return output;
}

/** Compares the decoded length with what the header declares, allowing `slackSeconds` (encoder delay, padding). */
async function checkDeclaredLength(
	output: Promise<DecoderOutput>,
	declaredSeconds: number | null,
	slackSeconds: number,
	warnings: string[]
): Promise<DecoderOutput> {
	const result = await output;
	const decodedSeconds = result.samplesDecoded / result.sampleRate;
	if (declaredSeconds !== null && result.samplesDecoded > 0 && decodedSeconds < declaredSeconds - slackSeconds) {
		warnings.push(endsEarlyWarning(declaredSeconds, decodedSeconds));
	}
	return result;
}

/** MP3 lengths from the Xing tag include the encoder's delay and padding, up to about two frames. */
const MP3_LENGTH_SLACK_SECONDS = 0.15;

function decodeWith(
	format: Exclude<AudioFormat, 'wav'>,
	bytes: Uint8Array,
	warnings: string[],
	limits: DurationLimits | undefined
): Promise<DecoderOutput> {
	switch (format) {
		case 'flac': {
			const declared = declaredSecondsFlac(bytes, id3v2Length(bytes, 0));
			refuseIfTooLong(declared, limits);
			return checkDeclaredLength(decodeFlac(bytes, new DecodedAudioCollector(limits)), declared, 0.001, warnings);
		}
		case 'mp3': {
			const declared = declaredSecondsMp3(bytes, findMpegStreamStart(bytes));
			refuseIfTooLong(declared, limits);
			return checkDeclaredLength(decodeMp3(bytes, new DecodedAudioCollector(limits)), declared, MP3_LENGTH_SLACK_SECONDS, warnings);
		}
		case 'ogg-vorbis':
			refuseIfTooLong(declaredSecondsOgg(bytes, 'vorbis'), limits);
			return decodeOgg(decodeOggVorbis, bytes, warnings, limits);
		case 'ogg-opus':
			refuseIfTooLong(declaredSecondsOgg(bytes, 'opus'), limits);
			return decodeOgg(decodeOggOpus, bytes, warnings, limits);
		case 'webm-opus':
			return decodeWebmOpus(bytes, warnings, limits);
	}
}

function corruptMessage(format: AudioFormat, detail: string): string {
	return (
		`This looks like ${FORMAT_NAMES[format]} file, but it could not be decoded (${detail}). ` +
		'It may be damaged or cut short; export or record it again and upload the new file.'
	);
}

/**
 * Decodes `bytes` of any supported format, recognised by content alone. Throws `AudioInputError`:
 * `empty_file`, `unsupported_format`, `corrupt_audio` or (float WAV) `invalid_samples`.
 */
export async function decodeAudio(bytes: Uint8Array, options: DecodeOptions = {}): Promise<DecodedAudio> {
	if (bytes.length === 0) {
		throw new AudioInputError('empty_file', 'The file is empty (0 bytes). Record again or choose another file.');
	}
	const format = sniffAudioFormat(bytes);
	if (format === null) {
		const seems = describeUnreadableFormat(bytes);
		throw new AudioInputError(
			'unsupported_format',
			`The studio cannot read this file${seems ? ` (it looks like ${seems})` : ''}: it is not in a format we accept. ` +
				`Accepted formats: ${ACCEPTED_FORMATS_TEXT}.`
		);
	}
	if (format === 'wav') {
		const wav = decodeWav(bytes, options);
		return { sampleRate: wav.sampleRate, channels: wav.channels, format, warnings: wav.warnings };
	}

	const warnings: string[] = [];
	let output: DecoderOutput;
	try {
		output = await decodeWith(format, bytes, warnings, options.durationLimits);
	} catch (e) {
		if (isAudioInputError(e)) throw e;
		const detail = e instanceof Error ? e.message : String(e);
		throw new AudioInputError('corrupt_audio', corruptMessage(format, detail), { cause: e });
	}
	const { channelData, samplesDecoded, sampleRate, errors } = output;
	if (samplesDecoded === 0 || channelData.length === 0 || !(sampleRate > 0)) {
		const detail = errors.length > 0 ? errors[0].message : 'no audio frames were found';
		throw new AudioInputError('corrupt_audio', corruptMessage(format, detail));
	}
	if (errors.length > 0) {
		warnings.push(
			`${errors.length} damaged part${errors.length === 1 ? '' : 's'} of the file could not be decoded ` +
				`and may be heard as gaps; ${formatSeconds(samplesDecoded / sampleRate)} were decoded.`
		);
	}
	// The decoders may return views into a larger buffer; keep exactly samplesDecoded per channel.
	const channels = channelData.map((ch) => (ch.length === samplesDecoded ? ch : ch.slice(0, samplesDecoded)));
	return { sampleRate, channels, format, warnings };
}
