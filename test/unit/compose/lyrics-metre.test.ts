/** Metrical strength of positions in the bar, the grid the lyric fitter sets stresses against. */
import { describe, expect, it } from 'vitest';
import { isStrongBeat, metricStrength } from '../../../src/lib/compose/lyrics-metre';
import { PPQ } from '../../../src/lib/song/types';

const beat = (n: number) => n * PPQ;

describe('metricStrength', () => {
	it('ranks 4/4 positions: downbeat > beat 3 > beats 2 and 4 > off-beats > sixteenths', () => {
		const ts = { beatsPerBar: 4, beatUnit: 4 };
		const s = [0, 1, 2, 3, 0.5, 0.25].map((b) => metricStrength(beat(b), ts));
		expect(s).toEqual([1, 0.5, 0.9, 0.5, 0.25, 0.1]);
		// The next bar starts again on a downbeat.
		expect(metricStrength(beat(4), ts)).toBe(1);
		expect([0, 1, 2, 3].map((b) => isStrongBeat(beat(b), ts))).toEqual([true, false, true, false]);
	});

	it('has one strong beat in 3/4 and two (1 and 4) in 6/8', () => {
		const waltz = { beatsPerBar: 3, beatUnit: 4 };
		expect([0, 1, 2, 3].map((b) => isStrongBeat(beat(b), waltz))).toEqual([true, false, false, true]);
		const sixEight = { beatsPerBar: 6, beatUnit: 8 };
		const eighths = [0, 1, 2, 3, 4, 5].map((e) => isStrongBeat((e * PPQ) / 2, sixEight));
		expect(eighths).toEqual([true, false, false, true, false, false]);
		expect(metricStrength(PPQ / 2, sixEight)).toBe(0.25);
	});

	it('refuses a time signature with a zero', () => {
		expect(() => metricStrength(0, { beatsPerBar: 0, beatUnit: 4 })).toThrow(/not valid/);
	});
});
