import { describe, expect, it } from 'vitest';
import { biquadsMagnitudeDb, filterBiquads, highShelfBiquad, peakingBiquad } from '../../../src/lib/audio/biquad';
import { compress, compressorGainDb } from '../../../src/lib/audio/compressor';
import { mixStems } from '../../../src/lib/audio/mix-stems';
import { designReverb, reverbWet, reverberate } from '../../../src/lib/audio/reverb';
import { processVocal, vocalEqSections, vocalHighPassSections } from '../../../src/lib/audio/vocal-chain';
import { concat, noiseSource, tone } from './mastering-signals';
import { db, fitSine, rms } from './signal';

const fs = 44100;

/** Steady-state gain (dB) of `sections` for a sine at `f`, measured by filtering and fitting the sine after 0.5 s. */
function measuredGainDb(sections: Parameters<typeof filterBiquads>[1], f: number): number {
	const x = tone(f, 0.5, fs, 1.5);
	const y = filterBiquads(x, sections);
	return db(fitSine(y, fs, f, Math.round(0.5 * fs)).amplitude / 0.5);
}

describe('vocal EQ', () => {
	it('the 80 Hz high-pass attenuates 40 Hz by more than 10 dB and passes 1 kHz within 1 dB (measured on sines)', () => {
		const hp = vocalHighPassSections(fs, 80);
		const at40 = measuredGainDb(hp, 40);
		const at1k = measuredGainDb(hp, 1000);
		expect(at40).toBeLessThan(-10);
		expect(Math.abs(at1k)).toBeLessThan(1);
		// 4th-order Butterworth: |H(40 Hz)|² = 1 / (1 + (80/40)^8) → −24.1 dB; −3.01 dB at the corner.
		expect(at40).toBeCloseTo(-10 * Math.log10(1 + 2 ** 8), 1);
		expect(biquadsMagnitudeDb(hp, 80, fs)).toBeCloseTo(-3.01, 2);
	});

	it('the whole EQ keeps 1 kHz within 1 dB, lifts 3 kHz by about 2 dB and the air band by about 2 dB', () => {
		const eq = vocalEqSections(fs);
		expect(Math.abs(measuredGainDb(eq, 1000))).toBeLessThan(1);
		expect(measuredGainDb(eq, 3000)).toBeGreaterThan(1.5);
		expect(measuredGainDb(eq, 3000)).toBeLessThan(3);
		expect(Math.abs(biquadsMagnitudeDb(eq, 18000, fs) - 2)).toBeLessThan(0.5);
	});

	it('the peaking and shelf designs hit their gains exactly where the bilinear transform is exact', () => {
		expect(biquadsMagnitudeDb([peakingBiquad(3000, 4, fs, 1)], 3000, fs)).toBeCloseTo(4, 6);
		expect(biquadsMagnitudeDb([peakingBiquad(3000, 4, fs, 1)], 20, fs)).toBeCloseTo(0, 2);
		const shelf = [highShelfBiquad(8000, -6, fs)];
		expect(biquadsMagnitudeDb(shelf, fs / 2 - 1e-6, fs)).toBeCloseTo(-6, 4);
		expect(biquadsMagnitudeDb(shelf, 1e-3, fs)).toBeCloseTo(0, 6);
		expect(biquadsMagnitudeDb(shelf, 8000, fs)).toBeCloseTo(-3, 0);
	});

	it('leaves the air shelf out at 16 kHz, where 10 kHz is above 0.45·fs', () => {
		expect(vocalEqSections(16000).length).toBe(3);
		expect(vocalEqSections(44100).length).toBe(4);
	});
});

