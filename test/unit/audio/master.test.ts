import { describe, expect, it } from 'vitest';
import { limiterGainCurve } from '../../../src/lib/audio/limiter';
import { measureLoudness } from '../../../src/lib/audio/loudness';
import { masterToLoudness } from '../../../src/lib/audio/master';
import { measureTruePeak } from '../../../src/lib/audio/true-peak';
import { denseMix, noiseSource, pinkNoise, sparsePlucks, squareWave, tone, vocalOverBacking } from './mastering-signals';

/**
 * A finer meter than the limiter's own (×16, 128 taps per phase, 100 dB), closer to the ideal
 * reconstruction: checks the ceiling holds on the waveform, not only on the meter's ×4 grid.
 */
const FINE_METER = { oversampling: 16, tapsPerPhase: 128, stopbandDb: 100 };

/**
 * `fineSlackDb`: how far over the ceiling the fine meter may read. The dense mix's snare is white
 * noise up to Nyquist, heavily limited; content in the last ~7 % below Nyquist is where filters of
 * different lengths disagree on the reconstruction (the ×4 meter's 64-tap filter is −6 dB at
 * fs/2), and there the fine meter reads ~0.3 dB higher. Elsewhere the two agree within 0.05 dB.
 */
const signals: { name: string; fs: number; make: () => Float32Array[]; fineSlackDb?: number }[] = [
	{ name: 'dense drums + bass + pads, 44.1 kHz stereo', fs: 44100, make: () => denseMix(44100, 8), fineSlackDb: 0.4 },
	{ name: 'quiet sparse plucks (peak −40 dBFS), 48 kHz mono', fs: 48000, make: () => sparsePlucks(48000, 9) },
	{ name: 'full-scale 100 Hz square wave (true peak above 0 dBTP), 44.1 kHz', fs: 44100, make: () => squareWave(100, 44100, 6) },
	{ name: 'pink noise at 96 kHz (×2 oversampling)', fs: 96000, make: () => [pinkNoise(96000, 4, 3), pinkNoise(96000, 4, 4)] },
	{ name: 'vocal chain + mixStems output, 44.1 kHz', fs: 44100, make: () => vocalOverBacking(44100, 8) }
];

