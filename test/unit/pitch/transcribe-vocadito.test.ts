/**
 * The fused engine (pYIN + Basic Pitch) on vocadito_1 (Bittner et al., 2021, CC BY 4.0), against
 * both annotators. Measured with pyin+basicpitch@1 and the official nmp.onnx: COnP F 0.800 (A1)
 * and 0.800 (A2), against 0.732 / 0.656 for the f0-only engine and 0.446 / 0.504 for plain Basic
 * Pitch; frame metrics are the f0 track's and so unchanged (0.990 / 0.963 / 0.013).
 * pyin+basicpitch@6 (vibrato centre line, legato changes at the pitch's departure, release falls,
 * blips and opening scoops joined): 0.885 (A1) and 0.835 (A2), 63 notes.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hzToMidi, noteFMeasure, rawPitchAccuracy, sampleTrackAt, voicingFalseAlarm, voicingRecall, type MelodyAnalysis } from '../../../src/lib/pitch';
import { estimateF0 } from '../../../src/lib/pitch/pyin';
import { rmsEnvelope } from '../../../src/lib/pitch/envelope';
import { fuseNotes } from '../../../src/lib/pitch/fuse';
import { FUSED_MELODY_ENGINE, transcribe } from '../../../src/lib/pitch/transcribe';
import type { BasicPitchOutput } from '../../../src/lib/pitch/basic-pitch';
import { basicPitchFor } from '../../helpers/basic-pitch-runner';
import { hasVocadito, readCsv, readWav16, VOCADITO_DIR } from './real-data';

describe.skipIf(!hasVocadito)('transcribe with Basic Pitch on vocadito_1 (skipped when ../shared/data is absent)', () => {
	let pcm: Float32Array;
	let sampleRate: number;
	let bp: BasicPitchOutput;
	let analysis: MelodyAnalysis;

	beforeAll(async () => {
		({ pcm, sampleRate } = readWav16(path.join(VOCADITO_DIR, 'vocadito_1.wav')));
		bp = await basicPitchFor(pcm, sampleRate);
		analysis = transcribe(pcm, sampleRate, { basicPitch: bp });
	});

	it('names the fused engine and finds a melody with key and tempo', () => {
		expect(analysis.engine).toBe(FUSED_MELODY_ENGINE);
		expect(analysis.message).toBeNull();
		expect(analysis.key).not.toBeNull();
		expect(analysis.tempo).not.toBeNull();
	});

	it('f0 unchanged: raw pitch accuracy ≥ 0.97, voicing recall ≥ 0.95, false alarm ≤ 0.10', () => {
		const ref = readCsv(path.join(VOCADITO_DIR, 'vocadito_1_f0.csv'));
		const sampled = sampleTrackAt(analysis.f0, ref.map((r) => r[0]));
		const refHz = ref.map((r) => r[1]);
		const rpa = rawPitchAccuracy(refHz, sampled.f0Hz);
		const vr = voicingRecall(refHz, sampled.voiced);
		const vfa = voicingFalseAlarm(refHz, sampled.voiced);
		console.log(`vocadito_1 fused f0: raw pitch ${rpa.toFixed(4)}, voicing recall ${vr.toFixed(4)}, false alarm ${vfa.toFixed(4)}`);
		expect(rpa).toBeGreaterThanOrEqual(0.97);
		expect(vr).toBeGreaterThanOrEqual(0.95);
		expect(vfa).toBeLessThanOrEqual(0.1);
	});

	for (const [annotator, threshold] of [['A1', 0.83], ['A2', 0.83]] as const) {
		it(`notes: COnP F-measure ≥ ${threshold} against annotator ${annotator} (issue 13)`, () => {
			const ref = readCsv(path.join(VOCADITO_DIR, `vocadito_1_notes${annotator}.csv`)).map(([onsetSeconds, hz]) => ({ onsetSeconds, midiPitch: hzToMidi(hz) }));
			const f = noteFMeasure(ref, analysis.notes);
			console.log(`vocadito_1 fused notes vs ${annotator}: P ${f.precision.toFixed(3)} R ${f.recall.toFixed(3)} F ${f.fMeasure.toFixed(3)} (${analysis.notes.length} notes)`);
			expect(f.fMeasure).toBeGreaterThanOrEqual(threshold);
		});
	}

	it('notes are sorted and never overlap', () => {
		for (let i = 1; i < analysis.notes.length; i++) {
			expect(analysis.notes[i].onsetSeconds).toBeGreaterThanOrEqual(analysis.notes[i - 1].offsetSeconds);
		}
		for (const n of analysis.notes) expect(n.offsetSeconds).toBeGreaterThan(n.onsetSeconds);
	});

	it('the fusion itself (model run and f0 excluded) costs under 0.5 s of CPU on 33 s of audio', () => {
		const f0 = analysis.f0;
		const rms = rmsEnvelope(pcm, sampleRate, { hopSeconds: f0.hopSeconds });
		fuseNotes(f0, bp, { rms });
		const runs = 5;
		const t0 = process.cpuUsage();
		for (let i = 0; i < runs; i++) fuseNotes(f0, bp, { rms });
		const used = process.cpuUsage(t0);
		const ms = (used.user + used.system) / 1000 / runs;
		console.log(`fuseNotes on vocadito_1 (33 s): ${ms.toFixed(1)} ms CPU per call`);
		expect(ms).toBeLessThan(500);
	});

	it('the f0 track equals the one estimateF0 gives alone (fusion does not touch frame f0)', () => {
		const alone = estimateF0(pcm, sampleRate);
		expect(Array.from(analysis.f0.voiced)).toEqual(Array.from(alone.voiced));
	});
});
