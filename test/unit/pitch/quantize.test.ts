import { describe, expect, it } from 'vitest';
import { quantizeNotes, snapPitchToKey } from '../../../src/lib/pitch/quantize';
import type { NoteEvent } from '../../../src/lib/pitch/types';

const note = (onsetSeconds: number, offsetSeconds: number, midiPitch: number, confidence = 1): NoteEvent => ({ onsetSeconds, offsetSeconds, midiPitch, confidence });

describe('quantizeNotes', () => {
	// 120 BPM: a beat is 0.5 s, a sixteenth (0.25 beat) 0.125 s.
	const sung = [note(0.03, 0.47, 60.2), note(0.52, 0.98, 61.9), note(1.06, 1.93, 64.4)];

	it('moves onsets and offsets onto the grid at full strength and rounds pitches', () => {
		const q = quantizeNotes(sung, { tempoBpm: 120 });
		expect(q.map((n) => [n.onsetSeconds, n.offsetSeconds])).toEqual([
			[0, 0.5],
			[0.5, 1],
			[1.0, 1.875]
		]);
		expect(q.map((n) => n.midiPitch)).toEqual([60, 62, 64]);
		expect(q.map((n) => n.onsetBeats)).toEqual([0, 1, 2]);
		expect(q[2].durationBeats).toBeCloseTo(1.75, 9);
	});

	it('moves only part of the way at partial strength', () => {
		const q = quantizeNotes(sung, { tempoBpm: 120, strength: 0.5 });
		expect(q[0].onsetSeconds).toBeCloseTo(0.015, 9);
		expect(q[2].onsetSeconds).toBeCloseTo(1.03, 9);
		const untouched = quantizeNotes(sung, { tempoBpm: 120, strength: 0 });
		expect(untouched.map((n) => n.onsetSeconds)).toEqual(sung.map((n) => n.onsetSeconds));
	});

	it('follows the grid offset of the beat tracker', () => {
		const q = quantizeNotes([note(0.33, 0.8, 60)], { tempoBpm: 120, beatOffsetSeconds: 0.3, gridBeats: 0.5 });
		expect(q[0].onsetSeconds).toBeCloseTo(0.3, 9);
		expect(q[0].offsetSeconds).toBeCloseTo(0.8, 9);
	});

	it('removes the singer tuning before rounding: a take 40 cents sharp lands on the intended notes', () => {
		const sharp = [note(0, 0.5, 60.4), note(0.5, 1, 62.45)];
		expect(quantizeNotes(sharp, { tempoBpm: 120 }).map((n) => n.midiPitch)).toEqual([60, 62]);
		expect(quantizeNotes(sharp, { tempoBpm: 120, tuningCents: 40 }).map((n) => n.midiPitch)).toEqual([60, 62]);
		expect(quantizeNotes([note(0, 0.5, 60.6)], { tempoBpm: 120, tuningCents: 40 })[0].midiPitch).toBe(60);
		expect(quantizeNotes([note(0, 0.5, 60.6)], { tempoBpm: 120 })[0].midiPitch).toBe(61);
	});

	it('snaps to the key when asked: C# in C major goes to the nearer of C and D', () => {
		const q = quantizeNotes([note(0, 0.5, 61.2), note(0.5, 1, 60.8), note(1, 1.5, 65.9)], { tempoBpm: 120, snapToKey: { tonicPitchClass: 0, mode: 'major' } });
		expect(q.map((n) => n.midiPitch)).toEqual([62, 60, 65]);
	});

	it('never lets a note vanish or overlap the next: short notes get one grid step, a collision keeps the more confident note', () => {
		const q = quantizeNotes([note(0.0, 0.02, 60, 0.9), note(0.04, 0.4, 62, 0.5), note(0.45, 0.6, 64)], { tempoBpm: 120 });
		expect(q.map((n) => n.midiPitch)).toEqual([60, 64]);
		expect(q[0].offsetSeconds).toBeCloseTo(0.125, 9);
		for (let i = 1; i < q.length; i++) expect(q[i].onsetSeconds).toBeGreaterThanOrEqual(q[i - 1].offsetSeconds);
	});

	it('refuses nonsense options with a RangeError naming the value', () => {
		expect(() => quantizeNotes(sung, { tempoBpm: 0 })).toThrow(/tempoBpm/);
		expect(() => quantizeNotes(sung, { tempoBpm: 120, strength: 2 })).toThrow(/strength/);
		expect(() => quantizeNotes(sung, { tempoBpm: 120, gridBeats: 0 })).toThrow(/gridBeats/);
	});
});

describe('snapPitchToKey', () => {
	it('keeps scale notes and moves each chromatic note one semitone, in major and natural minor', () => {
		const cMajor = { tonicPitchClass: 0, mode: 'major' as const };
		expect([60, 62, 64, 65, 67, 69, 71].map((m) => snapPitchToKey(m, cMajor))).toEqual([60, 62, 64, 65, 67, 69, 71]);
		expect(snapPitchToKey(63.3, cMajor)).toBe(64);
		expect(snapPitchToKey(62.7, cMajor)).toBe(62);
		const aMinor = { tonicPitchClass: 9, mode: 'minor' as const };
		expect(snapPitchToKey(68, aMinor)).toBe(67);
		expect(snapPitchToKey(68.2, aMinor)).toBe(69);
	});
});
