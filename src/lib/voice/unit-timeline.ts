/**
 * Laying recorded units out on a timeline of syllables: each syllable's onset consonants run up to
 * its vowel start (shortened when the previous syllable still sounds), its vowel is stretched (or
 * shortened) to fill its span, and its coda closes it. The frames are then decoded from the units'
 * mel-cepstra, levelled per unit and smoothed across joins. Used for singing (placements from the
 * score) and for speaking a sentence with given timing (the voice-likeness benchmark).
 */
import type { LyricSyllable } from '../lyrics/types';
import type { WorldParameters } from '../vocoder/types';
import type { VoiceProfile } from './profile';
import { selectUnit, type UnitMatch } from './unit-selection';
import { decodeAperiodicity, decodeEnvelope, UNIT_AP_BAND_HZ, UNIT_MEL_CEPSTRUM_ORDER, type VoiceUnit } from './voice-units';

export interface SyllablePlacement {
	syllable: LyricSyllable;
	/** Where the vowel starts (the note's onset when singing), s. */
	vowelStartSeconds: number;
	/** Where the syllable ends, s. */
	endSeconds: number;
}

export interface UnitTimeline {
	/** Frames from startSeconds on; f0 is left 0 for the caller to fill. */
	params: WorldParameters;
	/** 1 where the frame should be voiced: vowels always, consonants where their recording was. */
	voiced: Uint8Array;
	matches: UnitMatch[];
}

/** Where an output frame's parameters come from. */
interface FrameSource {
	unit: VoiceUnit | null;
	frame: number;
	/** Vowel frames are always voiced (the melody sings through them). */
	vowel: boolean;
}

/** Most of a coda's length taken at the end of a vowel, frames (its recording may run into a pause). */
const MAX_CODA_FRAMES = 16;

/** One past the unit's last frame within 20 dB (2.3 nepers of c̃₀) of its loudest. */
function audibleEnd(unit: VoiceUnit): number {
	const order = UNIT_MEL_CEPSTRUM_ORDER;
	const n = unit.f0Hz.length;
	let peak = -Infinity;
	for (let i = 0; i < n; i++) peak = Math.max(peak, unit.melCepstra[i * (order + 1)]);
	let end = n;
	while (end > unit.nucleusStartFrame + 2 && unit.melCepstra[(end - 1) * (order + 1)] < peak - 2.3) end--;
	return end;
}

export function layoutUnits(profile: VoiceProfile, placements: SyllablePlacement[], startSeconds: number, endSeconds: number): UnitTimeline {
	const fp = profile.framePeriodSeconds;
	const frameCount = Math.ceil((endSeconds - startSeconds) / fp) + 1;
	const frameAt = (seconds: number) => Math.max(0, Math.min(frameCount, Math.round((seconds - startSeconds) / fp)));
	const sources: FrameSource[] = Array.from({ length: frameCount }, () => ({ unit: null, frame: 0, vowel: false }));
	const matches: UnitMatch[] = [];
	let previousEnd = 0;
	for (const g of placements) {
		const choice = selectUnit(profile, g.syllable);
		matches.push(choice.match);
		const vowelStart = frameAt(g.vowelStartSeconds);
		const groupEnd = Math.max(vowelStart + 1, frameAt(g.endSeconds));
		if (vowelStart >= frameCount) break;
		// Onset consonants before the vowel, shortened if the previous syllable is still sounding.
		if (choice.onsetUnit) {
			const onsetFrames = choice.onsetUnit.nucleusStartFrame;
			const first = Math.max(previousEnd, vowelStart - onsetFrames);
			for (let t = first; t < vowelStart; t++) sources[t] = { unit: choice.onsetUnit, frame: onsetFrames - (vowelStart - t), vowel: false };
		}
		// Rhyme: the vowel's attack and release at their own pace, its steady middle stretched over the
		// rest of the span, the coda at the end. Trailing quiet frames (a pause after the syllable) are left out.
		const unit = choice.rhymeUnit;
		const end = audibleEnd(unit);
		const codaStart = Math.max(unit.nucleusStartFrame + 1, Math.min(end, unit.codaStartFrame));
		const codaFrames = unit.coda.length > 0 ? Math.min(MAX_CODA_FRAMES, end - codaStart) : 0;
		const vowelFrames = codaStart - unit.nucleusStartFrame;
		const span = Math.min(frameCount, groupEnd) - vowelStart;
		const codaOut = Math.min(codaFrames, Math.floor(span / 3));
		const vowelOut = span - codaOut;
		const edge = Math.min(4, Math.floor(vowelFrames / 5), Math.floor(vowelOut / 3));
		const steadyIn = vowelFrames - 2 * edge;
		const steadyOut = vowelOut - 2 * edge;
		for (let j = 0; j < vowelOut; j++) {
			let frame: number;
			if (j < edge) frame = j;
			else if (j >= vowelOut - edge) frame = vowelFrames - (vowelOut - j);
			else frame = edge + (steadyOut <= 1 ? 0 : Math.round(((j - edge) / (steadyOut - 1)) * (steadyIn - 1)));
			sources[vowelStart + j] = { unit, frame: unit.nucleusStartFrame + frame, vowel: true };
		}
		for (let j = 0; j < codaOut; j++) sources[vowelStart + vowelOut + j] = { unit, frame: unit.nucleusStartFrame + vowelFrames + (codaFrames - codaOut) + j, vowel: false };
		previousEnd = Math.min(frameCount, groupEnd);
	}
	const params = renderFrames(profile, sources);
	const voiced = Uint8Array.from(sources, (s) => (s.unit !== null && (s.vowel || s.unit.f0Hz[s.frame] > 0) ? 1 : 0));
	return { params, voiced, matches };
}

/** Decoded frames: envelopes levelled per unit and smoothed over ±2 frames where the source unit changes. */
function renderFrames(profile: VoiceProfile, sources: FrameSource[]): WorldParameters {
	const order = UNIT_MEL_CEPSTRUM_ORDER;
	const bands = UNIT_AP_BAND_HZ.length;
	const { fs, fftSize } = profile;
	const bins = fftSize / 2 + 1;
	const count = sources.length;
	// Level: each unit's vowel gain (c̃₀) moved to the profile's median vowel gain. Only the vowel's
	// audible frames count: a silent stop closure (Cantonese -k, -t, -p) would make the vowel seem
	// quiet and have it boosted many times over.
	const gains = new Map<VoiceUnit, number>();
	const vowelGain = (u: VoiceUnit) => {
		const end = Math.max(u.nucleusStartFrame + 1, Math.min(u.f0Hz.length, u.codaStartFrame));
		let peak = -Infinity;
		for (let i = u.nucleusStartFrame; i < end; i++) peak = Math.max(peak, u.melCepstra[i * (order + 1)]);
		let s = 0;
		let c = 0;
		for (let i = u.nucleusStartFrame; i < end; i++) {
			const g = u.melCepstra[i * (order + 1)];
			if (g < peak - 2.3) continue;
			s += g;
			c++;
		}
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
