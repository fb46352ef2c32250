/**
 * The hummed motif: the short phrase the composer develops. A motif is what a melody repeats,
 * so the search looks for the pattern of intervals and rhythm that recurs most (transposed
 * repeats count: a sequence is the same motif), favouring longer patterns; a melody that repeats
 * nothing offers its opening phrase instead.
 */
import type { MotifSpan, NoteEvent } from './types';

export interface FindMotifOptions {
	/** Fewest notes in a motif (default 3). */
	minNotes?: number;
	/** Most notes in a motif (default 8). */
	maxNotes?: number;
	/** Longest motif, s from first onset to last offset (default 4). */
	maxSeconds?: number;
	/** A silence longer than this ends a phrase, s (default 0.35). */
	phraseGapSeconds?: number;
}

export interface Motif extends MotifSpan {
	notes: NoteEvent[];
}

/** Rhythm classes: inter-onset ratios on a half-octave log scale, so 1:2 and 2:3 differ but sung jitter does not. */
function rhythmClass(ratio: number): number {
	return Math.round(2 * Math.log2(ratio));
}

function signature(notes: readonly NoteEvent[], start: number, length: number): string {
	const parts: string[] = [];
	for (let i = start + 1; i < start + length; i++) {
		const interval = Math.round(notes[i].midiPitch) - Math.round(notes[i - 1].midiPitch);
		parts.push(String(interval));
	}
	for (let i = start + 2; i < start + length; i++) {
		const previous = notes[i - 1].onsetSeconds - notes[i - 2].onsetSeconds;
		const current = notes[i].onsetSeconds - notes[i - 1].onsetSeconds;
		parts.push(`r${rhythmClass(current / Math.max(previous, 1e-3))}`);
	}
	return parts.join(',');
}

function spansGap(notes: readonly NoteEvent[], start: number, length: number, gapSeconds: number): boolean {
	for (let i = start + 1; i < start + length; i++) {
		if (notes[i].onsetSeconds - notes[i - 1].offsetSeconds > gapSeconds) return true;
	}
	return false;
}

/** Null when there are fewer notes than `minNotes`. */
export function findMotif(notes: readonly NoteEvent[], options: FindMotifOptions = {}): Motif | null {
	const { minNotes = 3, maxNotes = 8, maxSeconds = 4, phraseGapSeconds = 0.35 } = options;
	if (notes.length < minNotes) return null;
	let best: { start: number; length: number; occurrences: number[]; score: number } | null = null;

	for (let length = minNotes; length <= Math.min(maxNotes, notes.length); length++) {
		const starts = new Map<string, number[]>();
		for (let start = 0; start + length <= notes.length; start++) {
			const end = start + length - 1;
			if (notes[end].offsetSeconds - notes[start].onsetSeconds > maxSeconds) continue;
			if (spansGap(notes, start, length, phraseGapSeconds)) continue;
			const key = signature(notes, start, length);
			const list = starts.get(key);
			if (list) list.push(start);
			else starts.set(key, [start]);
		}
		for (const list of starts.values()) {
			// Non-overlapping occurrences, earliest first.
			const occurrences: number[] = [];
			for (const start of list) {
				if (occurrences.length === 0 || start >= occurrences[occurrences.length - 1] + length) occurrences.push(start);
			}
			if (occurrences.length < 2) continue;
			// Longer patterns explain more of the melody: weight length above count, so a 6-note
			// phrase heard twice beats a 3-note cell heard three times.
			const score = (occurrences.length - 1) * length ** 2;
			if (!best || score > best.score || (score === best.score && occurrences[0] < best.start)) {
				best = { start: occurrences[0], length, occurrences, score };
			}
		}
	}

	if (best) {
		return {
			startIndex: best.start,
			endIndex: best.start + best.length,
			notes: notes.slice(best.start, best.start + best.length),
			occurrences: best.occurrences,
			reason: 'repeated'
		};
	}
	let end = 1;
	while (
		end < notes.length &&
		end < maxNotes &&
		notes[end].onsetSeconds - notes[end - 1].offsetSeconds <= phraseGapSeconds &&
		notes[end].offsetSeconds - notes[0].onsetSeconds <= maxSeconds
	) {
		end++;
	}
	return { startIndex: 0, endIndex: end, notes: notes.slice(0, end), occurrences: [0], reason: 'opening-phrase' };
}
