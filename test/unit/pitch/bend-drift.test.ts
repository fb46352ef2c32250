/**
 * Per-note pitch-bend curves and tuning drift: on hand-made f0 tracks and notes (exact values),
 * then on synthetic singers with known scoops, vibrato and a known sag (test/fixtures/melody-cases.ts).
 */
import ToneMidi from '@tonejs/midi';
import { describe, expect, it } from 'vitest';
import { analyzeMelody, estimateTuningDrift, pitchBendCents, PITCH_BEND_STEP_SECONDS, type F0Track, type NoteEvent } from '../../../src/lib/pitch';
import { notesToMidi } from '../../../src/lib/song/midi';
import { melodyCases } from '../../fixtures/melody-cases';

const HOP = 0.005;

/** An f0 track from a function of time (Hz, 0 = unvoiced). */
function track(seconds: number, hzAt: (t: number) => number): F0Track {
	const frames = Math.round(seconds / HOP);
	const f0Hz = new Float32Array(frames);
	const voiced = new Uint8Array(frames);
	for (let i = 0; i < frames; i++) {
		const hz = hzAt(i * HOP);
		f0Hz[i] = hz;
		voiced[i] = hz > 0 ? 1 : 0;
	}
	return { hopSeconds: HOP, f0Hz, voiced, voicedProb: Float32Array.from(voiced) };
}

const hz = (midi: number) => 440 * 2 ** ((midi - 69) / 12);

describe('pitchBendCents', () => {
	it('follows a scoop into the note and stays at 0 once the pitch settles', () => {
		// A4 scooped from 100 cents below over the first 100 ms.
		const f0 = track(1, (t) => (t < 0.2 ? 0 : hz(69 - Math.max(0, 1 - (t - 0.2) / 0.1))));
		const bends = pitchBendCents({ onsetSeconds: 0.2, offsetSeconds: 0.7, midiPitch: 69 }, f0);
		expect(bends).toHaveLength(Math.ceil(0.5 / PITCH_BEND_STEP_SECONDS));
		expect(bends[0]).toBeLessThan(-80);
		expect(bends[2]).toBeGreaterThan(bends[0]);
		expect(bends.slice(6).every((c) => Math.abs(c) <= 1)).toBe(true);
	});

	it('bridges an unvoiced gap linearly and holds the ends', () => {
		// +20 cents until 0.3 s, unvoiced 0.3–0.5 s, −20 cents after: the gap becomes a ramp.
		const f0 = track(1, (t) => (t < 0.3 ? hz(60.2) : t < 0.5 ? 0 : hz(59.8)));
		const bends = pitchBendCents({ onsetSeconds: 0.1, offsetSeconds: 0.7, midiPitch: 60 }, f0);
		expect(bends[0]).toBe(20);
		expect(bends.at(-1)).toBe(-20);
		const middle = bends[Math.round(0.4 / PITCH_BEND_STEP_SECONDS) - 5];
		expect(middle).toBeGreaterThan(-20);
		expect(middle).toBeLessThan(20);
	});

	it('is all zeros when nothing in the note is voiced', () => {
		const f0 = track(1, () => 0);
		expect(pitchBendCents({ onsetSeconds: 0, offsetSeconds: 0.1, midiPitch: 60 }, f0)).toEqual([0, 0, 0, 0, 0]);
	});
});

describe('estimateTuningDrift', () => {
	const notes = (centsAt: (t: number) => number, count = 24, length = 0.8): NoteEvent[] =>
		Array.from({ length: count }, (_, i) => {
			const onset = i * length;
			return { onsetSeconds: onset, offsetSeconds: onset + length * 0.9, midiPitch: 60 + (i % 5) + centsAt(onset + 0.4 * length) / 100, confidence: 1 };
		});

	it('measures a steady sag in cents per minute, with a curve that goes down', () => {
		const drift = estimateTuningDrift(notes((t) => -2 * t), 0)!;
		expect(drift.centsPerMinute).toBeCloseTo(-120, -1);
		expect(drift.points[0].cents).toBeGreaterThan(drift.points.at(-1)!.cents + 25);
	});

	it('follows a climb across the ±50-cent wrap instead of jumping a semitone', () => {
		const drift = estimateTuningDrift(notes((t) => 30 + 3 * t), 40)!;
		expect(drift.centsPerMinute).toBeGreaterThan(150);
		expect(drift.points.at(-1)!.cents).toBeGreaterThan(60);
	});

	it('is about zero for a steady singer, and null for a few notes', () => {
		expect(Math.abs(estimateTuningDrift(notes(() => 15), 15)!.centsPerMinute)).toBeLessThan(1);
		expect(estimateTuningDrift(notes(() => 0, 4), 0)).toBeNull();
	});
});

describe('bends and drift from sung audio (f0-only engine)', () => {
	const cases = melodyCases();

	it('scooped notes start well below their pitch and settle (synth: −150 cents over 120 ms)', () => {
		const c = cases.scoops;
		const analysis = analyzeMelody(c.pcm, c.sampleRate);
		expect(analysis.notes.length).toBeGreaterThanOrEqual(5);
		const scooped = analysis.notes.filter((n) => Math.min(...n.bendCents!.slice(0, 3)) < -40);
		expect(scooped.length).toBeGreaterThanOrEqual(4);
		for (const n of analysis.notes) {
			const settled = n.bendCents!.slice(Math.round(0.2 / PITCH_BEND_STEP_SECONDS), -3);
			if (settled.length) expect(Math.max(...settled.map(Math.abs))).toBeLessThan(60);
		}
	});

	it('vibrato shows in the curve (synth: ±80 cents at 6 Hz)', () => {
		const c = cases.vibrato;
		const analysis = analyzeMelody(c.pcm, c.sampleRate);
		const widths = analysis.notes.map((n) => {
			const middle = n.bendCents!.slice(15, -5);
			return Math.max(...middle) - Math.min(...middle);
		});
		expect(widths.filter((w) => w > 100).length).toBeGreaterThanOrEqual(3);
	});

	it('a singer sagging 40 cents over 15 s: drift about −160 cents per minute, curve falling; steady singers near 0', () => {
		const sag = analyzeMelody(cases.drifting.pcm, cases.drifting.sampleRate);
		expect(sag.tuningDrift).not.toBeNull();
		expect(sag.tuningDrift!.centsPerMinute).toBeLessThan(-110);
		expect(sag.tuningDrift!.centsPerMinute).toBeGreaterThan(-210);
		expect(sag.tuningDrift!.points[0].cents - sag.tuningDrift!.points.at(-1)!.cents).toBeGreaterThan(25);
		const steady = analyzeMelody(cases.held.pcm, cases.held.sampleRate);
		expect(steady.tuningDrift).toBeNull(); // two notes: too few to speak of drift
		const detuned = analyzeMelody(cases.detuned.pcm, cases.detuned.sampleRate);
		if (detuned.tuningDrift) expect(Math.abs(detuned.tuningDrift.centsPerMinute)).toBeLessThan(40);
	});

	it('the MIDI export carries the vibrato as pitch bends', () => {
		const analysis = analyzeMelody(cases.vibrato.pcm, cases.vibrato.sampleRate);
		const midi = new ToneMidi.Midi(notesToMidi(analysis.notes));
		const values = midi.tracks[0].pitchBends.map((b) => b.value);
		expect(values.length).toBeGreaterThan(40);
		expect(Math.max(...values) - Math.min(...values)).toBeGreaterThan(0.5); // > 100 cents of ±200
	});
});
