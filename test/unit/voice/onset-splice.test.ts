/**
 * Recorded onsets spliced into a sung phrase: which part of the recording is sung (its spoken
 * duration, or its end when the note leaves less room), at what level, with equal-power crossfades;
 * a phrase sung from a profile with a recorded onset carries the recording itself; the onset's
 * recording survives the profile's JSON, and a profile of the previous version still loads.
 */
import { describe, expect, it } from 'vitest';
import { readLyrics } from '../../../src/lib/lyrics/read-lyrics';
import { onsetGain, placedOnsetClip, spliceClip, spliceHighBand, SPLICED_ONSET_HEADROOM_DB } from '../../../src/lib/voice/onset-splice';
import { highPass } from '../../../src/lib/dsp/high-pass';
import { assembleProfile } from '../../../src/lib/voice/profile';
import { parseVoiceProfile, serializeVoiceProfile } from '../../../src/lib/voice/profile-json';
import { cutRecordedOnset, peakFrameDb, unvoicedOnsetFrames, type RecordedOnset } from '../../../src/lib/voice/recorded-onsets';
import { singPhrase } from '../../../src/lib/voice/sing';
import { UNIT_AP_BAND_HZ, UNIT_MEL_CEPSTRUM_ORDER, type VoiceUnit } from '../../../src/lib/voice/voice-units';

const FP = 0.005;
const RATE = 44100;
const FRAME = FP * RATE;

/** Deterministic noise in [−1, 1). */
function noise(length: number, seed = 7): Float32Array {
	let s = seed;
	return Float32Array.from({ length }, () => {
		s = (s * 1103515245 + 12345) % 2147483648;
		return s / 1073741824 - 1;
	});
}

/** A recorded onset of `frames` frames (unit frames 0 … frames − 1) whose samples count up, so a test can tell which part was taken. */
function countingOnset(frames: number, margin: number): RecordedOnset {
	const length = Math.round(frames * FRAME) + 2 * margin;
	return { sampleRate: RATE, fromFrame: 0, toFrame: frames, marginSamples: margin, pcm: Int16Array.from({ length }, (_, i) => i), vowelHighDb: -30 };
}

describe('placedOnsetClip', () => {
	it('keeps the whole recording, margins included, at its spoken duration when the layout placed all its frames', () => {
		const onset = countingOnset(20, 110);
		const clip = placedOnsetClip(onset, 20, 20, FP)!;
		expect(clip.pcm.length).toBe(onset.pcm.length);
		expect(clip.offsetSeconds).toBeCloseTo(-20 * FP - 110 / RATE, 9);
		expect(Math.round(clip.pcm[0] * 32767)).toBe(0);
	});

	it('shortened by the note, keeps the end next to the vowel (release, aspiration, the end of a fricative) and cuts from the start', () => {
		const onset = countingOnset(20, 110);
		const clip = placedOnsetClip(onset, 20, 8, FP)!;
		// 8 frames and both margins, ending where the recording ends.
		expect(clip.pcm.length).toBe(Math.round(8 * FRAME) + 220);
		expect(Math.round(clip.pcm[clip.pcm.length - 1] * 32767)).toBe(onset.pcm.length - 1);
		expect(Math.round(clip.pcm[0] * 32767)).toBe(Math.round(12 * FRAME));
		expect(clip.offsetSeconds).toBeCloseTo(-8 * FP - 110 / RATE, 9);
	});

	it('sings nothing when none of the recorded frames was placed (voiced frames after it, e.g. the "m" of "sm", fill the room)', () => {
		const onset = { ...countingOnset(10, 110), fromFrame: 4, toFrame: 14 };
		expect(placedOnsetClip(onset, 20, 6, FP)).toBeNull();
		expect(placedOnsetClip(onset, 20, 8, FP)!.pcm.length).toBe(Math.round(2 * FRAME) + 220);
	});
});

describe('onsetGain', () => {
	it('moves the onset by the vowel’s gain from reading to song, so its level against the vowel is the reading’s', () => {
		expect(20 * Math.log10(onsetGain({ readVowelHighDb: -40, sungVowelHighDb: -28, clipPeakDb: -40, sungVowelPeakDb: -20 }))).toBeCloseTo(12, 9);
	});

	it('never lifts the onset above the sung vowel’s loudest frame by more than the headroom', () => {
		const db = 20 * Math.log10(onsetGain({ readVowelHighDb: -40, sungVowelHighDb: -20, clipPeakDb: -25, sungVowelPeakDb: -18 }));
		expect(-25 + db).toBeCloseTo(-18 + SPLICED_ONSET_HEADROOM_DB, 9);
	});
});

