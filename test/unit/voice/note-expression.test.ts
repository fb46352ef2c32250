/**
 * Expression set by hand on a note (the editor's per-note controls) with known inputs: its own
 * vibrato depth, rate and delay replace the automatic ones, a start offset and transition shape the
 * glide into it, its loudness is a smooth gain over its frames; notes without one sing as before.
 */
import { describe, expect, it } from 'vitest';
import { midiToHz } from '../../../src/lib/pitch/units';
import { melodyF0 } from '../../../src/lib/voice/melody-f0';
import { DYNAMICS_RAMP_SECONDS, noteDynamicsGains } from '../../../src/lib/voice/phrase-dynamics';
import type { SungNote } from '../../../src/lib/voice/sing';
import type { NoteExpression } from '../../../src/lib/song/note-expression';

const FP = 0.005;
const cents = (hz: number, midi: number) => 1200 * Math.log2(hz / midiToHz(midi));
const note = (onsetSeconds: number, durationSeconds: number, midiPitch: number, expression?: NoteExpression): SungNote => ({ onsetSeconds, durationSeconds, midiPitch, syllable: null, ...(expression ? { expression } : {}) });
/** Deviation from `midi`, cents, frames [from, to) s, with the automatic habit at 35 cents, 5.5 Hz. */
function deviation(notes: SungNote[], midi: number, from: number, to: number): number[] {
	const f0 = melodyF0(notes, from, FP, Math.round((to - from) / FP), { overshootCents: 0, preparationCents: 0, vibratoDepthCents: 35, vibratoRateHz: 5.5 });
	return Array.from(f0, (hz) => cents(hz, midi));
}
const maxAbs = (xs: number[]) => Math.max(...xs.map(Math.abs));
/** Rising zero crossings per second of a deviation track. */
function crossingsPerSecond(xs: number[]): number {
	let n = 0;
	for (let i = 1; i < xs.length; i++) if (xs[i - 1] < 0 && xs[i] >= 0) n++;
	return n / (xs.length * FP);
}

describe('a note’s own vibrato', () => {
	it('depth 0 sings a long note straight where the habit would shake it', () => {
		expect(maxAbs(deviation([note(0, 2, 60)], 60, 0.6, 1.8))).toBeGreaterThan(20);
		expect(maxAbs(deviation([note(0, 2, 60, { vibratoDepthCents: 0 })], 60, 0.6, 1.8))).toBeLessThan(1e-9);
	});

	it('its depth and rate replace the habit’s (depth within the ±25 % drift), also on a note too short for automatic vibrato', () => {
		const own = deviation([note(0, 2, 60, { vibratoDepthCents: 100, vibratoRateHz: 7 })], 60, 0.7, 1.7);
		expect(maxAbs(own)).toBeGreaterThan(75);
		expect(maxAbs(own)).toBeLessThanOrEqual(125);
		expect(crossingsPerSecond(own)).toBeGreaterThan(7 * 0.85);
		expect(crossingsPerSecond(own)).toBeLessThan(7 * 1.15);
		// 0.4 s: no automatic vibrato, but a depth set by hand sounds (delay 0.05 s).
		expect(maxAbs(deviation([note(0, 0.4, 60)], 60, 0.1, 0.35))).toBeLessThan(1e-9);
		expect(maxAbs(deviation([note(0, 0.4, 60, { vibratoDepthCents: 60, vibratoDelaySeconds: 0.05 })], 60, 0.1, 0.3))).toBeGreaterThan(20);
	});

	it('waits for its own delay', () => {
		const late = deviation([note(0, 2, 60, { vibratoDelaySeconds: 1 })], 60, 0.2, 2);
		expect(maxAbs(late.slice(0, (1 - 0.2) / FP))).toBeLessThan(1e-9);
		expect(maxAbs(late.slice((1.3 - 0.2) / FP, (1.8 - 0.2) / FP))).toBeGreaterThan(20);
	});
});

