import { describe, expect, it } from 'vitest';
import {
	analyzeMelody,
	estimateTempo,
	MELODY_ENGINE,
	midiToHz,
	hzToMidi,
	midiToNoteName,
	parseAnalysis,
	PitchError,
	serializeAnalysis,
	type NoteEvent
} from '../../../src/lib/pitch';
import { HUM_MELODY_BPM, HUM_MELODY_NOTES, makeHumMelody } from '../../fixtures/hum-melody';
import { mulberry32, synthVoice } from '../../fixtures/synth-voice';

describe('analyzeMelody on the hummed melody', () => {
	const v = makeHumMelody();
	const stages: string[] = [];
	const a = analyzeMelody(v.pcm, v.sampleRate, { onProgress: (stage, f) => stages.push(`${stage}:${f.toFixed(2)}`) });

	it('finds every note, names the key C major and the tempo 100 BPM ± 3 %', () => {
		expect(a.engine).toBe(MELODY_ENGINE);
		expect(a.message).toBeNull();
		expect(a.notes.length).toBe(HUM_MELODY_NOTES.length);
		expect(a.key?.name).toBe('C major');
		expect(Math.abs(a.tempo!.bpm / HUM_MELODY_BPM - 1)).toBeLessThanOrEqual(0.03);
		expect(Math.abs(a.tuningCents)).toBeLessThanOrEqual(5);
	});

	it('lays the beat grid on the note onsets (±50 ms)', () => {
		const beats = a.tempo!.beatTimesSeconds;
		for (const n of HUM_MELODY_NOTES) {
			const nearest = Math.min(...beats.map((b) => Math.abs(b - n.onsetSeconds)));
			expect(nearest).toBeLessThanOrEqual(0.05);
		}
	});

	it('reports progress for both stages, ending at 1', () => {
		expect(stages.filter((s) => s.startsWith('pitch')).length).toBeGreaterThanOrEqual(3);
		expect(stages).toContain('pitch:1.00');
		expect(stages[stages.length - 1]).toBe('notes:1.00');
	});

	it('round-trips through JSON with f0 rounded to 0.01 Hz and probabilities to 0.001', () => {
		const json = JSON.parse(JSON.stringify(serializeAnalysis(a)));
		const back = parseAnalysis(json);
		expect(back.notes).toEqual(a.notes);
		expect(back.key).toEqual(a.key);
		expect(back.f0.f0Hz.length).toBe(a.f0.f0Hz.length);
		for (let i = 0; i < a.f0.f0Hz.length; i += 37) {
			expect(Math.abs(back.f0.f0Hz[i] - a.f0.f0Hz[i])).toBeLessThanOrEqual(0.0051);
			expect(Math.abs(back.f0.voicedProb[i] - a.f0.voicedProb[i])).toBeLessThanOrEqual(0.0006);
			expect(back.f0.voiced[i]).toBe(a.f0.voiced[i]);
		}
		expect(() => parseAnalysis({ engine: 'x' })).toThrowError(PitchError);
	});
});

describe('analyzeMelody without a melody', () => {
	it('says "No melody found" for noise and returns no notes, key or tempo', () => {
		const rand = mulberry32(5);
		const noise = new Float32Array(5 * 44100).map(() => 0.2 * (rand() - 0.5));
		const a = analyzeMelody(noise, 44100);
		expect(a.notes).toEqual([]);
		expect(a.key).toBeNull();
		expect(a.tempo).toBeNull();
		expect(a.message).toMatch(/^No melody found: /);
	});

	it('says "No melody found" for silence and for a single short blip', () => {
		expect(analyzeMelody(new Float32Array(44100), 44100).message).toMatch(/^No melody found: /);
		const blip = synthVoice([{ onsetSeconds: 0.2, offsetSeconds: 0.4, midiPitch: 60 }], { durationSeconds: 1 });
		const a = analyzeMelody(blip.pcm, blip.sampleRate);
		expect(a.notes).toEqual([]);
		expect(a.message).toMatch(/^No melody found: /);
	});
});

describe('estimateTempo', () => {
	it('recovers 72 BPM eighth-and-quarter rhythms within 3 % (or exactly double, 144, flagged)', () => {
		const beat = 60 / 72;
		const pattern = [0.5, 0.5, 1, 0.5, 0.5, 1, 1, 1];
		const notes: NoteEvent[] = [];
		let t = 1;
		for (let r = 0; r < 3; r++) {
			for (const len of pattern) {
				notes.push({ onsetSeconds: t, offsetSeconds: t + len * beat * 0.9, midiPitch: 60, confidence: 0.9 });
				t += len * beat;
			}
		}
		const tempo = estimateTempo(notes)!;
		const ratio = tempo.bpm / 72;
		const octave = Math.abs(ratio - 1) <= 0.03 ? 1 : Math.abs(ratio - 2) <= 0.06 ? 2 : 0;
		expect(octave).toBeGreaterThan(0);
	});

	it('needs at least four onsets', () => {
		expect(estimateTempo([{ onsetSeconds: 0, offsetSeconds: 1, midiPitch: 60, confidence: 1 }])).toBeNull();
	});
});

describe('units', () => {
	it('converts between Hz, MIDI and note names', () => {
		expect(midiToNoteName(60)).toBe('C4');
		expect(midiToNoteName(69)).toBe('A4');
		expect(midiToNoteName(61)).toBe('C#4');
		expect(midiToNoteName(58)).toBe('Bb3');
		expect(midiToNoteName(59.6)).toBe('C4');
		expect(hzToMidi(440)).toBe(69);
		expect(midiToHz(81)).toBeCloseTo(880, 9);
		expect(hzToMidi(midiToHz(47.3))).toBeCloseTo(47.3, 9);
		expect(Number.isNaN(hzToMidi(0))).toBe(true);
	});
});
