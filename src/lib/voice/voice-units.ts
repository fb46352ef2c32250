/**
 * A voice unit: one syllable of the user's reading in compact vocoder parameters — f0 per frame,
 * the envelope as a mel-cepstrum (order 40) and the aperiodicity at a few band centres — with its
 * labels and where its vowel starts. About 0.7 kB a frame instead of 16 kB of raw envelope rows,
 * so a profile of a 35 s reading stores in a few megabytes.
 */
import { melCepstrumFromLogPowerEnvelope, melCepstrumFromPowerEnvelope, powerEnvelopeFromMelCepstrum } from '../vocoder/mel-cepstrum';
import type { SpectralFrames, WorldParameters } from '../vocoder/types';
import type { LyricSyllable } from '../lyrics/types';
import type { RecordedOnset } from './recorded-onsets';

export const UNIT_MEL_CEPSTRUM_ORDER = 40;
/** Aperiodicity kept at these frequencies, Hz (D4C's bands lie 3 kHz apart), interpolated between. */
export const UNIT_AP_BAND_HZ: readonly number[] = [0, 1500, 3000, 6000, 9000, 12000, 15000, 18000, 22050];

/** The unit's syllable: its reading (Jyutping, Pinyin, ARPAbet), phonemes, tone or stress. */
export type UnitLabels = Pick<LyricSyllable, 'language' | 'reading' | 'onset' | 'nucleus' | 'coda' | 'tone' | 'stress'>;

export interface VoiceUnit extends UnitLabels {
	/** Frames (at the profile's frame period) before the vowel starts. */
	nucleusStartFrame: number;
	/** Frames before the coda starts (the unit's length when it has none): the vowel lies between. */
	codaStartFrame: number;
	f0Hz: Float32Array;
	/** frames × (order + 1) mel-cepstra. */
	melCepstra: Float32Array;
	/** frames × UNIT_AP_BAND_HZ.length aperiodicities. */
	apBands: Float32Array;
	/** The recorded waveform of its voiceless onset consonant, sung in place of its vocoded frames; absent for other onsets and in older profiles. */
	recordedOnset?: RecordedOnset;
}

export function unitFrameCount(unit: VoiceUnit): number {
	return unit.f0Hz.length;
}

/**
 * The unit's vowel gain: mean c̃₀ (log gain, nepers) of its vowel frames within 20 dB of the
 * vowel's loudest. Only audible frames count: a silent stop closure (Cantonese -k, -t, -p) would
 * make the vowel seem quiet.
 */
export function unitVowelGain(unit: VoiceUnit): number {
	const stride = UNIT_MEL_CEPSTRUM_ORDER + 1;
	const end = Math.max(unit.nucleusStartFrame + 1, Math.min(unit.f0Hz.length, unit.codaStartFrame));
	let peak = -Infinity;
	for (let i = unit.nucleusStartFrame; i < end; i++) peak = Math.max(peak, unit.melCepstra[i * stride]);
	let sum = 0;
	let count = 0;
	for (let i = unit.nucleusStartFrame; i < end; i++) {
		const g = unit.melCepstra[i * stride];
		if (g < peak - (20 * Math.LN10) / 20) continue;
		sum += g;
		count++;
	}
	return count ? sum / count : 0;
}

/** Writes frame `frame`'s aperiodicity at the unit bands (UNIT_AP_BAND_HZ.length values) into `out` at `offset`. */
export type ApBandsOfFrame = (frame: number, out: Float32Array, offset: number) => void;

/** The unit bands of one aperiodicity row (bins values from `rowStart` in `data`), linear between bins. */
export function sampleApBands(data: ArrayLike<number>, rowStart: number, bins: number, fs: number, out: Float32Array | Float64Array, offset: number): void {
	for (let b = 0; b < UNIT_AP_BAND_HZ.length; b++) {
		const position = Math.min(bins - 1, (UNIT_AP_BAND_HZ[b] / (fs / 2)) * (bins - 1));
		const k = Math.floor(position);
		const f = position - k;
		const a0 = data[rowStart + k];
		const a1 = data[rowStart + Math.min(bins - 1, k + 1)];
		out[offset + b] = a0 + f * (a1 - a0);
	}
}

/** Writes frame `frame`'s mel-cepstrum (UNIT_MEL_CEPSTRUM_ORDER + 1 values) into `out` at `offset`. */
export type MelCepstrumOfFrame = (frame: number, out: Float32Array, offset: number) => void;

