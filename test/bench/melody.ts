/**
 * Melody accuracy on real singing (vocadito_1, two annotators; skipped when ../shared/data is
 * absent): the studio's engine beside plain Basic Pitch (its default post-processing) and beside
 * the f0-only engine; and the speed of ONNX Runtime against the same network in TensorFlow.js.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeAudio, prepareTake } from '../../src/lib/audio';
import {
	BASIC_PITCH_WINDOW_SAMPLES,
	analyzeMelody,
	basicPitchNoteEvents,
	hzToMidi,
	noteFMeasure,
	rawPitchAccuracy,
	runBasicPitch,
	sampleTrackAt,
	transcribe,
	voicingFalseAlarm,
	voicingRecall,
	type NoteLike
} from '../../src/lib/pitch';
import { createBasicPitchRunner } from '../../src/lib/server/melody-model';
import { HAS_SHARED_DATA, SHARED_DATA } from '../helpers/paths';
import { median } from './analyze';
import type { Benchmark } from './run';
import { tfjsBasicPitchRunner } from './tfjs-basic-pitch';
import { readCsv } from '../unit/pitch/real-data';

export const melodyBenchmark: Benchmark = async (print) => {
	const runner = createBasicPitchRunner();
	if (HAS_SHARED_DATA) {
		const dir = path.join(SHARED_DATA, 'vocadito');
		const take = prepareTake(await decodeAudio(new Uint8Array(readFileSync(path.join(dir, 'vocadito_1.wav')))));
		const basicPitch = await runBasicPitch(take.pcm, take.sampleRate, runner);
		const studio = transcribe(take.pcm, take.sampleRate, { basicPitch });
		const f0Only = analyzeMelody(take.pcm, take.sampleRate);
		const plain: NoteLike[] = basicPitchNoteEvents(basicPitch).map((n) => ({ onsetSeconds: n.startSeconds, midiPitch: n.midiPitch }));

		const reference = readCsv(path.join(dir, 'vocadito_1_f0.csv'));
		const refHz = reference.map((r) => r[1]);
		const sampled = sampleTrackAt(studio.f0, reference.map((r) => r[0]));
		print({ name: 'melody.raw_pitch_accuracy.vocadito_1', value: rawPitchAccuracy(refHz, sampled.f0Hz), unit: 'ratio', note: '±50 cents on reference-voiced frames; target ≥ 0.97' });
		print({ name: 'melody.voicing_recall.vocadito_1', value: voicingRecall(refHz, sampled.voiced), unit: 'ratio', note: 'target ≥ 0.95' });
		print({ name: 'melody.voicing_false_alarm.vocadito_1', value: voicingFalseAlarm(refHz, sampled.voiced), unit: 'ratio', note: 'target ≤ 0.10' });
		for (const annotator of ['A1', 'A2']) {
			const truth = readCsv(path.join(dir, `vocadito_1_notes${annotator}.csv`)).map(([onset, hz]) => ({ onsetSeconds: onset, midiPitch: hzToMidi(hz) }));
			const ours = noteFMeasure(truth, studio.notes);
			const bp = noteFMeasure(truth, plain);
			const old = noteFMeasure(truth, f0Only.notes);
			print({ name: `melody.conp_f1.vocadito_1_${annotator}`, value: ours.fMeasure, unit: 'ratio', note: `studio; P ${ours.precision.toFixed(3)} R ${ours.recall.toFixed(3)}; target ≥ 0.83; ${(ours.fMeasure / bp.fMeasure).toFixed(2)}x plain Basic Pitch` });
			print({ name: `melody.conp_f1_basic_pitch.vocadito_1_${annotator}`, value: bp.fMeasure, unit: 'ratio', note: `plain Basic Pitch notes; P ${bp.precision.toFixed(3)} R ${bp.recall.toFixed(3)}` });
			print({ name: `melody.conp_f1_f0_only.vocadito_1_${annotator}`, value: old.fMeasure, unit: 'ratio', note: 'pYIN + HMM segmentation alone' });
		}
	} else {
		console.log('# vocadito accuracy skipped: ../shared/data is absent');
	}

	// ONNX Runtime against TensorFlow.js (CPU backend) on the same 6 windows of audio.
	const count = 6;
	const windows = new Float32Array(count * BASIC_PITCH_WINDOW_SAMPLES);
	for (let i = 0; i < windows.length; i++) windows[i] = 0.3 * Math.sin((2 * Math.PI * 220 * i) / 22050) * (1 + 0.3 * Math.sin(i / 5000));
	await runner(windows, count); // warm-up
	const ortTimes: number[] = [];
	for (let run = 0; run < 5; run++) {
		const t0 = performance.now();
		await runner(windows, count);
		ortTimes.push(performance.now() - t0);
	}
	const tfjs = await tfjsBasicPitchRunner();
	await tfjs(windows.subarray(0, BASIC_PITCH_WINDOW_SAMPLES), 1); // warm-up
	const t0 = performance.now();
	await tfjs(windows, count);
	const tfjsMs = performance.now() - t0;
	const ortMs = median(ortTimes);
	print({ name: 'melody.onnx_runtime_seconds.6_windows', value: ortMs / 1000, unit: 's', note: 'onnxruntime-node, CPU' });
	print({ name: 'melody.tfjs_seconds.6_windows', value: tfjsMs / 1000, unit: 's', note: '@tensorflow/tfjs CPU backend' });
	print({ name: 'melody.onnx_runtime_speedup_vs_tfjs', value: tfjsMs / ortMs, unit: 'x', note: 'expected ≥ 5x' });
};
