/**
 * A worker thread that learns voices from readings (./voice-build.ts), one at a time, so the
 * analyze stage can transcribe the hum on the other core meanwhile. It stays for the next take,
 * its code loaded and compiled.
 */
import { parentPort } from 'node:worker_threads';
import { buildVoiceProfile } from '../voice/build-profile';
import type { VoiceBuildReply, VoiceBuildRequest } from './voice-build';

parentPort?.on('message', ({ id, request }: { id: number; request: VoiceBuildRequest }) => {
	let reply: VoiceBuildReply;
	try {
		reply = { id, ok: true, profile: buildVoiceProfile(request.reading, request.sampleRate, request.language, request.lines) };
	} catch (e) {
		const error = e as Error & { code?: string };
		reply = { id, ok: false, code: typeof error.code === 'string' ? error.code : null, message: error.message ?? String(e), stack: error.stack ?? '' };
	}
	parentPort?.postMessage(reply);
});
