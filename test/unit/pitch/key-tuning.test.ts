import { describe, expect, it } from 'vitest';
import { estimateKey, estimateTuningCents, type NoteEvent } from '../../../src/lib/pitch';

const MAJOR = [0, 2, 4, 5, 7, 9, 11, 12];
const HARMONIC_MINOR = [0, 2, 3, 5, 7, 8, 11, 12];

/** A scale up and down, tonic and fifth held longer, as a melody would stress them. */
function scale(tonicMidi: number, steps: number[], detuneCents = 0): NoteEvent[] {
	const degrees = [...steps, ...steps.slice(0, -1).reverse()];
	let t = 0;
	return degrees.map((d) => {
		const len = d % 12 === 0 || d === 7 ? 0.8 : 0.4;
		const n = { onsetSeconds: t, offsetSeconds: t + len, midiPitch: tonicMidi + d + detuneCents / 100, confidence: 0.9 };
		t += len + 0.05;
		return n;
	});
}

describe('estimateKey (Krumhansl–Kessler)', () => {
	const cases: [number, string][] = [
		[60, 'C'], [62, 'D'], [64, 'E'], [65, 'F'], [67, 'G'], [69, 'A'], [70, 'Bb'], [63, 'Eb']
	];
	for (const [tonic, name] of cases) {
		it(`names a ${name} major scale "${name} major"`, () => {
			const key = estimateKey(scale(tonic, MAJOR));
			expect(key?.name).toBe(`${name} major`);
			expect(key?.tonicPitchClass).toBe(tonic % 12);
		});
		it(`names a ${name} harmonic minor scale "${name} minor"`, () => {
			const key = estimateKey(scale(tonic, HARMONIC_MINOR));
			expect(key?.name).toBe(`${name} minor`);
			expect(key?.mode).toBe('minor');
			expect(key!.confidence).toBeGreaterThan(0);
		});
	}

	it('finds the key of a melody sung 45 cents flat once the tuning is given', () => {
		const notes = scale(67, MAJOR, -45);
		const tuningCents = estimateTuningCents(notes);
		expect(estimateKey(notes, { tuningCents })?.name).toBe('G major');
	});

	it('returns null without pitch-class information', () => {
		expect(estimateKey([])).toBeNull();
		expect(estimateKey([{ onsetSeconds: 0, offsetSeconds: 1, midiPitch: 60, confidence: 1 }])).toBeNull();
	});
});

describe('estimateTuningCents', () => {
	it('measures a melody sung 30 cents sharp as +30 ± 5 cents', () => {
		const notes = scale(62, MAJOR, 30).map((n, i) => ({ ...n, midiPitch: n.midiPitch + ((i % 3) - 1) * 0.04 }));
		expect(Math.abs(estimateTuningCents(notes) - 30)).toBeLessThanOrEqual(5);
	});

	it('treats +49 and −49 cents as neighbours (circular mean)', () => {
		const notes: NoteEvent[] = [
			{ onsetSeconds: 0, offsetSeconds: 1, midiPitch: 60.49, confidence: 1 },
			{ onsetSeconds: 1, offsetSeconds: 2, midiPitch: 63.51, confidence: 1 }
		];
		expect(Math.abs(Math.abs(estimateTuningCents(notes)) - 50)).toBeLessThanOrEqual(1);
	});
});
