import { describe, expect, it } from 'vitest';
import {
	BASIC_PITCH_CONTOUR_BINS,
	BASIC_PITCH_FRAMES_PER_SECOND,
	BASIC_PITCH_FRAMES_PER_WINDOW,
	BASIC_PITCH_NOTE_BINS,
	BASIC_PITCH_WINDOW_HOP_SAMPLES,
	BASIC_PITCH_WINDOW_SAMPLES,
	basicPitchFrameCount,
	basicPitchWindowCount,
	runBasicPitch,
	unwrapOutput,
	windowAudio,
	type BasicPitchRunner
} from '../../../src/lib/pitch/basic-pitch';
import { PitchError } from '../../../src/lib/pitch';

/** x[n] = n + 1, so every sample names its own index and zero padding is recognisable. */
function ramp(length: number): Float32Array {
	const x = new Float32Array(length);
	for (let n = 0; n < length; n++) x[n] = n + 1;
	return x;
}

/**
 * A stand-in for the network that is exactly known: frame j of a window reports, in bin 0, the
 * window's input sample at j · 256 (the sample at that frame's start), and in bin b > 0 the value
 * 1000 · j + b, so after unwrapping each value says where it came from.
 */
function frameProbe(windows: Float32Array, count: number, bins: number): Float32Array {
	const out = new Float32Array(count * BASIC_PITCH_FRAMES_PER_WINDOW * bins);
	for (let w = 0; w < count; w++) {
		for (let j = 0; j < BASIC_PITCH_FRAMES_PER_WINDOW; j++) {
			const row = (w * BASIC_PITCH_FRAMES_PER_WINDOW + j) * bins;
			out[row] = windows[w * BASIC_PITCH_WINDOW_SAMPLES + j * 256];
			for (let b = 1; b < bins; b++) out[row + b] = 1000 * j + b;
		}
	}
	return out;
}

const probeRunner: BasicPitchRunner = async (windows, count) => ({
	contour: frameProbe(windows, count, BASIC_PITCH_CONTOUR_BINS),
	note: frameProbe(windows, count, BASIC_PITCH_NOTE_BINS),
	onset: frameProbe(windows, count, BASIC_PITCH_NOTE_BINS)
});

describe('Basic Pitch windowing', () => {
	it('uses 43 844-sample windows every 36 164 samples', () => {
		expect(BASIC_PITCH_WINDOW_SAMPLES).toBe(43844);
		expect(BASIC_PITCH_WINDOW_HOP_SAMPLES).toBe(36164);
		expect(BASIC_PITCH_FRAMES_PER_WINDOW).toBe(172);
	});

	// Expected counts worked by hand from the reference rules: windows = ⌈(L + 3840) / 36 164⌉,
	// frames = ⌊L / 36 164 · 142⌋ (200 607 samples is vocadito_10 at 22 050 Hz: 6 windows, 787 frames).
	const cases: [length: number, windows: number, frames: number][] = [
		[0, 1, 0],
		[1, 1, 0],
		[255, 1, 1],
		[1000, 1, 3],
		[32324, 1, 126],
		[32325, 2, 126],
		[36164, 2, 142],
		[43844, 2, 172],
		[72328, 3, 284],
		[200607, 6, 787],
		[1323000, 37, 5194]
	];
	for (const [length, windows, frames] of cases) {
		it(`makes ${windows} window(s) and keeps ${frames} frame(s) for ${length} samples`, () => {
			expect(basicPitchWindowCount(length)).toBe(windows);
			expect(basicPitchFrameCount(length)).toBe(frames);
			const w = windowAudio(new Float32Array(length));
			expect(w.count).toBe(windows);
			expect(w.windows.length).toBe(windows * 43844);
			expect(w.originalLength).toBe(length);
		});
	}

	it('puts 3840 zeros before the signal and starts each later window 36 164 samples on', () => {
		const x = ramp(100_000);
		const { windows, count } = windowAudio(x);
		expect(count).toBe(3);
		for (let i = 0; i < 3840; i++) expect(windows[i]).toBe(0);
		expect(windows[3840]).toBe(1);
		expect(windows[43843]).toBe(43844 - 3840);
		// Window 1 starts at padded sample 36 164, i.e. signal sample 32 324.
		expect(windows[43844]).toBe(32324 + 1);
		// The last window runs past the end of the signal and is zero there.
		const last = 2 * 43844;
		const lastStart = 2 * 36164 - 3840;
		expect(windows[last + (100_000 - 1 - lastStart)]).toBe(100_000);
		expect(windows[last + (100_000 - lastStart)]).toBe(0);
		expect(windows[last + 43843]).toBe(0);
	});

	for (const length of [0, 1000, 36164, 43844, 72328, 100_000, 200_607]) {
		it(`round trip through a frame probe keeps each frame's own audio for ${length} samples`, () => {
			const x = ramp(length);
			const { windows, count, originalLength } = windowAudio(x);
			for (const bins of [BASIC_PITCH_NOTE_BINS, BASIC_PITCH_CONTOUR_BINS]) {
				const frames = basicPitchFrameCount(length);
				const y = unwrapOutput(frameProbe(windows, count, bins), count, bins, originalLength);
				expect(y.length).toBe(frames * bins);
				for (let k = 0; k < frames; k++) {
					// Unwrapped frame k = kept frame k mod 142 of window ⌊k / 142⌋, starting at signal
					// sample w · 36 164 + (k mod 142) · 256.
					const w = Math.floor(k / 142);
					const kept = k - 142 * w;
					const n = w * 36164 + kept * 256;
					expect(y[k * bins]).toBe(n < length ? n + 1 : 0);
					expect(y[k * bins + 1]).toBe(1000 * (kept + 15) + 1);
					expect(y[k * bins + bins - 1]).toBe(1000 * (kept + 15) + bins - 1);
				}
			}
		});
	}

	it('rejects per-window outputs of the wrong size', () => {
		expect(() => unwrapOutput(new Float32Array(171 * 88), 1, 88, 1000)).toThrow(PitchError);
		expect(() => unwrapOutput(new Float32Array(0), 0, 88, 0)).toThrow(/positive integers/);
	});
});