describe('compressor', () => {
	it('reduces a section 14 dB over the threshold by the ratio: −6 dBFS RMS in, −16.5 out (threshold −20, 4 : 1, ±0.3 dB)', () => {
		const quietRms = -30;
		const loudRms = -6;
		// A sine's RMS is its amplitude/√2: amplitude for a target RMS level (dBFS).
		const sine = (rmsDb: number, seconds: number) => tone(1000, Math.SQRT2 * 10 ** (rmsDb / 20), fs, seconds);
		const x = concat(sine(quietRms, 1.5), sine(loudRms, 1.5));
		const { output, maxReductionDb } = compress(x, fs, { thresholdDb: -20, ratio: 4, kneeDb: 0, attackSeconds: 0.005, releaseSeconds: 0.1 });
		// Steady state: the last 0.5 s of each section.
		const quietOut = db(rms(output, Math.round(1.0 * fs), Math.round(1.5 * fs)));
		const loudOut = db(rms(output, Math.round(2.5 * fs), Math.round(3.0 * fs)));
		expect(Math.abs(quietOut - quietRms)).toBeLessThan(0.1);
		const expectedLoud = -20 + (loudRms + 20) / 4;
		expect(Math.abs(loudOut - expectedLoud)).toBeLessThan(0.3);
		expect(Math.abs(maxReductionDb - (loudRms - expectedLoud))).toBeLessThan(0.5);
	});

	it('adds the make-up gain, and its soft knee joins the two straight lines continuously', () => {
		const x = tone(1000, 0.01, fs, 1);
		const { output } = compress(x, fs, { makeupGainDb: 6 });
		expect(db(rms(output, fs / 2, fs) / rms(x, fs / 2, fs))).toBeCloseTo(6, 2);
		for (const edge of [-23, -17]) {
			expect(compressorGainDb(edge - 1e-9, -20, 4, 6)).toBeCloseTo(compressorGainDb(edge + 1e-9, -20, 4, 6), 6);
		}
		expect(compressorGainDb(-20, -20, 4, 6)).toBeCloseTo((1 / 4 - 1) * 9 / 12, 9);
	});

	it('rejects a ratio below 1 with a RangeError naming the range', () => {
		expect(() => compress(new Float32Array(10), fs, { ratio: 0.5 })).toThrow(/ratio must be in \[1, 100\] ; got 0.5/);
	});
});

describe('reverb', () => {
	it('its tail after 1.5 s carries less than −40 dB of the direct sound\'s energy (default settings, impulse)', () => {
		const impulse = new Float32Array(3 * fs);
		impulse[0] = 1;
		const y = reverberate(impulse, fs);
		const direct = y[0] * y[0];
		let tail = 0;
		for (let i = Math.round(1.5 * fs); i < y.length; i++) tail += y[i] * y[i];
		expect(direct).toBeGreaterThan(0.5);
		expect(10 * Math.log10(tail / direct)).toBeLessThan(-40);
		// And it is a reverb: the wet path carries energy between 50 ms and 1 s.
		let body = 0;
		for (let i = Math.round(0.05 * fs); i < fs; i++) body += y[i] * y[i];
		expect(10 * Math.log10(body / direct)).toBeGreaterThan(-40);
	});

	it('decays at the requested rate: T30 from the Schroeder backward integral is within 10 % of RT60 (no damping)', () => {
		for (const decaySeconds of [0.8, 2.5]) {
			const impulse = new Float32Array(Math.round(decaySeconds * 1.5 * fs));
			impulse[0] = 1;
			const h = reverbWet(impulse, fs, { decaySeconds, dampingHz: Infinity, predelaySeconds: 0 });
			// Schroeder (1965): the energy decay curve is the backward integral of h².
			const edc = new Float64Array(h.length + 1);
			for (let i = h.length - 1; i >= 0; i--) edc[i] = edc[i + 1] + h[i] * h[i];
			const level = (i: number) => 10 * Math.log10(edc[i] / edc[0]);
			const first = (target: number) => {
				let i = 0;
				while (level(i) > target) i++;
				return i / fs;
			};
			// ISO 3382-1 T30: the time from −5 to −35 dB, doubled.
			const t30 = 2 * (first(-35) - first(-5));
			expect(Math.abs(t30 / decaySeconds - 1), `RT60 ${decaySeconds} s measured ${t30.toFixed(2)} s`).toBeLessThan(0.1);
		}
	});

	it('is stable: every loop gain is below one, and 4 s of full-scale noise at the longest decay dies away', () => {
		for (const sampleRate of [16000, 44100, 96000]) {
			const design = designReverb(sampleRate, { decaySeconds: 10 });
			for (const g of design.combGains) expect(g).toBeLessThan(1);
			expect(new Set(design.combDelaySamples).size).toBe(design.combDelaySamples.length);
		}
		const next = noiseSource(3);
		const x = new Float32Array(20 * fs);
		for (let i = 0; i < 4 * fs; i++) x[i] = next();
		const wet = reverbWet(x, fs, { decaySeconds: 10 });
		expect(wet.every(Number.isFinite)).toBe(true);
		const afterInput = rms(wet, 4 * fs, 5 * fs);
		const end = rms(wet, 19 * fs, 20 * fs);
		// 14 s after the input stops, at 6 dB/s (60 dB in 10 s): about 84 dB down; ask for 60.
		expect(db(end / afterInput)).toBeLessThan(-60);
	});
});

