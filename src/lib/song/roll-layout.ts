/**
 * Lays out the song's piano roll as rows (like the lines of a lead sheet), so every syllable can be
 * read on its note without scrolling sideways. Each syllable's label may use the room from its
 * note's start to the next syllable's, so labels never overlap; a row ends on a bar line (on a
 * narrow screen, where a bar is wider than the row, on a beat) that no label as drawn crosses, so
 * no label is cut by a row's end. The zoom that fits every label in its room is computed from the labels' measured
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

/** A place a row may end, ticks; `bar` when it is a bar line (rows prefer those). */
export interface RowBreak {
	ticks: number;
	bar: boolean;
}

/**
 * Where rows may end, ascending from 0 to the song's end: each beat line no label (as drawn at
 * `pxPerTick`) crosses, and each labelled note's start.
 */
export function rowBreaks(notes: readonly RollNoteInput[], options: { barTicks: number; beatTicks: number; totalTicks: number; pxPerTick: number; measurePx: (text: string) => number }): RowBreak[] {
	const { barTicks, beatTicks, pxPerTick, measurePx } = options;
	const end = Math.max(lastNoteEnd(notes), options.totalTicks);
	const rooms = labelRoomTicks(notes);
	// How far each label reaches as drawn: its text, or its room when the text is cut to it.
	const reach = notes.map((n, i) => (rooms[i] === null || !n.label ? 0 : Math.min(rooms[i]!, (measurePx(n.label) + LABEL_GAP_PX) / pxPerTick)));
	const crossed = (ticks: number) => notes.some((n, i) => reach[i] > 0 && n.startTicks < ticks && ticks < n.startTicks + reach[i]);
	const at = new Map<number, boolean>();
	for (let beat = beatTicks; beat < end; beat += beatTicks) if (!crossed(beat)) at.set(beat, beat % barTicks === 0);
	notes.forEach((n, i) => {
		if (reach[i] > 0 && n.startTicks > 0 && n.startTicks < end && !at.has(n.startTicks)) at.set(n.startTicks, n.startTicks % barTicks === 0);
	});
	at.set(end, true);
	return [{ ticks: 0, bar: true }, ...[...at].map(([ticks, bar]) => ({ ticks, bar })).sort((a, b) => a.ticks - b.ticks)];
}

/**
 * Rows as wide as fit `rowWidthPx`: each ends on the furthest bar line that fits, else (a bar wider
 * than the row) the furthest other break that fits, else the next break.
 */
export function layoutRoll(
	notes: readonly RollNoteInput[],
	chords: readonly RollChordInput[],
	options: { barTicks: number; beatTicks: number; totalTicks: number; pxPerTick: number; rowWidthPx: number; measurePx: (text: string) => number }
): RollRow[] {
	const { barTicks, pxPerTick, rowWidthPx } = options;
	const rooms = labelRoomTicks(notes);
	const breaks = rowBreaks(notes, options);
	const rows: RollRow[] = [];
	let k = 0;
	while (k < breaks.length - 1) {
		const startTicks = breaks[k].ticks;
		let last = k + 1;
		let lastBar = -1;
		for (let j = k + 1; j < breaks.length && (breaks[j].ticks - startTicks) * pxPerTick <= rowWidthPx; j++) {
			last = j;
			if (breaks[j].bar) lastBar = j;
		}
		if (lastBar > 0) last = lastBar;
		const endTicks = breaks[last].ticks;
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
			// A chord sounding when the row starts is named again at its start.
			const from = Math.max(c.startTicks, startTicks);
			if (from >= endTicks || c.startTicks + c.durationTicks <= startTicks) continue;
			const room = Math.min(c.startTicks + c.durationTicks, (Math.floor(from / barTicks) + 1) * barTicks, endTicks) - from;
			row.chords.push({ xPx: x(from), roomPx: Math.max(0, room * pxPerTick - LABEL_GAP_PX), symbol: c.symbol });
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
