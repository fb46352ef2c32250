/**
 * MP3 export with lamejs (@breezystack/lamejs, a JavaScript port of the LAME encoder; LGPL-3.0),
 * MPEG-1/2 Layer III at a constant bit rate. The encoder is imported on first use, as the decoders
 * are in ./decode, so the browser downloads it only when someone exports an MP3; the package's
 * ES-module build serves both vite and Node.
 *
 * Samples are converted to 16-bit PCM (the encoder's input) by rounding, with values beyond full
 * scale clipped; master first (./master) so nothing needs clipping.
 */

export interface Mp3EncodeOptions {
	/** Constant bit rate (kbit/s): one of MP3_BITRATES_KBPS. Default 192. */
	kbps?: number;
}

/** Bit rates every sampling rate the encoder accepts can carry (MPEG-1 Layer III, ISO/IEC 11172-3 Table 3-B.2). */
export const MP3_BITRATES_KBPS: readonly number[] = [32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
/** Sampling rates of MPEG-1 (32–48 kHz) and MPEG-2 LSF (16–24 kHz) and MPEG-2.5 (8–12 kHz). */
export const MP3_SAMPLE_RATES: readonly number[] = [8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000];

/** Samples per channel handed to the encoder per call: one MPEG-1 Layer III frame. */
const CHUNK_SAMPLES = 1152;

function toInt16(x: Float32Array, start: number, end: number): Int16Array {
	const out = new Int16Array(end - start);
	for (let i = start; i < end; i++) {
		const v = Math.round(x[i] * 32767);
		out[i - start] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
	}
	return out;
}

/** The bytes of a typed array (lamejs returns fresh Int8Arrays, although its types say Uint8Array). */
function asBytes(view: ArrayBufferView): Uint8Array {
	return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

/** Encodes mono or stereo `channels` at `sampleRate` (Hz) to an MP3 file's bytes. */
export async function encodeMp3(channels: readonly Float32Array[], sampleRate: number, options: Mp3EncodeOptions = {}): Promise<Uint8Array> {
	const { kbps = 192 } = options;
	if (channels.length < 1 || channels.length > 2) throw new RangeError(`expected 1 or 2 channels; got ${channels.length}.`);
	if (channels.length === 2 && channels[0].length !== channels[1].length) {
		throw new RangeError(`channels must have equal lengths; got ${channels[0].length} and ${channels[1].length} samples.`);
	}
	if (!MP3_SAMPLE_RATES.includes(sampleRate)) throw new RangeError(`sampleRate must be one of ${MP3_SAMPLE_RATES.join(', ')} Hz for MP3; got ${sampleRate}.`);
	if (!MP3_BITRATES_KBPS.includes(kbps)) throw new RangeError(`kbps must be one of ${MP3_BITRATES_KBPS.join(', ')}; got ${kbps}.`);
	// MPEG-2/2.5 (below 32 kHz) tops out at 160 kbit/s.
	if (sampleRate < 32000 && kbps > 160) throw new RangeError(`kbps must be at most 160 below 32 kHz (MPEG-2 Layer III); got ${kbps}.`);

	const { Mp3Encoder } = await import('@breezystack/lamejs');
	const encoder = new Mp3Encoder(channels.length, sampleRate, kbps);
	const parts: Uint8Array[] = [];
	const length = channels[0].length;
	for (let start = 0; start < length; start += CHUNK_SAMPLES) {
		const end = Math.min(length, start + CHUNK_SAMPLES);
		const left = toInt16(channels[0], start, end);
		const encoded = channels.length === 2 ? encoder.encodeBuffer(left, toInt16(channels[1], start, end)) : encoder.encodeBuffer(left);
		if (encoded.length > 0) parts.push(asBytes(encoded));
	}
	const tail = encoder.flush();
	if (tail.length > 0) parts.push(asBytes(tail));
	const bytes = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
	let offset = 0;
	for (const part of parts) {
		bytes.set(part, offset);
		offset += part.length;
	}
	return bytes;
}
