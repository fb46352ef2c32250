/**
 * Singing a phrase in the profile's voice: each syllable's units are laid out on the score (the
 * onset consonants before the note so the vowel starts on it, the vowel stretched to the note's
 * length, the coda at its end), the envelopes are smoothed across joins in the mel-cepstral domain
 * and levelled, the melody becomes the f0 (melody-f0.ts), and the vocoder renders the frames.
 * Melismas are notes without a syllable: they extend the previous syllable's vowel; rests are gaps
 * between notes. Tones (Cantonese, Mandarin) are carried by the melody, not by the spoken pitch.
 */
import type { LyricSyllable } from '../lyrics/types';
import { synthesize } from '../vocoder/synthesis';
import type { WorldParameters } from '../vocoder/types';
import { melodyF0, type MelodyExpression } from './melody-f0';
import type { VoiceProfile } from './profile';
import { selectUnit, type UnitMatch } from './unit-selection';
import { decodeAperiodicity, decodeEnvelope, UNIT_AP_BAND_HZ, UNIT_MEL_CEPSTRUM_ORDER, type VoiceUnit } from './voice-units';

export interface SungNote {
	onsetSeconds: number;
	durationSeconds: number;
	/** MIDI pitch (fractional for cents). */
	midiPitch: number;
	/** The syllable sung from this note on; null continues the previous syllable (melisma). */
	syllable: LyricSyllable | null;
}

export interface SingOptions extends MelodyExpression {
	/** Output rate, Hz (default 44 100). */
	fs?: number;
	/** Noise seed (default 1). */
	seed?: number;
}

export interface SungPhrase {
	pcm: Float32Array;
	sampleRate: number;
	/** Time of the first sample relative to the score, s (negative: the first consonant starts before the first note). */
	startSeconds: number;
	/** How each syllable's units were found. */
	matches: UnitMatch[];
}

/** Where an output frame's parameters come from. */
interface FrameSource {
	unit: VoiceUnit | null;
	frame: number;
	/** Vowel frames are always voiced (the melody sings through them). */
	vowel: boolean;
}

/** Time before the first note where a phrase render starts (room for its first consonants), s. */
export const PRE_ROLL_SECONDS = 0.25;
/** Most of a coda's length taken at the end of a sung vowel, frames. */
const MAX_CODA_FRAMES = 12;

export function singPhrase(profile: VoiceProfile, notes: SungNote[], options: SingOptions = {}): SungPhrase {
	if (notes.length === 0) throw new RangeError('A phrase needs at least one note.');
	if (notes[0].syllable === null) throw new RangeError('The first note of a phrase needs a syllable (null marks a melisma: the previous syllable goes on).');
	for (const n of notes) {
		if (!(n.durationSeconds > 0) || !Number.isFinite(n.onsetSeconds) || !Number.isFinite(n.midiPitch)) {
			throw new RangeError(`Each note needs a finite onset, a positive duration and a MIDI pitch; got ${JSON.stringify({ onset: n.onsetSeconds, duration: n.durationSeconds, midi: n.midiPitch })}.`);
		}
	}
	const fp = profile.framePeriodSeconds;
	const start = notes[0].onsetSeconds - PRE_ROLL_SECONDS;
	const end = Math.max(...notes.map((n) => n.onsetSeconds + n.durationSeconds)) + 0.1;
	const frameCount = Math.ceil((end - start) / fp) + 1;
	const frameAt = (seconds: number) => Math.round((seconds - start) / fp);
	const sources: FrameSource[] = Array.from({ length: frameCount }, () => ({ unit: null, frame: 0, vowel: false }));

	// Syllable groups: a syllable's note and the melisma notes after it.
	const groups: Array<{ syllable: LyricSyllable; from: number; to: number }> = [];
	notes.forEach((n) => {
		if (n.syllable) groups.push({ syllable: n.syllable, from: n.onsetSeconds, to: n.onsetSeconds + n.durationSeconds });
		else groups[groups.length - 1].to = n.onsetSeconds + n.durationSeconds;
	});
	const matches: UnitMatch[] = [];
	let previousEnd = 0;
	for (const g of groups) {
		const choice = selectUnit(profile, g.syllable);
		matches.push(choice.match);
		const vowelStart = frameAt(g.from);
		const groupEnd = Math.min(frameCount, frameAt(g.to));
		// Onset consonants before the beat, shortened if the previous syllable is still sounding.
		if (choice.onsetUnit) {
			const onsetFrames = choice.onsetUnit.nucleusStartFrame;
			const first = Math.max(previousEnd, vowelStart - onsetFrames);
			for (let t = first; t < vowelStart; t++) sources[t] = { unit: choice.onsetUnit, frame: onsetFrames - (vowelStart - t), vowel: false };
		}
		// Rhyme: the vowel stretched over the note, the coda at its end.
		const unit = choice.rhymeUnit;
		const rhymeFrames = unit.f0Hz.length - unit.nucleusStartFrame;
		const codaFrames = unit.coda.length > 0 ? Math.min(MAX_CODA_FRAMES, Math.floor(0.3 * rhymeFrames)) : 0;
		const vowelFrames = rhymeFrames - codaFrames;
		const span = Math.max(1, groupEnd - vowelStart);
		const codaOut = Math.min(codaFrames, Math.floor(span / 3));
		const vowelOut = span - codaOut;
		for (let j = 0; j < vowelOut; j++) {
			const position = vowelOut === 1 ? 0 : (j / (vowelOut - 1)) * (vowelFrames - 1);
			sources[vowelStart + j] = { unit, frame: unit.nucleusStartFrame + Math.round(position), vowel: true };
		}
		for (let j = 0; j < codaOut; j++) sources[vowelStart + vowelOut + j] = { unit, frame: unit.nucleusStartFrame + vowelFrames + (codaFrames - codaOut) + j, vowel: false };
		previousEnd = groupEnd;
	}

	const params = renderFrames(profile, sources);
	const f0 = melodyF0(notes, start, fp, frameCount, { vibratoRateHz: profile.vibrato.rateHz, vibratoDepthCents: profile.vibrato.depthCents, ...options });
	for (let t = 0; t < frameCount; t++) {
		const s = sources[t];
		const voicedSource = s.unit !== null && (s.vowel || s.unit.f0Hz[s.frame] > 0);
		params.f0Hz[t] = voicedSource ? f0[t] : 0;
	}
	const pcm = synthesize(params, { fs: options.fs ?? 44100, seed: options.seed ?? 1 });
	return { pcm, sampleRate: options.fs ?? 44100, startSeconds: start, matches };
}

