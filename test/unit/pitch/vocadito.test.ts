import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeMelody, hzToMidi, noteFMeasure, rawPitchAccuracy, sampleTrackAt, voicingFalseAlarm, voicingRecall } from '../../../src/lib/pitch';
import { hasVocadito, readCsv, readWav16, VOCADITO_DIR } from './real-data';

// vocadito (Bittner et al., 2021, CC BY 4.0): solo singing with f0 and note annotations.
// Measured with engine pyin-hmm@1: raw pitch 0.990, voicing recall 0.963, false alarm 0.013,
// COnP F 0.73 (annotator A1) and 0.66 (A2). Thresholds sit a little below.
describe.skipIf(!hasVocadito)('vocadito_1 (real singing; skipped when ../shared/data is absent)', () => {
	const { pcm, sampleRate } = hasVocadito ? readWav16(path.join(VOCADITO_DIR, 'vocadito_1.wav')) : { pcm: new Float32Array(0), sampleRate: 44100 };
	const analysis = hasVocadito ? analyzeMelody(pcm, sampleRate) : null;

	it('f0: raw pitch accuracy ≥ 0.97, voicing recall ≥ 0.94, false alarm ≤ 0.04 against vocadito_1_f0.csv', () => {
		const ref = readCsv(path.join(VOCADITO_DIR, 'vocadito_1_f0.csv'));
		const sampled = sampleTrackAt(analysis!.f0, ref.map((r) => r[0]));
		const refHz = ref.map((r) => r[1]);
		const rpa = rawPitchAccuracy(refHz, sampled.f0Hz);
		const vr = voicingRecall(refHz, sampled.voiced);
		const vfa = voicingFalseAlarm(refHz, sampled.voiced);
		console.log(`vocadito_1 f0: raw pitch accuracy ${rpa.toFixed(4)}, voicing recall ${vr.toFixed(4)}, false alarm ${vfa.toFixed(4)}`);
		expect(rpa).toBeGreaterThanOrEqual(0.97);
		expect(vr).toBeGreaterThanOrEqual(0.94);
		expect(vfa).toBeLessThanOrEqual(0.04);
	});

	for (const [annotator, threshold] of [['A1', 0.68], ['A2', 0.6]] as const) {
		it(`notes: COnP F-measure ≥ ${threshold} against annotator ${annotator}`, () => {
			const ref = readCsv(path.join(VOCADITO_DIR, `vocadito_1_notes${annotator}.csv`)).map(([onsetSeconds, hz]) => ({ onsetSeconds, midiPitch: hzToMidi(hz) }));
			const f = noteFMeasure(ref, analysis!.notes);
			console.log(`vocadito_1 notes vs ${annotator}: P ${f.precision.toFixed(3)} R ${f.recall.toFixed(3)} F ${f.fMeasure.toFixed(3)}`);
			expect(f.fMeasure).toBeGreaterThanOrEqual(threshold);
		});
	}

	it('finds a melody with a key and a tempo', () => {
		expect(analysis!.message).toBeNull();
		expect(analysis!.key).not.toBeNull();
		expect(analysis!.tempo).not.toBeNull();
	});
});
