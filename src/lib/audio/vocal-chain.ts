/**
 * The studio's chain for a sung vocal stem, in the usual order of a mixing engineer's channel strip:
 *
 *   1. high-pass at ~80 Hz (4th-order Butterworth, 24 dB/octave): removes rumble, handling noise and
 *      plosive thumps below the lowest sung fundamentals (the studio's voices sing above ~80 Hz);
 *   2. a gentle presence peak (~3 kHz, +2 dB) and an "air" high shelf (~10 kHz, +2 dB): intelligibility
 *      and openness, kept small because synthesized voices can be harsh;
 *   3. the RMS compressor of ./compressor: evens out syllable levels (threshold −20 dBFS, 3 : 1);
 *   4. the reverberator of ./reverb, mixed wet/dry.
 *
 * EQ before compression so the compressor does not react to the rumble that the high-pass removes.
 */

import { filterBiquads, highPassBiquad, highShelfBiquad, peakingBiquad, type BiquadCoefficients } from './biquad';
import { compress, type CompressorOptions } from './compressor';
import { reverberate, type ReverbOptions } from './reverb';

export interface VocalEqOptions {
	/** High-pass corner (Hz, 20–500). Default 80. */
	highPassHz?: number;
	/** Centre of the presence peak (Hz). Default 3000. */
	presenceHz?: number;
	/** Gain of the presence peak (dB, −12–+12). Default 2. */
	presenceGainDb?: number;
	/** Quality factor of the presence peak. Default 1 (about 1.4 octaves wide). */
	presenceQ?: number;
	/** Corner of the air shelf (Hz); skipped when the shelf would not fit below Nyquist. Default 10000. */
	airHz?: number;
	/** Gain of the air shelf (dB, −12–+12). Default 2. */
	airGainDb?: number;
}

export interface VocalChainOptions extends VocalEqOptions {
	/** Compressor settings; the defaults of ./compressor apply (threshold −20 dBFS, ratio 3, 10/120 ms). */
	compressor?: CompressorOptions;
	/** Reverb settings, including `mix`; defaults of ./reverb (1.4 s RT60, 15 % wet). `false` skips it. */
	reverb?: ReverbOptions | false;
}

/** Q of the two sections of a 4th-order Butterworth: 1 / (2·cos(θ)) for the pole angles θ = π/8, 3π/8. */
const BUTTERWORTH_4_Q = [1 / (2 * Math.cos(Math.PI / 8)), 1 / (2 * Math.cos((3 * Math.PI) / 8))];

function checkRange(name: string, value: number, min: number, max: number, unit: string): void {
	if (!(Number.isFinite(value) && value >= min && value <= max)) throw new RangeError(`${name} must be in [${min}, ${max}] ${unit}; got ${value}.`);
}

/** The high-pass sections alone (4th-order Butterworth at `highPassHz`). */
export function vocalHighPassSections(sampleRate: number, highPassHz = 80): BiquadCoefficients[] {
	checkRange('highPassHz', highPassHz, 20, 500, 'Hz');
	return BUTTERWORTH_4_Q.map((q) => highPassBiquad(highPassHz, sampleRate, q));
}

/** All EQ sections of the chain, in order: high-pass, presence, air (when it fits). */
export function vocalEqSections(sampleRate: number, options: VocalEqOptions = {}): BiquadCoefficients[] {
	const { highPassHz = 80, presenceHz = 3000, presenceGainDb = 2, presenceQ = 1, airHz = 10000, airGainDb = 2 } = options;
	checkRange('presenceGainDb', presenceGainDb, -12, 12, 'dB');
	checkRange('airGainDb', airGainDb, -12, 12, 'dB');
	const sections = vocalHighPassSections(sampleRate, highPassHz);
	if (presenceGainDb !== 0) sections.push(peakingBiquad(presenceHz, presenceGainDb, sampleRate, presenceQ));
	// The shelf's poles sit at airHz·10^(gain/80); at low rates (e.g. 16 kHz) there is no "air" band to lift.
	if (airGainDb !== 0 && airHz * 10 ** (airGainDb / 80) < 0.45 * sampleRate) sections.push(highShelfBiquad(airHz, airGainDb, sampleRate));
	return sections;
}

/** Runs the vocal chain on the mono stem `x` at `sampleRate` (Hz); returns a new mono signal of the same length. */
export function processVocal(x: Float32Array, sampleRate: number, options: VocalChainOptions = {}): Float32Array {
	const equalized = filterBiquads(x, vocalEqSections(sampleRate, options));
	const compressed = compress(equalized, sampleRate, options.compressor).output;
	return options.reverb === false ? compressed : reverberate(compressed, sampleRate, options.reverb);
}
