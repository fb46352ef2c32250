/**
 * Durations as notation writes them: a length in ticks (PPQ 480) as tied note values (whole …
 * 64th, optionally dotted), longest first. A length that is no sum of those (a triplet) is kept
 * as one piece without a note type: MusicXML's <duration> still carries it exactly.
 */
import { PPQ } from '../types';

export type NoteType = 'whole' | 'half' | 'quarter' | 'eighth' | '16th' | '32nd' | '64th';

export interface NoteValue {
	ticks: number;
	type?: NoteType;
	dots: 0 | 1;
}

const PLAIN: Array<[NoteType, number]> = [
	['whole', PPQ * 4],
	['half', PPQ * 2],
	['quarter', PPQ],
	['eighth', PPQ / 2],
	['16th', PPQ / 4],
	['32nd', PPQ / 8],
	['64th', PPQ / 16]
];
/** Every value, dotted ones included, longest first. */
const VALUES: NoteValue[] = PLAIN.flatMap(([type, ticks]): NoteValue[] => [
	{ ticks: (ticks * 3) / 2, type, dots: 1 },
	{ ticks, type, dots: 0 }
]).filter((v) => Number.isInteger(v.ticks));
const SMALLEST = PPQ / 16;

export function noteValues(ticks: number): NoteValue[] {
	if (ticks % SMALLEST !== 0) return [{ ticks, dots: 0 }];
	const pieces: NoteValue[] = [];
	let left = ticks;
	while (left > 0) {
		const value = VALUES.find((v) => v.ticks <= left)!;
		pieces.push(value);
		left -= value.ticks;
	}
	return pieces;
}

/** Ticks of a MusicXML <type> (with dots), for a <metronome>'s beat unit. */
export function noteTypeTicks(type: string, dots: number): number | null {
	const plain = PLAIN.find(([t]) => t === type)?.[1];
	if (plain === undefined) return null;
	return plain * (2 - 1 / 2 ** dots);
}
