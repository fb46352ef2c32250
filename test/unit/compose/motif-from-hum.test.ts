import { describe, expect, it } from 'vitest';
import { motifFromHum } from '../../../src/lib/compose/motif-from-hum';
import { stockMotif } from '../../../src/lib/compose/motif-stock';
import { estimateKey } from '../../../src/lib/pitch/key';
import type { NoteEvent } from '../../../src/lib/pitch/types';
import type { SongKey } from '../../../src/lib/song/types';
import { hummedNotes } from '../../helpers/hum-notes';

const hum = hummedNotes;

const A_MINOR: SongKey = { tonicPitchClass: 9, mode: 'minor' };
const C_MAJOR: SongKey = { tonicPitchClass: 0, mode: 'major' };
const FIGURE: [number, number][] = [[64, 1], [62, 0.5], [60, 0.5], [59, 1], [60, 1]];

describe('motifFromHum', () => {
	it('puts a jittered, 30-cent-sharp hum exactly on the sixteenth grid and the scale', () => {
		const motif = motifFromHum({ notes: hum(FIGURE, 100, 30), tempoBpm: 100, key: A_MINOR, tuningCents: 30 })!;
		expect(motif.notes.map((n) => n.offsetTicks)).toEqual([0, 480, 720, 960, 1440]);
		expect(motif.notes.map((n) => n.durationTicks)).toEqual([480, 240, 240, 480, 480]);
		expect(motif.notes.map((n) => n.midiPitch)).toEqual([64, 62, 60, 59, 60]);
		expect(motif).toMatchObject({ lengthTicks: 1920, tempoBpm: 100, key: A_MINOR, source: 'hum' });
	});

	it('uses 90 bpm when the take has no tempo', () => {
		const motif = motifFromHum({ notes: hum(FIGURE, 90), key: A_MINOR })!;
		expect(motif.tempoBpm).toBe(90);
		expect(motif.notes.map((n) => n.offsetTicks)).toEqual([0, 480, 720, 960, 1440]);
		// The same hum read at 120 bpm comes out 4/3 longer: its second onset, 0.687 s in, is 1.37 beats → 600 ticks.
		const fast = motifFromHum({ notes: hum(FIGURE, 90), tempoBpm: 120, key: A_MINOR })!;
		expect(fast.notes[1].offsetTicks).toBe(600);
	});

	it('snaps pitches toward the scale of the key, not just to the nearest semitone', () => {
		// 61.4 rounds to C#, which is off C major: the nearer scale note is D (62).
		const motif = motifFromHum({ notes: hum([[61.4, 1], [64.45, 1], [65.6, 1]], 100), tempoBpm: 100, key: C_MAJOR })!;
		expect(motif.notes.map((n) => n.midiPitch)).toEqual([62, 64, 65]);
	});

	it('infers the key with the analyser’s estimator when none is given, and falls back to C major', () => {
		const notes = hum([[62, 1], [66, 0.5], [69, 0.5], [66, 1], [64, 0.5], [62, 1.5]], 96);
		const motif = motifFromHum({ notes, tempoBpm: 96 })!;
		const estimate = estimateKey(notes)!;
		expect(motif.key).toEqual({ tonicPitchClass: estimate.tonicPitchClass, mode: estimate.mode });
		expect(motif.notes.map((n) => n.midiPitch)).toEqual([62, 66, 69, 66, 64, 62]);
		// One pitch class carries no key: C major.
		const monotone = motifFromHum({ notes: hum([[61.4, 1], [61.4, 1], [61.4, 1]], 100), tempoBpm: 100 })!;
		expect(monotone.key).toEqual(C_MAJOR);
		expect(monotone.notes.map((n) => n.midiPitch)).toEqual([62, 62, 62]);
	});

	it('returns null when there are too few notes', () => {
		expect(motifFromHum({ notes: [] })).toBeNull();
		expect(motifFromHum({ notes: hum([[60, 1]], 100), tempoBpm: 100 })).toBeNull();
		expect(motifFromHum({ notes: hum([[60, 1], [62, 1]], 100), tempoBpm: 100 }, { minNotes: 3 })).toBeNull();
		// Notes with no duration do not count.
		const broken: NoteEvent[] = [{ onsetSeconds: 1, offsetSeconds: 1, midiPitch: 60, confidence: 1 }, ...hum([[62, 1]], 100)];
		expect(motifFromHum({ notes: broken, tempoBpm: 100 })).toBeNull();
	});

	it('keeps at most two bars and eight notes', () => {
		const many = motifFromHum({ notes: hum(Array.from({ length: 12 }, (_, i) => [60 + (i % 3) * 2, 0.5] as [number, number]), 120), tempoBpm: 120, key: C_MAJOR })!;
		expect(many.notes).toHaveLength(8);
		const long = motifFromHum({ notes: hum([[60, 2], [62, 2], [64, 2], [65, 2], [67, 2], [69, 2]], 90), tempoBpm: 90, key: C_MAJOR })!;
		expect(long.notes.map((n) => n.offsetTicks)).toEqual([0, 960, 1920, 2880]);
		expect(long.lengthTicks).toBeLessThanOrEqual(3840);
		const threeFour = motifFromHum({ notes: hum([[60, 2], [62, 2], [64, 2], [65, 2]], 90), tempoBpm: 90, key: C_MAJOR }, { timeSignature: { beatsPerBar: 3, beatUnit: 4 } })!;
		expect(threeFour.lengthTicks).toBeLessThanOrEqual(2880);
		expect(threeFour.notes).toHaveLength(3);
	});

	it('uses an eighth-note grid above 120 bpm', () => {
		const motif = motifFromHum({ notes: hum([[60, 0.25], [62, 0.75], [64, 0.5], [65, 0.5], [67, 1]], 140), tempoBpm: 140, key: C_MAJOR })!;
		for (const n of motif.notes) {
			expect(n.offsetTicks % 240).toBe(0);
			expect(n.durationTicks % 240).toBe(0);
			expect(n.durationTicks).toBeGreaterThanOrEqual(240);
		}
	});

	it('repairs a hummed tritone and an unrecovered leap with the smallest change', () => {
		// F4 → B4 is a tritone: B moves to C5 (the neighbour nearer what was sung).
		const tritone = motifFromHum({ notes: hum([[65, 1], [71, 1], [69, 1]], 100), tempoBpm: 100, key: C_MAJOR })!;
		expect(tritone.notes.map((n) => n.midiPitch)).toEqual([65, 72, 69]);
		// C4 → A4 (a sixth) must step back: the B4 after it becomes G4.
		const leap = motifFromHum({ notes: hum([[60, 1], [69, 1], [71, 1]], 100), tempoBpm: 100, key: C_MAJOR })!;
		expect(leap.notes.map((n) => n.midiPitch)).toEqual([60, 69, 67]);
		// An octave slip of the transcriber is folded back.
		const slip = motifFromHum({ notes: hum([[60, 1], [62, 1], [76, 1], [65, 1]], 100), tempoBpm: 100, key: C_MAJOR })!;
		expect(slip.notes.map((n) => n.midiPitch)).toEqual([60, 62, 64, 65]);
	});

	it('rejects an impossible tempo', () => {
		expect(() => motifFromHum({ notes: hum(FIGURE, 100), tempoBpm: -5 })).toThrow(/tempoBpm must be within \[20, 400\]/);
	});
});

