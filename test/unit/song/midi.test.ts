import ToneMidi from '@tonejs/midi';
import { describe, expect, it } from 'vitest';
import { notesToMidi } from '../../../src/lib/song/midi';

describe('notesToMidi', () => {
	it('writes notes that @tonejs/midi reads back with the same keys and times', () => {
		const notes = [
			{ onsetSeconds: 0.5, offsetSeconds: 1.0, midiPitch: 60, confidence: 1 },
			{ onsetSeconds: 1.0, offsetSeconds: 1.75, midiPitch: 64.3, confidence: 0.5 },
			{ onsetSeconds: 2.0, offsetSeconds: 2.5, midiPitch: 66.8, confidence: 0.9 }
		];
		const midi = new ToneMidi.Midi(notesToMidi(notes, { tempoBpm: 90 }));
		expect(midi.header.tempos[0].bpm).toBeCloseTo(90, 3);
		const read = midi.tracks[0].notes;
		expect(read.map((n) => n.midi)).toEqual([60, 64, 67]);
		read.forEach((n, i) => {
			expect(n.time).toBeCloseTo(notes[i].onsetSeconds, 2);
			expect(n.time + n.duration).toBeCloseTo(notes[i].offsetSeconds, 2);
		});
	});

	it('keeps the cents as pitch bends (range ±2 semitones)', () => {
		const midi = new ToneMidi.Midi(notesToMidi([{ onsetSeconds: 0, offsetSeconds: 1, midiPitch: 64.3 }]));
		const bends = midi.tracks[0].pitchBends;
		expect(bends[0].value).toBeCloseTo(0.15, 2);
		expect(bends.at(-1)!.value).toBe(0);
	});

	it('rejects a tempo outside (0, 1000) BPM', () => {
		expect(() => notesToMidi([], { tempoBpm: 0 })).toThrow(RangeError);
	});
});

describe('notesToMidi with bend curves', () => {
	it('writes the curve (a scoop up into the note, then vibrato) and resets at the note end', () => {
		// 0.5 s at 20 ms per value: a scoop from −100 cents over 100 ms, then ±30 cents at 5 Hz.
		const bendCents = Array.from({ length: 25 }, (_, k) => (k < 5 ? -100 + 20 * k : Math.round(30 * Math.sin(2 * Math.PI * 5 * k * 0.02))));
		const midi = new ToneMidi.Midi(notesToMidi([{ onsetSeconds: 1, offsetSeconds: 1.5, midiPitch: 62, bendCents }], { tempoBpm: 120 }));
		const bends = midi.tracks[0].pitchBends;
		expect(bends[0].time).toBeCloseTo(1, 2);
		expect(bends[0].value).toBeCloseTo(-0.5, 2); // −100 cents of a ±200-cent range
		const min = Math.min(...bends.slice(6).map((b) => b.value));
		const max = Math.max(...bends.slice(6).map((b) => b.value));
		expect(max).toBeGreaterThan(0.12);
		expect(min).toBeLessThan(-0.12);
		expect(bends.at(-1)!.time).toBeCloseTo(1.5, 2);
		expect(bends.at(-1)!.value).toBe(0);
	});

	it('adds the note\'s own cents to its curve and clamps to the bend range', () => {
		const midi = new ToneMidi.Midi(notesToMidi([{ onsetSeconds: 0, offsetSeconds: 0.1, midiPitch: 60.25, bendCents: [0, 500] }]));
		const bends = midi.tracks[0].pitchBends;
		expect(bends[0].value).toBeCloseTo(0.125, 2);
		expect(bends[1].value).toBeCloseTo(1, 2);
	});

	it('writes no bend for an in-tune note with a flat curve', () => {
		const midi = new ToneMidi.Midi(notesToMidi([{ onsetSeconds: 0, offsetSeconds: 0.2, midiPitch: 60, bendCents: new Array(10).fill(0) }]));
		expect(midi.tracks[0].pitchBends).toHaveLength(0);
	});
});
