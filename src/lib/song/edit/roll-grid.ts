/**
 * The editing piano roll's geometry, kept pure so the pointer and keyboard handling can be tested
 * without a page: snap grids (straight and triplet), what a drag of so many pixels means in ticks
 * and semitones, the pitch range shown, and which notes a selection box takes.
 */
import { PPQ, type SongNote } from '../types';

export interface SnapGrid {
	/** Shown in the grid menu: "1/8", "1/8T". */
	id: string;
	ticks: number;
}

/** Quarter to sixteenth notes, and eighth and sixteenth triplets. */
export const SNAP_GRIDS: readonly SnapGrid[] = [
	{ id: '1/4', ticks: PPQ },
	{ id: '1/8', ticks: PPQ / 2 },
	{ id: '1/16', ticks: PPQ / 4 },
	{ id: '1/8T', ticks: PPQ / 3 },
	{ id: '1/16T', ticks: PPQ / 6 }
];
export const DEFAULT_GRID = SNAP_GRIDS[1];

export const snapTicks = (ticks: number, grid: SnapGrid): number => Math.round(ticks / grid.ticks) * grid.ticks;

/** A drag of (dx, dy) px as a move: whole grid steps in time, whole semitones in pitch (up is higher). */
export function dragDelta(dxPx: number, dyPx: number, pxPerTick: number, semitonePx: number, grid: SnapGrid): { deltaTicks: number; deltaSemitones: number } {
	return { deltaTicks: snapTicks(dxPx / pxPerTick, grid), deltaSemitones: -Math.round(dyPx / semitonePx) };
}

/** Pitches the roll shows: the melody's with room to move (3 semitones either side), at least two octaves. */
export function rollPitchRange(melody: readonly SongNote[]): { low: number; high: number } {
	const pitches = melody.map((n) => n.midiPitch);
	let low = (pitches.length ? Math.min(...pitches) : 60) - 3;
	let high = (pitches.length ? Math.max(...pitches) : 72) + 3;
	while (high - low < 24) {
		low--;
		high++;
	}
	return { low, high };
}

/** Notes a selection box touches: ticks [fromTicks, toTicks) × pitches [lowPitch, highPitch]. */
export function notesInBox(melody: readonly SongNote[], fromTicks: number, toTicks: number, lowPitch: number, highPitch: number): number[] {
	const [a, b] = fromTicks <= toTicks ? [fromTicks, toTicks] : [toTicks, fromTicks];
	const [lo, hi] = lowPitch <= highPitch ? [lowPitch, highPitch] : [highPitch, lowPitch];
	return melody.flatMap((n, i) => (n.startTicks < b && n.startTicks + n.durationTicks > a && n.midiPitch >= lo && n.midiPitch <= hi ? [i] : []));
}

/** Where the edited notes are after an edit: the indices of the notes that start at those ticks and pitches. */
export function indicesOf(melody: readonly SongNote[], wanted: ReadonlyArray<{ startTicks: number; midiPitch: number }>): number[] {
	return melody.flatMap((n, i) => (wanted.some((w) => w.startTicks === n.startTicks && w.midiPitch === n.midiPitch) ? [i] : []));
}
