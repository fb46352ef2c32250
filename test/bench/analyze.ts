/**
 * The analyze stage as the worker runs it: decode a 60 s WAV, prepare the canonical take (mono,
 * 44.1 kHz), run Basic Pitch (ONNX Runtime) and the pYIN tracker, fuse them into notes, key, tempo.
 * Prints the real-time factor with per-step times, the upload request's cost, and peak memory for a
 * 3-minute take (measured in a fresh process).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { checkTake, decodeAudio, encodeWav, prepareTake } from '../../src/lib/audio';
import { runBasicPitch, transcribe } from '../../src/lib/pitch';
import { createBasicPitchRunner, loadBasicPitchSession } from '../../src/lib/server/melody-model';
import { hummedTake } from '../helpers/audio';
import type { Benchmark } from './run';

const TAKE_SECONDS = 60;
const RUNS = 5;

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

export const analyzeBenchmark: Benchmark = async (print) => {
	// A 60 s take: the hummed test melody repeated, as a 48 kHz stereo 16-bit WAV so the decode
	// and resampling paths both do real work.
	const mono48k = hummedTake(TAKE_SECONDS, 48000);
	const wav = encodeWav([mono48k, mono48k], 48000, { bitDepth: 16 });
	await loadBasicPitchSession(); // once per worker process, not per take
	const runner = createBasicPitchRunner();

	const steps = { decode: [] as number[], prepare: [] as number[], model: [] as number[], melody: [] as number[], total: [] as number[] };
	for (let run = 0; run < RUNS; run++) {
		const t0 = performance.now();
		const decoded = await decodeAudio(wav);
		const t1 = performance.now();
		const take = prepareTake(decoded);
		const t2 = performance.now();
		const basicPitch = await runBasicPitch(take.pcm, take.sampleRate, runner);
		const t3 = performance.now();
		const analysis = transcribe(take.pcm, take.sampleRate, { basicPitch });
		const t4 = performance.now();
		if (analysis.notes.length === 0) throw new Error('benchmark take produced no notes');
		steps.decode.push(t1 - t0);
		steps.prepare.push(t2 - t1);
		steps.model.push(t3 - t2);
		steps.melody.push(t4 - t3);
		steps.total.push(t4 - t0);
	}
	const totalSeconds = median(steps.total) / 1000;
	print({ name: 'analyze.seconds.60s_take', value: totalSeconds, unit: 's', note: `median of ${RUNS}; target ≤ 1.5 s` });
	print({ name: 'analyze.realtime_factor.60s_take', value: TAKE_SECONDS / totalSeconds, unit: 'x', note: 'target ≥ 40x' });
	print({ name: 'analyze.decode_seconds.60s_take', value: median(steps.decode) / 1000, unit: 's' });
	print({ name: 'analyze.prepare_seconds.60s_take', value: median(steps.prepare) / 1000, unit: 's', note: 'mono + 48k→44.1k resample + checks' });
	print({ name: 'analyze.model_seconds.60s_take', value: median(steps.model) / 1000, unit: 's', note: 'resample to 22.05 kHz + Basic Pitch in ONNX Runtime' });
	print({ name: 'analyze.melody_seconds.60s_take', value: median(steps.melody) / 1000, unit: 's', note: 'pYIN + HMM, fusion, key, tempo, motif' });

	// What an upload request does before answering (decode + checks at the original rate, no
	// resampling): the web server's cost per take.
	const uploadChecks: number[] = [];
	for (let run = 0; run < RUNS; run++) {
		const t0 = performance.now();
		checkTake(await decodeAudio(wav));
		uploadChecks.push(performance.now() - t0);
	}
	print({ name: 'analyze.upload_check_seconds.60s_take', value: median(uploadChecks) / 1000, unit: 's', note: 'in the web request: decode + checks' });

	// Peak memory of the whole analysis of a 3-minute take, in a fresh process.
	const child = spawnSync(process.execPath, ['--import', 'tsx/esm', fileURLToPath(new URL('./analyze-memory-child.ts', import.meta.url))], { encoding: 'utf8' });
	if (child.status !== 0) throw new Error(`memory benchmark failed: ${child.stderr}`);
	const memory = JSON.parse(child.stdout.trim().split('\n').pop()!) as { peakMb: number; baselineMb: number };
	print({ name: 'analyze.peak_rss_mb.180s_take', value: memory.peakMb, unit: 'MB', note: `process peak incl. Node and ONNX Runtime (${memory.baselineMb.toFixed(0)} MB before the analysis); target ≤ 500 MB` });
};