/** Mel-cepstra of the rows of `sp`, frame `frame` being row frame − firstFrame; `spScale` says whether the rows hold power (default) or its log. */
export function melCepstrumOfRows(sp: SpectralFrames, fs: number, spScale: 'power' | 'logPower' = 'power', firstFrame = 0): MelCepstrumOfFrame {
	const melCepstrumOf = spScale === 'logPower' ? melCepstrumFromLogPowerEnvelope : melCepstrumFromPowerEnvelope;
	const bins = sp.fftSize / 2 + 1;
	return (frame, out, offset) => {
		const row = frame - firstFrame;
		out.set(melCepstrumOf(sp.data.subarray(row * bins, (row + 1) * bins), fs, { order: UNIT_MEL_CEPSTRUM_ORDER }), offset);
	};
}

/** Codes frames [from, to) of `params`. */
export function encodeFrames(params: WorldParameters, from: number, to: number): Pick<VoiceUnit, 'f0Hz' | 'melCepstra' | 'apBands'> {
	const bins = params.ap.fftSize / 2 + 1;
	return encodeFramesWith(params.f0Hz, melCepstrumOfRows(params.sp, params.fs), (frame, out, offset) => sampleApBands(params.ap.data, frame * bins, bins, params.fs, out, offset), from, to);
}

/**
 * Codes frames [from, to): f0 from `f0Hz`, the envelope from `melCepstrumOf` and the aperiodicity
 * bands from `apBandsOf` (e.g. from rows D4C computed more sparsely, or coded on another thread).
 */
export function encodeFramesWith(f0HzOfFrames: ArrayLike<number>, melCepstrumOf: MelCepstrumOfFrame, apBandsOf: ApBandsOfFrame, from: number, to: number): Pick<VoiceUnit, 'f0Hz' | 'melCepstra' | 'apBands'> {
	const count = to - from;
	const order = UNIT_MEL_CEPSTRUM_ORDER;
	const bands = UNIT_AP_BAND_HZ.length;
	const f0Hz = new Float32Array(count);
	const melCepstra = new Float32Array(count * (order + 1));
	const apBands = new Float32Array(count * bands);
	for (let i = 0; i < count; i++) {
		const frame = from + i;
		f0Hz[i] = f0HzOfFrames[frame];
		melCepstrumOf(frame, melCepstra, i * (order + 1));
		apBandsOf(frame, apBands, i * bands);
	}
	return { f0Hz, melCepstra, apBands };
}

/** One frame's envelope (power, bins = fftSize/2 + 1) from a mel-cepstrum row. */
export function decodeEnvelope(melCepstrum: ArrayLike<number>, fs: number, fftSize: number): Float64Array {
	return powerEnvelopeFromMelCepstrum(melCepstrum, fs, fftSize);
}

/** Per bin of a (fs, fftSize) row: the band below it and its share of the way to the next, the same for every frame. */
const apBandReads = new Map<string, { band: Int32Array; share: Float64Array }>();

function apBandReadsFor(fs: number, fftSize: number): { band: Int32Array; share: Float64Array } {
	const key = `${fs}:${fftSize}`;
	let reads = apBandReads.get(key);
	if (reads) return reads;
	const bins = fftSize / 2 + 1;
	reads = { band: new Int32Array(bins), share: new Float64Array(bins) };
	let b = 0;
	for (let k = 0; k < bins; k++) {
		const hz = (k * fs) / fftSize;
		while (b + 2 < UNIT_AP_BAND_HZ.length && UNIT_AP_BAND_HZ[b + 1] < hz) b++;
		const lo = UNIT_AP_BAND_HZ[b];
		const hi = UNIT_AP_BAND_HZ[b + 1];
		reads.band[k] = b;
		reads.share[k] = Math.max(0, Math.min(1, (hz - lo) / (hi - lo)));
	}
	if (apBandReads.size > 16) apBandReads.clear();
	apBandReads.set(key, reads);
	return reads;
}

/** One frame's aperiodicity row from its bands (linear between band centres). */
export function decodeAperiodicity(apBands: ArrayLike<number>, fs: number, fftSize: number, out: Float64Array): void {
	const { band, share } = apBandReadsFor(fs, fftSize);
	for (let k = 0; k < band.length; k++) {
		const b = band[k];
		out[k] = apBands[b] + share[k] * (apBands[b + 1] - apBands[b]);
	}
}