describe('processVocal', () => {
	it('on a quiet 1 kHz tone (below the compressor) without reverb: the EQ gain only, within 0.2 dB', () => {
		const x = tone(1000, 0.02, fs, 2);
		const y = processVocal(x, fs, { reverb: false });
		const expected = biquadsMagnitudeDb(vocalEqSections(fs), 1000, fs);
		expect(db(fitSine(y, fs, 1000, fs, 2 * fs).amplitude / 0.02)).toBeCloseTo(expected, 1);
		expect(y.length).toBe(x.length);
	});

	it('with the defaults returns a finite signal of the same length with a reverb tail after the note', () => {
		const x = concat(tone(440, 0.3, fs, 1), new Float32Array(fs));
		const y = processVocal(x, fs);
		expect(y.length).toBe(x.length);
		expect(y.every(Number.isFinite)).toBe(true);
		expect(rms(y, Math.round(1.1 * fs), Math.round(1.4 * fs))).toBeGreaterThan(1e-4);
	});
});

describe('mixStems', () => {
	it('applies the vocal and backing gains, with −3 dB per side for a centred vocal (sine/cosine pan law)', () => {
		const vocal = tone(1000, 0.5, fs, 1);
		const backing = [tone(300, 0.4, fs, 1), tone(300, 0.2, fs, 1)];
		const [left, right] = mixStems(vocal, backing, fs, { vocalGainDb: -6, backingGainDb: -12 });
		const vocalSide = 0.5 * 10 ** (-6 / 20) * Math.SQRT1_2;
		expect(fitSine(left, fs, 1000).amplitude).toBeCloseTo(vocalSide, 4);
		expect(fitSine(right, fs, 1000).amplitude).toBeCloseTo(vocalSide, 4);
		expect(fitSine(left, fs, 300).amplitude).toBeCloseTo(0.4 * 10 ** (-12 / 20), 4);
		expect(fitSine(right, fs, 300).amplitude).toBeCloseTo(0.2 * 10 ** (-12 / 20), 4);
	});

	it('pans hard left, sends a mono backing to both sides, and lasts as long as the longer stem', () => {
		const vocal = tone(1000, 0.5, fs, 2);
		const backing = [tone(300, 0.4, fs, 1)];
		const [left, right] = mixStems(vocal, backing, fs, { vocalPan: -1 });
		expect(left.length).toBe(2 * fs);
		expect(fitSine(left, fs, 1000).amplitude).toBeCloseTo(0.5, 4);
		expect(fitSine(right, fs, 1000).amplitude).toBeLessThan(1e-6);
		expect(fitSine(right, fs, 300, 0, fs).amplitude).toBeCloseTo(0.4, 4);
	});

	it('rejects a pan outside [−1, 1] with a RangeError naming the range', () => {
		expect(() => mixStems(new Float32Array(4), [new Float32Array(4)], fs, { vocalPan: 2 })).toThrow(/vocalPan must be in \[-1, 1\] ; got 2/);
	});
});
