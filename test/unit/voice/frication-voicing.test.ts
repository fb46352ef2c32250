/**
 * Frication the f0 tracker took for voicing (frication-voicing.ts): in a voiceless onset, frames
 * with as much energy above 2 kHz as below are made unvoiced; the vowel's frames, a voiced frame
 * of the onset (voicing started before the aligned vowel) and other onsets are left as they were.
 */
import { describe, expect, it } from 'vitest';
import { unvoiceFrication } from '../../../src/lib/voice/frication-voicing';
import { uniformNoise } from '../../helpers/vocoder-signals';

const RATE = 44100;
const FP = 0.005;
const FRAME = FP * RATE;

/** Deterministic white noise in [−1, 1): as much energy above 2 kHz as a hiss has, and more. */
const noise = (length: number) => Float32Array.from(uniformNoise(length, 11), (v) => 2 * v);

/** A vowel-like voiced sound at `f0Hz`: harmonics falling 12 dB an octave. */
function voicedTone(length: number, f0Hz: number): Float32Array {
	return Float32Array.from({ length }, (_, i) => {
		let v = 0;
		for (let h = 1; h * f0Hz < 8000; h++) v += Math.sin((2 * Math.PI * h * f0Hz * i) / RATE) / (h * h);
		return 0.3 * v;
	});
}

/** Unit frames 0–14 a hiss, 15–17 voicing starting under the onset, 18–39 the vowel; the tracker says 5–39 are voiced. */
function reading(): { pcm: Float32Array; f0Hz: Float32Array } {
	const pcm = new Float32Array(Math.round(45 * FRAME));
	pcm.set(noise(Math.round(15 * FRAME)).map((v) => 0.2 * v), 0);
	pcm.set(voicedTone(Math.round(30 * FRAME), 140), Math.round(15 * FRAME));
	return { pcm, f0Hz: Float32Array.from({ length: 40 }, (_, i) => (i >= 5 ? 140 : 0)) };
}

describe('unvoiceFrication', () => {
	it('makes the hiss the tracker called voiced unvoiced, and leaves the voicing before the vowel and the vowel voiced', () => {
		const { pcm, f0Hz } = reading();
		// Frames 0–13 centred wholly in the hiss (frame 14's window reaches 5.8 ms into the voicing).
		const changed = unvoiceFrication(pcm, RATE, FP, { onset: ['ʂ'], nucleusStartFrame: 18 }, 0, f0Hz);
		expect(Array.from(f0Hz.subarray(5, 14))).toEqual(new Array(9).fill(0));
		expect(Array.from(f0Hz.subarray(15))).toEqual(new Array(25).fill(140));
		expect(changed).toBeGreaterThanOrEqual(9);
		expect(changed).toBeLessThanOrEqual(10);
	});

	it('leaves a voiced or sonorant onset alone, and the frames after the vowel starts', () => {
		for (const onset of [['m'], ['z'], []]) {
			const { pcm, f0Hz } = reading();
			expect(unvoiceFrication(pcm, RATE, FP, { onset, nucleusStartFrame: 18 }, 0, f0Hz)).toBe(0);
			expect(f0Hz.filter((v) => v > 0).length).toBe(35);
		}
		const { pcm, f0Hz } = reading();
		unvoiceFrication(pcm, RATE, FP, { onset: ['s'], nucleusStartFrame: 8 }, 0, f0Hz);
		expect(Array.from(f0Hz.subarray(8, 14))).toEqual(new Array(6).fill(140));
	});

	it('reads the unit where it lies in the reading (frames from unitStartFrame)', () => {
		const { pcm, f0Hz } = reading();
		const shifted = new Float32Array(pcm.length + Math.round(100 * FRAME));
		shifted.set(pcm, Math.round(100 * FRAME));
		unvoiceFrication(shifted, RATE, FP, { onset: ['s'], nucleusStartFrame: 18 }, 100, f0Hz);
		expect(Array.from(f0Hz.subarray(5, 14))).toEqual(new Array(9).fill(0));
		expect(f0Hz[20]).toBe(140);
	});
});
