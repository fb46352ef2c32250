/**
 * The fused engine (pYIN + Basic Pitch, `transcribe` with `basicPitch`) on the synthetic hard cases
 * (test/fixtures/melody-cases.ts) and the hummed melody. Floors are what pyin+basicpitch@1 reaches
 * with the official nmp.onnx, stated in each name; compare with the f0-only floors in
 * melody-cases.test.ts (scoops 0.73, reverb 0.53 there).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeMelody, noteFMeasure, type MelodyAnalysis } from '../../../src/lib/pitch';
import { FUSED_MELODY_ENGINE, transcribe } from '../../../src/lib/pitch/transcribe';
import { melodyCases } from '../../fixtures/melody-cases';
import { HUM_MELODY_NOTES, makeHumMelody } from '../../fixtures/hum-melody';
import { basicPitchFor } from '../../helpers/basic-pitch-runner';

const cases = melodyCases();
type CaseName = keyof typeof cases;

describe('fused engine on hard cases (COnP: onset ±50 ms, pitch ±50 cents)', () => {
	const results = {} as Record<CaseName, { analysis: MelodyAnalysis; f: number }>;
	beforeAll(async () => {
		for (const name of Object.keys(cases) as CaseName[]) {
			const c = cases[name];
			const analysis = transcribe(c.pcm, c.sampleRate, { basicPitch: await basicPitchFor(c.pcm, c.sampleRate) });
			const truth = c.notes.map((n) => ({ onsetSeconds: n.onsetSeconds, midiPitch: n.midiPitch + c.detuneCents / 100 }));
			results[name] = { analysis, f: noteFMeasure(truth, analysis.notes).fMeasure };
		}
		console.log(Object.entries(results).map(([k, r]) => `${k} ${r.f.toFixed(3)}`).join(', '));
	}, 60_000);

	it('uses the fused engine', () => {
		expect(results.fast.analysis.engine).toBe(FUSED_MELODY_ENGINE);
	});

	it('breathy humming, fast notes: every note (F = 1)', () => {
		expect(results.breathy.f).toBe(1);
		expect(results.fast.f).toBe(1);
	});

	it('a singer 35 cents sharp: every note, tuning within 5 cents of +35', () => {
		const { analysis, f } = results.detuned;
		expect(f).toBe(1);
		expect(analysis.tuningCents).toBeGreaterThan(30);
		expect(analysis.tuningCents).toBeLessThan(40);
	});

	it('two long held notes stay two notes', () => {
		expect(results.held.analysis.message).toBeNull();
		expect(results.held.analysis.notes.length).toBe(2);
		expect(results.held.f).toBe(1);
	});

	it('wide vibrato: F ≥ 0.85 (0.89, as the f0-only engine)', () => {
		expect(results.vibrato.f).toBeGreaterThanOrEqual(0.85);
	});

	it('deep scoops: every note (F = 1; the f0-only engine 0.73) — the scoop joins its note', () => {
		expect(results.scoops.f).toBe(1);
	});

	it('reverberant room: F ≥ 0.7 (0.75; the f0-only engine 0.53)', () => {
		expect(results.reverb.f).toBeGreaterThanOrEqual(0.7);
	});

	it('notes are sorted and never overlap in any case', () => {
		for (const { analysis } of Object.values(results)) {
			for (let i = 1; i < analysis.notes.length; i++) expect(analysis.notes[i].onsetSeconds).toBeGreaterThanOrEqual(analysis.notes[i - 1].offsetSeconds);
			for (const n of analysis.notes) expect(n.offsetSeconds).toBeGreaterThan(n.onsetSeconds);
		}
	});
});

describe('fused engine on the hummed melody', () => {
	it('finds all 21 notes (F = 1), C major', async () => {
		const v = makeHumMelody();
		const analysis = transcribe(v.pcm, v.sampleRate, { basicPitch: await basicPitchFor(v.pcm, v.sampleRate) });
		const f = noteFMeasure(HUM_MELODY_NOTES, analysis.notes);
		expect(f.matches.length).toBe(21);
		expect(analysis.notes.length).toBe(21);
		expect(analysis.key?.name).toBe('C major');
	});
});

describe('transcribe without Basic Pitch', () => {
	it('falls back to the f0-only engine: same notes and engine as analyzeMelody', () => {
		const v = makeHumMelody();
		const a = transcribe(v.pcm, v.sampleRate);
		const b = analyzeMelody(v.pcm, v.sampleRate);
		expect(a.engine).toBe(b.engine);
		expect(a.notes).toEqual(b.notes);
	});

	it('rejects posteriorgrams of the wrong size with a stable code', () => {
		const v = makeHumMelody();
		expect(() => transcribe(v.pcm, v.sampleRate, { basicPitch: { frames: 10, note: new Float32Array(5), onset: new Float32Array(880), contour: new Float32Array(2640), framesPerSecond: 86 } })).toThrow(
			expect.objectContaining({ code: 'invalid_option' })
		);
	});
});
