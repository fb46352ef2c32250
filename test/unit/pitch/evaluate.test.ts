import { describe, expect, it } from 'vitest';
import { noteFMeasure, rawPitchAccuracy, sampleTrackAt, voicingFalseAlarm, voicingRecall } from '../../../src/lib/pitch';

describe('evaluation metrics', () => {
	it('counts raw pitch accuracy on reference-voiced frames only, with a 50 cent tolerance', () => {
		const ref = [0, 100, 200, 400, 0];
		const est = [300, 102.9, 210, 0, 0]; // 102.9 Hz is +49 cents, 210 Hz +84 cents
		expect(rawPitchAccuracy(ref, est)).toBeCloseTo(1 / 3, 12);
		expect(rawPitchAccuracy(ref, est, { centsTolerance: 100 })).toBeCloseTo(2 / 3, 12);
	});

	it('computes voicing recall and false alarm', () => {
		const ref = [0, 0, 0, 0, 100, 100, 100, 100];
		const voiced = [1, 0, 0, 0, 1, 1, 1, 0];
		expect(voicingRecall(ref, voiced)).toBe(0.75);
		expect(voicingFalseAlarm(ref, voiced)).toBe(0.25);
	});

	it('samples a track at other times, interpolating f0 in log frequency', () => {
		const track = { hopSeconds: 0.01, f0Hz: Float32Array.from([100, 200, 0]), voicedProb: new Float32Array(3), voiced: Uint8Array.from([1, 1, 0]) };
		const s = sampleTrackAt(track, [0.005, 0.014, 0.03]);
		expect(s.f0Hz[0]).toBeCloseTo(Math.SQRT2 * 100, 3);
		expect(s.voiced[1]).toBe(1);
		expect(s.voiced[2]).toBe(0);
	});

	it('matches notes one-to-one with the largest matching (onset ±50 ms, pitch ±50 cents)', () => {
		const ref = [
			{ onsetSeconds: 1.0, midiPitch: 60 },
			{ onsetSeconds: 1.04, midiPitch: 60 },
			{ onsetSeconds: 2.0, midiPitch: 62 }
		];
		// est[0] could match either ref; a greedy matcher that pairs it with ref[0] loses ref[1].
		const est = [
			{ onsetSeconds: 1.02, midiPitch: 60.2 },
			{ onsetSeconds: 0.97, midiPitch: 59.7 },
			{ onsetSeconds: 2.06, midiPitch: 62 },
			{ onsetSeconds: 3.0, midiPitch: 64 }
		];
		const f = noteFMeasure(ref, est);
		expect(f.matches.length).toBe(2);
		expect(f.recall).toBeCloseTo(2 / 3, 12);
		expect(f.precision).toBeCloseTo(2 / 4, 12);
		expect(f.fMeasure).toBeCloseTo((2 * (2 / 3) * 0.5) / (2 / 3 + 0.5), 12);
		// est[2] is 60 ms late: out of tolerance. One inside it completes the matching.
		expect(noteFMeasure(ref, [...est, { onsetSeconds: 2.03, midiPitch: 61.6 }]).matches.length).toBe(3);
	});
});
