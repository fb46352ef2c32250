/**
 * The recorded waveform of a unit's unvoiced onset consonant (burst, frication, aspiration), kept
 * in the profile beside its vocoder frames, as concatenative singing synthesizers (UTAU, OpenUtau)
 * keep a sample's consonant: the vocoder's coding (5 ms frames, order-40 mel-cepstrum, nine
 * aperiodicity bands) smears a burst and flattens frication, so the sung onset is the recording
 * itself (onset-splice.ts). Only voiceless obstruent onsets are kept; voiced consonants (nasals,
 * b d g z, approximants) stay vocoded, as do codas.
 */
import { resample } from '../audio/resample';
import { BandPowerMeter } from '../dsp/band-power';
import { isObstruent, phonemeInfo } from '../lyrics/phoneme-inventory';

export interface RecordedOnset {
	/** Rate of `pcm`, Hz. */
	sampleRate: number;
	/** The unit's frames the recording covers, [fromFrame, toFrame): its unvoiced onset frames, ending at most at the vowel. */
	fromFrame: number;
	toFrame: number;
	/** Recording kept beyond the frames on each side (room for the crossfades), samples at `sampleRate`. */
	marginSamples: number;
	/** 16-bit samples, full scale 32 767: the frames' recording with the margin before and after. */
	pcm: Int16Array;
	/** The reading's vowel after this onset (its loudest analysis frame), energy above 2 kHz, dB full scale. */
	vowelHighDb: number;
	/**
	 * 'high' for a voiced consonant (b, d, g, ð, v, z, ʐ): only the recording's part above
	 * HIGH_BAND_HZ is sung, its burst or frication, in place of the vocoded frames' part there; its
	 * voicing stays vocoded at the note's pitch. Absent: the whole recording is sung.
	 */
	band?: 'high';
}

/**
 * Rate the onsets are kept at, Hz: the studio's rate, frication whole. Measured on the real voices:
 * kept at 22.05 kHz (flat to 9.4 kHz), two Cantonese "f" onsets sang 10 and 17 dB weaker above
 * 2 kHz than read; at 32 kHz one onset more of a Cantonese speaker's 18 fell outside ±4 dB.
 */
export const RECORDED_ONSET_RATE_HZ = 44100;
/** Length of the equal-power crossfades at both ends of a spliced onset, s (one vocoder frame). */
export const ONSET_CROSSFADE_SECONDS = 0.005;
/** Longest onset kept, frames (250 ms: an English "str" as read; the layout places no more). */
const MAX_RECORDED_ONSET_FRAMES = 50;
/** The splice's levels compare energy above this frequency, Hz (where bursts and frication lie). */
export const HIGH_BAND_HZ = 2000;
/** Level analysis: frames every 5 ms, windows of 11.6 ms at 44.1 kHz. */
const LEVEL_HOP_SECONDS = 0.005;
const LEVEL_WINDOW_SECONDS = 0.0116;

/** Whether the phone is a voiced obstruent (b, d, g, ð, v, z, ʐ …), whose burst or frication above 2 kHz is kept. */
export const isVoicedObstruent = (ipa: string): boolean => isObstruent(ipa) && phonemeInfo(ipa).voiced;

/** Whether the phone is a voiceless obstruent (plosive, affricate, fricative). */
const isVoicelessObstruent = (ipa: string): boolean => isObstruent(ipa) && !phonemeInfo(ipa).voiced;

/** Whether the onset has a voiceless obstruent, whose recording is kept. */
export function hasVoicelessObstruent(onset: readonly string[]): boolean {
	return onset.some(isVoicelessObstruent);
}

/**
 * Voiced frames a voiceless onset may hold and still be recorded through, frames (20 ms): the f0
 * tracker calls a few frames of a real voiceless onset voiced (voicing starting under the
 * frication before the aligned vowel, a burst's ring). Measured on the real voices: recorded
 * through them, 2 more of 208 sung onsets kept their spoken level within ±4 dB (and frication
 * read as voicing, frication-voicing.ts, 2 more).
 */
const MAX_VOICED_RUN_FRAMES = 4;

