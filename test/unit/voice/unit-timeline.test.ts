/**
 * Laying units out on legato notes, with made-up units whose frames are known: the onset
 * consonant sounds before the beat at its spoken length, taken from the end of the previous
 * vowel; a note too short keeps the consonant's end; a pause recorded before the consonant is
 * left out; no frame goes without a source between notes; a consonant keeps its level against its
 * own vowel and is never louder than the sung vowel.
 */
import { describe, expect, it } from 'vitest';
import { readLyrics } from '../../../src/lib/lyrics/read-lyrics';
import { assembleProfile } from '../../../src/lib/voice/profile';
import { layoutUnits } from '../../../src/lib/voice/unit-timeline';
import { decodeEnvelope, UNIT_AP_BAND_HZ, UNIT_MEL_CEPSTRUM_ORDER, type VoiceUnit } from '../../../src/lib/voice/voice-units';

const FP = 0.005;
const FS = 16000;
const FFT = 1024;
const STRIDE = UNIT_MEL_CEPSTRUM_ORDER + 1;

/** A unit of `pause` near-silent frames, `onset` consonant frames at c̃₀ `onsetGain`, then `vowel` voiced frames at c̃₀ `vowelGain`. */
function unit(text: string, pause: number, onset: number, vowel: number, onsetGain: number, vowelGain: number): VoiceUnit {
	const s = readLyrics(text, 'en')[0];
	const n = pause + onset + vowel;
	const melCepstra = new Float32Array(n * STRIDE);
	const f0Hz = new Float32Array(n);
	for (let i = 0; i < n; i++) {
		melCepstra[i * STRIDE] = i < pause ? -14 : i < pause + onset ? onsetGain : vowelGain;
		// Consonant frames tilted up (energy high in the spectrum), vowel frames down.
		melCepstra[i * STRIDE + 1] = i < pause + onset ? -0.5 : 0.8;
		f0Hz[i] = i >= pause + onset ? 120 : 0;
	}
	const apBands = new Float32Array(n * UNIT_AP_BAND_HZ.length).fill(0.1);
	return { language: 'en', reading: s.reading, onset: s.onset, nucleus: s.nucleus, coda: s.coda, tone: s.tone, stress: s.stress, nucleusStartFrame: pause + onset, codaStartFrame: n, f0Hz, melCepstra, apBands };
}

const frameOf = (seconds: number) => Math.round(seconds / FP);

/** A unit's own frame as decoded, before any levelling. */
const decoded = (u: VoiceUnit, frame: number) => decodeEnvelope(u.melCepstra.subarray(frame * STRIDE, (frame + 1) * STRIDE), FS, FFT);

function framePowerDb(sp: Float64Array, frame: number): number {
	const bins = FFT / 2 + 1;
	let sum = 0;
	for (let k = 0; k < bins; k++) sum += sp[frame * bins + k];
	return 10 * Math.log10(sum);
}

