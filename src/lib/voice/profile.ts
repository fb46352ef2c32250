/**
 * The voice profile: what the studio learned of the user's voice from the reading part of their
 * take. Units (one per aligned syllable), timbre statistics (mean mel-cepstrum per vowel, mean
 * aperiodicity of voiced frames), the speaking f0, and the singing range and vibrato habit measured
 * from the hum. Versioned, so a stored profile built by an older engine is recognised.
 */
import type { Language } from '../take/types';
import type { Breath } from './breaths';
import { formantsOf } from './formants';
import { decodeEnvelope, UNIT_AP_BAND_HZ, type VoiceUnit } from './voice-units';

/** 6: units keep the recorded waveform of their voiceless onset consonants (version 5 profiles still load). */
export const VOICE_PROFILE_VERSION = 6;

export interface VoiceProfile {
	version: number;
	language: Language;
	/** Analysis rate of the units, Hz, and their frame period, s. */
	fs: number;
	framePeriodSeconds: number;
	/** FFT size the envelopes decode to. */
	fftSize: number;
	units: VoiceUnit[];
	timbre: {
		/** Mean mel-cepstrum over each vowel's frames, by vowel (IPA). */
		vowelMelCepstra: Record<string, number[]>;
		/** First two formants of each vowel's mean envelope, Hz. */
		vowelFormantsHz: Record<string, number[]>;
		/** Mean aperiodicity of voiced frames per band (breathiness). */
		meanApBands: number[];
	};
	/** Median f0 of the reading, Hz. */
	speakingF0Hz: number;
	/** Lowest and highest hummed notes (MIDI), when a hum was analysed. */
	rangeMidi: { low: number; high: number } | null;
	vibrato: { rateHz: number; depthCents: number };
	/** 'reading': units from the read prompt; 'vocalise': from the hum only (sung on its "m"/"oo"). */
	kind?: 'reading' | 'vocalise';
	/**
	 * The user's own breaths from the pauses of the reading (breaths.ts), best first: [] when the
	 * reading was searched and had none (then phrases start without one); absent in older profiles.
	 */
	breaths?: Breath[];
}

export const DEFAULT_VIBRATO = { rateHz: 5.5, depthCents: 35 };

export interface ProfileParts {
	language: Language;
	fs: number;
	framePeriodSeconds: number;
	fftSize: number;
	units: VoiceUnit[];
	kind: 'reading' | 'vocalise';
	vowelMelCepstra?: Record<string, number[]>;
	/** Hummed MIDI pitches, for the range. */
	hummedMidi?: number[];
	vibrato?: { rateHz: number; depthCents: number };
	breaths?: Breath[];
}

/** A profile from its units: speaking f0 (median of voiced frames) and breathiness (mean aperiodicity of voiced frames) measured over them. */
export function assembleProfile(parts: ProfileParts): VoiceProfile {
	const bands = UNIT_AP_BAND_HZ.length;
	const apSum = new Float64Array(bands);
	const voicedF0: number[] = [];
	for (const u of parts.units) {
		for (let i = 0; i < u.f0Hz.length; i++) {
			if (u.f0Hz[i] <= 0) continue;
			voicedF0.push(u.f0Hz[i]);
			for (let b = 0; b < bands; b++) apSum[b] += u.apBands[i * bands + b];
		}
	}
	voicedF0.sort((a, b) => a - b);
	const hummed = parts.hummedMidi ?? [];
	return {
		version: VOICE_PROFILE_VERSION,
		language: parts.language,
		fs: parts.fs,
		framePeriodSeconds: parts.framePeriodSeconds,
		fftSize: parts.fftSize,
		units: parts.units,
		timbre: {
			vowelMelCepstra: parts.vowelMelCepstra ?? {},
			vowelFormantsHz: Object.fromEntries(Object.entries(parts.vowelMelCepstra ?? {}).map(([vowel, mc]) => [vowel, formantsOf(decodeEnvelope(mc, parts.fs, parts.fftSize), parts.fs)])),
			meanApBands: Array.from(apSum, (v) => v / Math.max(1, voicedF0.length))
		},
		speakingF0Hz: voicedF0[voicedF0.length >> 1] ?? 0,
		rangeMidi: hummed.length ? { low: Math.min(...hummed), high: Math.max(...hummed) } : null,
		vibrato: parts.vibrato ?? DEFAULT_VIBRATO,
		kind: parts.kind,
		...(parts.breaths ? { breaths: parts.breaths } : {})
	};
}
