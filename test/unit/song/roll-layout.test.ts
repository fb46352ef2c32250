import { describe, expect, it } from 'vitest';
import { fittingPxPerTick, labelRoomTicks, layoutRoll, noteLabels, rowBreaks, type RollNoteInput } from '../../../src/lib/song/roll-layout';

const BAR = 1920;
const BEAT = 480;
const measurePx = (text: string) => 8 * [...text].length;
/** "we will sing along …": quick eighth notes, a long word on a short note just before a bar line. */
const notes: RollNoteInput[] = [
	{ startTicks: 0, durationTicks: 240, midiPitch: 60, label: 'we' },
	{ startTicks: 240, durationTicks: 240, midiPitch: 62, label: 'will' },
	{ startTicks: 480, durationTicks: 240, midiPitch: 64, label: 'sing' },
	{ startTicks: 720, durationTicks: 240, midiPitch: 65, label: 'a' },
	{ startTicks: 960, durationTicks: 240, midiPitch: 67, label: 'long' },
	{ startTicks: 1200, durationTicks: 240, midiPitch: 67, label: null },
	{ startTicks: 1680, durationTicks: 240, midiPitch: 64, label: 'strawberries' },
	{ startTicks: 2160, durationTicks: 960, midiPitch: 62, label: 'go' }
];
const TOTAL = 4 * BAR;

/** Label boxes per row as [left, right] px, and whether each label's text fits its room. */
function boxes(pxPerTick: number, rowWidthPx: number) {
	return layoutRoll(notes, [], { barTicks: BAR, beatTicks: BEAT, totalTicks: TOTAL, pxPerTick, rowWidthPx, measurePx }).map((row) =>
		row.notes.filter((n) => n.label).map((n) => ({ left: n.xPx, right: n.xPx + Math.min(measurePx(n.label!), n.labelRoomPx), fits: measurePx(n.label!) <= n.labelRoomPx }))
	);
}

describe('piano-roll layout', () => {
	it('gives each label the room to the next syllable (the last to the end of the last note)', () => {
		expect(labelRoomTicks(notes)).toEqual([240, 240, 240, 240, 720, null, 480, 960]);
	});

	it('writes each syllable once: an English word’s later syllables are blank', () => {
		const syllable = (text: string, wordIndex: number) => ({ syllable: { text, wordIndex } });
		expect(noteLabels([syllable('carry', 1), syllable('carry', 1), { syllable: null }, syllable('you', 2)])).toEqual(['carry', null, null, 'you']);
	});

	it('lets rows end on beats and bar lines no label crosses, and at labels', () => {
		const pxPerTick = fittingPxPerTick(notes, [], { barTicks: BAR, measurePx, minPxPerTick: 0.01, maxPxPerTick: 10 });
		const breaks = rowBreaks(notes, { barTicks: BAR, beatTicks: BEAT, totalTicks: TOTAL, pxPerTick, measurePx });
		// "strawberries" (96 px + gap) fills its room up to "go": across the bar line, so no row ends there.
		expect(breaks.map((b) => b.ticks)).toEqual([0, 240, 480, 720, 960, 1440, 1680, 2160, 2400, 2880, 3360, 3840, 4320, 4800, 5280, 5760, 6240, 6720, 7200, 7680]);
		expect(breaks.filter((b) => b.bar).map((b) => b.ticks)).toEqual([0, 2 * BAR, 3 * BAR, 4 * BAR]);
		// Zoomed in far enough, "strawberries" ends before the bar line and a row may end on it.
		expect(rowBreaks(notes, { barTicks: BAR, beatTicks: BEAT, totalTicks: TOTAL, pxPerTick: 1, measurePx }).filter((b) => b.bar).map((b) => b.ticks)).toEqual([0, BAR, 2 * BAR, 3 * BAR, 4 * BAR]);
	});

	it('ends rows on the furthest bar line that fits', () => {
		const rows = layoutRoll(notes, [], { barTicks: BAR, beatTicks: BEAT, totalTicks: TOTAL, pxPerTick: 1, rowWidthPx: 2.5 * BAR, measurePx });
		expect(rows.map((r) => [r.startTicks, r.endTicks])).toEqual([
			[0, 2 * BAR],
			[2 * BAR, 4 * BAR]
		]);
	});

	it('zooms so every label fits its room, and then no two labels overlap and none is cut on any row width', () => {
		const pxPerTick = fittingPxPerTick(notes, [], { barTicks: BAR, measurePx, minPxPerTick: 0.01, maxPxPerTick: 10 });
		expect(pxPerTick).toBeCloseTo(100 / 480, 6);
		for (const width of [150, 300, 800, 1400]) {
			for (const row of boxes(pxPerTick, width)) {
				for (const box of row) expect(box.fits, `row width ${width}`).toBe(true);
				for (let i = 1; i < row.length; i++) expect(row[i].left).toBeGreaterThanOrEqual(row[i - 1].right);
			}
		}
	});

	it('cuts labels to their room when zoomed out rather than overlap', () => {
		for (const row of boxes(0.02, 1400)) for (let i = 1; i < row.length; i++) expect(row[i].left).toBeGreaterThanOrEqual(row[i - 1].right);
	});

	it('continues a note that crosses a row’s end on the next row without its label, and names the chord sounding at a row’s start', () => {
		const rows = layoutRoll(notes, [{ startTicks: 0, durationTicks: BAR, symbol: 'C' }], { barTicks: BAR, beatTicks: BEAT, totalTicks: 2 * BAR, pxPerTick: 0.2, rowWidthPx: 400, measurePx });
		expect(rows.map((r) => [r.startTicks, r.endTicks])).toEqual([
			[0, 1680],
			[1680, 3360],
			[3360, 3840]
		]);
		expect(rows[1].notes[0]).toMatchObject({ index: 6, label: 'strawberries', xPx: 0 });
		expect(rows[1].notes[1]).toMatchObject({ index: 7, label: 'go' });
		expect(rows[2].notes).toEqual([]);
		expect(rows[0].chords).toEqual([{ xPx: 0, roomPx: 1680 * 0.2 - 4, symbol: 'C' }]);
		expect(rows[1].chords).toEqual([{ xPx: 0, roomPx: 240 * 0.2 - 4, symbol: 'C' }]);
		expect(rows[1].barLines).toEqual([{ xPx: 240 * 0.2, bar: 1 }]);
	});
});
