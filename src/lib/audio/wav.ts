/**
 * RIFF/WAVE reading and writing (Microsoft/IBM "Multimedia Programming Interface and Data
 * Specifications 1.0", 1991, and the WAVE_FORMAT_EXTENSIBLE addendum, 1998).
 *
 * Reads integer PCM of 8 (unsigned, offset 128), 16, 24 and 32 bits, IEEE float of 32 and 64 bits,
 * both in the plain and the extensible `fmt ` layout, any sample rate and channel count. Unknown
 * chunks are skipped, honouring the pad byte after odd-sized chunks.
 */
import { AudioInputError, durationError } from './errors';
import { endsEarlyWarning, formatPercent } from './format-text';

const WAVE_FORMAT_PCM = 0x0001;
const WAVE_FORMAT_IEEE_FLOAT = 0x0003;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;
/** Writers that stream a recording sometimes leave the data size at its maximum: "until end of file". */
const SIZE_UNKNOWN = 0xffffffff;

/** Names of encodings users meet inside WAV files that we do not decode, to say which one it is. */
const KNOWN_UNSUPPORTED_ENCODINGS: Readonly<Record<number, string>> = {
	0x0002: 'Microsoft ADPCM',
	0x0006: 'A-law',
	0x0007: 'µ-law',
	0x0011: 'IMA ADPCM',
	0x0031: 'GSM 6.10',
	0x0050: 'MPEG',
	0x0055: 'MP3'
};

export interface WavReadOptions {
	/**
	 * Largest fraction of float samples that may be NaN or ±Infinity; they are set to 0 with a
	 * warning. Above it the file is refused as `invalid_samples`. Default 0.01 (1%).
	 */
	maxNonFiniteFraction?: number;
	/**
	 * When given, a file whose header declares more than `maxSeconds` is refused as `too_long`
	 * before any sample is decoded, so an oversized upload costs nothing. `minSeconds` is only
	 * quoted in the message (a short file is refused later, by prepareTake). Default: no limit.
	 */
	durationLimits?: DurationLimits;
}

export interface DurationLimits {
	minSeconds: number;
	maxSeconds: number;
}

export interface WavData {
	/** Hz. */
	sampleRate: number;
	channels: Float32Array[];
	/** Bits per stored sample (container size for extensible files). */
	bitDepth: number;
	sampleFormat: 'int' | 'float';
	warnings: string[];
}

interface FmtChunk {
	formatCode: number;
	channelCount: number;
	sampleRate: number;
	blockAlign: number;
	bitsPerSample: number;
}

function fourCC(bytes: Uint8Array, offset: number): string {
	return String.fromCharCode(bytes[offset], bytes[offset + 1], bytes[offset + 2], bytes[offset + 3]);
}

/** A chunk id is four printable ASCII characters; used to tell a missing pad byte from a present one. */
function looksLikeChunkId(bytes: Uint8Array, offset: number): boolean {
	if (offset + 4 > bytes.length) return false;
	for (let i = 0; i < 4; i++) {
		const c = bytes[offset + i];
		if (c < 0x20 || c > 0x7e) return false;
	}
	return true;
}

function corrupt(detail: string): AudioInputError {
	return new AudioInputError(
		'corrupt_audio',
		`This WAV file is damaged: ${detail} Export or record it again and upload the new file.`
	);
}

function parseFmt(view: DataView, offset: number, size: number): FmtChunk {
	if (size < 16) throw corrupt(`its format chunk is ${size} bytes long, at least 16 are needed.`);
	let formatCode = view.getUint16(offset, true);
	const channelCount = view.getUint16(offset + 2, true);
	const sampleRate = view.getUint32(offset + 4, true);
	const blockAlign = view.getUint16(offset + 12, true);
	const bitsPerSample = view.getUint16(offset + 14, true);
	if (formatCode === WAVE_FORMAT_EXTENSIBLE) {
		// cbSize (2) + validBits (2) + channelMask (4) + SubFormat GUID (16); the GUID's first
		// two bytes carry the plain format code.
		if (size < 40) throw corrupt('its extensible format chunk is too short.');
		formatCode = view.getUint16(offset + 24, true);
	}
	if (channelCount === 0) throw corrupt('its header says it has 0 channels.');
	if (sampleRate === 0) throw corrupt('its header says the sample rate is 0 Hz.');
	return { formatCode, channelCount, sampleRate, blockAlign, bitsPerSample };
}

