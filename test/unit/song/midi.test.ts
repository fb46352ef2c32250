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
