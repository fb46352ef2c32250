import { describe, expect, it } from 'vitest';
import { findMotif } from '../../../src/lib/pitch/motif';
import type { NoteEvent } from '../../../src/lib/pitch/types';

/** Notes from [midi, beats] pairs at 120 BPM with a 50 ms release before each next onset; `rest` beats of silence where midi is null. */
function melody(score: [number | null, number][], sungCents = 0): NoteEvent[] {
	const notes: NoteEvent[] = [];
	let t = 0;
	for (const [midi, beats] of score) {
		const seconds = beats * 0.5;
		if (midi !== null) notes.push({ onsetSeconds: t, offsetSeconds: t + seconds - 0.05, midiPitch: midi + sungCents / 100, confidence: 1 });
		t += seconds;
	}
	return notes;
}

describe('findMotif', () => {
	it('finds a five-note figure repeated three times among other notes', () => {
		const figure: [number, number][] = [[67, 0.5], [69, 0.5], [67, 0.5], [64, 0.5], [60, 1]];
		const notes = melody([[62, 1], ...figure, [65, 2], ...figure, [71, 1], [72, 1], ...figure]);
		const motif = findMotif(notes)!;
		expect(motif.reason).toBe('repeated');
		expect(motif.notes.map((n) => Math.round(n.midiPitch))).toEqual([67, 69, 67, 64, 60]);
		expect(motif.occurrences).toEqual([1, 7, 14]);
	});

	it('recognises a transposed repeat (a sequence) and sung pitch that is off by 30 cents', () => {
		const cell: [number, number][] = [[60, 0.5], [62, 0.5], [64, 1], [60, 1]];
		const up = cell.map(([m, b]) => [m! + 5, b] as [number, number]);
		const motif = findMotif(melody([...cell, [null, 1], ...up, [null, 1], [55, 2]], 30))!;
		expect(motif.reason).toBe('repeated');
		expect(motif.startIndex).toBe(0);
		expect(motif.endIndex).toBe(4);
		expect(motif.occurrences).toEqual([0, 4]);
	});

	it('does not take the same pitches in another rhythm for a repeat, but does take a diminution (same proportions)', () => {
		const other = findMotif(melody([[60, 1], [64, 0.5], [67, 2], [null, 1], [60, 0.5], [64, 1], [67, 2]]));
		expect(other!.reason).toBe('opening-phrase');
		const diminished = findMotif(melody([[60, 1], [64, 1], [67, 2], [null, 1], [60, 0.5], [64, 0.5], [67, 2]]));
		expect(diminished!.reason).toBe('repeated');
	});

	it('offers the opening phrase, up to the first rest, when nothing repeats', () => {
		const motif = findMotif(melody([[60, 1], [62, 1], [65, 1], [64, 1], [null, 2], [69, 1], [67, 1], [72, 2]]))!;
		expect(motif.reason).toBe('opening-phrase');
		expect(motif.notes.map((n) => n.midiPitch)).toEqual([60, 62, 65, 64]);
	});

	it('returns null for fewer notes than a motif needs', () => {
		expect(findMotif(melody([[60, 1], [62, 1]]))).toBeNull();
	});
});

describe('findMotif on the hummed test melody', () => {
	it('finds its recurring cell: a repeated note, then a step down (A A G, E E D, …)', async () => {
		const { HUM_MELODY_NOTES } = await import('../../fixtures/hum-melody');
		const notes = HUM_MELODY_NOTES.map((n) => ({ ...n, confidence: 1 }));
		const motif = findMotif(notes)!;
		expect(motif.reason).toBe('repeated');
		expect(motif.occurrences.length).toBeGreaterThanOrEqual(3);
		for (const start of motif.occurrences) {
			const cell = notes.slice(start, start + motif.notes.length).map((n) => n.midiPitch);
			expect(cell[1] - cell[0]).toBe(0);
			expect(cell[2] - cell[1]).toBeLessThan(0);
		}
	});
});
