/**
 * fuseNotes on hand-made inputs: an f0 track with known voicing and pitch, and Basic Pitch
 * posteriorgrams written frame by frame, so each rule is tested without the model.
 */
import { describe, expect, it } from 'vitest';
import { fuseNotes, onsetPeaksAtSungPitch } from '../../../src/lib/pitch/fuse';
import { BASIC_PITCH_FRAMES_PER_SECOND, BASIC_PITCH_MIDI_OFFSET } from '../../../src/lib/pitch/basic-pitch';
import { midiToHz } from '../../../src/lib/pitch';
import type { F0Track } from '../../../src/lib/pitch';

const HOP = 0.005;

/** A track from (startSeconds, endSeconds, midi) segments; unvoiced elsewhere. */
function track(seconds: number, segments: [number, number, number][]): F0Track {
	const frames = Math.round(seconds / HOP) + 1;
	const f0Hz = new Float32Array(frames);
	const voiced = new Uint8Array(frames);
	const voicedProb = new Float32Array(frames);
	for (const [a, b, m] of segments) {
		for (let t = Math.round(a / HOP); t < Math.round(b / HOP); t++) {
			f0Hz[t] = midiToHz(m);
			voiced[t] = 1;
			voicedProb[t] = 0.9;
		}
	}
	return { hopSeconds: HOP, f0Hz, voiced, voicedProb };
}

function posteriorgrams(seconds: number, notes: [number, number, number][], onsets: [number, number, number][]) {
	const frames = Math.ceil(seconds * BASIC_PITCH_FRAMES_PER_SECOND);
	const note = new Float32Array(frames * 88);
	const onset = new Float32Array(frames * 88);
	for (const [a, b, m] of notes) {
		for (let i = Math.round(a * BASIC_PITCH_FRAMES_PER_SECOND); i < Math.round(b * BASIC_PITCH_FRAMES_PER_SECOND); i++) note[i * 88 + m - BASIC_PITCH_MIDI_OFFSET] = 0.8;
	}
	for (const [t, m, v] of onsets) onset[Math.round(t * BASIC_PITCH_FRAMES_PER_SECOND) * 88 + m - BASIC_PITCH_MIDI_OFFSET] = v;
	return { frames, note, onset };
}

/** RMS −12 dBFS throughout, with dips of `dipDb` over 30 ms at the given times. */
function rms(seconds: number, dips: number[], dipDb: number) {
	const values = new Float32Array(Math.round(seconds / HOP) + 1).fill(0.25);
	for (const d of dips) for (let t = Math.round((d - 0.015) / HOP); t <= Math.round((d + 0.015) / HOP); t++) values[t] = 0.25 * 10 ** (-dipDb / 20);
	return { hopSeconds: HOP, rms: values };
}

describe('fuseNotes', () => {
	it('splits a re-sung note where a strong onset at the sung pitch meets an energy dip', () => {
		const f0 = track(1.5, [[0.2, 1.2, 60]]);
		const bp = posteriorgrams(1.5, [[0.2, 1.2, 60]], [[0.2, 60, 0.9], [0.7, 60, 0.9]]);
		const notes = fuseNotes(f0, bp, { rms: rms(1.5, [0.7], 8) });
		expect(notes.length).toBe(2);
		expect(notes[1].onsetSeconds).toBeCloseTo(0.7, 1);
		for (const n of notes) expect(n.midiPitch).toBeCloseTo(60, 5);
	});

	it('keeps one note when the onset has no energy dip or pitch step behind it (vibrato-like network noise)', () => {
		const f0 = track(1.5, [[0.2, 1.2, 60]]);
		const bp = posteriorgrams(1.5, [[0.2, 1.2, 60]], [[0.2, 60, 0.9], [0.7, 60, 0.9]]);
		expect(fuseNotes(f0, bp, { rms: rms(1.5, [], 0) }).length).toBe(1);
	});

	it('ignores onsets at other pitches', () => {
		const f0 = track(1.5, [[0.2, 1.2, 60]]);
		const bp = posteriorgrams(1.5, [[0.2, 1.2, 60]], [[0.7, 67, 0.95]]);
		expect(fuseNotes(f0, bp, { rms: rms(1.5, [0.7], 8) }).length).toBe(1);
		expect(onsetPeaksAtSungPitch(f0, bp, Float64Array.from(f0.f0Hz, (hz, i) => (f0.voiced[i] ? 69 + 12 * Math.log2(hz / 440) : Number.NaN))).length).toBe(0);
	});

	it('joins a short scoop at a phrase start to the note it rises into, with the stable pitch', () => {
		const f0 = track(1.5, [[0.2, 0.3, 58.5], [0.3, 1.0, 60]]);
		const bp = posteriorgrams(1.5, [[0.2, 1.0, 60]], [[0.2, 59, 0.9]]);
		const notes = fuseNotes(f0, bp, { rms: rms(1.5, [], 0) });
		expect(notes.length).toBe(1);
		expect(notes[0].onsetSeconds).toBeLessThan(0.25);
		expect(notes[0].midiPitch).toBeCloseTo(60, 5);
	});

	it('drops voiced sound over which the network hears no note (a breath, a consonant)', () => {
		const f0 = track(1.5, [[0.2, 0.6, 60], [0.8, 1.2, 64]]);
		const bp = posteriorgrams(1.5, [[0.2, 0.6, 60]], []);
		const notes = fuseNotes(f0, bp);
		expect(notes.length).toBe(1);
		expect(notes[0].midiPitch).toBeCloseTo(60, 5);
	});

	it('returns sorted, non-overlapping notes on a busy input', () => {
		const pitches = [60, 62, 64, 62, 60, 60, 67, 65];
		const f0 = track(3, pitches.map((m, i) => [0.2 + i * 0.3, 0.2 + i * 0.3 + (i % 2 ? 0.3 : 0.25), m] as [number, number, number]));
		const bp = posteriorgrams(3, pitches.map((m, i) => [0.2 + i * 0.3, 0.5 + i * 0.3, m] as [number, number, number]), pitches.map((m, i) => [0.21 + i * 0.3, m, 0.9] as [number, number, number]));
		const notes = fuseNotes(f0, bp, { rms: rms(3, [0.5, 1.1, 1.7, 2.3], 10) });
		expect(notes.length).toBe(pitches.length);
		for (let i = 1; i < notes.length; i++) expect(notes[i].onsetSeconds).toBeGreaterThanOrEqual(notes[i - 1].offsetSeconds);
		expect(notes.map((n) => Math.round(n.midiPitch))).toEqual(pitches);
	});
});
