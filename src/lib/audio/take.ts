/**
 * Turns decoded audio into the studio's canonical take: mono Float32 PCM at one rate, checked for
 * the problems a user can fix (length, silence, clipping, a low sample rate), cheapest checks first.
 */
import { AudioInputError, durationError } from './errors';
import { formatPercent } from './format-text';
import { samplePeak } from './gain-staging';
import { mixToMono } from './mono';
import { resample } from './resample';
import type { DecodedAudio } from './types';

/** The one rate every take is stored and analysed at (Hz). */
export const STUDIO_SAMPLE_RATE = 44100;

export interface PrepareTakeOptions {
	/** Rate of the prepared take (Hz). Default STUDIO_SAMPLE_RATE. */
	studioRate?: number;
	/** Shortest take accepted (s). Default 3. */
	minSeconds?: number;
	/** Longest take accepted (s). Default 180. */
	maxSeconds?: number;
	/** A take whose loudest sample is below this is silent (dBFS). Default −60. */
	silencePeakDb?: number;
	/**
	 * A 20 ms frame with RMS at or above this counts as active (dBFS). Default −60: a singer recorded
	 * at −40 dBFS peak has its loudest frames near −51 dBFS RMS; a muted microphone gives far less.
	 */
	activeFrameDb?: number;
	/** A take with fewer active frames than this fraction is silent. Default 0.02. */
	minActiveFraction?: number;
	/** |x| at or above this counts as a clipped sample. Default 0.999. */
	clipLevel?: number;
	/** Warn about clipping when at least this fraction of samples is clipped. Default 0.001. */
	clipWarnFraction?: number;
	/** Warn when the original rate is below this (Hz). Default 16000. */
	lowRateWarnHz?: number;
}

export interface TakeStats {
	/** Largest |x| of the prepared take (linear, 1 = full scale). */
	peak: number;
	/** RMS level of the prepared take (dBFS, floored at −120). */
	rmsDb: number;
	/** Fraction of the original samples (all channels) at or above the clip level. */
	clippedFraction: number;
}

export interface PreparedTake {
	/** Mono PCM at `sampleRate`. */
	pcm: Float32Array;
	/** Hz (the studio rate). */
	sampleRate: number;
	durationSeconds: number;
	originalSampleRate: number;
	originalChannels: number;
	/** The decoder's warnings, then ours, as sentences for the user. */
	warnings: string[];
	stats: TakeStats;
}

/** Frame length for the silence check (s): short enough to find a brief hum, long enough for a stable RMS. */
const ACTIVITY_FRAME_SECONDS = 0.02;
const RMS_FLOOR_DB = -120;

/** Length of decoded audio in seconds. */
export function durationOf(decoded: DecodedAudio): number {
	if (decoded.channels.length === 0 || !(decoded.sampleRate > 0)) return 0;
	return decoded.channels[0].length / decoded.sampleRate;
}

const toDb = (linear: number): number => (linear > 0 ? 20 * Math.log10(linear) : -Infinity);

function activeFraction(x: Float32Array, sampleRate: number, activeFrameDb: number): number {
	const frame = Math.max(1, Math.round(ACTIVITY_FRAME_SECONDS * sampleRate));
	const frameCount = Math.floor(x.length / frame);
	if (frameCount === 0) return 0;
	// Compare mean squares, not dB, to avoid a logarithm per frame.
	const threshold = 10 ** (activeFrameDb / 10);
	let active = 0;
	for (let f = 0; f < frameCount; f++) {
		let sum = 0;
		for (let i = f * frame, end = i + frame; i < end; i++) sum += x[i] * x[i];
		if (sum / frame >= threshold) active++;
	}
	return active / frameCount;
}

function clippedFractionOf(channels: Float32Array[], clipLevel: number): number {
	let clipped = 0;
	let total = 0;
	for (const ch of channels) {
		for (let i = 0; i < ch.length; i++) if (Math.abs(ch[i]) >= clipLevel) clipped++;
		total += ch.length;
	}
	return total === 0 ? 0 : clipped / total;
}

