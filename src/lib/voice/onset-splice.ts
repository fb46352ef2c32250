/**
 * Splicing a unit's recorded onset consonant (recorded-onsets.ts) into a sung phrase in place of
 * its vocoded frames: the part of the recording the layout placed before the vowel (all of it at
 * its spoken duration; when the note left less room, its end: a plosive's release and aspiration,
 * a fricative's last part, the transition into the vowel), scaled so that its level against the
 * sung vowel (energy above 2 kHz) is the one it had against its own vowel in the reading, never
 * louder than the sung vowel's loudest frame (whole band) by more than the headroom (5 dB: "a few dB", and under
 * the 6 dB at which a consonant stands out as a burst above its vowel), and joined to
 * the vocoded sound with equal-power crossfades at both ends.
 */
import { resample } from '../audio/resample';
import { highPass } from '../dsp/high-pass';
import type { VoiceUnit } from './voice-units';
import { HIGH_BAND_HZ, ONSET_CROSSFADE_SECONDS, peakFrameDb, peakFrameLevels, type RecordedOnset } from './recorded-onsets';

/** Loudest a spliced onset may be above its sung vowel's loudest frame (whole band), dB. */
export const SPLICED_ONSET_HEADROOM_DB = 5;

/** The part of a recorded onset sung before the vowel, at the recording's rate. */
export interface OnsetClip {
	/** Samples, ±1 full scale, with the crossfade margins at both ends. */
	pcm: Float32Array;
	/** Where the clip's first sample lies, relative to the vowel's start, s (negative: before it). */
	offsetSeconds: number;
}

/**
 * The part of `onset` sung when the layout placed `placedFrames` onset frames before the vowel
 * (the unit's frames nucleusStartFrame − placedFrames … nucleusStartFrame − 1): the recorded
 * frames among them, kept up to the vowel end, cut from the start when there is less room than
 * was spoken. Null when none of the recorded frames is placed.
 */
export function placedOnsetClip(onset: RecordedOnset, nucleusStartFrame: number, placedFrames: number, framePeriodSeconds: number): OnsetClip | null {
	const firstFrame = Math.max(onset.fromFrame, nucleusStartFrame - placedFrames);
	if (firstFrame >= onset.toFrame) return null;
	const rate = onset.sampleRate;
	const sampleOfFrame = (frame: number) => onset.marginSamples + Math.round((frame - onset.fromFrame) * framePeriodSeconds * rate);
	const from = sampleOfFrame(firstFrame) - onset.marginSamples;
	const to = Math.min(onset.pcm.length, sampleOfFrame(onset.toFrame) + onset.marginSamples);
	const pcm = Float32Array.from(onset.pcm.subarray(from, to), (v) => v / 32767);
	return { pcm, offsetSeconds: -(nucleusStartFrame - firstFrame) * framePeriodSeconds - onset.marginSamples / rate };
}

/**
 * The clip's gain (amplitude): the reading's onset-to-vowel level kept, i.e. the vowel's gain from
 * reading to song (sung minus read vowel level above 2 kHz), lowered where the clip's loudest frame
 * would stand above the sung vowel's loudest (whole band) by more than `headroomDb`.
 */
export function onsetGain(levels: { readVowelHighDb: number; sungVowelHighDb: number; clipPeakDb: number; sungVowelPeakDb: number }, headroomDb = SPLICED_ONSET_HEADROOM_DB): number {
	const kept = levels.sungVowelHighDb - levels.readVowelHighDb;
	const ceiling = levels.sungVowelPeakDb + headroomDb - levels.clipPeakDb;
	return 10 ** (Math.min(kept, ceiling) / 20);
}

/**
 * Puts `clip` × `gain` into `out` from sample `at` in place: equal-power crossfades (sin/cos, whose
 * powers sum to 1) over its first and last `fadeSamples`, the clip alone between. Samples outside
 * `out` are dropped.
 */
