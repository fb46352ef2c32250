/**
 * Wide vibrato (issue 13): a singer's ±1 semitone vibrato used to be cut into a note per
 * half-cycle, alternating in pitch (90 notes for 6 held notes through the fused engine). The
 * contour's vibrato is now replaced by its centre line before segmentation (`vibrato.ts`).
 */
import { describe, expect, it } from 'vitest';
import { analyzeMelody, noteFMeasure } from '../../../src/lib/pitch';
import { transcribe } from '../../../src/lib/pitch/transcribe';
import { removeVibrato, vibratoCentre } from '../../../src/lib/pitch/vibrato';
import { synthVoice, type SynthNote, type SynthVowel } from '../../fixtures/synth-voice';
import { basicPitchFor } from '../../helpers/basic-pitch-runner';

const HOP = 0.005;

/** A contour of `seconds` at `midi` with a sinusoidal vibrato of ±`cents` at `hz`. */
function vibratoContour(midi: number, seconds: number, cents: number, hz: number, phase = 0): number[] {
	return Array.from({ length: Math.round(seconds / HOP) }, (_, i) => midi + (cents / 100) * Math.sin(2 * Math.PI * hz * i * HOP + phase));
}

describe('removeVibrato (pure)', () => {
	it('turns a ±100 cent, 5.5 Hz vibrato into its centre within 10 cents', () => {
		const out = removeVibrato(vibratoContour(60, 1.5, 100, 5.5), HOP);
		for (let i = 0; i < out.length; i++) expect(Math.abs(out[i] - 60)).toBeLessThan(0.1);
	});

	it('keeps a note change between two vibrato notes: each side keeps its own centre', () => {
		const contour = [...vibratoContour(60, 1, 100, 5.5), ...vibratoContour(63, 1, 100, 5.5, 1)];
		const out = removeVibrato(contour, HOP);
		const mean = (a: number, b: number) => Array.from(out.slice(a, b)).reduce((s, v) => s + v, 0) / (b - a);
		expect(mean(20, 170)).toBeCloseTo(60, 1);
		expect(mean(230, 380)).toBeCloseTo(63, 1);
	});

	it('ends a vibrato at a semitone step inside it: the centre line keeps the step', () => {
		const contour = [...vibratoContour(65, 0.5, 30, 5.5), ...vibratoContour(64, 0.5, 30, 5.5, 2)];
		const out = removeVibrato(contour, HOP);
		const mean = (a: number, b: number) => Array.from(out.slice(a, b)).reduce((s, v) => s + v, 0) / (b - a);
		expect(mean(20, 90)).toBeGreaterThan(64.8);
		expect(mean(110, 180)).toBeLessThan(64.2);
	});

	it('leaves notes with steady pitch alone, even fast ones (125 ms each)', () => {
		const contour = [60, 62, 64, 62, 60, 62, 64, 65].flatMap((m) => Array(25).fill(m) as number[]);
		expect(Array.from(removeVibrato(contour, HOP))).toEqual(contour);
	});

	it('treats unvoiced gaps (NaN) as ends of a contour and keeps them', () => {
		const contour = [...vibratoContour(57, 1, 100, 5.5), NaN, NaN, ...vibratoContour(62, 1, 80, 6)];
		const { midi, inVibrato } = vibratoCentre(contour, HOP);
		expect(Number.isNaN(midi[200])).toBe(true);
		expect(Number.isNaN(midi[201])).toBe(true);
		expect(inVibrato[200]).toBe(0);
		expect(Math.abs(midi[100] - 57)).toBeLessThan(0.1);
		expect(Math.abs(midi[300] - 62)).toBeLessThan(0.1);
	});
});

/** Six held notes (1.4–2.2 s) with rests between. */
function heldNotes(): SynthNote[] {
	const notes: SynthNote[] = [];
	let t = 0.4;
	for (const [midiPitch, seconds] of [[57, 1.6], [60, 2.0], [64, 1.4], [62, 1.8], [59, 1.5], [57, 2.2]]) {
		notes.push({ onsetSeconds: t, offsetSeconds: t + seconds, midiPitch });
		t += seconds + 0.25;
	}
	return notes;
}

describe('a singer with ±100 cent, 5.5 Hz vibrato on held notes: one note per held note', () => {
	const notes = heldNotes();
	const voices: [SynthVowel, number][] = [['ah', 1], ['ah', 2], ['ah', 3], ['mm', 7]];
	for (const [vowel, seed] of voices) {
		it(`fused engine (pYIN + Basic Pitch), vowel "${vowel}", seed ${seed}`, async () => {
			const v = synthVoice(notes, { vowel, seed, vibratoCents: 100, vibratoHz: 5.5 });
			const analysis = transcribe(v.pcm, v.sampleRate, { basicPitch: await basicPitchFor(v.pcm, v.sampleRate) });
			expect(analysis.notes.map((n) => Math.round(n.midiPitch))).toEqual(notes.map((n) => n.midiPitch));
			expect(noteFMeasure(notes, analysis.notes).fMeasure).toBe(1);
		});
	}

	it('f0-only engine, vowel "ah"', () => {
		const v = synthVoice(notes, { vowel: 'ah', seed: 1, vibratoCents: 100, vibratoHz: 5.5 });
		const analysis = analyzeMelody(v.pcm, v.sampleRate);
		expect(analysis.notes.map((n) => Math.round(n.midiPitch))).toEqual(notes.map((n) => n.midiPitch));
	});
});

describe('a legato scale with light vibrato keeps every note (a vibrato never spans a note change)', () => {
	const scale: SynthNote[] = [];
	let t = 0.4;
	for (const [midiPitch, seconds] of [[60, 0.5], [62, 0.5], [64, 0.5], [65, 0.5], [67, 0.9], [65, 0.4], [64, 0.4], [62, 0.4], [60, 1.0]]) {
		scale.push({ onsetSeconds: t, offsetSeconds: t + seconds, midiPitch });
		t += seconds;
	}
	for (const [vibratoCents, seed] of [[30, 7], [40, 7], [60, 7], [30, 8]]) {
		it(`±${vibratoCents} cents, seed ${seed}: F = 1`, async () => {
			const v = synthVoice(scale, { vowel: 'ah', seed, vibratoCents });
			const analysis = transcribe(v.pcm, v.sampleRate, { basicPitch: await basicPitchFor(v.pcm, v.sampleRate) });
			expect(analysis.notes.length).toBe(scale.length);
			expect(noteFMeasure(scale, analysis.notes).fMeasure).toBe(1);
		});
	}
});
