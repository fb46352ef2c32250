/**
 * A voice profile as JSON: the units' typed arrays as base64 of their little-endian bytes, so a
 * stored profile is one self-describing document the worker and the browser read alike.
 */
import { VOICE_PROFILE_VERSION, type VoiceProfile } from './profile';
import type { Breath } from './breaths';
import type { RecordedOnset } from './recorded-onsets';
import type { VoiceUnit } from './voice-units';

/** Profiles of version 5 (before units kept their recorded onsets) still load: they sing their onsets vocoded. */
const READABLE_VERSIONS = new Set([5, VOICE_PROFILE_VERSION]);

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;
const CODES = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));
const PAD = '='.charCodeAt(0);
const ASCII = new TextDecoder('latin1');

/**
 * Base64 of `bytes`. The characters go into a byte array decoded once: a profile's units are
 * megabytes, and appending to a string character by character cost a third of a second per profile.
 */
export function bytesToBase64(bytes: Uint8Array): string {
	const codes = new Uint8Array(4 * Math.ceil(bytes.length / 3));
	const whole = bytes.length - (bytes.length % 3);
	let o = 0;
	for (let i = 0; i < whole; i += 3) {
		const a = bytes[i];
		const b = bytes[i + 1];
		const c = bytes[i + 2];
		codes[o++] = CODES[a >> 2];
		codes[o++] = CODES[((a & 3) << 4) | (b >> 4)];
		codes[o++] = CODES[((b & 15) << 2) | (c >> 6)];
		codes[o++] = CODES[c & 63];
	}
	if (whole < bytes.length) {
		const a = bytes[whole];
		const b = whole + 1 < bytes.length ? bytes[whole + 1] : 0;
		codes[o++] = CODES[a >> 2];
		codes[o++] = CODES[((a & 3) << 4) | (b >> 4)];
		codes[o++] = whole + 1 < bytes.length ? CODES[(b & 15) << 2] : PAD;
		codes[o++] = PAD;
	}
	return ASCII.decode(codes);
}

export function base64ToBytes(text: string): Uint8Array {
	const clean = text.replace(/=+$/, '');
	const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
	let bits = 0;
	let value = 0;
	let o = 0;
	for (let i = 0; i < clean.length; i++) {
		const v = LOOKUP[clean.charCodeAt(i)] ?? -1;
		if (v < 0) throw new RangeError(`Not base64: character ${JSON.stringify(clean[i])} at ${i}.`);
		value = (value << 6) | v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[o++] = (value >> bits) & 255;
		}
	}
	return out;
}

const f32ToText = (x: Float32Array) => bytesToBase64(new Uint8Array(x.buffer, x.byteOffset, x.byteLength));
function textToF32(text: string): Float32Array {
	const bytes = base64ToBytes(text);
	return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 2);
}

const i16ToText = (x: Int16Array) => bytesToBase64(new Uint8Array(x.buffer, x.byteOffset, x.byteLength));
function textToI16(text: string): Int16Array {
	const bytes = base64ToBytes(text);
	return new Int16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 1);
}

type RecordedOnsetJson = Omit<RecordedOnset, 'pcm'> & { pcm: string };
type UnitJson = Omit<VoiceUnit, 'f0Hz' | 'melCepstra' | 'apBands' | 'recordedOnset'> & { f0Hz: string; melCepstra: string; apBands: string; recordedOnset?: RecordedOnsetJson };
type BreathJson = Omit<Breath, 'pcm'> & { pcm: string };
export type VoiceProfileJson = Omit<VoiceProfile, 'units' | 'breaths'> & { units: UnitJson[]; breaths?: BreathJson[] };

export function serializeVoiceProfile(profile: VoiceProfile): VoiceProfileJson {
	const { breaths, ...rest } = profile;
	return {
		...rest,
		units: profile.units.map(({ recordedOnset, ...u }) => ({
			...u,
			f0Hz: f32ToText(u.f0Hz),
			melCepstra: f32ToText(u.melCepstra),
			apBands: f32ToText(u.apBands),
			...(recordedOnset ? { recordedOnset: { ...recordedOnset, pcm: i16ToText(recordedOnset.pcm) } } : {})
		})),
		...(breaths ? { breaths: breaths.map((b) => ({ ...b, pcm: i16ToText(b.pcm) })) } : {})
	};
}

export function parseVoiceProfile(json: VoiceProfileJson): VoiceProfile {
	if (!READABLE_VERSIONS.has(json.version)) {
		throw new RangeError(`This voice profile was made by engine version ${json.version}; this studio reads versions ${[...READABLE_VERSIONS].join(' and ')}. Analyse the take again.`);
	}
	const { breaths, ...rest } = json;
	return {
		...rest,
		version: VOICE_PROFILE_VERSION,
		units: json.units.map(({ recordedOnset, ...u }) => ({
			...u,
			f0Hz: textToF32(u.f0Hz),
			melCepstra: textToF32(u.melCepstra),
			apBands: textToF32(u.apBands),
			...(recordedOnset ? { recordedOnset: { ...recordedOnset, pcm: textToI16(recordedOnset.pcm) } } : {})
		})),
		...(breaths ? { breaths: breaths.map((b) => ({ ...b, pcm: textToI16(b.pcm) })) } : {})
	};
}