export function spliceClip(out: Float32Array, clip: Float32Array, at: number, gain: number, fadeSamples: number): void {
	const fade = Math.max(1, Math.min(fadeSamples, clip.length >> 1));
	for (let i = Math.max(0, -at); i < clip.length && at + i < out.length; i++) {
		// 0 → 1 over the fade-in, 1 in the middle, 1 → 0 over the fade-out.
		const edge = Math.min(1, (i + 0.5) / fade, (clip.length - i - 0.5) / fade);
		const angle = (Math.PI / 2) * edge;
		out[at + i] = out[at + i] * Math.cos(angle) + gain * clip[i] * Math.sin(angle);
	}
}

/**
 * Puts `clip` (already high-passed at HIGH_BAND_HZ) × `gain` into `out` from sample `at` in place of
 * `out`'s own part above HIGH_BAND_HZ: the band split, spliceClip on the high band, the bands added
 * back. Below HIGH_BAND_HZ `out` is left as it is (the vocoded voicing at the note's pitch).
 */
export function spliceHighBand(out: Float32Array, fs: number, clip: Float32Array, at: number, gain: number, fadeSamples: number): void {
	const from = Math.max(0, at);
	const to = Math.min(out.length, at + clip.length);
	if (to <= from) return;
	const high = highPass(out, fs, HIGH_BAND_HZ, from, to);
	for (let s = from; s < to; s++) out[s] -= high[s - from];
	spliceClip(high, clip, at - from, gain, fadeSamples);
	for (let s = from; s < to; s++) out[s] += high[s - from];
}

/** A sung syllable's onset as laid out: its unit, output frames of its onset start and vowel start, and its vowel's frames [from, to). */
export interface LaidOnset {
	unit: VoiceUnit | null;
	onsetStartFrame: number;
	vowelStartFrame: number;
	vowelFrames: [number, number];
}

/**
 * Splices the recorded onsets of `onsets` into `pcm` (the vocoded phrase, `fs` Hz, frame 0 at its
 * first sample), in place. Every level is measured on the vocoded phrase before any splice.
 */
export function spliceRecordedOnsets(pcm: Float32Array, fs: number, framePeriodSeconds: number, onsets: LaidOnset[]): void {
	const sampleAt = (seconds: number) => Math.round(seconds * fs);
	const splices: Array<{ clip: Float32Array; at: number; gain: number; band: RecordedOnset['band'] }> = [];
	for (const o of onsets) {
		const recorded = o.unit?.recordedOnset;
		if (!o.unit || !recorded || o.vowelFrames[1] <= o.vowelFrames[0]) continue;
		const placed = placedOnsetClip(recorded, o.unit.nucleusStartFrame, o.vowelStartFrame - o.onsetStartFrame, framePeriodSeconds);
		if (!placed) continue;
		const whole = recorded.sampleRate === fs ? placed.pcm : resample(placed.pcm, recorded.sampleRate, fs);
		// A voiced consonant's recording above HIGH_BAND_HZ only (its voicing stays vocoded).
		const clip = recorded.band === 'high' ? highPass(whole, fs, HIGH_BAND_HZ) : whole;
		const vowelFrom = sampleAt(o.vowelFrames[0] * framePeriodSeconds);
		const vowelTo = sampleAt(o.vowelFrames[1] * framePeriodSeconds);
		// The sung vowel's frames analysed once for both bands.
		const sungVowel = peakFrameLevels(pcm, fs, vowelFrom, vowelTo, HIGH_BAND_HZ);
		const gain = onsetGain({
			readVowelHighDb: recorded.vowelHighDb,
			sungVowelHighDb: sungVowel.bandDb,
			clipPeakDb: peakFrameDb(clip, fs, 0, clip.length),
			sungVowelPeakDb: sungVowel.wholeDb
		});
		splices.push({ clip, at: sampleAt(o.vowelStartFrame * framePeriodSeconds + placed.offsetSeconds), gain, band: recorded.band });
	}
	const fade = Math.round(ONSET_CROSSFADE_SECONDS * fs);
	for (const s of splices) {
		if (s.band === 'high') spliceHighBand(pcm, fs, s.clip, s.at, s.gain, fade);
		else spliceClip(pcm, s.clip, s.at, s.gain, fade);
	}
}
