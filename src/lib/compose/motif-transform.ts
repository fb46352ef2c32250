/**
 * Motif development on a cell of diatonic steps: the operations that let a melody say the same
 * thing again without saying it the same way (Schoenberg, "Fundamentals of Musical Composition",
 * 1967, ch. 2: repetition, transposition, inversion, rhythmic change, augmentation, fragmentation).
 * All are diatonic, so a sequence or inversion stays in key.
 */
import type { Rng } from './random';

export interface CellNote {
	offsetTicks: number;
	durationTicks: number;
	/** Absolute diatonic step (see scale.ts). */
	step: number;
}

export interface MotifCell {
	/** In time order from offset 0, none overlapping. */
	notes: CellNote[];
	/** Slot the cell occupies, ticks; its last note ends at or before it. */
	lengthTicks: number;
}

/** The cell moved by `steps` scale steps (a sequence when steps ≠ 0). */
export function transposeCell(cell: MotifCell, steps: number): MotifCell {
	return { lengthTicks: cell.lengthTicks, notes: cell.notes.map((n) => ({ ...n, step: n.step + steps })) };
}

/** Diatonic inversion about the first note: every step above it becomes a step below. */
export function invertCell(cell: MotifCell): MotifCell {
	const pivot = cell.notes[0]?.step ?? 0;
	return { lengthTicks: cell.lengthTicks, notes: cell.notes.map((n) => ({ ...n, step: 2 * pivot - n.step })) };
}

/** Every offset and duration multiplied by `factor` (2: augmentation). */
export function augmentCell(cell: MotifCell, factor = 2): MotifCell {
	if (!Number.isInteger(factor) || factor < 1) throw new RangeError(`factor must be an integer >= 1, got ${factor}`);
	return {
		lengthTicks: cell.lengthTicks * factor,
		notes: cell.notes.map((n) => ({ step: n.step, offsetTicks: n.offsetTicks * factor, durationTicks: n.durationTicks * factor }))
	};
}

/** The last note held to the end of the slot, so statements join without gaps. */
export function fillCellSlot(cell: MotifCell): MotifCell {
	if (cell.notes.length === 0) return cell;
	const notes = cell.notes.map((n) => ({ ...n }));
	const last = notes[notes.length - 1];
	last.durationTicks = cell.lengthTicks - last.offsetTicks;
	return { lengthTicks: cell.lengthTicks, notes };
}

/** The notes that start within the first `lengthTicks` (the last cut at the end), or null when fewer than two. */
export function fragmentCell(cell: MotifCell, lengthTicks: number): MotifCell | null {
	const notes = cell.notes.filter((n) => n.offsetTicks < lengthTicks).map((n) => ({ ...n }));
	if (notes.length < 2) return null;
	return fillCellSlot({ lengthTicks, notes });
}

export interface VaryRhythmOptions {
	/** Shortest note allowed, ticks; also the grid new onsets fall on. */
	minNoteTicks: number;
}

/**
 * The same pitches in a varied rhythm: either the longest note split in two (the pitch repeated, as
 * a lyric with one more syllable would need), or a pair of equal notes made long–short (dotted).
 * Null when neither fits the grid.
 */
export function varyRhythm(cell: MotifCell, rng: Rng, options: VaryRhythmOptions): MotifCell | null {
	const { minNoteTicks } = options;
	const variants: MotifCell[] = [];
	let longest = -1;
	cell.notes.forEach((n, i) => {
		if (longest < 0 || n.durationTicks > cell.notes[longest].durationTicks) longest = i;
	});
	const half = longest >= 0 ? cell.notes[longest].durationTicks / 2 : 0;
	if (longest >= 0 && half >= minNoteTicks && half % minNoteTicks === 0) {
		const notes = cell.notes.flatMap((n, i) =>
			i === longest
				? [
						{ ...n, durationTicks: half },
						{ ...n, offsetTicks: n.offsetTicks + half, durationTicks: half }
					]
				: [{ ...n }]
		);
		variants.push({ lengthTicks: cell.lengthTicks, notes });
	}
	for (let i = 0; i + 1 < cell.notes.length; i++) {
		const a = cell.notes[i];
		const b = cell.notes[i + 1];
		const quarterPair = a.durationTicks / 2;
		// Only a legato pair of equal notes: the dotted version moves b's onset later by half a note.
		if (a.durationTicks !== b.durationTicks || a.offsetTicks + a.durationTicks !== b.offsetTicks) continue;
		if (quarterPair < minNoteTicks || quarterPair % minNoteTicks !== 0) continue;
		const notes = cell.notes.map((n) => ({ ...n }));
		notes[i].durationTicks = a.durationTicks + quarterPair;
		notes[i + 1].offsetTicks = b.offsetTicks + quarterPair;
		notes[i + 1].durationTicks = b.durationTicks - quarterPair;
		variants.push({ lengthTicks: cell.lengthTicks, notes });
	}
	return variants.length === 0 ? null : rng.pick(variants);
}
