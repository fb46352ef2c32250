import { describe, expect, it } from 'vitest';
import { estimateF0, rmsEnvelope, segmentNotes, type NoteEvent } from '../../../src/lib/pitch';
import { HUM_MELODY_NOTES, makeHumMelody } from '../../fixtures/hum-melody';
import { synthVoice, type SynthNote, type SynthVoiceOptions } from '../../fixtures/synth-voice';

function transcribe(notes: SynthNote[], options: SynthVoiceOptions = {}): NoteEvent[] {
	const v = synthVoice(notes, options);
	const track = estimateF0(v.pcm, v.sampleRate);
	return segmentNotes(track, { rms: rmsEnvelope(v.pcm, v.sampleRate) });
}

describe('segmentNotes', () => {
	it('finds every note of the hummed melody (onset ±50 ms, pitch ±50 cents, one-to-one) and nothing else', () => {
		const v = makeHumMelody();
		const notes = segmentNotes(estimateF0(v.pcm, v.sampleRate), { rms: rmsEnvelope(v.pcm, v.sampleRate) });
		expect(notes.length).toBe(HUM_MELODY_NOTES.length);
		HUM_MELODY_NOTES.forEach((truth, i) => {
			expect(Math.abs(notes[i].onsetSeconds - truth.onsetSeconds), `onset of note ${i}`).toBeLessThanOrEqual(0.05);
			expect(Math.abs(notes[i].midiPitch - truth.midiPitch), `pitch of note ${i}`).toBeLessThanOrEqual(0.5);
			expect(Math.abs(notes[i].offsetSeconds - truth.offsetSeconds), `offset of note ${i}`).toBeLessThanOrEqual(0.05);
		});
	});

	it('returns notes sorted by onset, non-overlapping, with confidence in [0, 1]', () => {
		const v = makeHumMelody({ vowel: 'ah', seed: 11 });
		const notes = segmentNotes(estimateF0(v.pcm, v.sampleRate));
		for (let i = 0; i < notes.length; i++) {
			expect(notes[i].offsetSeconds).toBeGreaterThan(notes[i].onsetSeconds);
			expect(notes[i].confidence).toBeGreaterThanOrEqual(0);
			expect(notes[i].confidence).toBeLessThanOrEqual(1);
			if (i > 0) expect(notes[i].onsetSeconds).toBeGreaterThanOrEqual(notes[i - 1].offsetSeconds);
		}
	});

	it('keeps a note with ±50 cent vibrato at 5.5 Hz as one note', () => {
		const notes = transcribe([{ onsetSeconds: 0.3, offsetSeconds: 2.3, midiPitch: 62 }], { vibratoCents: 50, vibratoHz: 5.5 });
		expect(notes.length).toBe(1);
		expect(Math.abs(notes[0].midiPitch - 62)).toBeLessThan(0.15);
	});

	it('splits a legato 2-semitone glide into two notes at the change (±50 ms)', () => {
		const notes = transcribe([
			{ onsetSeconds: 0.3, offsetSeconds: 0.9, midiPitch: 60 },
			{ onsetSeconds: 0.9, offsetSeconds: 1.5, midiPitch: 62 }
		], { glideSeconds: 0.06 });
		expect(notes.length).toBe(2);
		expect(Math.abs(notes[1].onsetSeconds - 0.9)).toBeLessThanOrEqual(0.05);
		expect(Math.round(notes[0].midiPitch)).toBe(60);
		expect(Math.round(notes[1].midiPitch)).toBe(62);
	});

	it('splits a repeated pitch separated by a 40 ms gap ("da-da")', () => {
		const notes = transcribe(
			[
				{ onsetSeconds: 0.3, offsetSeconds: 0.7, midiPitch: 57 },
				{ onsetSeconds: 0.74, offsetSeconds: 1.2, midiPitch: 57 }
			],
			{ attackSeconds: 0.01, releaseSeconds: 0.01 }
		);
		expect(notes.length).toBe(2);
		expect(Math.abs(notes[1].onsetSeconds - 0.74)).toBeLessThanOrEqual(0.05);
	});

	it('drops a 30 ms click between notes', () => {
		const notes = transcribe([
			{ onsetSeconds: 0.3, offsetSeconds: 0.8, midiPitch: 60 },
			{ onsetSeconds: 1.0, offsetSeconds: 1.03, midiPitch: 72 },
			{ onsetSeconds: 1.25, offsetSeconds: 1.75, midiPitch: 64 }
		], { attackSeconds: 0.005, releaseSeconds: 0.005 });
		expect(notes.map((n) => Math.round(n.midiPitch))).toEqual([60, 64]);
	});

	it('merges a scoop into the note it leads to', () => {
		const notes = transcribe([{ onsetSeconds: 0.3, offsetSeconds: 1.0, midiPitch: 65 }], { scoopCents: -150, scoopSeconds: 0.08 });
		expect(notes.length).toBe(1);
		expect(Math.abs(notes[0].onsetSeconds - 0.3)).toBeLessThanOrEqual(0.05);
	});
});
