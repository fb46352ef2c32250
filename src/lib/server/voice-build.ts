/**
 * Learning a voice from a reading on worker threads, so the analyze stage can transcribe the hum at
 * the same time. The build's parts (build-profile.ts: the alignment, the f0, then the envelope and
 * aperiodicity in frame ranges, several per thread) run on a pool of threads, one per core up to
 * two: on the studio's two-core machine the reading is analysed on both cores once the hum's notes
 * are out of the way, instead of on one while the other idles. The threads start ahead
 * (`warmVoiceBuildThread`) and stay between takes, so a take does not wait for them to load and
 * compile their code; parts queue for them. Where the thread's entry is not beside this module (a
 * bundled build), the voice is learned in this thread instead.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { MelodyAnalysis } from '../pitch';
import type { Language } from '../take/types';
import { buildVoiceProfile, buildVoiceProfileInParts, type PartsOptions, type ReadingPartRunner } from '../voice/build-profile';
import type { VoiceProfile } from '../voice/profile';
import { AlignmentError } from '../voice/syllable-alignment';
import type { BasicPitchSessionOptions } from './melody-model';

export interface VoiceBuildRequest {
	reading: Float32Array;
	sampleRate: number;
	language: Language;
	lines: string[];
}

/** One part of a build, as sent to a thread: the name of a ReadingPartRunner method and its arguments. */
export type VoiceBuildPart = { [K in keyof ReadingPartRunner]: { part: K; args: Parameters<ReadingPartRunner[K]> } }[keyof ReadingPartRunner];

/** The hum's transcription (melody-stage.ts `transcribeWithModel`), with the model's session settings. */
export type MelodyPart = { part: 'melody'; args: [pcm: Float32Array, sampleRate: number, model: BasicPitchSessionOptions] };

/** A thread's warm-up: the voice parts on a made-up reading, and the melody model's session when given. */
export type WarmUpPart = { part: 'warmUp'; model: BasicPitchSessionOptions | null };

export type VoiceBuildTask = VoiceBuildPart | MelodyPart | WarmUpPart;

export type MelodyProgress = { stage: 'pitch' | 'notes'; fraction: number };

export type VoiceBuildReply =
	| { id: number; ok: true; result: unknown }
	| { id: number; ok: false; code: string | null; message: string; stack: string }
	/** Sent while the task runs; the task's answer follows. */
	| { id: number; progress: MelodyProgress };

const THREAD_ENTRY = new URL('./voice-build.thread.mjs', import.meta.url);
const hasThreadEntry = () => THREAD_ENTRY.protocol === 'file:' && existsSync(fileURLToPath(THREAD_ENTRY));

/** Whether the pool can run: false in a bundled build, where the analysis runs in the caller's thread. */
export function analysisThreadsAvailable(): boolean {
	return hasThreadEntry();
}

/** Threads in the pool: more than the cores would only take turns; more than two leave too little to share. */
export function voiceBuildThreadCount(cores = availableParallelism()): number {
	return Math.max(1, Math.min(2, cores));
}

/**
 * Frame ranges of the envelope and of the aperiodicity per thread. The alignment and the f0 end at
 * different times (and the melody takes a core for a while), so with one range each per thread one
 * thread finished its last range 0.6–0.8 s before the other; with ranges of a quarter of a thread's
 * share the thread free first takes more of them and both end within about 0.1 s. Each range costs
 * a copy of the reading (a few ms).
 */
export const VOICE_BUILD_PARTS_PER_THREAD = 4;

interface Queued {
	id: number;
	task: VoiceBuildTask;
	resolve: (result: unknown) => void;
	reject: (error: Error) => void;
	onProgress?: (progress: MelodyProgress) => void;
}

interface PoolThread {
	worker: Worker;
	running: Queued | null;
}

const pool: PoolThread[] = [];
const queue: Queued[] = [];
let nextId = 1;

