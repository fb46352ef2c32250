import { describe, expect, it } from 'vitest';
import { estimateF0, PitchError, rawPitchAccuracy, voicingFalseAlarm, voicingRecall } from '../../../src/lib/pitch';
import { mulberry32, synthVoice, type SynthVowel } from '../../fixtures/synth-voice';

function tone(hz: number, seconds: number, sampleRate: number): Float32Array {
	const x = new Float32Array(Math.round(seconds * sampleRate));
	for (let i = 0; i < x.length; i++) x[i] = 0.5 * Math.sin((2 * Math.PI * hz * i) / sampleRate);
	return x;
}

describe('estimateF0 (pYIN + HMM)', () => {
	for (const sampleRate of [44100, 48000, 16000]) {
		it(`tracks pure tones from 80 to 800 Hz within 5 cents at ${sampleRate} Hz`, () => {
			for (const hz of [80, 150, 300, 523.25, 800]) {
				const track = estimateF0(tone(hz, 1, sampleRate), sampleRate);
				const inner = { f0: Array.from(track.f0Hz.slice(10, -10)), voiced: Array.from(track.voiced.slice(10, -10)) };
				const ref = inner.f0.map(() => hz);
				expect(rawPitchAccuracy(ref, inner.f0, { centsTolerance: 5 })).toBe(1);
				expect(voicingRecall(ref, inner.voiced)).toBe(1);
			}
		});
	}

	const vowels: SynthVowel[] = ['oo', 'mm', 'ah'];
	for (const vowel of vowels) {
		it(`synthetic "${vowel}" voice at 82–784 Hz: raw pitch ≥ 0.99, voicing recall ≥ 0.95, false alarm ≤ 0.05`, () => {
			for (const midi of [40, 47, 52, 57, 64, 69, 76, 79]) {
				const notes = [0.3, 1.1, 1.9].map((on, k) => ({ onsetSeconds: on, offsetSeconds: on + 0.6, midiPitch: midi + (k === 1 ? 2 : 0) }));
				const v = synthVoice(notes, { vowel, seed: midi });
				const track = estimateF0(v.pcm, v.sampleRate);
				const n = Math.min(track.f0Hz.length, v.truthF0.f0Hz.length);
				const ref = v.truthF0.f0Hz.subarray(0, n);
				expect(rawPitchAccuracy(ref, track.f0Hz.subarray(0, n)), `midi ${midi}`).toBeGreaterThanOrEqual(0.99);
				expect(voicingRecall(ref, track.voiced.subarray(0, n)), `midi ${midi}`).toBeGreaterThanOrEqual(0.95);
				expect(voicingFalseAlarm(ref, track.voiced.subarray(0, n)), `midi ${midi}`).toBeLessThanOrEqual(0.05);
			}
		});
	}

	it('calls silence and white noise unvoiced', () => {
		const sampleRate = 44100;
		const silence = new Float32Array(sampleRate);
		expect(estimateF0(silence, sampleRate).voiced.every((v) => v === 0)).toBe(true);
		const rand = mulberry32(3);
		for (const level of [0.01, 0.3]) {
			const noise = new Float32Array(3 * sampleRate).map(() => level * (rand() - 0.5));
			const track = estimateF0(noise, sampleRate);
			const voicedFraction = track.voiced.reduce((s, v) => s + v, 0) / track.voiced.length;
			expect(voicedFraction).toBeLessThanOrEqual(0.01);
		}
	});

	it('reports frames every hopSeconds and a voicing probability in [0, 1]', () => {
		const track = estimateF0(tone(220, 2, 44100), 44100, { hopSeconds: 0.01 });
		expect(track.hopSeconds).toBe(0.01);
		expect(track.f0Hz.length).toBe(201);
		expect(track.voicedProb.every((p) => p >= 0 && p <= 1)).toBe(true);
	});

	it('analyses 60 s of voice at 44.1 kHz in under 1.5 s (about 0.45 s measured on one core)', () => {
		const notes = Array.from({ length: 100 }, (_, k) => ({ onsetSeconds: 0.6 * k, offsetSeconds: 0.6 * k + 0.5, midiPitch: 55 + (k % 12) }));
		const v = synthVoice(notes, { durationSeconds: 60, vowel: 'ah' });
		estimateF0(v.pcm.subarray(0, 44100), 44100);
		const t0 = performance.now();
		const track = estimateF0(v.pcm, v.sampleRate);
		const ms = performance.now() - t0;
		console.log(`estimateF0: 60 s of audio in ${ms.toFixed(0)} ms`);
		expect(track.f0Hz.length).toBe(12001);
		expect(ms).toBeLessThan(1500);
	});

	it('rejects an impossible sample rate with a stable code', () => {
		expect(() => estimateF0(new Float32Array(10), 0)).toThrowError(PitchError);
		try {
			estimateF0(new Float32Array(10), Number.NaN);
		} catch (e) {
			expect((e as PitchError).code).toBe('invalid_sample_rate');
		}
	});
});
