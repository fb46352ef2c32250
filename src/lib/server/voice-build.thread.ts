/**
 * A worker thread that runs parts of voice builds and the hum's transcription (./voice-build.ts),
 * one at a time, so a take's reading and hum are analysed on every core while the analyze stage's
 * own thread stays free to hand out the next parts. It stays for the next take, its code loaded
 * and compiled (and its melody session created).
 */
import { parentPort } from 'node:worker_threads';
import { alignReading, type ReadingPartRunner } from '../voice/build-profile';
import { readingF0, readingMelCepstra, readingSparseApBands, sparseFrameCount } from '../voice/reading-frames';
import { transcribeWithModel } from './melody-stage';
import { toSignal } from '../vocoder/analysis-input';
import { WARM_UP_LINES, warmUpReading } from '../voice/warm-up-reading';
import type { BasicPitchSessionOptions } from './melody-model';
import type { VoiceBuildReply, VoiceBuildTask } from './voice-build';

type PartsHere = { [K in keyof ReadingPartRunner]: (...args: Parameters<ReadingPartRunner[K]>) => Awaited<ReturnType<ReadingPartRunner[K]>> };

const PARTS: PartsHere = {
	align: alignReading,
	f0: readingF0,
	melCepstra: readingMelCepstra,
	sparseApBands: readingSparseApBands
};

/**
 * Passes over the made-up reading: V8 optimises a function only after it has run hot for a while,
 * and one pass over 2.5 s left the first take's analysis about 0.3 s slower than the next ones.
 */
const WARM_UP_PASSES = 3;

async function warmUp(model: BasicPitchSessionOptions | null): Promise<void> {
	const sampleRate = 44100;
	const reading = warmUpReading(sampleRate);
	for (let pass = 0; pass < WARM_UP_PASSES; pass++) {
		try {
			alignReading(reading, sampleRate, 'en', WARM_UP_LINES);
		} catch {
			// The aligner may refuse so odd a reading; its code has run either way.
		}
		const f0 = readingF0(reading, sampleRate);
		readingMelCepstra(reading, sampleRate, f0, [{ from: 0, to: f0.f0Hz.length }]);
		readingSparseApBands(reading, sampleRate, f0, [{ from: 0, to: sparseFrameCount(f0.f0Hz.length) }]);
		if (model) {
			// A model that cannot load fails the take's transcription, with its message, not the warm-up.
			await transcribeWithModel(reading, sampleRate, undefined, model).catch(() => {});
		}
	}
}

/**
 * The reading comes in shared memory, which V8 reads several times slower than its own (the
 * analysis reads every sample many times), and every part of a build reads the same one: it is
 * copied into this thread's memory once, as the Float64Array the vocoder's analyses read, and kept
 * for the build's next parts (until another build's reading comes).
 */
let lastReading: { shared: ArrayBufferLike; signal: Float64Array } | null = null;
function signalOf(reading: Float32Array): Float64Array {
	if (lastReading?.shared !== reading.buffer) lastReading = { shared: reading.buffer, signal: toSignal(reading) };
	return lastReading.signal;
}

const reply = (message: VoiceBuildReply) => parentPort?.postMessage(message);

function failure(id: number, e: unknown): VoiceBuildReply {
	const error = e as Error & { code?: string };
	return { id, ok: false, code: typeof error.code === 'string' ? error.code : null, message: error.message ?? String(e), stack: error.stack ?? '' };
}

parentPort?.on('message', ({ id, task }: { id: number; task: VoiceBuildTask }) => {
	if (task.part === 'warmUp') {
		void warmUp(task.model)
			.catch(() => {})
			.then(() => reply({ id, ok: true, result: null }));
		return;
	}
	if (task.part === 'melody') {
		const [pcm, sampleRate, model] = task.args;
		transcribeWithModel(pcm, sampleRate, (stage, fraction) => reply({ id, progress: { stage, fraction } }), model).then(
			(result) => reply({ id, ok: true, result }),
			(e) => reply(failure(id, e))
		);
		return;
	}
	try {
		const run = PARTS[task.part] as (...args: unknown[]) => unknown;
		const [reading, ...rest] = task.args;
		// The aligner takes the reading as it is recorded; the vocoder's parts, the signal they analyse.
		reply({ id, ok: true, result: run(task.part === 'align' ? reading.slice() : signalOf(reading), ...rest) });
	} catch (e) {
		reply(failure(id, e));
	}
});