function startThread(): PoolThread {
	const worker = new Worker(fileURLToPath(THREAD_ENTRY));
	const thread: PoolThread = { worker, running: null };
	// An idle thread must not keep the process alive.
	worker.unref();
	const fail = (error: Error) => {
		const index = pool.indexOf(thread);
		if (index >= 0) pool.splice(index, 1);
		thread.running?.reject(error);
		thread.running = null;
		// The parts still queued go to the other threads, or to a new one.
		dispatch();
	};
	worker.on('message', (reply: VoiceBuildReply) => {
		const task = thread.running;
		if (!task || task.id !== reply.id) return;
		if ('progress' in reply) {
			task.onProgress?.(reply.progress);
			return;
		}
		thread.running = null;
		worker.unref();
		if (reply.ok) task.resolve(reply.result);
		// The aligner's refusal keeps its type: the stage falls back to a vocalise voice on it.
		else if (reply.code === 'reading_not_found') task.reject(new AlignmentError(reply.message));
		else task.reject(Object.assign(new Error(reply.message), { stack: reply.stack }));
		dispatch();
	});
	worker.on('error', fail);
	worker.on('exit', (code) => fail(new Error(`a voice-build thread stopped (exit code ${code}) before it answered`)));
	return thread;
}

/** Hands queued parts to idle threads, first come first served. */
function dispatch(): void {
	if (queue.length > 0) startVoiceBuildThreads();
	for (const thread of pool) {
		if (thread.running || queue.length === 0) continue;
		const task = queue.shift()!;
		thread.running = task;
		thread.worker.ref();
		thread.worker.postMessage({ id: task.id, task: task.task });
	}
}

function runPart<T>(task: VoiceBuildTask, onProgress?: (progress: MelodyProgress) => void): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		queue.push({ id: nextId++, task, resolve: resolve as (result: unknown) => void, reject, onProgress });
		dispatch();
	});
}

/** Starts the threads, where they are not running, so that they load their code while the take is decoded. */
export function startVoiceBuildThreads(): void {
	if (!hasThreadEntry()) return;
	while (pool.length < voiceBuildThreadCount()) pool.push(startThread());
}

/**
 * For a long-lived worker at its start: starts the threads, and each new one runs the parts on a
 * short made-up reading (and, given `melodyModel`, creates that melody session and transcribes the
 * same sound), so their code is compiled as well as loaded and the first take is analysed at the
 * speed of the later ones. Resolves when those warm-ups are done.
 */
export function warmVoiceBuildThread(melodyModel: BasicPitchSessionOptions | null = null): Promise<void> {
	if (!hasThreadEntry()) return Promise.resolve();
	const warmUps: Promise<unknown>[] = [];
	while (pool.length < voiceBuildThreadCount()) {
		pool.push(startThread());
		// Queued while every thread is idle: each new thread takes one.
		warmUps.push(runPart({ part: 'warmUp', model: melodyModel }));
	}
	return Promise.all(warmUps).then(() => {});
}

const threadRunner: ReadingPartRunner = {
	align: (...args) => runPart({ part: 'align', args }),
	f0: (...args) => runPart({ part: 'f0', args }),
	melCepstra: (...args) => runPart({ part: 'melCepstra', args }),
	sparseApBands: (...args) => runPart({ part: 'sparseApBands', args })
};

/**
 * The reading's profile (without the hum's range and vibrato habit), learned on the voice-build
 * threads; `schedule.analyseOnceAligned` where the caller keeps a thread busy beside it (see PartsOptions).
 */
export function buildReadingProfileInThread(request: VoiceBuildRequest, schedule: Pick<PartsOptions, 'analyseOnceAligned'> = {}): Promise<VoiceProfile> {
	if (!hasThreadEntry()) return Promise.resolve().then(() => buildVoiceProfile(request.reading, request.sampleRate, request.language, request.lines));
	// Every part reads the whole reading: shared memory, so it is copied once rather than once a part.
	const reading = new Float32Array(new SharedArrayBuffer(request.reading.length * Float32Array.BYTES_PER_ELEMENT));
	reading.set(request.reading);
	return buildVoiceProfileInParts(reading, request.sampleRate, request.language, request.lines, threadRunner, { ...schedule, parts: VOICE_BUILD_PARTS_PER_THREAD * voiceBuildThreadCount() });
}

/**
 * The hum's transcription (`transcribeWithModel`) on a pool thread, in its turn after the parts
 * queued before it: the model's session holds the thread it runs in until it is done (ONNX
 * Runtime's Node binding runs it synchronously), so on the caller's thread it kept the voice's
 * finished parts waiting for their successors. Only where `analysisThreadsAvailable()`.
 */
export function transcribeInThread(pcm: Float32Array, sampleRate: number, model: BasicPitchSessionOptions, onProgress?: (stage: MelodyProgress['stage'], fraction: number) => void): Promise<MelodyAnalysis> {
	return runPart<MelodyAnalysis>({ part: 'melody', args: [pcm, sampleRate, model] }, onProgress && ((p) => onProgress(p.stage, p.fraction)));
}
