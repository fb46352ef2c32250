import type { NoteEvent } from '../../src/lib/pitch/types';

/**
 * The notes an analysis reports for a hum of [midi, beats] pairs at `bpm` starting at 0.4 s: each
 * onset early/on time/late by 20 ms in turn, each note released 60 ms before the next, pitch sung
 * `cents` sharp.
 */
export function hummedNotes(score: [number, number][], bpm: number, cents = 0): NoteEvent[] {
	const beat = 60 / bpm;
	const notes: NoteEvent[] = [];
	let t = 0.4;
	score.forEach(([midi, beats], i) => {
		const jitter = ((i % 3) - 1) * 0.02;
		notes.push({ onsetSeconds: t + jitter, offsetSeconds: t + beats * beat - 0.06, midiPitch: midi + cents / 100, confidence: 0.9 });
		t += beats * beat;
	});
	return notes;
}