describe('stockMotif', () => {
	const MAJOR = [0, 2, 4, 5, 7, 9, 11];
	const MINOR = [0, 2, 3, 5, 7, 8, 10];
	it('gives a singable, in-key, one-bar motif in every key and metre', () => {
		for (let tonicPitchClass = 0; tonicPitchClass < 12; tonicPitchClass++) {
			for (const mode of ['major', 'minor'] as const) {
				for (const [beatsPerBar, barTicks] of [[4, 1920], [3, 1440]]) {
					const key = { tonicPitchClass, mode };
					const motif = stockMotif(key, { timeSignature: { beatsPerBar, beatUnit: 4 } });
					const scale = mode === 'major' ? MAJOR : MINOR;
					expect(motif.source).toBe('stock');
					expect(motif.lengthTicks).toBe(barTicks);
					expect(motif.notes.length).toBeGreaterThanOrEqual(4);
					// Tonic in A3..G#4 (57..68), the motif within a fifth of it.
					const tonic = motif.notes.find((n) => (n.midiPitch - tonicPitchClass) % 12 === 0)!.midiPitch;
					expect(tonic).toBeGreaterThanOrEqual(57);
					expect(tonic).toBeLessThanOrEqual(68);
					for (const n of motif.notes) {
						expect(scale).toContain((((n.midiPitch - tonicPitchClass) % 12) + 12) % 12);
						expect(Math.abs(n.midiPitch - tonic)).toBeLessThanOrEqual(7);
					}
					for (let i = 1; i < motif.notes.length; i++) {
						const size = Math.abs(motif.notes[i].midiPitch - motif.notes[i - 1].midiPitch);
						expect(size).toBeLessThanOrEqual(7);
						expect(size).not.toBe(6);
					}
				}
			}
		}
	});
});
