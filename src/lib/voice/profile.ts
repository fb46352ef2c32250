/**
 * The voice profile: what the studio learned of the user's voice from the reading part of their
 * take. Units (one per aligned syllable), timbre statistics (mean mel-cepstrum per vowel, mean
 * aperiodicity of voiced frames), the speaking f0, and the singing range and vibrato habit measured
 * from the hum. Versioned, so a stored profile built by an older engine is recognised.
 */
import type { Language } from '../take/types';
import type { VoiceUnit } from './voice-units';

export const VOICE_PROFILE_VERSION = 1;

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
		/** Mean aperiodicity of voiced frames per band (breathiness). */
		meanApBands: number[];
	};
	/** Median f0 of the reading, Hz. */
	speakingF0Hz: number;
	/** Lowest and highest hummed notes (MIDI), when a hum was analysed. */
	rangeMidi: { low: number; high: number } | null;
	vibrato: { rateHz: number; depthCents: number };
}
