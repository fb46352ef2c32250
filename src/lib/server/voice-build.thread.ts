/**
 * A worker thread that learns a voice from a reading (./voice-build.ts): one build per thread, so
 * the analyze stage can transcribe the hum on the other core meanwhile.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildVoiceProfile } from '../voice/build-profile';
import type { VoiceBuildReply, VoiceBuildRequest } from './voice-build';

const { reading, sampleRate, language, lines } = workerData as VoiceBuildRequest;
let reply: VoiceBuildReply;
try {
	reply = { ok: true, profile: buildVoiceProfile(reading, sampleRate, language, lines) };
} catch (e) {
	const error = e as Error & { code?: string };
	reply = { ok: false, code: typeof error.code === 'string' ? error.code : null, message: error.message ?? String(e), stack: error.stack ?? '' };
}
parentPort?.postMessage(reply);
