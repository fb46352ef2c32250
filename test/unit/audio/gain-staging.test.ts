import { describe, expect, it } from 'vitest';
import { applyGainDb, balanceGainDb, samplePeak, stageToLoudness, stageToPeak } from '../../../src/lib/audio/gain-staging';
import { measureLoudness } from '../../../src/lib/audio/loudness';
import { mixStems, STEM_GAIN_RANGE_DB } from '../../../src/lib/audio/mix-stems';
import { processVocal } from '../../../src/lib/audio/vocal-chain';
import { db, sine } from './signal';

const fs = 44100;
const PEAKS_DBFS = [-40, -30, -20, -6, 0];

/** A sung-like test signal: a 220 Hz tone with a slow swell, `seconds` long, peaking at `peakDbfs`. */
function swell(peakDbfs: number, seconds = 3): Float32Array {
	const x = sine(220, fs, seconds, 1);
	for (let i = 0; i < x.length; i++) x[i] *= 0.3 + 0.7 * Math.sin((Math.PI * i) / x.length);
	return applyGainDb(x, peakDbfs - db(samplePeak(x)));
}

describe('gain staging', () => {
	it.each(PEAKS_DBFS)('brings a take peaking at %i dBFS to the −6 dBFS reference peak', (peakDbfs) => {
		const staged = stageToPeak(swell(peakDbfs));
		expect(db(samplePeak(staged.signal))).toBeCloseTo(-6, 4);
		expect(staged.gainDb).toBeCloseTo(-6 - peakDbfs, 1);
	});

	it.each(PEAKS_DBFS)('brings a vocal peaking at %i dBFS to −18 LUFS before the vocal chain', (peakDbfs) => {
		const staged = stageToLoudness(swell(peakDbfs), fs, { targetLufs: -18 });
		expect(measureLoudness([staged.signal], fs).integratedLufs).toBeCloseTo(-18, 2);
	});

	it('gives the vocal chain the same output whatever the level of the vocal it is fed', () => {
		const [quiet, loud] = [-40, 0].map((peakDbfs) => processVocal(stageToLoudness(swell(peakDbfs), fs).signal, fs, { reverb: false }));
		expect(Math.abs(measureLoudness([quiet], fs).integratedLufs - measureLoudness([loud], fs).integratedLufs)).toBeLessThan(0.01);
	});

	it('leaves digital silence as it is, and caps the boost', () => {
		const silence = new Float32Array(fs);
		expect(stageToPeak(silence)).toEqual({ signal: silence, gainDb: 0 });
		expect(stageToLoudness(silence, fs)).toEqual({ signal: silence, gainDb: 0 });
		expect(stageToPeak(swell(-90), { maxBoostDb: 60 }).gainDb).toBe(60);
		expect(stageToLoudness(swell(-60), fs, { maxBoostDb: 30 }).gainDb).toBe(30);
	});

	it('keeps a stem balance gain inside what the stem mixer accepts, so mixing never throws', () => {
		// The quiet vocadito_1 take's vocal measured −42.3 LUFS: 24.3 dB to its −18 LUFS reference, plus a +12 dB fader.
		const gainDb = balanceGainDb(-42.3, -18, 12);
		expect(gainDb).toBe(STEM_GAIN_RANGE_DB.max);
		expect(() => mixStems(swell(-40), [swell(-6)], fs, { vocalGainDb: gainDb })).not.toThrow();
		expect(balanceGainDb(-20, -18, -3)).toBeCloseTo(-1, 10);
		expect(balanceGainDb(-Infinity, -18, 2)).toBe(2);
		expect(balanceGainDb(20, -18, -96)).toBe(STEM_GAIN_RANGE_DB.min);
	});
});
