/**
 * Pitch curves drawn by hand: a drawing laid over notes becomes each note's cents at evenly spread
 * points, checked like the other expression settings; splitting a note cuts its curve.
 */
import { describe, expect, it } from 'vitest';
import { curvesFromDrawing, pitchCurveCentsAt, pitchCurveProblem, splitPitchCurve, PITCH_CURVE_POINTS } from '../../../src/lib/song/pitch-curve';
import { expressionProblem } from '../../../src/lib/song/note-expression';

describe('pitch curves', () => {
	it('reads between its points with straight lines, clamped to the note', () => {
		expect(pitchCurveCentsAt([0, 100, -100], 0.25)).toBeCloseTo(50);
		expect(pitchCurveCentsAt([0, 100, -100], 0.75)).toBeCloseTo(0);
		expect(pitchCurveCentsAt([0, 100, -100], -1)).toBe(0);
		expect(pitchCurveCentsAt([0, 100, -100], 2)).toBe(-100);
	});

	it('turns a line drawn across two notes into each note’s cents off its own pitch; a note not reached is left alone', () => {
		const notes = [
			{ startTicks: 0, durationTicks: 480, midiPitch: 60 },
			{ startTicks: 480, durationTicks: 480, midiPitch: 62 },
			{ startTicks: 1920, durationTicks: 480, midiPitch: 64 }
		];
		// A straight line from C4 at tick 0 up to D4 at tick 960, drawn right to left.
		const [first, second, untouched] = curvesFromDrawing(notes, [
			{ ticks: 960, midi: 62 },
			{ ticks: 0, midi: 60 }
		]);
		expect(first).toHaveLength(PITCH_CURVE_POINTS);
		expect(first![0]).toBe(0);
		expect(first![PITCH_CURVE_POINTS - 1]).toBe(100);
		expect(second![0]).toBe(-100);
		expect(second![PITCH_CURVE_POINTS - 1]).toBe(0);
		expect(untouched).toBeNull();
	});

	it('keeps a note on its pitch where the drawing does not reach, and clamps a bend to an octave', () => {
		const [curve] = curvesFromDrawing([{ startTicks: 0, durationTicks: 960, midiPitch: 60 }], [
			{ ticks: 480, midi: 90 },
			{ ticks: 960, midi: 90 }
		], 5);
		expect(curve).toEqual([0, 0, 1200, 1200, 1200]);
	});

	it('is checked as an expression setting: 2–64 finite points within ±1200 cents', () => {
		expect(expressionProblem({ pitchCurveCents: [0, 50, 0] })).toBeNull();
		expect(expressionProblem({ pitchCurveCents: [0] })).toMatch(/2 to 64 points/);
		expect(expressionProblem({ pitchCurveCents: [0, 1300] })).toMatch(/±1200 cents/);
		expect(expressionProblem({ pitchCurveCents: [0, 'up'] })).toMatch(/±1200 cents/);
		expect(pitchCurveProblem(new Array(65).fill(0))).toMatch(/2 to 64 points/);
	});

	it('splits at a fraction into two curves that together trace the original', () => {
		const [a, b] = splitPitchCurve([0, 200, 0], 0.5);
		expect(a[0]).toBe(0);
		expect(a[a.length - 1]).toBe(200);
		expect(b[0]).toBe(200);
		expect(b[b.length - 1]).toBe(0);
	});
});