/**
 * The unit frames [from, to) of a voiceless onset's recording, at most MAX_RECORDED_ONSET_FRAMES
 * long; null when the onset has no unvoiced frame. An onset that ends in a voiced phone (the r of
 * "pr", the w of Cantonese kw) ends at its last unvoiced frame, the voiced part staying vocoded.
 * One that ends in the voiceless consonant (`endsVoiceless`) runs to the vowel, through voiced runs
 * of up to MAX_VOICED_RUN_FRAMES (a longer one before the vowel is the vowel, started early).
 * Walking back, a voiced run up to MAX_VOICED_RUN_FRAMES with unvoiced frames before it is crossed
 * likewise when `endsVoiceless`; a longer one (or any, otherwise) ends the recording.
 */
export function unvoicedOnsetFrames(f0Hz: ArrayLike<number>, nucleusStartFrame: number, endsVoiceless = false): [number, number] | null {
	const voiced = (frame: number) => f0Hz[frame] > 0;
	const bridge = endsVoiceless ? MAX_VOICED_RUN_FRAMES : 0;
	/** Length of the voiced run ending just before `frame` (the frame before the run is unvoiced, or the unit's start). */
	const voicedRunBefore = (frame: number) => {
		let n = 0;
		while (frame - n > 0 && voiced(frame - n - 1)) n++;
		return n;
	};
	let to = nucleusStartFrame;
	const trailing = voicedRunBefore(to);
	if (trailing > bridge || trailing === to) to -= trailing;
	let from = to;
	while (from > 0 && to - from < MAX_RECORDED_ONSET_FRAMES && nucleusStartFrame - from < MAX_RECORDED_ONSET_FRAMES) {
		if (!voiced(from - 1)) {
			from--;
			continue;
		}
		// A short voiced run is crossed when unvoiced frames lie before it and it fits.
		const run = voicedRunBefore(from);
		if (run > bridge || run === from || nucleusStartFrame - (from - run) >= MAX_RECORDED_ONSET_FRAMES) break;
		from -= run;
	}
	return from < to ? [from, to] : null;
}

/** Recorded frames more than this below the loudest of the onset and its vowel are quiet (a closure, a pause, a noise-gated silence), dB. */
const QUIET_DB = 40;

/**
 * The onset frames without quiet ones at either end: a pause (or a noise gate's digital silence)
 * before the consonant or between it and the vowel (the aligner's boundaries) stays vocoded, where
 * CheapTrick's windows spread the neighbouring sound; a recording that silent would leave a gap in
 * legato (measured: 95 ms in a Mandarin "xian"). Quiet is judged against the onset and its vowel
 * (`vowel` frames), as the layout judges a unit's frames against its vowel.
 */
function withoutQuietEnds(reading: Float32Array, [from, to]: [number, number], vowel: [number, number], sampleOf: (frame: number) => number): [number, number] {
	const energy = (frame: number) => {
		let sum = 0;
		for (let i = Math.max(0, sampleOf(frame)); i < Math.min(reading.length, sampleOf(frame + 1)); i++) sum += reading[i] * reading[i];
		return sum;
	};
	let peak = 0;
	for (let f = from; f < to; f++) peak = Math.max(peak, energy(f));
	for (let f = vowel[0]; f < vowel[1]; f++) peak = Math.max(peak, energy(f));
	const quiet = (frame: number) => energy(frame) < peak * 10 ** (-QUIET_DB / 10);
	let first = from;
	while (first < to - 1 && quiet(first)) first++;
	let last = to;
	while (last > first + 1 && quiet(last - 1)) last--;
	return [first, last];
}

/**
 * Loudest frame of `pcm` in samples [from, to), dB full scale (power of a full-scale sine: −3 dB):
 * energy above `minHz` (0: the whole band) of Hann-windowed 11.6 ms frames every 5 ms.
 */
export function peakFrameDb(pcm: Float32Array, sampleRate: number, from: number, to: number, minHz = 0): number {
	return peakFrameLevels(pcm, sampleRate, from, to, minHz).bandDb;
}

/**
 * The loudest frame's level over the whole band and above `minHz`, dB full scale, from one pass of
 * the same frames as peakFrameDb (each the loudest frame of its own band).
 */
