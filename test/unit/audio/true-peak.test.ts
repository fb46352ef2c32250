import { describe, expect, it } from 'vitest';
import { designInterpolator, measureTruePeak, truePeakEnvelope } from '../../../src/lib/audio/true-peak';
import { tone } from './mastering-signals';

/**
 * EBU Tech 3341 (v3, 2016) true-peak cases 15–19, 48 kHz, expected value with tolerance +0.2 / −0.4 dB.
 * The signals are generated here with 10 ms raised-cosine fades: a tone switched on abruptly has a
 * band-limited reconstruction that overshoots at the switch (that overshoot is real, but the cases
 * measure the steady tone). Expected values derived analytically: a sine's true peak is its amplitude.
 */
const EBU_TRUE_PEAK_CASES: { test: number; frequencyHz: number; amplitude: number; phaseDegrees: number; expectedDbtp: number }[] = [
	{ test: 15, frequencyHz: 12000, amplitude: 0.5, phaseDegrees: 0, expectedDbtp: -6.0 },
	{ test: 16, frequencyHz: 12000, amplitude: 0.5, phaseDegrees: 45, expectedDbtp: -6.0 },
	{ test: 17, frequencyHz: 6000, amplitude: 0.5, phaseDegrees: 60, expectedDbtp: -6.0 },
	{ test: 18, frequencyHz: 8000, amplitude: 0.5, phaseDegrees: 0, expectedDbtp: -6.0 },
	// Samples at ±1.0 (0 dBFS sample peak) of a sine whose crest lies between them: amplitude √2, +3.0 dBTP.
	{ test: 19, frequencyHz: 12000, amplitude: Math.SQRT2, phaseDegrees: 45, expectedDbtp: 3.0 }
];

const samplePeakDb = (x: Float32Array) => 20 * Math.log10(x.reduce((m, v) => Math.max(m, Math.abs(v)), 0));

describe('EBU Tech 3341 true-peak cases (BS.1770-4 Annex 2, 48 kHz stereo)', () => {
	for (const c of EBU_TRUE_PEAK_CASES) {
		it(`test ${c.test}: ${c.amplitude.toFixed(2)} FS sine, ${c.frequencyHz / 1000} kHz, phase ${c.phaseDegrees}° reads ${c.expectedDbtp.toFixed(1)} dBTP (+0.2 / −0.4)`, () => {
			const x = tone(c.frequencyHz, c.amplitude, 48000, 1, c.phaseDegrees, 0.01);
			const report = measureTruePeak([x, x], 48000);
			expect(report.oversampling).toBe(4);
			expect(report.truePeakDbtp).toBeGreaterThanOrEqual(c.expectedDbtp - 0.4);
			expect(report.truePeakDbtp).toBeLessThanOrEqual(c.expectedDbtp + 0.2);
		});
	}

	it('test 19 reads about 3 dB above its sample peak (the inter-sample peak a sample meter misses)', () => {
		const x = tone(12000, Math.SQRT2, 48000, 1, 45, 0.01);
		expect(samplePeakDb(x)).toBeCloseTo(0, 3);
		expect(measureTruePeak([x], 48000).truePeakDbtp - samplePeakDb(x)).toBeGreaterThan(2.9);
	});
});

describe('measureTruePeak', () => {
	it('reads a sine at any phase within ±0.03 dB of its amplitude at 997 Hz and 5 kHz (×4 grid error ≤ 0.015 dB)', () => {
		for (const f of [997, 5000]) {
			for (let phase = 0; phase < 360; phase += 15) {
				const dbtp = measureTruePeak([tone(f, 0.5, 48000, 0.2, phase, 0.01)], 48000).truePeakDbtp;
				expect(Math.abs(dbtp - 20 * Math.log10(0.5)), `${f} Hz, ${phase}°`).toBeLessThan(0.03);
			}
		}
	});

	it('oversamples ×2 from 88.2 kHz and still meets the +0.2 / −0.4 dB tolerance on a 12 kHz tone', () => {
		const x = tone(12000, 0.5, 96000, 0.5, 45, 0.01);
		const report = measureTruePeak([x], 96000);
		expect(report.oversampling).toBe(2);
		expect(report.truePeakDbtp).toBeGreaterThanOrEqual(-6.02 - 0.4);
		expect(report.truePeakDbtp).toBeLessThanOrEqual(-6.02 + 0.2);
	});

	it('reports per-channel peaks and −∞ for a silent channel', () => {
		const x = tone(1000, 0.25, 44100, 0.5, 0, 0.01);
		const report = measureTruePeak([x, new Float32Array(x.length)], 44100);
		// ±0.01 dB: the 60 dB Kaiser design has ~0.1 % pass-band ripple.
		expect(Math.abs(report.channelDbtp[0] - 20 * Math.log10(0.25))).toBeLessThan(0.01);
		expect(report.channelDbtp[1]).toBe(-Infinity);
		expect(Math.abs(report.truePeakLinear - 0.25)).toBeLessThan(0.25 * 0.0012);
	});

	it('rejects bad options with a RangeError naming the value and range', () => {
		const x = [new Float32Array(100)];
		expect(() => measureTruePeak(x, 48000, { oversampling: 3.5 })).toThrow(/oversampling must be a whole number in \[1, 16\]; got 3.5/);
		expect(() => measureTruePeak(x, 48000, { tapsPerPhase: 7 })).toThrow(/tapsPerPhase/);
		expect(() => measureTruePeak(x, 100)).toThrow(/sampleRate/);
	});
});