describe('spliceClip', () => {
	it('crossfades at equal power in and out, and leaves the clip alone (× gain) between', () => {
		const out = new Float32Array(1000).fill(1);
		const clip = new Float32Array(400).fill(1);
		spliceClip(out, clip, 300, 0.5, 100);
		expect(out[299]).toBe(1);
		expect(out[700]).toBe(1);
		for (let i = 400; i < 600; i++) expect(out[i]).toBeCloseTo(0.5, 6);
		// The weights' powers sum to 1 (the old sound's cos, the clip's sin), through both fades.
		const a = new Float32Array(1000).fill(1);
		spliceClip(a, new Float32Array(400), 300, 1, 100);
		const b = new Float32Array(1000);
		spliceClip(b, new Float32Array(400).fill(1), 300, 1, 100);
		for (let i = 300; i < 700; i++) expect(a[i] ** 2 + b[i] ** 2).toBeCloseTo(1, 6);
		// No step anywhere: neighbouring samples differ by at most a fade step.
		for (let i = 1; i < 1000; i++) expect(Math.abs(out[i] - out[i - 1])).toBeLessThan(0.02);
	});

	it('drops what falls outside the phrase', () => {
		const out = new Float32Array(100);
		spliceClip(out, new Float32Array(300).fill(1), -100, 1, 10);
		expect(out[50]).toBe(1);
	});
});

describe('spliceHighBand (a voiced consonant: its voicing vocoded, its burst or frication recorded)', () => {
	it('leaves the phrase below 2 kHz as it was and puts the clip in place of its part above', () => {
		const length = Math.round(0.3 * RATE);
		const voicing = Float32Array.from({ length }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 200 * i) / RATE));
		const vocodedHiss = highPass(noise(length, 5).map((v) => 0.05 * v), RATE, 2000);
		const out = Float32Array.from(voicing, (v, i) => v + vocodedHiss[i]);
		const before = Float32Array.from(out);
		const clip = highPass(noise(Math.round(0.1 * RATE), 9), RATE, 2000).map((v) => 0.2 * v);
		const at = Math.round(0.1 * RATE);
		spliceHighBand(out, RATE, clip, at, 0.5, Math.round(0.005 * RATE));
		// Below 2 kHz: the voicing, sample for sample (to the filter's stopband).
		const high = highPass(out, RATE, 2000);
		for (let i = at + 1000; i < at + clip.length - 1000; i += 37) expect(out[i] - high[i]).toBeCloseTo(voicing[i], 2);
		// Above: the clip × 0.5 in the middle; outside the splice, the phrase as it was.
		for (let i = at + 1000; i < at + clip.length - 1000; i += 37) expect(high[i]).toBeCloseTo(0.5 * clip[i - at], 2);
		expect(out[at - 600]).toBe(before[at - 600]);
		expect(out[at + clip.length + 10]).toBe(before[at + clip.length + 10]);
	});
});