describe('masterToLoudness reaches −14 LUFS under −1 dBTP (defaults)', () => {
	for (const { name, fs, make, fineSlackDb = 0.05 } of signals) {
		it(`${name}: −14 ± 0.2 LUFS by an independent measurement, ≤ −1 dBTP (BS.1770-4 Annex 2 meter), ≤ ${(-1 + fineSlackDb).toFixed(2)} dBTP (×16 meter)`, () => {
			const input = make();
			const { channels, report } = masterToLoudness(input, fs);
			expect(report.converged).toBe(true);
			const outputLufs = measureLoudness(channels, fs).integratedLufs;
			expect(Math.abs(outputLufs + 14)).toBeLessThanOrEqual(0.2);
			expect(Math.abs(report.outputLufs - outputLufs)).toBeLessThan(1e-9);
			const truePeak = measureTruePeak(channels, fs).truePeakDbtp;
			expect(truePeak).toBeLessThanOrEqual(-1);
			expect(report.truePeakDbtp).toBeLessThanOrEqual(-1);
			expect(report.truePeakDbtp).toBeGreaterThanOrEqual(truePeak - 1e-6);
			expect(measureTruePeak(channels, fs, FINE_METER).truePeakDbtp).toBeLessThanOrEqual(-1 + fineSlackDb);
			expect(report.inputLufs).toBeCloseTo(measureLoudness(input, fs).integratedLufs, 9);
			expect(channels.length).toBe(input.length);
			expect(channels[0].length).toBe(input[0].length);
		});
	}

	it('limits the dense mix by 6 dB or more, and leaves a quiet sine unlimited (gain only, exact)', () => {
		const dense = masterToLoudness(denseMix(44100, 12), 44100).report;
		expect(dense.maxReductionDb).toBeGreaterThanOrEqual(6);
		expect(dense.gainDb).toBeGreaterThan(-14 - dense.inputLufs);

		const sine = tone(1000, 0.05, 44100, 5);
		const { channels, report } = masterToLoudness([sine, sine], 44100);
		expect(report.maxReductionDb).toBeLessThan(0.01);
		expect(report.gainDb).toBeCloseTo(-14 - report.inputLufs, 6);
		// A pure gain: the output is the input times 10^(gain/20).
		const gain = 10 ** (report.gainDb / 20);
		for (let i = 0; i < sine.length; i += 97) expect(channels[0][i]).toBeCloseTo(sine[i] * gain, 5);
	});

	it('honours other targets: −16 LUFS under −2 dBTP on the dense mix', () => {
		const { channels } = masterToLoudness(denseMix(44100, 8), 44100, { targetLufs: -16, ceilingDbtp: -2 });
		expect(Math.abs(measureLoudness(channels, 44100).integratedLufs + 16)).toBeLessThanOrEqual(0.2);
		expect(measureTruePeak(channels, 44100).truePeakDbtp).toBeLessThanOrEqual(-2);
	});

	it('stops at maxGainDb when the target is out of reach, and says so', () => {
		const input = sparsePlucks(44100, 6);
		const { channels, report } = masterToLoudness(input, 44100, { maxGainDb: 10 });
		expect(report.converged).toBe(false);
		expect(report.gainDb).toBe(10);
		expect(report.outputLufs).toBeLessThan(-14 - 5);
		expect(measureTruePeak(channels, 44100).truePeakDbtp).toBeLessThanOrEqual(-1);
	});

	it('returns silence unchanged, marked not converged', () => {
		const silence = [new Float32Array(44100), new Float32Array(44100)];
		const { channels, report } = masterToLoudness(silence, 44100);
		expect(report.converged).toBe(false);
		expect(report.outputLufs).toBe(-Infinity);
		expect(channels[0].every((v) => v === 0)).toBe(true);
	});

	it('rejects out-of-range options with a RangeError naming the value and range', () => {
		const x = [tone(1000, 0.1, 44100, 1)];
		expect(() => masterToLoudness(x, 44100, { targetLufs: -50 })).toThrow(/targetLufs must be in \[-40, -5\] LUFS; got -50/);
		expect(() => masterToLoudness(x, 44100, { ceilingDbtp: 1 })).toThrow(/ceilingDbtp must be in \[-12, 0\] dBTP; got 1/);
		const bad = tone(1000, 0.1, 44100, 1);
		bad[5] = NaN;
		expect(() => masterToLoudness([bad], 44100)).toThrow(/channel 0 holds NaN at sample 5/);
	});
});

describe('limiterGainCurve', () => {
	it('never exceeds the required gain, stays in (0, 1], and meets isolated peaks exactly', () => {
		const fs = 44100;
		const next = noiseSource(5);
		const required = new Float32Array(fs);
		required.fill(1);
		for (let k = 0; k < 60; k++) required[Math.floor(((next() + 1) / 2) * fs)] = 0.2 + 0.7 * ((next() + 1) / 2);
		required[10] = 0.3; // a peak inside the first look-ahead window
		const curve = limiterGainCurve(required, fs);
		let worstExcess = -Infinity;
		let lowest = Infinity;
		let highest = -Infinity;
		for (let i = 0; i < fs; i++) {
			worstExcess = Math.max(worstExcess, curve[i] - required[i]);
			lowest = Math.min(lowest, curve[i]);
			highest = Math.max(highest, curve[i]);
		}
		expect(worstExcess).toBeLessThanOrEqual(1e-6);
		expect(lowest).toBeGreaterThan(0);
		expect(highest).toBeLessThanOrEqual(1 + 1e-6);
		const isolated = new Float32Array(fs).fill(1);
		isolated[fs / 2] = 0.5;
		expect(limiterGainCurve(isolated, fs)[fs / 2]).toBeCloseTo(0.5, 5);
	});

	it('ramps down over the look-ahead and releases exponentially (63 % of the way back after one time constant)', () => {
		const fs = 48000;
		const required = new Float32Array(fs).fill(1);
		const peak = 10000;
		required[peak] = 0.5;
		const curve = limiterGainCurve(required, fs, { lookaheadSeconds: 0.005, releaseSeconds: 0.1 });
		const window = Math.round(0.005 * fs);
		expect(curve[peak - window - 1]).toBeCloseTo(1, 6);
		expect(curve[peak - window / 2]).toBeGreaterThan(0.5);
		expect(curve[peak - window / 2]).toBeLessThan(1);
		// One release time constant after the held minimum (plus the smoother's length): 1 − 0.5·e^(−1) = 0.816.
		expect(curve[peak + window + Math.round(0.1 * fs)]).toBeCloseTo(1 - 0.5 * Math.exp(-1), 1);
	});
});
