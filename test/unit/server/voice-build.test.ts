/**
 * Learning the voice beside the melody: the reading's profile is built in a worker thread (the same
 * profile as built in the process), and the analyze stage's voice step starts before the hum's
 * notes are known, takes them in when they come, and keeps its guarantees when either side fails.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeWav } from '../../../src/lib/audio';
import { READING_PROMPTS } from '../../../src/lib/lyrics/prompts';
import type { MelodyAnalysis } from '../../../src/lib/pitch';
import { profileKey } from '../../../src/lib/server/keys';
import { FileStore, getJson } from '../../../src/lib/server/storage';
import { createTake } from '../../../src/lib/server/takes';
import { buildReadingProfileInThread, transcribeInThread } from '../../../src/lib/server/voice-build';
import { transcribeWithModel } from '../../../src/lib/server/melody-stage';
import { HUMMED_TUNES, humTune } from '../../fixtures/hummed-tunes';
import { basicPitchTestRunner } from '../../helpers/basic-pitch-runner';
import { ensureVoiceProfile, profileIdOf } from '../../../src/lib/server/voice-stage';
import { buildVoiceProfile } from '../../../src/lib/voice/build-profile';
import { assembleProfile, type VoiceProfile } from '../../../src/lib/voice/profile';
import { AlignmentError } from '../../../src/lib/voice/syllable-alignment';
import { vibratoHabit } from '../../../src/lib/voice/vibrato-habit';
import { HAS_ESPEAK, renderEspeak } from '../../helpers/espeak';

const SAMPLE_RATE = 44100;

describe.skipIf(!HAS_ESPEAK)('buildReadingProfileInThread (needs espeak-ng)', () => {
	it('learns the same profile in a worker thread as in the process', async () => {
		const lines = READING_PROMPTS.yue.lines.slice(0, 2);
		const reading = renderEspeak(lines.join(''), { voice: 'yue', speed: 170 });
		const here = buildVoiceProfile(reading, SAMPLE_RATE, 'yue', lines);
		const there = await buildReadingProfileInThread({ reading, sampleRate: SAMPLE_RATE, language: 'yue', lines });
		// Built in parts on the threads (the envelope and aperiodicity in frame ranges), to the bit.
		expect(there).toEqual(here);
	}, 120_000);
});

describe('transcribeInThread', () => {
	it('transcribes the hum on a voice-build thread to the same analysis as in the process, reporting progress', async () => {
		// Makes models/basic-pitch.onnx where a fresh clone lacks it.
		basicPitchTestRunner();
		const tune = humTune(HUMMED_TUNES[0]);
		const here = await transcribeWithModel(tune.pcm, tune.sampleRate, undefined, { threads: 1 });
		const stages: string[] = [];
		const there = await transcribeInThread(tune.pcm, tune.sampleRate, { threads: 1 }, (stage, fraction) => stages.push(`${stage} ${fraction.toFixed(1)}`));
		expect(here.notes.length).toBeGreaterThan(4);
		expect(there).toEqual(here);
		expect(stages[0]).toBe('pitch 0.0');
		expect(stages).toContain('notes 0.0');
	}, 120_000);
});

describe('buildReadingProfileInThread', () => {
	it("passes the aligner's refusal of a silent reading on as an AlignmentError", async () => {
		const silent = new Float32Array(6 * SAMPLE_RATE);
		await expect(buildReadingProfileInThread({ reading: silent, sampleRate: SAMPLE_RATE, language: 'yue', lines: READING_PROMPTS.yue.lines })).rejects.toBeInstanceOf(AlignmentError);
	}, 60_000);
});

describe('ensureVoiceProfile with the melody still on its way', () => {
	let dir: string;
	let store: FileStore;
	beforeEach(async () => {
		dir = await mkdtemp(path.join(os.tmpdir(), 'hum2song-voice-build-'));
		store = new FileStore(dir);
	});
	afterEach(async () => {
		await rm(dir, { recursive: true, force: true });
	});

	/** A take of 2 s hum and 6 s reading (a tone: the builders below stand in for the real one). */
	async function take() {
		const pcm = Float32Array.from({ length: 8 * SAMPLE_RATE }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 220 * i) / SAMPLE_RATE));
		return createTake(store, { bytes: encodeWav(pcm, SAMPLE_RATE), originalName: 'take.wav', language: 'yue', source: 'recording', humEndSeconds: 2 }, { maxBytes: 1 << 30 });
	}
	const emptyProfile = (): VoiceProfile => assembleProfile({ language: 'yue', fs: SAMPLE_RATE, framePeriodSeconds: 0.005, fftSize: 2048, units: [], kind: 'reading' });
	const notes = [
		{ onsetSeconds: 0, offsetSeconds: 0.5, midiPitch: 57, confidence: 0.9 },
		{ onsetSeconds: 0.6, offsetSeconds: 1.2, midiPitch: 64, confidence: 0.9 }
	] as MelodyAnalysis['notes'];
	const deferred = () => {
		let resolve!: (value: Pick<MelodyAnalysis, 'notes'>) => void;
		let reject!: (error: Error) => void;
		const promise = new Promise<Pick<MelodyAnalysis, 'notes'>>((ok, fail) => {
			resolve = ok;
			reject = fail;
		});
		return { promise, resolve, reject };
	};

	it('starts learning before the notes are known, then stores the profile with the hum’s range and vibrato habit', async () => {
		const t = await take();
		const melody = deferred();
		let builderCalled!: () => void;
		const building = new Promise<void>((r) => (builderCalled = r));
		const result = ensureVoiceProfile(store, t, async () => new Float32Array(8 * SAMPLE_RATE).fill(0.1), melody.promise, async () => {
			builderCalled();
			return emptyProfile();
		});
		// The notes come only once the voice is being learned: a stage that waited for them first would never finish.
		await building;
		melody.resolve({ notes });
		expect(await result).toMatchObject({ kind: 'reading' });
		const stored = await getJson<VoiceProfile>(store, profileKey(profileIdOf(t)));
		expect(stored?.rangeMidi).toEqual({ low: 57, high: 64 });
		const habit = vibratoHabit(notes);
		expect(stored?.vibrato).toEqual({ rateHz: habit.rateHz, depthCents: habit.depthCents });
	});

	it('stores nothing when the melody fails, and reports the melody’s error', async () => {
		const t = await take();
		const melody = deferred();
		const result = ensureVoiceProfile(store, t, async () => new Float32Array(8 * SAMPLE_RATE), melody.promise, async () => emptyProfile());
		melody.reject(new Error('the melody model failed'));
		await expect(result).rejects.toThrow('the melody model failed');
		expect(await getJson(store, profileKey(profileIdOf(t)))).toBeNull();
	});

	it('falls back (vocalise or a stored reason) when the reading cannot be aligned', async () => {
		const t = await take();
		const result = await ensureVoiceProfile(store, t, async () => new Float32Array(8 * SAMPLE_RATE), Promise.resolve({ notes }), async () => {
			throw new AlignmentError('The reading does not fit the prompt.');
		});
		expect(['vocalise', 'none']).toContain(result.kind);
		expect(await getJson(store, profileKey(profileIdOf(t)))).toMatchObject({ kind: result.kind });
	});
});