describe('recorded onsets in the profile', () => {
	it('takes the run of unvoiced frames before the vowel (a voiced "m" after an "s" stays vocoded)', () => {
		expect(unvoicedOnsetFrames([0, 0, 0, 0, 120, 120], 4)).toEqual([0, 4]);
		expect(unvoicedOnsetFrames([0, 0, 0, 110, 110, 120, 120], 5)).toEqual([0, 3]);
		expect(unvoicedOnsetFrames([110, 110, 120], 2)).toBeNull();
	});

	it('records an onset ending in its voiceless consonant through short voiced runs, not through a long one (the vowel)', () => {
		// Two frames of the "s" read as voiced: crossed when the onset ends voiceless, not otherwise.
		expect(unvoicedOnsetFrames([0, 0, 0, 110, 110, 0, 0, 120, 120], 7, true)).toEqual([0, 7]);
		expect(unvoicedOnsetFrames([0, 0, 0, 110, 110, 0, 0, 120, 120], 7)).toEqual([5, 7]);
		// Voicing starting two frames before the aligned vowel: kept in the recording.
		expect(unvoicedOnsetFrames([0, 0, 0, 110, 110, 120, 120], 5, true)).toEqual([0, 5]);
		// Five voiced frames before the vowel are the vowel: the recording ends before them.
		expect(unvoicedOnsetFrames([0, 0, 0, 110, 110, 110, 110, 110, 120], 8, true)).toEqual([0, 3]);
		expect(unvoicedOnsetFrames([110, 110, 120], 2, true)).toBeNull();
	});

	it('cuts a voiceless onset, keeps none for a voiced one, and measures its vowel above 2 kHz', () => {
		const reading = new Float32Array(RATE);
		const hiss = noise(Math.round(20 * FRAME));
		reading.set(hiss.map((v) => 0.1 * v), Math.round(10 * FRAME));
		const vowel = Float32Array.from({ length: Math.round(30 * FRAME) }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 3000 * i) / RATE));
		reading.set(vowel, Math.round(30 * FRAME));
		const f0Hz = Float32Array.from({ length: 60 }, (_, i) => (i >= 20 && i < 50 ? 150 : 0));
		const s = cutRecordedOnset(reading, RATE, FP, { onset: ['s'], f0Hz, nucleusStartFrame: 20, codaStartFrame: 50 }, 10)!;
		expect(s.fromFrame).toBe(0);
		expect(s.toFrame).toBe(20);
		expect(s.pcm.length).toBe(Math.round(20 * FRAME) + 2 * s.marginSamples);
		// The hiss as recorded, to 16-bit precision.
		expect(s.pcm[s.marginSamples + 500] / 32767).toBeCloseTo(0.1 * hiss[500], 3);
		// A 3 kHz sine of amplitude 0.5: power 0.125, −9 dB.
		expect(s.vowelHighDb).toBeCloseTo(-9, 0);
		expect(cutRecordedOnset(reading, RATE, FP, { onset: ['m'], f0Hz, nucleusStartFrame: 20, codaStartFrame: 50 }, 10)).toBeNull();
	});

	it('keeps a voiced obstruent’s frames as the aligner gave them, for their part above 2 kHz; none without them', () => {
		const reading = new Float32Array(RATE);
		reading.set(noise(Math.round(20 * FRAME)).map((v) => 0.1 * v), Math.round(10 * FRAME));
		reading.set(Float32Array.from({ length: Math.round(30 * FRAME) }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 200 * i) / RATE)), Math.round(30 * FRAME));
		const f0Hz = Float32Array.from({ length: 60 }, () => 150);
		const b = cutRecordedOnset(reading, RATE, FP, { onset: ['b'], f0Hz, nucleusStartFrame: 20, codaStartFrame: 50, voicedObstruentFrames: [4, 20] }, 10)!;
		expect(b.band).toBe('high');
		expect([b.fromFrame, b.toFrame]).toEqual([4, 20]);
		expect(cutRecordedOnset(reading, RATE, FP, { onset: ['b'], f0Hz, nucleusStartFrame: 20, codaStartFrame: 50 }, 10)).toBeNull();
		// A voiceless onset is cut as before, whole band.
		const s = cutRecordedOnset(reading, RATE, FP, { onset: ['s'], f0Hz: f0Hz.map((v, i) => (i < 20 ? 0 : v)), nucleusStartFrame: 20, codaStartFrame: 50, voicedObstruentFrames: [4, 20] }, 10)!;
		expect(s.band).toBeUndefined();
	});

	it('leaves out quiet frames at either end (a pause, a noise gate’s silence): they stay vocoded, with no gap', () => {
		const reading = new Float32Array(RATE);
		reading.set(noise(Math.round(10 * FRAME)).map((v) => 0.1 * v), Math.round(15 * FRAME));
		reading.set(Float32Array.from({ length: Math.round(30 * FRAME) }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 200 * i) / RATE)), Math.round(30 * FRAME));
		const f0Hz = Float32Array.from({ length: 60 }, (_, i) => (i >= 20 && i < 50 ? 150 : 0));
		// Unit frames 0–19 unvoiced: 5 silent, 10 of hiss, 5 silent before the vowel.
		const s = cutRecordedOnset(reading, RATE, FP, { onset: ['s'], f0Hz, nucleusStartFrame: 20, codaStartFrame: 50 }, 10)!;
		expect([s.fromFrame, s.toFrame]).toEqual([5, 15]);
	});

	it('survives the profile’s JSON; a profile of version 5 (no recorded onsets) still loads and sings vocoded', () => {
		const { profile } = syntheticProfile();
		const back = parseVoiceProfile(JSON.parse(JSON.stringify(serializeVoiceProfile(profile))));
		expect(Array.from(back.units[0].recordedOnset!.pcm)).toEqual(Array.from(profile.units[0].recordedOnset!.pcm));
		expect(back.units[0].recordedOnset!.vowelHighDb).toBe(profile.units[0].recordedOnset!.vowelHighDb);
		const old = serializeVoiceProfile({ ...profile, version: 5, units: profile.units.map((u) => ({ ...u, recordedOnset: undefined })) });
		const loaded = parseVoiceProfile(JSON.parse(JSON.stringify({ ...old, version: 5 })));
		expect(loaded.units[0].recordedOnset).toBeUndefined();
		expect(singPhrase(loaded, notes()).pcm.length).toBeGreaterThan(0);
	});
});