describe('layoutUnits on legato notes', () => {
	// "so" read with 20 frames (100 ms) of "s" after 40 frames of pause; "see" with 16 frames of "s".
	const so = unit('so', 40, 20, 60, -1, 0);
	const see = unit('see', 0, 16, 60, -1.5, 0.5);
	// "sue" read with its vowel nearly lost (aligned into a pause): levelled up, it would lift its "s" far above the sung vowel.
	const sue = unit('sue', 0, 16, 60, 0.5, -3);
	const profile = assembleProfile({ language: 'en', fs: FS, framePeriodSeconds: FP, fftSize: FFT, units: [so, see, sue], kind: 'reading' });
	const syllables = [readLyrics('see', 'en')[0], readLyrics('so', 'en')[0], readLyrics('sue', 'en')[0]];

	it('puts the consonant before the beat at its spoken length, taking the time from the previous vowel, with no gap', () => {
		const timeline = layoutUnits(
			profile,
			[
				{ syllable: syllables[0], vowelStartSeconds: 0.2, endSeconds: 0.6 },
				{ syllable: syllables[1], vowelStartSeconds: 0.6, endSeconds: 1.0 }
			],
			0,
			1.1
		);
		const [first, second] = timeline.spans;
		expect(first.onsetStartSeconds).toBeCloseTo(0.2 - 16 * FP, 6);
		// "so": 20 frames of "s" (the 40 frames of pause before it left out, but for a closure's 6).
		expect(second.onsetStartSeconds).toBeCloseTo(0.6 - 26 * FP, 6);
		expect(second.vowelStartSeconds).toBeCloseTo(0.6, 6);
		expect(first.endSeconds).toBeCloseTo(second.onsetStartSeconds, 6);
		// Every frame from the first consonant to the last vowel sounds, but for the 6-frame closure kept before "so"'s "s".
		const closure = frameOf(second.onsetStartSeconds);
		for (let t = frameOf(first.onsetStartSeconds); t < frameOf(second.endSeconds); t++) {
			if (t < closure || t >= closure + 6) expect(framePowerDb(timeline.params.sp.data, t)).toBeGreaterThan(-60);
		}
		// Consonant frames unvoiced as read, vowel frames voiced.
		expect(timeline.voiced[frameOf(0.6) - 3]).toBe(0);
		expect(timeline.voiced[frameOf(0.6) + 3]).toBe(1);
	});

	it('keeps each consonant at its spoken level against its own vowel, never above the sung vowel', () => {
		const timeline = layoutUnits(profile, [{ syllable: syllables[0], vowelStartSeconds: 0.2, endSeconds: 0.6 }], 0, 0.7);
		const sp = timeline.params.sp.data;
		const sung = framePowerDb(sp, frameOf(0.2) - 8) - framePowerDb(sp, frameOf(0.4));
		const spoken = framePowerDb(decoded(see, 8), 0) - framePowerDb(decoded(see, 40), 0);
		expect(spoken).toBeLessThan(-3);
		expect(sung).toBeCloseTo(spoken, 1);
		// "sue": read 2.5 nepers of c̃₀ louder than its vowel, sung no louder than the sung vowel.
		expect(framePowerDb(decoded(sue, 8), 0) - framePowerDb(decoded(sue, 40), 0)).toBeGreaterThan(10);
		const loud = layoutUnits(profile, [{ syllable: syllables[2], vowelStartSeconds: 0.2, endSeconds: 0.6 }], 0, 0.7).params.sp.data;
		expect(framePowerDb(loud, frameOf(0.2) - 8)).toBeLessThanOrEqual(framePowerDb(loud, frameOf(0.4)) + 1e-6);
	});

	it('shortens the consonant only when the previous note is too short, keeping its end and 60 % of that note', () => {
		const timeline = layoutUnits(
			profile,
			[
				{ syllable: syllables[0], vowelStartSeconds: 0.2, endSeconds: 0.25 },
				{ syllable: syllables[1], vowelStartSeconds: 0.25, endSeconds: 0.6 }
			],
			0,
			0.7
		);
		const [first, second] = timeline.spans;
		// The 50 ms note keeps 60 ms or all of itself: the consonant gets none of it.
		expect(first.endSeconds).toBeCloseTo(0.25, 6);
		expect(second.onsetStartSeconds).toBeCloseTo(0.25, 6);
		const longer = layoutUnits(
			profile,
			[
				{ syllable: syllables[0], vowelStartSeconds: 0.2, endSeconds: 0.3 },
				{ syllable: syllables[1], vowelStartSeconds: 0.3, endSeconds: 0.6 }
			],
			0,
			0.7
		);
		// A 100 ms note keeps 60 ms; "so"'s 130 ms of onset are cut to the last 40 ms.
		expect(longer.spans[0].endSeconds).toBeCloseTo(0.26, 6);
		expect(longer.spans[1].onsetStartSeconds).toBeCloseTo(0.26, 6);
	});
});

/**
 * A Mandarin rhyme read as `vowel` frames of its vowel then `coda` frames of its coda, the coda
 * 1 neper (8.7 dB) of c̃₀ under the vowel so each output frame shows which part it came from.
 */