function checkEncoding(fmt: FmtChunk): 'int' | 'float' {
	const bits = fmt.bitsPerSample;
	if (fmt.formatCode === WAVE_FORMAT_PCM && bits >= 8 && bits <= 32 && bits % 8 === 0) return 'int';
	if (fmt.formatCode === WAVE_FORMAT_IEEE_FLOAT && (bits === 32 || bits === 64)) return 'float';
	const name =
		fmt.formatCode === WAVE_FORMAT_PCM
			? `${bits}-bit PCM`
			: fmt.formatCode === WAVE_FORMAT_IEEE_FLOAT
				? `${bits}-bit float`
				: (KNOWN_UNSUPPORTED_ENCODINGS[fmt.formatCode] ?? `format 0x${fmt.formatCode.toString(16).padStart(4, '0')}`);
	throw new AudioInputError(
		'unsupported_format',
		`This WAV file uses the ${name} encoding, which the studio does not read. ` +
			'Save it as 16- or 24-bit PCM WAV (or FLAC) and upload it again.'
	);
}

/** Parses a RIFF/WAVE file. Throws `AudioInputError` (`corrupt_audio`, `unsupported_format`, `invalid_samples`). */
export function decodeWav(bytes: Uint8Array, options: WavReadOptions = {}): WavData {
	const { maxNonFiniteFraction = 0.01, durationLimits } = options;
	if (bytes.length < 12) throw corrupt(`it ends after ${bytes.length} bytes, inside its header.`);
	if (fourCC(bytes, 0) !== 'RIFF' || fourCC(bytes, 8) !== 'WAVE') {
		throw corrupt('it does not start with a RIFF/WAVE header.');
	}
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

	let fmt: FmtChunk | null = null;
	let dataOffset = -1;
	let dataClaimedBytes = 0;
	let pos = 12;
	while (pos + 8 <= bytes.length) {
		const id = fourCC(bytes, pos);
		const size = view.getUint32(pos + 4, true);
		const body = pos + 8;
		if (id === 'fmt ') {
			if (body + size > bytes.length) throw corrupt('it ends inside its format chunk.');
			fmt = parseFmt(view, body, size);
		} else if (id === 'data') {
			dataOffset = body;
			dataClaimedBytes = size;
			// Nothing after a data chunk matters to us; a truncated one extends to end of file.
			if (size === SIZE_UNKNOWN || body + size >= bytes.length || fmt) break;
		}
		let next = body + size + (size & 1);
		// Some writers omit the pad byte after an odd-sized chunk; accept that too.
		if ((size & 1) === 1 && !looksLikeChunkId(bytes, next) && looksLikeChunkId(bytes, next - 1)) next -= 1;
		pos = next;
	}
	if (!fmt) throw corrupt('it has no format chunk, or it ends before one.');
	if (dataOffset < 0) throw corrupt('it has no audio data chunk, or it ends before one.');
	const sampleFormat = checkEncoding(fmt);

	const bytesPerSample = fmt.bitsPerSample / 8;
	const frameBytes = Math.max(fmt.blockAlign, fmt.channelCount * bytesPerSample);
	const availableBytes = bytes.length - dataOffset;
	const claimedUnknown = dataClaimedBytes === SIZE_UNKNOWN;
	const usableBytes = claimedUnknown ? availableBytes : Math.min(dataClaimedBytes, availableBytes);
	const frameCount = Math.floor(usableBytes / frameBytes);

	if (durationLimits && frameCount / fmt.sampleRate > durationLimits.maxSeconds) {
		throw durationError(frameCount / fmt.sampleRate, durationLimits.minSeconds, durationLimits.maxSeconds);
	}

	const warnings: string[] = [];
	if (!claimedUnknown && dataClaimedBytes > availableBytes) {
		const promisedSeconds = Math.floor(dataClaimedBytes / frameBytes) / fmt.sampleRate;
		const decodedSeconds = frameCount / fmt.sampleRate;
		warnings.push(endsEarlyWarning(promisedSeconds, decodedSeconds));
	}

	const channels: Float32Array[] = [];
	for (let c = 0; c < fmt.channelCount; c++) channels.push(new Float32Array(frameCount));
	let nonFinite = 0;
	for (let c = 0; c < fmt.channelCount; c++) {
		const out = channels[c];
		let p = dataOffset + c * bytesPerSample;
		if (sampleFormat === 'float') {
			for (let i = 0; i < frameCount; i++, p += frameBytes) {
				const v = bytesPerSample === 4 ? view.getFloat32(p, true) : view.getFloat64(p, true);
				if (Number.isFinite(v)) out[i] = v;
				else nonFinite++;
			}
		} else if (bytesPerSample === 1) {
			for (let i = 0; i < frameCount; i++, p += frameBytes) out[i] = (bytes[p] - 128) / 128;
		} else if (bytesPerSample === 2) {
			for (let i = 0; i < frameCount; i++, p += frameBytes) out[i] = view.getInt16(p, true) / 32768;
		} else if (bytesPerSample === 3) {
			for (let i = 0; i < frameCount; i++, p += frameBytes) {
				const u = bytes[p] | (bytes[p + 1] << 8) | (bytes[p + 2] << 16);
				out[i] = ((u << 8) >> 8) / 8388608;
			}
		} else {
			for (let i = 0; i < frameCount; i++, p += frameBytes) out[i] = view.getInt32(p, true) / 2147483648;
		}
	}

	if (nonFinite > 0) {
		const total = frameCount * fmt.channelCount;
		const fraction = nonFinite / total;
		if (fraction > maxNonFiniteFraction) {
			throw new AudioInputError(
				'invalid_samples',
				`${formatPercent(fraction)} of the samples in this float WAV file are not numbers (NaN or infinity), ` +
					`more than the ${formatPercent(maxNonFiniteFraction)} the studio can repair. ` +
					'The program that wrote it has a fault; export it again, preferably as 16- or 24-bit PCM.'
			);
		}
		warnings.push(
			`${nonFinite} samples (${formatPercent(fraction)}) were not numbers (NaN or infinity) and were set to silence.`
		);
	}

	return { sampleRate: fmt.sampleRate, channels, bitDepth: fmt.bitsPerSample, sampleFormat, warnings };
}