describe('runBasicPitch', () => {
	it('resamples to 22 050 Hz, windows, runs once and unwraps all three outputs', async () => {
		const length44100 = 88_200 + 17;
		let calls = 0;
		let seenCount = 0;
		const runner: BasicPitchRunner = async (windows, count) => {
			calls++;
			seenCount = count;
			expect(windows.length).toBe(count * 43844);
			return probeRunner(windows, count);
		};
		const out = await runBasicPitch(new Float32Array(length44100).fill(0.1), 44100, runner);
		const length22050 = Math.round(length44100 / 2);
		expect(calls).toBe(1);
		expect(seenCount).toBe(basicPitchWindowCount(length22050));
		expect(out.frames).toBe(basicPitchFrameCount(length22050));
		expect(out.note.length).toBe(out.frames * 88);
		expect(out.onset.length).toBe(out.frames * 88);
		expect(out.contour.length).toBe(out.frames * 264);
		expect(out.framesPerSecond).toBeCloseTo(86.1328125, 7);
		expect(BASIC_PITCH_FRAMES_PER_SECOND).toBe(22050 / 256);
		// Away from the edges the resampled constant is still 0.1 (bin 0 carries the frame's first sample).
		expect(out.note[100 * 88]).toBeCloseTo(0.1, 3);
	});

	it('uses the resampler it is given and skips resampling at 22 050 Hz', async () => {
		const seen: number[][] = [];
		const resample = (x: Float32Array, from: number, to: number): Float32Array => {
			seen.push([x.length, from, to]);
			return new Float32Array(Math.round((x.length * to) / from));
		};
		const a = await runBasicPitch(new Float32Array(48_000), 48_000, probeRunner, { resample });
		expect(seen).toEqual([[48_000, 48_000, 22050]]);
		expect(a.frames).toBe(basicPitchFrameCount(22050));
		const x = ramp(30_000);
		const b = await runBasicPitch(x, 22050, probeRunner, { resample });
		expect(seen.length).toBe(1);
		expect(b.note[10 * 88]).toBe(10 * 256 + 1);
	});

	it('rejects a runner whose outputs have the wrong size, with a stable code', async () => {
		const bad: BasicPitchRunner = async (windows, count) => ({ ...(await probeRunner(windows, count)), onset: new Float32Array(5) });
		await expect(runBasicPitch(new Float32Array(22050), 22050, bad)).rejects.toMatchObject({ code: 'invalid_option' });
	});

	it('rejects an impossible sample rate', async () => {
		await expect(runBasicPitch(new Float32Array(10), 0, probeRunner)).rejects.toMatchObject({ code: 'invalid_sample_rate' });
	});
});
