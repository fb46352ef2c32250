/**
 * Lays out the song's piano roll as rows (like the lines of a lead sheet), so every syllable can be
 * read on its note without scrolling sideways. Each syllable's label may use the room from its
 * note's start to the next syllable's, so labels never overlap; a row ends on a bar line unless a
 * label as drawn crosses it, and then just before that label's note, so no label is cut by a
 * row's end. The zoom that fits every label in its room is computed from the labels' measured
 * widths; at a smaller zoom a label is cut to its room rather than overlap its neighbour.
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
	/** The bar lines inside the row: px from the row's start, and the bar (from 0) each begins. */
	barLines: Array<{ xPx: number; bar: number }>;
	notes: RollNoteBox[];
	chords: RollChordBox[];
}

/** Space kept between a label and the next one, px. */
export const LABEL_GAP_PX = 4;

const isLabelled = (n: RollNoteInput) => n.label !== null && n.label !== '';

/** Where the song's notes end, ticks. */
function lastNoteEnd(notes: readonly RollNoteInput[]): number {
	return notes.reduce((end, n) => Math.max(end, n.startTicks + n.durationTicks), 0);
}

/** Each labelled note's room, ticks: to the next labelled note's start, the last to the end of the last note. */
export function labelRoomTicks(notes: readonly RollNoteInput[]): Array<number | null> {
	const labelled = notes.map((n, i) => ({ i, start: n.startTicks })).filter(({ i }) => isLabelled(notes[i]));
	const end = lastNoteEnd(notes);
	const rooms: Array<number | null> = notes.map(() => null);
	labelled.forEach(({ i, start }, k) => {
		const next = k + 1 < labelled.length ? labelled[k + 1].start : end;
		rooms[i] = Math.max(0, next - start);
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
	options: { barTicks: number; measurePx: (text: string) => number; minPxPerTick: number; maxPxPerTick: number }
): number {
	const { measurePx, barTicks } = options;
	let needed = options.minPxPerTick;
	const rooms = labelRoomTicks(notes);
	notes.forEach((n, i) => {
		const room = rooms[i];
		if (room && n.label) needed = Math.max(needed, (measurePx(n.label) + LABEL_GAP_PX) / room);
	});
	for (const c of chords) {
		const room = Math.min(c.durationTicks, barTicks - (c.startTicks % barTicks));
		if (room > 0) needed = Math.max(needed, (measurePx(c.symbol) + LABEL_GAP_PX) / room);
	}
	return Math.min(needed, options.maxPxPerTick);
}

/**
 * Where rows may end, ascending from 0 to the song's end: each bar line, or, where a label drawn
 * at `pxPerTick` would cross the bar line, the start of that label's note.
 */
export function rowBreakTicks(notes: readonly RollNoteInput[], options: { barTicks: number; totalTicks: number; pxPerTick: number; measurePx: (text: string) => number }): number[] {
	const { barTicks, pxPerTick, measurePx } = options;
	const end = Math.max(lastNoteEnd(notes), options.totalTicks);
	const rooms = labelRoomTicks(notes);
	// How far each label reaches as drawn: its text, or its room when the text is cut to it.
	const reach = notes.map((n, i) => (rooms[i] === null || !n.label ? 0 : Math.min(rooms[i]!, (measurePx(n.label) + LABEL_GAP_PX) / pxPerTick)));
	const breaks = [0];
	for (let bar = barTicks; bar < end; bar += barTicks) {
		const crossing = notes.findIndex((n, i) => reach[i] > 0 && n.startTicks < bar && bar < n.startTicks + reach[i]);
		const at = crossing >= 0 ? notes[crossing].startTicks : bar;
		if (at > breaks[breaks.length - 1]) breaks.push(at);
	}
	if (end > breaks[breaks.length - 1]) breaks.push(end);
	return breaks;
}

/** Rows as wide as fit `rowWidthPx`, each ending where rowBreakTicks allows (at least one stretch a row). */
export function layoutRoll(
	notes: readonly RollNoteInput[],
	chords: readonly RollChordInput[],
	options: { barTicks: number; totalTicks: number; pxPerTick: number; rowWidthPx: number; measurePx: (text: string) => number }
): RollRow[] {
	const { barTicks, pxPerTick, rowWidthPx } = options;
	const rooms = labelRoomTicks(notes);
	const breaks = rowBreakTicks(notes, options);
	const rows: RollRow[] = [];
	let k = 0;
	while (k < breaks.length - 1) {
		const startTicks = breaks[k];
		// The furthest break that keeps the row within the width; at least the next one.
		let last = k + 1;
		while (last + 1 < breaks.length && (breaks[last + 1] - startTicks) * pxPerTick <= rowWidthPx) last++;
		const endTicks = breaks[last];
		k = last;
		const x = (ticks: number) => (ticks - startTicks) * pxPerTick;
		const barLines: RollRow['barLines'] = [];
		for (let bar = Math.ceil(startTicks / barTicks); bar * barTicks < endTicks; bar++) barLines.push({ xPx: x(bar * barTicks), bar });
		const row: RollRow = { startTicks, endTicks, widthPx: x(endTicks), barLines, notes: [], chords: [] };
		notes.forEach((n, index) => {
			const noteEnd = n.startTicks + n.durationTicks;
			if (noteEnd <= startTicks || n.startTicks >= endTicks) return;
			const from = Math.max(n.startTicks, startTicks);
			const to = Math.min(noteEnd, endTicks);
			const label = n.startTicks >= startTicks && n.label ? n.label : null;
			const roomTicks = Math.min(rooms[index] ?? 0, endTicks - n.startTicks);
			row.notes.push({ index, xPx: x(from), widthPx: (to - from) * pxPerTick, midiPitch: n.midiPitch, label, labelRoomPx: label ? Math.max(0, roomTicks * pxPerTick - LABEL_GAP_PX) : 0 });
		});
		for (const c of chords) {
			if (c.startTicks < startTicks || c.startTicks >= endTicks) continue;
			const room = Math.min(c.durationTicks, barTicks - (c.startTicks % barTicks), endTicks - c.startTicks);
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