function rhymeUnit(text: string, vowel: number, coda: number, codaGain = -1): VoiceUnit {
	const s = readLyrics(text, 'cmn')[0];
	const n = vowel + coda;
	const melCepstra = new Float32Array(n * STRIDE);
	for (let i = 0; i < n; i++) {
		melCepstra[i * STRIDE] = i < vowel ? 0 : codaGain;
		melCepstra[i * STRIDE + 1] = 0.8;
	}
	const f0Hz = new Float32Array(n).fill(200);
	const apBands = new Float32Array(n * UNIT_AP_BAND_HZ.length).fill(0.1);
	return { language: 'cmn', reading: s.reading, onset: s.onset, nucleus: s.nucleus, coda: s.coda, tone: s.tone, stress: s.stress, nucleusStartFrame: 0, codaStartFrame: vowel, f0Hz, melCepstra, apBands };
}

describe('layoutUnits stretching a rhyme over a long note', () => {
	// 爱 ai (a + glide j) and 安 an (a + nasal n), each read as 20 frames of vowel and 10 of coda (100 + 50 ms).
	const ai = rhymeUnit('爱', 20, 10);
	const an = rhymeUnit('安', 20, 10);
	const profile = assembleProfile({ language: 'cmn', fs: FS, framePeriodSeconds: FP, fftSize: FFT, units: [ai, an], kind: 'reading' });
	/** First frame from `from` on whose level is the coda's (5 dB or more under the note's first frames). */
	const codaFrom = (sp: Float64Array, from: number, to: number) => {
		const vowelDb = framePowerDb(sp, from + 6);
		for (let t = from; t < to; t++) if (framePowerDb(sp, t) < vowelDb - 5) return t;
		return to;
	};

	it('stretches a glide coda with its vowel, so the glide keeps its share of the rhyme (the diphthong keeps its trajectory)', () => {
		expect(ai.coda).toEqual(['j']);
		// A 0.5 s note: 100 frames for a rhyme read in 30.
		const timeline = layoutUnits(profile, [{ syllable: readLyrics('爱', 'cmn')[0], vowelStartSeconds: 0.1, endSeconds: 0.6 }], 0, 0.7);
		const glideStart = codaFrom(timeline.params.sp.data, frameOf(0.1), frameOf(0.6));
		// Read, the glide starts 2/3 into the rhyme; sung, at 2/3 of the note too (stretched evenly),
		// not in the note's last 10 frames.
		expect(Math.abs((glideStart - frameOf(0.1)) / 100 - 2 / 3)).toBeLessThan(0.02);
		// The span's coda starts where the glide's frames do; they are sung through as part of the vowel (voiced).
		expect(frameOf(timeline.spans[0].codaStartSeconds)).toBe(glideStart);
		for (let t = frameOf(0.1); t < frameOf(0.6); t++) expect(timeline.voiced[t]).toBe(1);
	});

	it('keeps a nasal coda at its spoken length at the end of the note', () => {
		expect(an.coda).toEqual(['n']);
		const timeline = layoutUnits(profile, [{ syllable: readLyrics('安', 'cmn')[0], vowelStartSeconds: 0.1, endSeconds: 0.6 }], 0, 0.7);
		expect(timeline.spans[0].codaStartSeconds).toBeCloseTo(0.6 - 10 * FP, 6);
		expect(codaFrom(timeline.params.sp.data, frameOf(0.1), frameOf(0.6))).toBe(frameOf(0.6) - 10);
	});
});

/**
 * A unit of "day" (d + the diphthong eɪ): `onset` frames of d, then `vowel` frames whose spectral
 * tilt (c̃₂) moves evenly from one end to the other, so each output frame shows which vowel frame it
 * came from.
 */
function glidingUnit(onset: number, vowel: number): VoiceUnit {
	const s = readLyrics('day', 'en')[0];
	const n = onset + vowel;
	const melCepstra = new Float32Array(n * STRIDE);
	for (let i = 0; i < n; i++) {
		melCepstra[i * STRIDE] = i < onset ? -1 : 0;
		melCepstra[i * STRIDE + 1] = 0.8;
		melCepstra[i * STRIDE + 2] = i < onset ? 0 : -0.6 + (1.2 * (i - onset)) / (vowel - 1);
	}
	const f0Hz = new Float32Array(n).fill(120);
	const apBands = new Float32Array(n * UNIT_AP_BAND_HZ.length).fill(0.1);
	return { language: 'en', reading: s.reading, onset: s.onset, nucleus: s.nucleus, coda: s.coda, tone: s.tone, stress: s.stress, nucleusStartFrame: onset, codaStartFrame: n, f0Hz, melCepstra, apBands };
}