/** A take that passed the checks, still at its original rate. */
export interface CheckedTake {
	/** Mono mixdown at `originalSampleRate`. */
	mono: Float32Array;
	originalSampleRate: number;
	originalChannels: number;
	durationSeconds: number;
	/** The decoder's warnings, then ours, as sentences for the user. */
	warnings: string[];
	clippedFraction: number;
}

/**
 * Mixes to mono and checks the take, without resampling: what an upload needs to accept or refuse
 * a take quickly. Throws `AudioInputError` `too_short`, `too_long` (checked first, before any work
 * on the samples) or `silent_take`.
 */
export function checkTake(decoded: DecodedAudio, options: PrepareTakeOptions = {}): CheckedTake {
	const {
		minSeconds = 3,
		maxSeconds = 180,
		silencePeakDb = -60,
		activeFrameDb = -60,
		minActiveFraction = 0.02,
		clipLevel = 0.999,
		clipWarnFraction = 0.001,
		lowRateWarnHz = 16000
	} = options;
	const originalSeconds = durationOf(decoded);
	if (originalSeconds > maxSeconds || originalSeconds < minSeconds) throw durationError(originalSeconds, minSeconds, maxSeconds);

	const rate = decoded.sampleRate;
	const mono = mixToMono(decoded.channels);
	const monoPeak = samplePeak(mono);
	const active = activeFraction(mono, rate, activeFrameDb);
	if (toDb(monoPeak) < silencePeakDb || active < minActiveFraction) {
		const measured =
			toDb(monoPeak) < silencePeakDb
				? `the loudest sound is ${monoPeak > 0 ? `${toDb(monoPeak).toFixed(1)} dBFS` : 'digital silence'}`
				: `sound above ${activeFrameDb} dBFS fills only ${formatPercent(active)} of the take`;
		throw new AudioInputError(
			'silent_take',
			`We heard only silence — check that the right microphone is selected and not muted (${measured}).`
		);
	}

	const warnings = [...decoded.warnings];
	const clippedFraction = clippedFractionOf(decoded.channels, clipLevel);
	if (clippedFraction >= clipWarnFraction) {
		warnings.push(
			`The recording clips in ${formatPercent(clippedFraction)} of samples; move away from the microphone or lower the input gain.`
		);
	}
	if (rate < lowRateWarnHz) {
		warnings.push(
			`The take was recorded at ${rate} Hz; pitch detail above ${+(rate / 2000).toFixed(2)} kHz is lost. ` +
				'Record at 44.1 or 48 kHz if your device allows it.'
		);
	}
	return {
		mono,
		originalSampleRate: rate,
		originalChannels: decoded.channels.length,
		durationSeconds: originalSeconds,
		warnings,
		clippedFraction
	};
}

/**
 * The canonical take: checks it (see `checkTake`), then resamples the mono mixdown to the studio
 * rate with the band-limited resampler.
 */
export function prepareTake(decoded: DecodedAudio, options: PrepareTakeOptions = {}): PreparedTake {
	const { studioRate = STUDIO_SAMPLE_RATE } = options;
	const checked = checkTake(decoded, options);
	const pcm = resample(checked.mono, checked.originalSampleRate, studioRate);
	let sumSquares = 0;
	for (let i = 0; i < pcm.length; i++) sumSquares += pcm[i] * pcm[i];
	const rms = pcm.length > 0 ? Math.sqrt(sumSquares / pcm.length) : 0;
	return {
		pcm,
		sampleRate: studioRate,
		durationSeconds: pcm.length / studioRate,
		originalSampleRate: checked.originalSampleRate,
		originalChannels: checked.originalChannels,
		warnings: checked.warnings,
		stats: {
			peak: samplePeak(pcm),
			rmsDb: Math.max(RMS_FLOOR_DB, toDb(rms)),
			clippedFraction: checked.clippedFraction
		}
	};
}
