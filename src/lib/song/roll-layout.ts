/**
 * Lays out the song's piano roll as rows of whole bars (like lines of a lead sheet), so every
 * syllable can be read on its note without scrolling sideways. Each syllable's label may use the
 * room from its note's start to the next syllable or the next bar line, whichever comes first, so
 * labels never overlap (a row break falls on a bar line, never inside a label's room). The zoom
 * that fits every label in its room is computed from the labels' measured widths; at a smaller
 * zoom a label is cut to its room rather than overlap its neighbour.
 */

export interface RollNoteInput {
	startTicks: number;
	durationTicks: number;
	midiPitch: number;
	/** Text written on the note; null for a note that continues the previous syllable. */
	label: string | null;
}

export interface RollChordInput {
	startTicks: number;
	durationTicks: number;
	symbol: string;
}

export interface RollNoteBox {
	/** Index into the notes given. */
	index: number;
	xPx: number;
	widthPx: number;
	midiPitch: number;
	/** The label, on the row where the note starts; null on a continuation or a melisma note. */
	label: string | null;
	/** Room for the label, px. */
	labelRoomPx: number;
}

export interface RollChordBox {
	xPx: number;
	roomPx: number;
	symbol: string;
}

export interface RollRow {
	startTicks: number;
	endTicks: number;
	widthPx: number;
	/** Bar lines (the row's first included), px from the row's start. */
	barLinesPx: number[];
	/** Index of the row's first bar, from 0. */
	firstBar: number;
	notes: RollNoteBox[];
	chords: RollChordBox[];
}

/** Space kept between a label and the next one, px. */
export const LABEL_GAP_PX = 4;

function nextBarLine(ticks: number, barTicks: number): number {
	return (Math.floor(ticks / barTicks) + 1) * barTicks;
}

/** Each labelled note's room, ticks: to the next labelled note or the next bar line. */
export function labelRoomTicks(notes: readonly RollNoteInput[], barTicks: number): Array<number | null> {
	const starts = notes.map((n, i) => ({ i, start: n.startTicks, labelled: n.label !== null && n.label !== '' })).filter((n) => n.labelled);
	const rooms: Array<number | null> = notes.map(() => null);
	starts.forEach(({ i, start }, k) => {
		const next = k + 1 < starts.length ? starts[k + 1].start : Infinity;
		const end = Math.min(next, nextBarLine(start, barTicks));
		rooms[i] = Math.max(0, end - start);
	});
	return rooms;
}

/**
 * Pixels per tick at which every label and chord symbol fits its room (with LABEL_GAP_PX to
 * spare), at least `minPxPerTick`, at most `maxPxPerTick`.
 */
export function fittingPxPerTick(
	notes: readonly RollNoteInput[],
	chords: readonly RollChordInput[],
	barTicks: number,
	measurePx: (text: string) => number,
	limits: { minPxPerTick: number; maxPxPerTick: number }
): number {
	let needed = limits.minPxPerTick;
	const rooms = labelRoomTicks(notes, barTicks);
	notes.forEach((n, i) => {
		const room = rooms[i];
		if (room && n.label) needed = Math.max(needed, (measurePx(n.label) + LABEL_GAP_PX) / room);
	});
	for (const c of chords) {
		const room = Math.min(c.startTicks + c.durationTicks, nextBarLine(c.startTicks, barTicks)) - c.startTicks;
		if (room > 0) needed = Math.max(needed, (measurePx(c.symbol) + LABEL_GAP_PX) / room);
	}
	return Math.min(needed, limits.maxPxPerTick);
}

/** Rows of as many whole bars as fit `rowWidthPx` (at least one bar a row). */
export function layoutRoll(
	notes: readonly RollNoteInput[],
	chords: readonly RollChordInput[],
	options: { barTicks: number; totalTicks: number; pxPerTick: number; rowWidthPx: number }
): RollRow[] {
	const { barTicks, pxPerTick, rowWidthPx } = options;
	const lastNoteEnd = notes.reduce((end, n) => Math.max(end, n.startTicks + n.durationTicks), 0);
	const totalBars = Math.max(1, Math.ceil(Math.max(options.totalTicks, lastNoteEnd) / barTicks));
	const barsPerRow = Math.max(1, Math.floor(rowWidthPx / (barTicks * pxPerTick)));
	const rooms = labelRoomTicks(notes, barTicks);
	const rows: RollRow[] = [];
	for (let firstBar = 0; firstBar < totalBars; firstBar += barsPerRow) {
		const bars = Math.min(barsPerRow, totalBars - firstBar);
		const startTicks = firstBar * barTicks;
		const endTicks = startTicks + bars * barTicks;
		const x = (ticks: number) => (ticks - startTicks) * pxPerTick;
		const row: RollRow = { startTicks, endTicks, widthPx: x(endTicks), barLinesPx: Array.from({ length: bars }, (_, b) => x(startTicks + b * barTicks)), firstBar, notes: [], chords: [] };
		notes.forEach((n, index) => {
			const end = n.startTicks + n.durationTicks;
			if (end <= startTicks || n.startTicks >= endTicks) return;
			const from = Math.max(n.startTicks, startTicks);
			const to = Math.min(end, endTicks);
			const startsHere = n.startTicks >= startTicks;
			const label = startsHere && n.label ? n.label : null;
			row.notes.push({ index, xPx: x(from), widthPx: (to - from) * pxPerTick, midiPitch: n.midiPitch, label, labelRoomPx: label ? Math.max(0, (rooms[index] ?? 0) * pxPerTick - LABEL_GAP_PX) : 0 });
		});
		for (const c of chords) {
			if (c.startTicks < startTicks || c.startTicks >= endTicks) continue;
			const room = Math.min(c.startTicks + c.durationTicks, nextBarLine(c.startTicks, barTicks)) - c.startTicks;
			row.chords.push({ xPx: x(c.startTicks), roomPx: Math.max(0, room * pxPerTick - LABEL_GAP_PX), symbol: c.symbol });
		}
		rows.push(row);
	}
	return rows;
}

/** The text written on each note: a syllable on its first note; an English word's later syllables that repeat its text are left blank. */
export function noteLabels(melody: ReadonlyArray<{ syllable: { text: string; wordIndex: number } | null }>): Array<string | null> {
	let previous: { text: string; wordIndex: number } | null = null;
	return melody.map((n) => {
		if (!n.syllable) return null;
		const repeat = previous !== null && previous.wordIndex === n.syllable.wordIndex && previous.text === n.syllable.text;
		previous = n.syllable;
		return repeat ? null : n.syllable.text;
	});
}
