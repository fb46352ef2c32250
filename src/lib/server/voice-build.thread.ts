/**
 * A worker thread that runs parts of voice builds (./voice-build.ts), one at a time, so the analyze
 * stage can transcribe the hum meanwhile and a reading is analysed on every core. It stays for the
 * next take, its code loaded and compiled.
 */
import { parentPort } from 'node:worker_threads';
import { alignReading, type ReadingPartRunner } from '../voice/build-profile';
import { readingF0, readingMelCepstra, readingSparseApBands } from '../voice/reading-frames';
import type { VoiceBuildReply, VoiceBuildTask } from './voice-build';

type PartsHere = { [K in keyof ReadingPartRunner]: (...args: Parameters<ReadingPartRunner[K]>) => Awaited<ReturnType<ReadingPartRunner[K]>> };

const PARTS: PartsHere = {
	align: alignReading,
	f0: readingF0,
	melCepstra: readingMelCepstra,
	sparseApBands: readingSparseApBands
};

parentPort?.on('message', ({ id, task }: { id: number; task: VoiceBuildTask }) => {
	let reply: VoiceBuildReply;
	try {
		const run = PARTS[task.part] as (...args: unknown[]) => unknown;
		// The reading comes in shared memory, which V8 reads several times slower than its own (the
		// analysis reads every sample many times): one copy first.
		const [reading, ...rest] = task.args;
		reply = { id, ok: true, result: run(reading.slice(), ...rest) };
	} catch (e) {
		const error = e as Error & { code?: string };
		reply = { id, ok: false, code: typeof error.code === 'string' ? error.code : null, message: error.message ?? String(e), stack: error.stack ?? '' };
	}
	parentPort?.postMessage(reply);
});
