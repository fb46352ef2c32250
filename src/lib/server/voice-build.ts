/**
 * Learning a voice from a reading in its own worker thread, so the analyze stage can transcribe
 * the hum at the same time (the machine has two cores or more). Where the thread's entry is not
 * beside this module (a bundled build), or a thread cannot start, the voice is learned here instead.
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

export type VoiceBuildReply = { ok: true; profile: VoiceProfile } | { ok: false; code: string | null; message: string; stack: string };

const THREAD_ENTRY = new URL('./voice-build.thread.mjs', import.meta.url);

/** The reading's profile (without the hum's range and vibrato habit), learned in a worker thread. */
export function buildReadingProfileInThread(request: VoiceBuildRequest): Promise<VoiceProfile> {
	if (THREAD_ENTRY.protocol !== 'file:' || !existsSync(fileURLToPath(THREAD_ENTRY))) {
		return Promise.resolve().then(() => buildVoiceProfile(request.reading, request.sampleRate, request.language, request.lines));
	}
	return new Promise((resolve, reject) => {
		let settled = false;
		const worker = new Worker(fileURLToPath(THREAD_ENTRY), { workerData: request });
		worker.once('message', (reply: VoiceBuildReply) => {
			settled = true;
			if (reply.ok) resolve(reply.profile);
			// The aligner's refusal keeps its type: the stage falls back to a vocalise voice on it.
			else if (reply.code === 'reading_not_found') reject(new AlignmentError(reply.message));
			else reject(Object.assign(new Error(reply.message), { stack: reply.stack }));
		});
		worker.once('error', (e) => {
			settled = true;
			reject(e);
		});
		worker.once('exit', (code) => {
			if (!settled) reject(new Error(`the voice-build thread stopped (exit code ${code}) before it answered`));
		});
	});
}