export function peakFrameLevels(pcm: Float32Array, sampleRate: number, from: number, to: number, minHz: number): { wholeDb: number; bandDb: number } {
	const meter = new BandPowerMeter(sampleRate, LEVEL_WINDOW_SECONDS, minHz);
	const hop = Math.max(1, Math.round(LEVEL_HOP_SECONDS * sampleRate));
	let wholePeak = 0;
	let bandPeak = 0;
	// Frames centred on the span's samples.
	for (let centre = from; centre < Math.max(from + 1, to); centre += hop) {
		const { whole, high } = meter.measure(pcm, centre);
		wholePeak = Math.max(wholePeak, whole);
		bandPeak = Math.max(bandPeak, high);
	}
	return { wholeDb: 10 * Math.log10(wholePeak + 1e-20), bandDb: 10 * Math.log10(bandPeak + 1e-20) };
}

/**
 * The recorded onset of a unit cut from `reading` (mono, `fs` Hz) at `unitStartFrame`, or null when
 * there is nothing to keep. A voiceless obstruent's onset keeps its unvoiced frames whole
 * (unvoicedOnsetFrames); a voiced obstruent's (when the onset has no voiceless one) keeps the
 * frames the aligner gave the obstruent phones, `voicedObstruentFrames`, for their part above
 * HIGH_BAND_HZ. `vowelFrames` are the unit's vowel frames, whose level the spliced onset keeps its
 * own against.
 */
export function cutRecordedOnset(
	reading: Float32Array,
	fs: number,
	framePeriodSeconds: number,
	unit: { onset: readonly string[]; f0Hz: ArrayLike<number>; nucleusStartFrame: number; codaStartFrame: number; voicedObstruentFrames?: [number, number] },
	unitStartFrame: number
): RecordedOnset | null {
	let span: [number, number] | null = null;
	let band: 'high' | undefined;
	if (hasVoicelessObstruent(unit.onset)) {
		span = unvoicedOnsetFrames(unit.f0Hz, unit.nucleusStartFrame, isVoicelessObstruent(unit.onset[unit.onset.length - 1]));
	} else if (unit.voicedObstruentFrames && unit.voicedObstruentFrames[1] > unit.voicedObstruentFrames[0]) {
		const [from, to] = unit.voicedObstruentFrames;
		span = [Math.max(0, from, unit.nucleusStartFrame - MAX_RECORDED_ONSET_FRAMES), Math.min(to, unit.nucleusStartFrame)];
		band = 'high';
	}
	if (!span || span[1] <= span[0]) return null;
	const sampleOf = (frame: number) => Math.round((unitStartFrame + frame) * framePeriodSeconds * fs);
	const frames = withoutQuietEnds(reading, span, [unit.nucleusStartFrame, Math.max(unit.nucleusStartFrame + 1, unit.codaStartFrame)], sampleOf);
	const vowelHighDb = peakFrameDb(reading, fs, sampleOf(unit.nucleusStartFrame), sampleOf(Math.max(unit.nucleusStartFrame + 1, unit.codaStartFrame)), HIGH_BAND_HZ);
	const rate = RECORDED_ONSET_RATE_HZ;
	const margin = Math.ceil((ONSET_CROSSFADE_SECONDS / 2) * rate);
	const clipStartSeconds = (unitStartFrame + frames[0]) * framePeriodSeconds - margin / rate;
	const length = Math.round((frames[1] - frames[0]) * framePeriodSeconds * rate) + 2 * margin;
	// A few more samples each side for the resampling filter, trimmed after it.
	const pad = 64;
	const from = Math.floor(clipStartSeconds * fs) - pad;
	const to = Math.ceil(clipStartSeconds * fs + (length * fs) / rate) + pad;
	const cut = new Float32Array(to - from);
	for (let i = Math.max(0, -from); i < cut.length && from + i < reading.length; i++) cut[i] = reading[from + i];
	const resampled = fs === rate ? cut : resample(cut, fs, rate);
	const first = Math.round((clipStartSeconds * fs - from) * (rate / fs));
	const pcm = new Int16Array(length);
	for (let i = 0; i < length; i++) pcm[i] = Math.round(32767 * Math.max(-1, Math.min(1, resampled[first + i] ?? 0)));
	return { sampleRate: rate, fromFrame: frames[0], toFrame: frames[1], marginSamples: margin, pcm, vowelHighDb, ...(band ? { band } : {}) };
}
