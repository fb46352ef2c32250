/**
 * Building a voice profile from the reading part of a take: the prompt's syllables are aligned to
 * the recording (syllable-alignment.ts), the recording is analysed by the vocoder once, and each
 * aligned syllable becomes a unit; timbre statistics are gathered over the vowels.
 */
import { readLyrics } from '../lyrics/read-lyrics';
import type { Language } from '../take/types';
import { estimateWorldF0 } from '../vocoder/analysis';
import { cheapTrick } from '../vocoder/cheaptrick';
import { d4c, UNVOICED_APERIODICITY } from '../vocoder/d4c';
import type { WorldParameters } from '../vocoder/types';
import { findBreaths } from './breaths';
import { alignSyllables } from './syllable-alignment';
import { assembleProfile, type VoiceProfile } from './profile';
import { UNIT_AP_BAND_HZ, UNIT_MEL_CEPSTRUM_ORDER, encodeFramesWith, sampleApBands, type ApBandsOfFrame, type VoiceUnit } from './voice-units';

export interface BuildProfileOptions {
	/** Hummed notes (MIDI pitches) for the singing range. */
	humMidiPitches?: number[];
	/** Vibrato habit measured from the hum, when known (default 5.5 Hz, 35 cents). */
	vibrato?: { rateHz: number; depthCents: number };
}

export function buildVoiceProfile(reading: Float32Array, sampleRate: number, language: Language, promptLines: string[], options: BuildProfileOptions = {}): VoiceProfile {
	const syllables = promptLines.flatMap((line) => readLyrics(line, language));
	const aligned = alignSyllables(reading, sampleRate, syllables);
	const params = analyzeForUnits(reading, sampleRate);
	const fp = params.framePeriodSeconds;
	const frames = params.f0Hz.length;
	const order = UNIT_MEL_CEPSTRUM_ORDER;
	const units: VoiceUnit[] = [];
	const vowelSums = new Map<string, { sum: Float64Array; count: number }>();
	for (const a of aligned) {
		const from = Math.max(0, Math.floor(a.startSeconds / fp));
		const to = Math.min(frames, Math.ceil(a.endSeconds / fp));
		if (to - from < 4) continue;
		const coded = encodeFramesWith(params, params.apBandsOf, from, to);
		const s = a.syllable;
		// The vowel starts where the aligner put its nucleus, or at the first voiced frame after that:
		// sung vowels are held voiced, so they must not begin on the tail of a voiceless consonant.
		let nucleusStartFrame = s.onset.length === 0 ? 0 : Math.min(to - from - 2, Math.max(0, Math.round(a.nucleusStartSeconds / fp) - from));
		while (nucleusStartFrame < to - from - 2 && !(coded.f0Hz[nucleusStartFrame] > 0)) nucleusStartFrame++;
		// The coda starts where the aligner put its first phone, leaving the vowel at least 2 frames.
		const codaPhone = a.phones.find((p) => p.role === 'coda');
		const codaStartFrame = codaPhone ? Math.max(nucleusStartFrame + 2, Math.min(to - from, Math.round(codaPhone.startSeconds / fp) - from)) : to - from;
		units.push({ language: s.language, reading: s.reading, onset: s.onset, nucleus: s.nucleus, coda: s.coda, tone: s.tone, stress: s.stress, nucleusStartFrame, codaStartFrame, ...coded });
		// Timbre: the vowel's frames (its first 70 %, before the glide into a coda).
		const vowelEnd = nucleusStartFrame + Math.max(1, Math.round(0.7 * (codaStartFrame - nucleusStartFrame)));
		const entry = vowelSums.get(s.nucleus[0]) ?? { sum: new Float64Array(order + 1), count: 0 };
		for (let i = nucleusStartFrame; i < vowelEnd; i++) {
			for (let q = 0; q <= order; q++) entry.sum[q] += coded.melCepstra[i * (order + 1) + q];
			entry.count++;
		}
		vowelSums.set(s.nucleus[0], entry);
	}
	return assembleProfile({
		language,
		fs: sampleRate,
		framePeriodSeconds: fp,
		fftSize: params.sp.fftSize,
		units,
		kind: 'reading',
		vowelMelCepstra: Object.fromEntries([...vowelSums].map(([vowel, e]) => [vowel, Array.from(e.sum, (v) => v / Math.max(1, e.count))])),
		hummedMidi: options.humMidiPitches,
		vibrato: options.vibrato,
		// The user's own inhalations in the reading's pauses, to start sung phrases with.
		breaths: findBreaths(reading, sampleRate, { f0Hz: params.f0Hz, framePeriodSeconds: fp, spans: aligned })
	});
}

/**
 * The reading's f0 (DIO + StoneMask) and log envelope (CheapTrick) per frame, and its aperiodicity at
 * the units' nine bands. Units keep aperiodicity that coarsely, so D4C runs on every other frame
 * only (half its cost) and a voiced frame between takes the blend of its neighbours' bands, as
 * `analyzeWorld`'s `aperiodicityEvery: 2` would give, without writing out every frame's full row.
 */
function analyzeForUnits(reading: Float32Array, sampleRate: number): Pick<WorldParameters, 'fs' | 'framePeriodSeconds' | 'f0Hz' | 'sp'> & { spScale: 'logPower'; apBandsOf: ApBandsOfFrame } {
	const f0 = estimateWorldF0(reading, sampleRate, { f0Method: 'dio' });
	// Log power rows: the mel-cepstra take the logarithm anyway.
	const sp = cheapTrick(reading, sampleRate, f0, { liftering: 'spectral', output: 'logPower' });
	const every = 2;
	const coarse = d4c(reading, sampleRate, { framePeriodSeconds: f0.framePeriodSeconds * every, f0Hz: f0.f0Hz.filter((_, i) => i % every === 0) }, { fftSize: sp.fftSize });
	const bins = sp.fftSize / 2 + 1;
	const bands = UNIT_AP_BAND_HZ.length;
	const coarseBands = new Float64Array(coarse.frames * bands);
	for (let j = 0; j < coarse.frames; j++) sampleApBands(coarse.data, j * bins, bins, sampleRate, coarseBands, j * bands);
	const apBandsOf: ApBandsOfFrame = (i, out, offset) => {
		if (!(f0.f0Hz[i] > 0)) {
			out.fill(UNVOICED_APERIODICITY, offset, offset + bands);
			return;
		}
		const j = Math.floor(i / every);
		const k = Math.min(coarse.frames - 1, j + 1);
		const w = (i - j * every) / every;
		for (let b = 0; b < bands; b++) out[offset + b] = (1 - w) * coarseBands[j * bands + b] + w * coarseBands[k * bands + b];
	};
	return { fs: sampleRate, framePeriodSeconds: f0.framePeriodSeconds, f0Hz: f0.f0Hz, sp, spScale: 'logPower', apBandsOf };
}
