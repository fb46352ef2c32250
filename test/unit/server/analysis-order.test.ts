/**
 * The analyze stage hands the reading to the voice-build threads before the melody model takes the
 * stage's thread: ONNX Runtime's Node binding runs a session synchronously, so a voice queued after
 * the model starts waits for the whole melody before its first part runs.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { encodeWav } from '../../../src/lib/audio';
import { FileStore } from '../../../src/lib/server/storage';
import { createTake } from '../../../src/lib/server/takes';
import { runAnalysis } from '../../../src/lib/server/melody-stage';
import { assembleProfile } from '../../../src/lib/voice/profile';
import { BASIC_PITCH_CONTOUR_BINS, BASIC_PITCH_FRAMES_PER_WINDOW, BASIC_PITCH_NOTE_BINS } from '../../../src/lib/pitch/basic-pitch/constants';

const SAMPLE_RATE = 44100;
const events = vi.hoisted(() => [] as string[]);

vi.mock('../../../src/lib/server/voice-build', () => ({
	startVoiceBuildThreads: () => {},
	warmVoiceBuildThread: async () => {},
	buildReadingProfileInThread: async () => {
		events.push('voice build started');
		return assembleProfile({ language: 'yue', fs: SAMPLE_RATE, framePeriodSeconds: 0.005, fftSize: 2048, units: [], kind: 'reading' });
	}
}));

vi.mock('../../../src/lib/server/melody-model', () => ({
	loadBasicPitchSession: async () => {},
	createBasicPitchRunner: () => async (_windows: Float32Array, count: number) => {
		events.push('melody model run');
		const frames = count * BASIC_PITCH_FRAMES_PER_WINDOW;
		return { contour: new Float32Array(frames * BASIC_PITCH_CONTOUR_BINS), note: new Float32Array(frames * BASIC_PITCH_NOTE_BINS), onset: new Float32Array(frames * BASIC_PITCH_NOTE_BINS), frames: BASIC_PITCH_FRAMES_PER_WINDOW };
	}
}));

describe('runAnalysis', () => {
	let dir: string;
	beforeEach(async () => {
		dir = await mkdtemp(path.join(os.tmpdir(), 'hum2song-analysis-order-'));
		events.length = 0;
	});
	afterEach(async () => {
		await rm(dir, { recursive: true, force: true });
	});

	it('starts learning the voice before the melody model runs', async () => {
		const store = new FileStore(dir);
		// 2 s hummed tone, then 6 s of "reading" (the voice builder above stands in for the real one).
		const pcm = Float32Array.from({ length: 8 * SAMPLE_RATE }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 220 * i) / SAMPLE_RATE));
		const take = await createTake(store, { bytes: encodeWav(pcm, SAMPLE_RATE), originalName: 'take.wav', language: 'yue', source: 'recording', humEndSeconds: 2 }, { maxBytes: 1 << 30 });
		await runAnalysis(store, take.id, () => {});
		expect(events[0]).toBe('voice build started');
		expect(events).toContain('melody model run');
	}, 60_000);

	it('runs the melody model when there is no reading to learn a voice from', async () => {
		const store = new FileStore(dir);
		const pcm = Float32Array.from({ length: 3 * SAMPLE_RATE }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 220 * i) / SAMPLE_RATE));
		const take = await createTake(store, { bytes: encodeWav(pcm, SAMPLE_RATE), originalName: 'take.wav', language: 'yue', source: 'recording', humEndSeconds: 2 }, { maxBytes: 1 << 30 });
		await runAnalysis(store, take.id, () => {});
		expect(events).toEqual(['melody model run']);
	}, 60_000);
});