describe('the polyphase interpolator', () => {
	it('phase 0 is the identity (a windowed sinc is zero at the other input samples) and every phase has unit DC gain', () => {
		const { phases, halfTaps } = designInterpolator(4);
		phases[0].forEach((tap, i) => expect(tap).toBeCloseTo(i === halfTaps - 1 ? 1 : 0, 12));
		for (const row of phases) expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
	});

	it('reconstructs a 1 kHz and a 15 kHz sine at 44.1 kHz: the per-sample envelope matches the analytic one within 0.3 %', () => {
		const fs = 44100;
		for (const f of [1000, 15000]) {
			const amplitude = 0.5;
			const x = tone(f, amplitude, fs, 0.2);
			const envelope = truePeakEnvelope([x], fs);
			// Away from the edges (the filter's 16-sample reach), compare with max |sin| at n + p/4.
			for (let n = 100; n < x.length - 100; n++) {
				let expected = 0;
				for (let p = 0; p < 4; p++) expected = Math.max(expected, Math.abs(amplitude * Math.sin((2 * Math.PI * f * (n + p / 4)) / fs)));
				expect(Math.abs(envelope[n] - expected), `${f} Hz, sample ${n}`).toBeLessThan(0.003 * amplitude);
			}
		}
	});
});

describe('true-peak implementation details', () => {
	it('the SIMD and scalar kernels agree within 1e-5, across block boundaries (3 blocks of 65536 samples)', () => {
		const x = tone(7000, 0.7, 44100, 4.5, 10);
		const fast = truePeakEnvelope([x], 44100, { refine: true });
		const slow = truePeakEnvelope([x], 44100, { refine: true, simd: false });
		let worst = 0;
		for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(fast[i] - slow[i]));
		expect(worst).toBeLessThan(1e-5);
	});

	it('refinement reads a lone 15 kHz crest (44.1 kHz) within 0.05 dB wherever it falls, where the plain ×4 grid misses up to ~0.3 dB', () => {
		// A Gaussian-windowed 15 kHz burst (σ = 0.08 ms: the neighbouring crests are 3 dB lower, and the
		// band stays under 19 kHz) whose crest, exactly at t0, has amplitude 0.5; t0 moves in sixteenths
		// of a sample, so the crest falls everywhere between grid points (a 30.6° grid at ×4).
		const fs = 44100;
		let worstPlain = 0;
		let worstRefined = 0;
		for (let k = 0; k < 16; k++) {
			const t0 = 0.01 + k / 16 / fs;
			const x = new Float32Array(Math.round(0.02 * fs));
			for (let i = 0; i < x.length; i++) {
				const t = i / fs - t0;
				x[i] = 0.5 * Math.exp(-(t * t) / (2 * 0.00008 ** 2)) * Math.cos(2 * Math.PI * 15000 * t);
			}
			const exact = 20 * Math.log10(0.5);
			worstPlain = Math.max(worstPlain, exact - measureTruePeak([x], fs).truePeakDbtp);
			worstRefined = Math.max(worstRefined, Math.abs(measureTruePeak([x], fs, { refine: true }).truePeakDbtp - exact));
		}
		expect(worstRefined).toBeLessThan(0.05);
		expect(worstPlain).toBeGreaterThan(0.15);
	});
});
