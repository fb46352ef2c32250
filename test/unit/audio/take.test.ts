import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeAudio } from '../../../src/lib/audio/decode';
import { isAudioInputError } from '../../../src/lib/audio/errors';
import { mixToMono } from '../../../src/lib/audio/mono';
import { checkTake, durationOf, prepareTake, STUDIO_SAMPLE_RATE } from '../../../src/lib/audio/take';
import type { DecodedAudio } from '../../../src/lib/audio/types';
import { seededRandom } from '../../fixtures/bad-inputs';
import { SHARED_DATA } from '../../helpers/paths';
import { db, fitSine, sine } from './signal';

const decoded = (channels: Float32Array[], sampleRate: number): DecodedAudio => ({ sampleRate, channels, format: 'wav', warnings: [] });

function codeOf(f: () => unknown): string | undefined {
	try {
		f();
	} catch (e) {
		return isAudioInputError(e) ? e.code : `not an AudioInputError: ${String(e)}`;
	}
	return undefined;
}

describe('mixToMono', () => {
	it('averages the channels sample by sample', () => {
		const mono = mixToMono([Float32Array.from([1, 0.5, -1]), Float32Array.from([0, 0.5, 1]), Float32Array.from([0.5, 0.5, 0])]);
		expect(Array.from(mono)).toEqual([0.5, 0.5, 0]);
	});

	it('returns a copy of a single channel', () => {
		const x = Float32Array.from([0.1, 0.2]);
		const mono = mixToMono([x]);
		expect(mono).not.toBe(x);
		expect(Array.from(mono)).toEqual(Array.from(x));
	});

	it('rejects channels of different lengths', () => {
		expect(() => mixToMono([new Float32Array(3), new Float32Array(4)])).toThrow(RangeError);
	});
});

describe('prepareTake', () => {
	it('mixes a stereo take down and resamples it: 220 Hz left + 330 Hz right at 48 kHz → both at half amplitude at 44.1 kHz', () => {
		const take = prepareTake(decoded([sine(220, 48000, 4, 0.5), sine(330, 48000, 4, 0.5)], 48000));
		expect(take.sampleRate).toBe(STUDIO_SAMPLE_RATE);
		expect(take.originalChannels).toBe(2);
		expect(take.originalSampleRate).toBe(48000);
		expect(take.pcm.length).toBe(4 * 44100);
		expect(take.durationSeconds).toBe(4);
		const [start, end] = [4410, take.pcm.length - 4410];
		expect(Math.abs(db(fitSine(take.pcm, 44100, 220, start, end).amplitude / 0.25))).toBeLessThan(0.1);
		expect(Math.abs(db(fitSine(take.pcm, 44100, 330, start, end).amplitude / 0.25))).toBeLessThan(0.1);
	});

	it('reports peak and RMS level: a 0.5 sine has peak 0.5 and RMS −9.03 dBFS (±0.05 dB)', () => {
		const { stats } = prepareTake(decoded([sine(1000, 44100, 4, 0.5)], 44100));
		expect(stats.peak).toBeCloseTo(0.5, 4);
		expect(stats.rmsDb).toBeCloseTo(20 * Math.log10(0.5 / Math.SQRT2), 1);
		expect(stats.clippedFraction).toBe(0);
	});

	it('keeps the duration of an 8 kHz and a 96 kHz take (±1 sample at 44.1 kHz)', () => {
		for (const rate of [8000, 96000]) {
			const take = prepareTake(decoded([sine(300, rate, 3.7, 0.3)], rate));
			expect(Math.abs(take.durationSeconds - 3.7)).toBeLessThanOrEqual(1 / 44100);
		}
	});

	it('accepts exactly 3 s and exactly 180 s, refuses 2.99 s and 180.01 s', () => {
		const at = (seconds: number) => decoded([sine(200, 8000, seconds, 0.3)], 8000);
		expect(codeOf(() => prepareTake(at(3)))).toBeUndefined();
		expect(codeOf(() => prepareTake(at(180)))).toBeUndefined();
		expect(codeOf(() => prepareTake(at(2.99)))).toBe('too_short');
		expect(codeOf(() => prepareTake(at(180.01)))).toBe('too_long');
	});

	it('honours custom duration limits', () => {
		expect(codeOf(() => prepareTake(decoded([sine(200, 8000, 5, 0.3)], 8000), { maxSeconds: 4 }))).toBe('too_long');
		expect(codeOf(() => prepareTake(decoded([sine(200, 8000, 2, 0.3)], 8000), { minSeconds: 1 }))).toBeUndefined();
	});

	it('refuses a take with nothing above −60 dBFS (hiss at −70 dBFS) as silent_take', () => {
		const random = seededRandom(1);
		const hiss = Float32Array.from({ length: 44100 * 4 }, () => (random() * 2 - 1) * 10 ** (-70 / 20));
		expect(codeOf(() => prepareTake(decoded([hiss], 44100)))).toBe('silent_take');
	});

	it('refuses a take whose sound fills under 2% of it (one 60 ms click in 5 s) as silent_take, accepts 3%', () => {
		const withBurst = (burstSeconds: number) => {
			const x = new Float32Array(5 * 44100);
			x.set(sine(1000, 44100, burstSeconds, 0.5), 44100);
			return decoded([x], 44100);
		};
		expect(codeOf(() => prepareTake(withBurst(0.06)))).toBe('silent_take');
		expect(codeOf(() => prepareTake(withBurst(0.16)))).toBeUndefined();
	});

	it('accepts a quiet but real hum (peak −40 dBFS)', () => {
		expect(codeOf(() => prepareTake(decoded([sine(220, 44100, 4, 0.01)], 44100)))).toBeUndefined();
	});

	it('warns about clipping at ≥ 0.1% of samples at |x| ≥ 0.999, not below', () => {
		const clippedAt = (fraction: number) => {
			const x = sine(220, 44100, 4, 0.5);
			const every = Math.round(1 / fraction);
			for (let i = 0; i < x.length; i += every) x[i] = i % 2 ? 1 : -1;
			return prepareTake(decoded([x], 44100));
		};
		expect(clippedAt(0.0005).warnings).toEqual([]);
		const take = clippedAt(0.002);
		expect(take.stats.clippedFraction).toBeCloseTo(0.002, 4);
		expect(take.warnings).toEqual([
			'The recording clips in 0.2% of samples; move away from the microphone or lower the input gain.'
		]);
	});

	it('warns about a sample rate below 16 kHz, naming what is lost, and not at 16 kHz', () => {
		expect(prepareTake(decoded([sine(220, 11025, 4, 0.5)], 11025)).warnings).toEqual([
			'The take was recorded at 11025 Hz; pitch detail above 5.51 kHz is lost. Record at 44.1 or 48 kHz if your device allows it.'
		]);
		expect(prepareTake(decoded([sine(220, 16000, 4, 0.5)], 16000)).warnings).toEqual([]);
	});

	it("keeps the decoder's warnings first", () => {
		const input = { ...decoded([sine(220, 8000, 4, 0.5)], 8000), warnings: ['from the decoder'] };
		const take = prepareTake(input);
		expect(take.warnings[0]).toBe('from the decoder');
		expect(take.warnings).toHaveLength(2);
	});

	it('durationOf gives frames / rate, and 0 for no channels', () => {
		expect(durationOf(decoded([new Float32Array(22050)], 44100))).toBe(0.5);
		expect(durationOf(decoded([], 44100))).toBe(0);
	});
});

