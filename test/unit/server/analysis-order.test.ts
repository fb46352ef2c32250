/**
 * The analyze stage hands the reading to the voice-build threads before it queues the hum's
 * transcription for them (the f0 heads the voice's longest chain of parts), and transcribes a take
 * with no reading in its own thread.
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

vi.mock('../../../src/lib/server/voice-build', async () => ({
	analysisThreadsAvailable: () => true,
	transcribeInThread: async (...[pcm, sampleRate, model, onProgress]: Parameters<typeof import('../../../src/lib/server/voice-build').transcribeInThread>) => {
		events.push('melody queued');
		const { transcribeWithModel } = await import('../../../src/lib/server/melody-stage');
		return transcribeWithModel(pcm, sampleRate, onProgress, model);
	},
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

	it('starts learning the voice before it queues the melody', async () => {
		const store = new FileStore(dir);
		// 2 s hummed tone, then 6 s of "reading" (the voice builder above stands in for the real one).
		const pcm = Float32Array.from({ length: 8 * SAMPLE_RATE }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 220 * i) / SAMPLE_RATE));
		const take = await createTake(store, { bytes: encodeWav(pcm, SAMPLE_RATE), originalName: 'take.wav', language: 'yue', source: 'recording', humEndSeconds: 2 }, { maxBytes: 1 << 30 });
		await runAnalysis(store, take.id, () => {});
		expect(events).toEqual(['voice build started', 'melody queued', 'melody model run']);
	}, 60_000);

	it('transcribes a take whose reading is too short for a voice (nothing waits for a voice that never starts)', async () => {
		const store = new FileStore(dir);
		const pcm = Float32Array.from({ length: 3 * SAMPLE_RATE }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 220 * i) / SAMPLE_RATE));
		const take = await createTake(store, { bytes: encodeWav(pcm, SAMPLE_RATE), originalName: 'take.wav', language: 'yue', source: 'recording', humEndSeconds: 2 }, { maxBytes: 1 << 30 });
		await runAnalysis(store, take.id, () => {});
		expect(events).toEqual(['melody queued', 'melody model run']);
	}, 60_000);

	it('transcribes a hum-only take in its own thread, the model on every core', async () => {
		const store = new FileStore(dir);
		const pcm = Float32Array.from({ length: 3 * SAMPLE_RATE }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 220 * i) / SAMPLE_RATE));
		const take = await createTake(store, { bytes: encodeWav(pcm, SAMPLE_RATE), originalName: 'take.wav', language: 'yue', source: 'recording', humEndSeconds: null }, { maxBytes: 1 << 30 });
		await runAnalysis(store, take.id, () => {});
		expect(events).toEqual(['melody model run']);
	}, 60_000);
});
