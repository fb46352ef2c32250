/**
 * The analyze stage as the worker runs it: decode a 60 s WAV, prepare the canonical take (mono,
 * 44.1 kHz), track pitch, segment notes, key, tempo. Prints the real-time factor and per-step
 * times, and accuracy against vocadito_1's annotations (../shared/data, skipped when absent).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { checkTake, decodeAudio, encodeWav, prepareTake } from '../../src/lib/audio';
import {
	analyzeMelody,
	estimateF0,
	hzToMidi,
	noteFMeasure,
	rawPitchAccuracy,
	sampleTrackAt,
	voicingFalseAlarm,
	voicingRecall
} from '../../src/lib/pitch';
import { hummedTake } from '../helpers/audio';
import { HAS_SHARED_DATA, SHARED_DATA } from '../helpers/paths';
import type { Benchmark } from './run';

const TAKE_SECONDS = 60;
const RUNS = 5;

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

function csv(file: string): number[][] {
	return readFileSync(file, 'utf8')
		.split(/\r?\n/)
		.filter((l) => l.trim() && !/[a-z]/i.test(l))
		.map((l) => l.split(',').map(Number));
}

export const analyzeBenchmark: Benchmark = async (print) => {
	// A 60 s take: the hummed test melody repeated, as a 48 kHz stereo 16-bit WAV so the decode
	// and resampling paths both do real work.
	const mono48k = hummedTake(TAKE_SECONDS, 48000);
	const wav = encodeWav([mono48k, mono48k], 48000, { bitDepth: 16 });

	const steps = { decode: [] as number[], prepare: [] as number[], analyze: [] as number[], total: [] as number[] };
	for (let run = 0; run < RUNS; run++) {
		const t0 = performance.now();
		const decoded = await decodeAudio(wav);
		const t1 = performance.now();
		const take = prepareTake(decoded);
		const t2 = performance.now();
		const analysis = analyzeMelody(take.pcm, take.sampleRate);
		const t3 = performance.now();
		if (analysis.notes.length === 0) throw new Error('benchmark take produced no notes');
		steps.decode.push(t1 - t0);
		steps.prepare.push(t2 - t1);
		steps.analyze.push(t3 - t2);
		steps.total.push(t3 - t0);
	}
	const totalSeconds = median(steps.total) / 1000;
	print({ name: 'analyze.seconds.60s_take', value: totalSeconds, unit: 's', note: `median of ${RUNS}; target ≤ 1.5 s` });
	print({ name: 'analyze.realtime_factor.60s_take', value: TAKE_SECONDS / totalSeconds, unit: 'x', note: 'target ≥ 40x' });
	print({ name: 'analyze.decode_seconds.60s_take', value: median(steps.decode) / 1000, unit: 's' });
	print({ name: 'analyze.prepare_seconds.60s_take', value: median(steps.prepare) / 1000, unit: 's', note: 'mono + 48k→44.1k resample + checks' });
	print({ name: 'analyze.melody_seconds.60s_take', value: median(steps.analyze) / 1000, unit: 's', note: 'pYIN + HMM, notes, key, tempo' });

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
	const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./analyze-memory-child.ts', import.meta.url))], { encoding: 'utf8' });
	if (child.status !== 0) throw new Error(`memory benchmark failed: ${child.stderr}`);
	const memory = JSON.parse(child.stdout.trim().split('\n').pop()!) as { peakMb: number; baselineMb: number };
	print({ name: 'analyze.peak_rss_mb.180s_take', value: memory.peakMb, unit: 'MB', note: `process peak incl. Node (${memory.baselineMb.toFixed(0)} MB before the analysis); target ≤ 500 MB` });

	if (!HAS_SHARED_DATA) {
		console.log('# vocadito accuracy skipped: ../shared/data is absent');
		return;
	}
	const dir = path.join(SHARED_DATA, 'vocadito');
	const decoded = await decodeAudio(new Uint8Array(readFileSync(path.join(dir, 'vocadito_1.wav'))));
	const take = prepareTake(decoded);
	const analysis = analyzeMelody(take.pcm, take.sampleRate);
	const reference = csv(path.join(dir, 'vocadito_1_f0.csv'));
	const times = reference.map((r) => r[0]);
	const refHz = reference.map((r) => r[1]);
	const sampled = sampleTrackAt(analysis.f0, times);
	print({ name: 'analyze.raw_pitch_accuracy.vocadito_1', value: rawPitchAccuracy(refHz, sampled.f0Hz), unit: 'ratio', note: '±50 cents on reference-voiced frames' });
	print({ name: 'analyze.voicing_recall.vocadito_1', value: voicingRecall(refHz, sampled.voiced), unit: 'ratio' });
	print({ name: 'analyze.voicing_false_alarm.vocadito_1', value: voicingFalseAlarm(refHz, sampled.voiced), unit: 'ratio' });
	for (const annotator of ['A1', 'A2']) {
		const notes = csv(path.join(dir, `vocadito_1_notes${annotator}.csv`)).map(([onset, hz]) => ({ onsetSeconds: onset, midiPitch: hzToMidi(hz) }));
		const score = noteFMeasure(notes, analysis.notes);
		print({ name: `analyze.conp_f1.vocadito_1_${annotator}`, value: score.fMeasure, unit: 'ratio', note: `P ${score.precision.toFixed(3)} R ${score.recall.toFixed(3)}` });
	}
	// The f0 tracker alone, for the vocoder and melody issues to compare against.
	const t0 = performance.now();
	estimateF0(take.pcm, take.sampleRate);
	print({ name: 'analyze.f0_seconds.vocadito_1', value: (performance.now() - t0) / 1000, unit: 's', note: `${take.durationSeconds.toFixed(1)} s of audio` });
};