describe('a note’s own transition', () => {
	const straight = { vibratoDepthCents: 0 };
	it('a start offset scoops from below (or falls from above) over its transition, then sits on the note', () => {
		const scoop = deviation([note(0, 1, 60), note(1, 1, 64, { ...straight, startOffsetCents: -300, transitionSeconds: 0.2 })], 64, 1, 1.6);
		expect(scoop[0]).toBeCloseTo(-300, 0);
		expect(scoop[Math.round(0.1 / FP)]).toBeGreaterThan(-300);
		expect(scoop[Math.round(0.1 / FP)]).toBeLessThan(0);
		expect(maxAbs(scoop.slice(0.2 / FP))).toBeLessThan(1e-6);
		const fall = deviation([note(0, 1, 64, { ...straight, startOffsetCents: 500, transitionSeconds: 0.3 })], 64, 0, 0.6);
		expect(fall[0]).toBeCloseTo(500, 0);
		expect(maxAbs(fall.slice(0.3 / FP))).toBeLessThan(1e-6);
	});

	it('transition 0 steps cleanly from a joined note; a long one glides for that long', () => {
		const step = deviation([note(0, 1, 60, straight), note(1, 1, 65, { ...straight, transitionSeconds: 0 })], 65, 0.9, 1.5);
		expect(maxAbs(step.slice(0, 0.1 / FP - 1))).toBeCloseTo(500, 6);
		expect(maxAbs(step.slice(0.1 / FP))).toBeLessThan(1e-6);
		// The automatic glide on a 5-semitone leap takes 0.16 s; 0.4 s set by hand is still moving at 0.2 s.
		const slow = deviation([note(0, 1, 60, straight), note(1, 1, 65, { ...straight, transitionSeconds: 0.4 })], 65, 1, 1.5);
		const auto = deviation([note(0, 1, 60, straight), note(1, 1, 65, straight)], 65, 1, 1.5);
		expect(Math.abs(slow[Math.round(0.2 / FP)])).toBeGreaterThan(20);
		expect(Math.abs(auto[Math.round(0.2 / FP)])).toBeLessThan(1e-6);
	});

	it('notes without expression sing exactly as before', () => {
		const notes = [note(0, 0.8, 60), note(0.8, 1.2, 67), note(2.3, 0.9, 62)];
		const withEmpty = notes.map((n) => ({ ...n, expression: {} }));
		expect(deviation(withEmpty, 60, 0, 3.3)).toEqual(deviation(notes, 60, 0, 3.3));
	});
});

describe('a note’s own loudness', () => {
	it('is a gain over its frames, eased in over the ramp, 1 elsewhere', () => {
		const notes = [note(0, 0.5, 60), note(0.5, 0.5, 62, { dynamicsDb: -6 }), note(1, 0.5, 64)];
		const g = noteDynamicsGains(notes, -0.2, FP, Math.round(1.7 / FP));
		const at = (s: number) => g[Math.round((s + 0.2) / FP)];
		expect(at(0.2)).toBeCloseTo(1, 9);
		expect(at(0.7)).toBeCloseTo(10 ** (-6 / 20), 9);
		expect(at(1.3)).toBeCloseTo(1, 9);
		// No step: frame to frame at most the raised-cosine ramp's steepest move, in dB.
		let largest = 0;
		for (let t = 1; t < g.length; t++) largest = Math.max(largest, Math.abs(20 * Math.log10(g[t] / g[t - 1])));
		expect(largest).toBeGreaterThan(0);
		expect(largest).toBeLessThan(6 * (Math.PI / 2) * (FP / DYNAMICS_RAMP_SECONDS) * 1.01);
		expect([...noteDynamicsGains([note(0, 1, 60)], 0, FP, 100)].every((v) => v === 1)).toBe(true);
	});
});

describe('a pitch curve drawn over a note', () => {
	it('is sung as drawn from onset to end, with no vibrato, glide or overshoot of its own', () => {
		// A bend up a whole tone and back over 1 s, after a rising leap that would otherwise scoop.
		const curve = [0, 100, 200, 100, 0];
		const bent = deviation([note(0, 1, 55), note(1, 1, 62, { pitchCurveCents: curve })], 62, 1, 2);
		for (const [at, expected] of [[0, 0], [0.25, 100], [0.5, 200], [0.75, 100], [0.9, 40]] as const) expect(bent[Math.round(at / FP)]).toBeCloseTo(expected, 0);
		// The note before it keeps its own vibrato but no glide into the curved note reaches back into it.
		const before = deviation([note(0, 1, 55), note(1, 1, 62, { pitchCurveCents: curve })], 55, 0.6, 1);
		const plainBefore = deviation([note(0, 1, 55), note(1, 1, 62, { pitchCurveCents: curve, vibratoDepthCents: 0 })], 55, 0.6, 1);
		expect(before).toEqual(plainBefore);
		expect(maxAbs(before.slice(-Math.round(0.05 / FP)))).toBeLessThan(60);
	});

	it('the next joined note glides from where the curve ends, not from the note’s own pitch', () => {
		const f0 = melodyF0([note(0, 1, 60, { pitchCurveCents: [0, -300] }), note(1, 1, 60)], 0.95, FP, Math.round(0.3 / FP), { vibratoDepthCents: 0, overshootCents: 0, preparationCents: 0 });
		const track = Array.from(f0, (hz) => cents(hz, 60));
		expect(track[0]).toBeCloseTo(-285, -1);
		// Continuous across the onset at 1 s: no jump of more than 30 cents from one 5 ms frame to the next.
		for (let i = 1; i < track.length; i++) expect(Math.abs(track[i] - track[i - 1])).toBeLessThan(30);
		expect(track[track.length - 1]).toBeCloseTo(0, 0);
	});

	it('a note without a curve sings exactly as before', () => {
		const plain = [note(0, 1, 60), note(1, 1, 64)];
		const withCurveElsewhere = [note(0, 1, 60), note(1, 1, 64), note(3, 1, 62, { pitchCurveCents: [50, -50] })];
		expect(deviation(withCurveElsewhere, 60, 0, 1.9)).toEqual(deviation(plain, 60, 0, 1.9));
	});
});