export interface WavWriteOptions {
	/** Bits per sample: 8 (unsigned), 16, 24, 32 integer; 32 or 64 with `float`. Default 16. */
	bitDepth?: 8 | 16 | 24 | 32 | 64;
	/** Write IEEE float (format 3) instead of integer PCM. Default false. */
	float?: boolean;
	/** Write a WAVE_FORMAT_EXTENSIBLE `fmt ` chunk. Default false. */
	extensible?: boolean;
}

/**
 * Encodes channels as a WAV file. Samples are clamped to [-1, 1] (NaN becomes 0); integers are
 * rounded to nearest without dither, scaled by 2^(bits-1) so that decoding is the exact inverse.
 */
export function encodeWav(
	channels: Float32Array | Float32Array[],
	sampleRate: number,
	options: WavWriteOptions = {}
): Uint8Array {
	const { bitDepth = 16, float = false, extensible = false } = options;
	const list = Array.isArray(channels) ? channels : [channels];
	if (list.length === 0) throw new RangeError('encodeWav needs at least one channel.');
	const frameCount = list[0].length;
	if (list.some((ch) => ch.length !== frameCount)) throw new RangeError('encodeWav: channels differ in length.');
	if (!Number.isInteger(sampleRate) || sampleRate <= 0 || sampleRate > 0xffffffff) {
		throw new RangeError(`encodeWav: sampleRate ${sampleRate} must be a positive integer (Hz).`);
	}
	if (float ? bitDepth !== 32 && bitDepth !== 64 : bitDepth === 64) {
		throw new RangeError(`encodeWav: bitDepth ${bitDepth} is not valid with float=${float}.`);
	}
	const channelCount = list.length;
	const bytesPerSample = bitDepth / 8;
	const blockAlign = channelCount * bytesPerSample;
	const dataBytes = frameCount * blockAlign;
	const formatCode = float ? WAVE_FORMAT_IEEE_FLOAT : WAVE_FORMAT_PCM;
	const fmtBytes = extensible ? 40 : float ? 18 : 16;
	// Non-PCM files must carry a `fact` chunk with the frame count (RIFF spec, 1991).
	const factBytes = float ? 12 : 0;
	const total = 12 + 8 + fmtBytes + factBytes + 8 + dataBytes + (dataBytes & 1);
	const out = new Uint8Array(total);
	const view = new DataView(out.buffer);
	const ascii = (offset: number, text: string) => {
		for (let i = 0; i < text.length; i++) out[offset + i] = text.charCodeAt(i);
	};

	ascii(0, 'RIFF');
	view.setUint32(4, total - 8, true);
	ascii(8, 'WAVE');
	ascii(12, 'fmt ');
	view.setUint32(16, fmtBytes, true);
	view.setUint16(20, extensible ? WAVE_FORMAT_EXTENSIBLE : formatCode, true);
	view.setUint16(22, channelCount, true);
	view.setUint32(24, sampleRate, true);
	view.setUint32(28, sampleRate * blockAlign, true);
	view.setUint16(32, blockAlign, true);
	view.setUint16(34, bitDepth, true);
	if (extensible) {
		view.setUint16(36, 22, true);
		view.setUint16(38, bitDepth, true);
		view.setUint32(40, channelCount <= 2 ? (1 << channelCount) - 1 : 0, true);
		// KSDATAFORMAT_SUBTYPE_{PCM,IEEE_FLOAT}: {0000000X-0000-0010-8000-00aa00389b71}.
		view.setUint32(44, formatCode, true);
		out.set([0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71], 48);
	} else if (float) {
		view.setUint16(36, 0, true);
	}
	let pos = 20 + fmtBytes;
	if (float) {
		ascii(pos, 'fact');
		view.setUint32(pos + 4, 4, true);
		view.setUint32(pos + 8, frameCount, true);
		pos += 12;
	}
	ascii(pos, 'data');
	view.setUint32(pos + 4, dataBytes, true);
	pos += 8;

	const intScale = 2 ** (bitDepth - 1);
	const intMax = intScale - 1;
	for (let i = 0; i < frameCount; i++) {
		for (let c = 0; c < channelCount; c++, pos += bytesPerSample) {
			const raw = list[c][i];
			const x = raw !== raw ? 0 : raw > 1 ? 1 : raw < -1 ? -1 : raw;
			if (float) {
				if (bitDepth === 32) view.setFloat32(pos, x, true);
				else view.setFloat64(pos, x, true);
				continue;
			}
			const q = Math.min(intMax, Math.round(x * intScale));
			if (bitDepth === 8) out[pos] = q + 128;
			else if (bitDepth === 16) view.setInt16(pos, q, true);
			else if (bitDepth === 24) {
				out[pos] = q & 0xff;
				out[pos + 1] = (q >> 8) & 0xff;
				out[pos + 2] = (q >> 16) & 0xff;
			} else view.setInt32(pos, q, true);
		}
	}
	return out;
}