/** The unit frame in [from, to) whose decoded envelope has the shape of output frame `t` (least variance of the log ratio: levelling only scales a frame). */
function sourceFrame(sp: Float64Array, t: number, u: VoiceUnit, from: number, to: number): number {
	const bins = FFT / 2 + 1;
	let best = -1;
	let lowest = Infinity;
	for (let f = from; f < to; f++) {
		const d = decoded(u, f);
		let sum = 0;
		let squares = 0;
		for (let k = 0; k < bins; k++) {
			const r = Math.log(sp[t * bins + k] / d[k]);
			sum += r;
			squares += r * r;
		}
		const variance = squares / bins - (sum / bins) ** 2;
		if (variance < lowest) {
			lowest = variance;
			best = f;
		}
	}
	return best;
}

describe('layoutUnits stretching a gliding rhyme', () => {
	it('stretches a diphthong evenly over the note, its attack and its second target included, so the reading’s time course is scaled to the note', () => {
		const day = glidingUnit(6, 30);
		expect(day.nucleus).toEqual(['eɪ']);
		const profile = assembleProfile({ language: 'en', fs: FS, framePeriodSeconds: FP, fftSize: FFT, units: [day], kind: 'reading' });
		// A 0.5 s note: 100 frames for a vowel read in 30.
		const timeline = layoutUnits(profile, [{ syllable: readLyrics('day', 'en')[0], vowelStartSeconds: 0.1, endSeconds: 0.6 }], 0, 0.7);
		const first = frameOf(0.1);
		for (let j = 0; j < 100; j++) {
			// Output frame j of the note sings the vowel frame j · 30 / 100 (rounded, ±1).
			const source = sourceFrame(timeline.params.sp.data, first + j, day, 6, 36) - 6;
			expect(Math.abs(source - (j * 29) / 99), `note frame ${j}`).toBeLessThanOrEqual(1);
		}
	});

	it('holds a glide coda read louder than its vowel to 3 dB above the vowel, and leaves a quieter glide as read', () => {
		// 爱 read with its "j" 1.2 nepers (10.4 dB) above a short "a" (a vowel the aligner cut short).
		const loud = rhymeUnit('爱', 10, 20, 1.2);
		const profile = assembleProfile({ language: 'cmn', fs: FS, framePeriodSeconds: FP, fftSize: FFT, units: [loud], kind: 'reading' });
		const timeline = layoutUnits(profile, [{ syllable: readLyrics('爱', 'cmn')[0], vowelStartSeconds: 0.1, endSeconds: 0.6 }], 0, 0.7);
		const sp = timeline.params.sp.data;
		const glideFrom = frameOf(timeline.spans[0].codaStartSeconds);
		let vowelPeak = -Infinity;
		for (let t = frameOf(0.1); t < glideFrom; t++) vowelPeak = Math.max(vowelPeak, framePowerDb(sp, t));
		let glidePeak = -Infinity;
		for (let t = glideFrom; t < frameOf(0.6); t++) glidePeak = Math.max(glidePeak, framePowerDb(sp, t));
		expect(glidePeak).toBeLessThanOrEqual(vowelPeak + 3 + 1e-6);
		expect(glidePeak).toBeGreaterThan(vowelPeak + 2.9);
		// The glide keeps its own spectrum: only its level is held.
		expect(timeline.roles.glide?.[glideFrom]).toBe(1);
		// 爱 read with its glide under its vowel: the glide stays 1 neper (8.7 dB) under it.
		const quiet = rhymeUnit('爱', 20, 10);
		const plain = layoutUnits(assembleProfile({ language: 'cmn', fs: FS, framePeriodSeconds: FP, fftSize: FFT, units: [quiet], kind: 'reading' }), [{ syllable: readLyrics('爱', 'cmn')[0], vowelStartSeconds: 0.1, endSeconds: 0.6 }], 0, 0.7);
		const plainGlide = frameOf(plain.spans[0].codaStartSeconds);
		expect(framePowerDb(plain.params.sp.data, frameOf(0.1) + 10) - framePowerDb(plain.params.sp.data, plainGlide + 5)).toBeCloseTo(20 / Math.LN10, 1);
	});
});
