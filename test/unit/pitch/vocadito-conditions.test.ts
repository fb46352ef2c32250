/**
 * vocadito_1 under worse recording conditions, through the fused engine: white noise 20 dB below
 * the take, the take 26 dB quieter, and a reverberant room (RT60 0.4 s). Nothing may fall apart:
 * COnP F ≥ 0.79 against each annotator in each condition. Measured with pyin+basicpitch@6:
 * noise 0.860 / 0.825, quiet 0.860 / 0.794, reverb 0.889 / 0.852 (A1 / A2); pyin+basicpitch@5 gave
 * 0.784 / 0.800, 0.797 / 0.781 and 0.857 / 0.839.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hzToMidi, noteFMeasure, type MelodyAnalysis } from '../../../src/lib/pitch';
import { transcribe } from '../../../src/lib/pitch/transcribe';
import { addReverb } from '../../fixtures/melody-cases';
import { mulberry32 } from '../../fixtures/synth-voice';
import { basicPitchFor } from '../../helpers/basic-pitch-runner';
import { hasVocadito, readCsv, readWav16, VOCADITO_DIR } from './real-data';

/** White noise `db` below the signal's RMS (deterministic). */
function withNoise(x: Float32Array, db: number, seed = 3): Float32Array {
	let sum = 0;
	for (const v of x) sum += v * v;
	const noiseRms = Math.sqrt(sum / x.length) * Math.pow(10, db / 20);
	const random = mulberry32(seed);
	return x.map((v) => v + (random() * 2 - 1) * Math.sqrt(3) * noiseRms);
}

describe.skipIf(!hasVocadito)('vocadito_1 in noise, quiet and a reverberant room (skipped when ../shared/data is absent)', () => {
	const analyses: Record<string, MelodyAnalysis> = {};
	beforeAll(async () => {
		const { pcm, sampleRate } = readWav16(path.join(VOCADITO_DIR, 'vocadito_1.wav'));
		const conditions: Record<string, Float32Array> = {
			'noise 20 dB below': withNoise(pcm, -20),
			'26 dB quieter': pcm.map((v) => v * 0.05),
			'reverberant room (RT60 0.4 s)': addReverb(pcm, sampleRate, { rt60Seconds: 0.4, wet: 0.3 })
		};
		for (const [name, x] of Object.entries(conditions)) analyses[name] = transcribe(x, sampleRate, { basicPitch: await basicPitchFor(x, sampleRate) });
	}, 120_000);

	for (const name of ['noise 20 dB below', '26 dB quieter', 'reverberant room (RT60 0.4 s)']) {
		it(`${name}: COnP F ≥ 0.79 against each annotator`, () => {
			const analysis = analyses[name];
			expect(analysis.message).toBeNull();
			for (const annotator of ['A1', 'A2']) {
				const ref = readCsv(path.join(VOCADITO_DIR, `vocadito_1_notes${annotator}.csv`)).map(([onsetSeconds, hz]) => ({ onsetSeconds, midiPitch: hzToMidi(hz) }));
				const f = noteFMeasure(ref, analysis.notes).fMeasure;
				console.log(`vocadito_1, ${name}, vs ${annotator}: F ${f.toFixed(3)} (${analysis.notes.length} notes)`);
				expect(f).toBeGreaterThanOrEqual(0.79);
			}
		});
	}
});