const VCTK_FILE = path.resolve(SHARED_DATA, 'vctk/p225/p225_003.wav');
describe.skipIf(!existsSync(VCTK_FILE))('real speech (VCTK p225_003, 16 kHz; skipped without ../shared/data)', () => {
	it('prepares a read sentence: 44.1 kHz, duration kept, no warnings', async () => {
		const input = await decodeAudio(new Uint8Array(readFileSync(VCTK_FILE)));
		expect(input.sampleRate).toBe(16000);
		// 96161 frames at 16 kHz.
		expect(durationOf(input)).toBeCloseTo(6.0100625, 6);
		const take = prepareTake(input);
		expect(take.pcm.length).toBe(Math.round((96161 * 44100) / 16000));
		expect(take.stats.peak).toBeGreaterThan(0.05);
		expect(take.warnings).toEqual([]);
	});
});

const VOCADITO_FILE = path.resolve(SHARED_DATA, 'vocadito/vocadito_1.wav');
describe.skipIf(!existsSync(VOCADITO_FILE))('real singing recorded quietly (vocadito_1; skipped without ../shared/data)', () => {
	it('accepts the recording scaled to −40 dBFS peak (its loudest 20 ms near −51 dBFS RMS) as a take, not as silence', async () => {
		const input = await decodeAudio(new Uint8Array(readFileSync(VOCADITO_FILE)));
		const x = input.channels[0];
		let peak = 0;
		for (const v of x) peak = Math.max(peak, Math.abs(v));
		const quiet = x.map((v) => (v * 0.01) / peak);
		expect(codeOf(() => checkTake(decoded([quiet], input.sampleRate)))).toBeUndefined();
	});
});

describe('checkTake', () => {
	it('validates at the original rate without resampling, with the same verdicts as prepareTake', () => {
		const x = sine(220, 48000, 4, 0.5);
		const checked = checkTake(decoded([x, x], 48000));
		expect(checked.originalSampleRate).toBe(48000);
		expect(checked.mono.length).toBe(x.length);
		expect(checked.durationSeconds).toBeCloseTo(4, 6);
		expect(codeOf(() => checkTake(decoded([new Float32Array(48000 * 4)], 48000)))).toBe('silent_take');
		expect(codeOf(() => checkTake(decoded([x.subarray(0, 48000 * 2)], 48000)))).toBe('too_short');
	});
});