/** Decoded frames: envelopes levelled per unit and smoothed over ±2 frames where the source unit changes. */
function renderFrames(profile: VoiceProfile, sources: FrameSource[]): WorldParameters {
	const order = UNIT_MEL_CEPSTRUM_ORDER;
	const bands = UNIT_AP_BAND_HZ.length;
	const { fs, fftSize } = profile;
	const bins = fftSize / 2 + 1;
	const count = sources.length;
	// Level: each unit's vowel gain (c̃₀) moved to the profile's median vowel gain.
	const gains = new Map<VoiceUnit, number>();
	const vowelGain = (u: VoiceUnit) => {
		let s = 0;
		let c = 0;
		for (let i = u.nucleusStartFrame; i < u.f0Hz.length; i++, c++) s += u.melCepstra[i * (order + 1)];
		return c ? s / c : 0;
	};
	const all = profile.units.map(vowelGain).sort((a, b) => a - b);
	const target = all[all.length >> 1] ?? 0;
	const mc = new Float64Array(count * (order + 1));
	const silence = -12; // c̃₀ of a rest: about −100 dB
	for (let t = 0; t < count; t++) {
		const s = sources[t];
		if (!s.unit) {
			mc[t * (order + 1)] = silence;
			continue;
		}
		if (!gains.has(s.unit)) gains.set(s.unit, target - vowelGain(s.unit));
		for (let q = 0; q <= order; q++) mc[t * (order + 1) + q] = s.unit.melCepstra[s.frame * (order + 1) + q];
		mc[t * (order + 1)] += gains.get(s.unit)!;
	}
	// Joins: a 5-frame moving average of the mel-cepstra around each change of unit (log-spectral smoothing).
	const smoothed = Float64Array.from(mc);
	for (let t = 1; t < count; t++) {
		if (sources[t].unit === sources[t - 1].unit || !sources[t].unit || !sources[t - 1].unit) continue;
		for (let c = Math.max(0, t - 2); c <= Math.min(count - 1, t + 1); c++) {
			for (let q = 0; q <= order; q++) {
				let sum = 0;
				let n = 0;
				for (let d = -2; d <= 2; d++) {
					if (c + d >= 0 && c + d < count && sources[c + d].unit) {
						sum += mc[(c + d) * (order + 1) + q];
						n++;
					}
				}
				smoothed[c * (order + 1) + q] = sum / n;
			}
		}
	}
	const sp = new Float64Array(count * bins);
	const ap = new Float64Array(count * bins);
	const apRow = new Float64Array(bins);
	for (let t = 0; t < count; t++) {
		sp.set(decodeEnvelope(smoothed.subarray(t * (order + 1), (t + 1) * (order + 1)), fs, fftSize), t * bins);
		const s = sources[t];
		if (!s.unit) apRow.fill(1);
		// A vowel frame the analysis found unvoiced has all-noise aperiodicity: use the voice's mean breathiness.
		else if (s.vowel && !(s.unit.f0Hz[s.frame] > 0)) decodeAperiodicity(profile.timbre.meanApBands, fs, fftSize, apRow);
		else decodeAperiodicity(s.unit.apBands.subarray(s.frame * bands, (s.frame + 1) * bands), fs, fftSize, apRow);
		ap.set(apRow, t * bins);
	}
	return { fs, framePeriodSeconds: profile.framePeriodSeconds, f0Hz: new Float64Array(count), sp: { frames: count, fftSize, data: sp }, ap: { frames: count, fftSize, data: ap } };
}
