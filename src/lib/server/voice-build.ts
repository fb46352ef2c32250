/**
 * Learning a voice from a reading in its own worker thread, so the analyze stage can transcribe
 * the hum at the same time (the machine has two cores or more). One thread per process, started
 * ahead (`warmVoiceBuildThread`) and kept between takes, so a take does not wait for it to load
 * and compile its code; builds queue for it. Where the thread's entry is not beside this module (a
 * bundled build), the voice is learned in this thread instead.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Language } from '../take/types';
import { buildVoiceProfile } from '../voice/build-profile';
import type { VoiceProfile } from '../voice/profile';
import { AlignmentError } from '../voice/syllable-alignment';

export interface VoiceBuildRequest {
	reading: Float32Array;
	sampleRate: number;
	language: Language;
	lines: string[];
}

export type VoiceBuildReply = { id: number; ok: true; profile: VoiceProfile } | { id: number; ok: false; code: string | null; message: string; stack: string };

const THREAD_ENTRY = new URL('./voice-build.thread.mjs', import.meta.url);
const hasThreadEntry = () => THREAD_ENTRY.protocol === 'file:' && existsSync(fileURLToPath(THREAD_ENTRY));

interface Pending {
	resolve: (profile: VoiceProfile) => void;
	reject: (error: Error) => void;
}

let thread: { worker: Worker; pending: Map<number, Pending> } | null = null;
let nextId = 1;

function startThread(): NonNullable<typeof thread> {
	const worker = new Worker(fileURLToPath(THREAD_ENTRY));
	const started = { worker, pending: new Map<number, Pending>() };
	// An idle thread must not keep the process alive.
	worker.unref();
	const fail = (error: Error) => {
		if (thread === started) thread = null;
		for (const p of started.pending.values()) p.reject(error);
		started.pending.clear();
	};
	worker.on('message', (reply: VoiceBuildReply) => {
		const p = started.pending.get(reply.id);
		if (!p) return;
		started.pending.delete(reply.id);
		if (started.pending.size === 0) worker.unref();
		if (reply.ok) p.resolve(reply.profile);
		// The aligner's refusal keeps its type: the stage falls back to a vocalise voice on it.
		else if (reply.code === 'reading_not_found') p.reject(new AlignmentError(reply.message));
		else p.reject(Object.assign(new Error(reply.message), { stack: reply.stack }));
	});
	worker.on('error', fail);
	worker.on('exit', (code) => fail(new Error(`the voice-build thread stopped (exit code ${code}) before it answered`)));
	return started;
}

/** Starts the thread now, if it is not running, so the first take finds it loaded. */
export function warmVoiceBuildThread(): void {
	if (!thread && hasThreadEntry()) thread = startThread();
}

/** The reading's profile (without the hum's range and vibrato habit), learned in the voice-build thread. */
export function buildReadingProfileInThread(request: VoiceBuildRequest): Promise<VoiceProfile> {
	if (!hasThreadEntry()) return Promise.resolve().then(() => buildVoiceProfile(request.reading, request.sampleRate, request.language, request.lines));
	warmVoiceBuildThread();
	const current = thread!;
	const id = nextId++;
	return new Promise((resolve, reject) => {
		current.pending.set(id, { resolve, reject });
		current.worker.ref();
		current.worker.postMessage({ id, request });
	});
}