const STRIDE = UNIT_MEL_CEPSTRUM_ORDER + 1;
const HISS_FRAMES = 30;
const VOWEL_FRAMES = 60;

/** A profile of one unit "sa": 30 unvoiced frames of hiss (recorded), 60 voiced frames of vowel. */
function syntheticProfile() {
	const s = readLyrics('sa', 'en')[0];
	const n = HISS_FRAMES + VOWEL_FRAMES;
	const melCepstra = new Float32Array(n * STRIDE);
	const f0Hz = new Float32Array(n);
	for (let i = 0; i < n; i++) {
		melCepstra[i * STRIDE] = i < HISS_FRAMES ? -4 : -2;
		melCepstra[i * STRIDE + 1] = i < HISS_FRAMES ? -0.5 : 0.8;
		f0Hz[i] = i >= HISS_FRAMES ? 150 : 0;
	}
	const reading = new Float32Array(Math.round(n * FRAME) + 1000);
	reading.set(noise(Math.round(HISS_FRAMES * FRAME)).map((v) => 0.05 * v), 0);
	for (let i = Math.round(HISS_FRAMES * FRAME); i < Math.round(n * FRAME); i++) reading[i] = 0.3 * Math.sin((2 * Math.PI * 150 * i) / RATE) + 0.05 * Math.sin((2 * Math.PI * 2500 * i) / RATE);
	const recordedOnset = cutRecordedOnset(reading, RATE, FP, { onset: s.onset, f0Hz, nucleusStartFrame: HISS_FRAMES, codaStartFrame: n }, 0)!;
	const unit: VoiceUnit = { language: 'en', reading: s.reading, onset: s.onset, nucleus: s.nucleus, coda: s.coda, tone: s.tone, stress: s.stress, nucleusStartFrame: HISS_FRAMES, codaStartFrame: n, f0Hz, melCepstra, apBands: new Float32Array(n * UNIT_AP_BAND_HZ.length).fill(0.05), recordedOnset };
	return { profile: assembleProfile({ language: 'en', fs: RATE, framePeriodSeconds: FP, fftSize: 2048, units: [unit], kind: 'reading' }), hiss: recordedOnset };
}

const notes = () => [{ onsetSeconds: 0.5, durationSeconds: 0.6, midiPitch: 57, syllable: readLyrics('sa', 'en')[0] }];

describe('singing with recorded onsets', () => {
	it('sings the onset as recorded (not vocoded), at its spoken duration, before the note', () => {
		const { profile, hiss } = syntheticProfile();
		const out = singPhrase(profile, notes());
		// The recording's core (margins left out) against the sung phrase where it should lie.
		const core = Float32Array.from(hiss.pcm.subarray(hiss.marginSamples, hiss.pcm.length - hiss.marginSamples), (v) => v / 32767);
		const at = Math.round((0.5 - HISS_FRAMES * FP - out.startSeconds) * RATE);
		let xy = 0;
		let xx = 0;
		let yy = 0;
		for (let i = 0; i < core.length; i++) {
			xy += core[i] * out.pcm[at + i];
			xx += core[i] ** 2;
			yy += out.pcm[at + i] ** 2;
		}
		expect(xy / Math.sqrt(xx * yy)).toBeGreaterThan(0.99);
		expect(out.syllables[0].onsetStartSeconds).toBeCloseTo(0.5 - HISS_FRAMES * FP, 6);
		// Never louder than the sung vowel's loudest frame + the headroom.
		const vowelFrom = Math.round((0.5 - out.startSeconds) * RATE);
		expect(peakFrameDb(out.pcm, RATE, at, at + core.length)).toBeLessThanOrEqual(peakFrameDb(out.pcm, RATE, vowelFrom, vowelFrom + Math.round(0.5 * RATE)) + SPLICED_ONSET_HEADROOM_DB + 0.5);
	});
});
