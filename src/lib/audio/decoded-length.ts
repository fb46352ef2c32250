/**
 * Counting what a decoder has produced, so that no upload is ever decoded past the studio's length
 * limit whatever its header says: a FLAC that declares no length, an MP3 without a Xing tag or an
 * Ogg stream whose granule positions lie would otherwise be decoded whole (a few hundred kilobytes
 * can hold hours of audio). Decoders are fed a chunk at a time and stop at the first chunk that
 * takes the total past the limit.
 */
import { AudioInputError } from './errors';
import type { DurationLimits } from './wav';

/** What every wasm decoder returns for a chunk. */
export interface DecoderOutput {
	channelData: Float32Array[];
	samplesDecoded: number;
	sampleRate: number;
	errors: { message: string }[];
}

/** The `too_long` error when decoding stopped at the limit, so the real length is not known. */
export function decodedTooLongError(limits: DurationLimits): AudioInputError {
	return new AudioInputError(
		'too_long',
		`The recording is longer than ${limits.maxSeconds} s (decoding stopped there); the studio accepts ` +
			`${limits.minSeconds}–${limits.maxSeconds} s. Trim it or record a shorter take.`
	);
}

/**
 * Gathers a decoder's output chunk by chunk and refuses, as `too_long`, the chunk that takes the
 * decoded length past `limits.maxSeconds`. Without limits it only gathers.
 */
export class DecodedAudioCollector {
	private readonly chunks: Float32Array[][] = [];
	private readonly errors: { message: string }[] = [];
	private samples = 0;
	private sampleRate = 0;

	constructor(private readonly limits: DurationLimits | undefined) {}

	/** Samples per channel gathered so far. */
	get samplesDecoded(): number {
		return this.samples;
	}

	add(output: DecoderOutput): void {
		this.errors.push(...output.errors);
		if (output.samplesDecoded === 0) return;
		if (output.sampleRate > 0) this.sampleRate = output.sampleRate;
		this.samples += output.samplesDecoded;
		if (this.limits && this.sampleRate > 0 && this.samples / this.sampleRate > this.limits.maxSeconds) {
			this.chunks.length = 0;
			throw decodedTooLongError(this.limits);
		}
		this.chunks.push(output.channelData.map((ch) => (ch.length === output.samplesDecoded ? ch : ch.subarray(0, output.samplesDecoded))));
	}

	/** Every chunk joined, one array per channel. */
	result(): DecoderOutput {
		const channelCount = Math.max(0, ...this.chunks.map((c) => c.length));
		const channelData = Array.from({ length: channelCount }, (_, c) => {
			const joined = new Float32Array(this.samples);
			let offset = 0;
			for (const chunk of this.chunks) {
				const part = chunk[c] ?? chunk[0];
				joined.set(part, offset);
				offset += part.length;
			}
			return joined;
		});
		this.chunks.length = 0;
		return { channelData, samplesDecoded: this.samples, sampleRate: this.sampleRate, errors: this.errors };
	}
}

/** `bytes` cut every `chunkBytes`. */
export function fixedChunks(bytes: Uint8Array, chunkBytes: number): Uint8Array[] {
	const chunks: Uint8Array[] = [];
	for (let offset = 0; offset < bytes.length; offset += chunkBytes) chunks.push(bytes.subarray(offset, offset + chunkBytes));
	return chunks;
}

/**
 * Feeds `chunks` to a streaming decoder one at a time, then flushes it. The chunk size bounds the
 * memory one call can take: the densest legal streams (FLAC constant frames, Opus concealed frames)
 * hold a few thousand samples per byte.
 */
export async function decodeInChunks(
	chunks: Uint8Array[],
	decodeChunk: (chunk: Uint8Array) => DecoderOutput | Promise<DecoderOutput>,
	flush: (() => Promise<DecoderOutput>) | null,
	collector: DecodedAudioCollector
): Promise<DecoderOutput> {
	for (const chunk of chunks) collector.add(await decodeChunk(chunk));
	if (flush) collector.add(await flush());
	return collector.result();
}
