import { describe, expect, it } from 'vitest';
import { fittingPxPerTick, labelRoomTicks, layoutRoll, noteLabels, type RollNoteInput } from '../../../src/lib/song/roll-layout';

const BAR = 1920;
const measure = (text: string) => 8 * [...text].length;
/** "we will sing along": quick eighth notes, a long word on a short note. */
const notes: RollNoteInput[] = [
	{ startTicks: 0, durationTicks: 240, midiPitch: 60, label: 'we' },
	{ startTicks: 240, durationTicks: 240, midiPitch: 62, label: 'will' },
	{ startTicks: 480, durationTicks: 240, midiPitch: 64, label: 'sing' },
	{ startTicks: 720, durationTicks: 240, midiPitch: 65, label: 'a' },
	{ startTicks: 960, durationTicks: 240, midiPitch: 67, label: 'long' },
	{ startTicks: 1200, durationTicks: 240, midiPitch: 67, label: null },
	{ startTicks: 1680, durationTicks: 480, midiPitch: 64, label: 'strawberries' },
	{ startTicks: 2160, durationTicks: 960, midiPitch: 62, label: 'go' }
];

/** Label boxes in a row as [left, right] px. */
function boxes(pxPerTick: number, rowWidthPx: number) {
	return layoutRoll(notes, [], { barTicks: BAR, totalTicks: 4 * BAR, pxPerTick, rowWidthPx }).map((row) =>
		row.notes.filter((n) => n.label).map((n) => ({ left: n.xPx, right: n.xPx + Math.min(measure(n.label!), n.labelRoomPx), fits: measure(n.label!) <= n.labelRoomPx }))
	);
}

describe('piano-roll layout', () => {
	it('gives each label the room to the next syllable or the next bar line', () => {
		expect(labelRoomTicks(notes, BAR)).toEqual([240, 240, 240, 240, 720, null, 240, 1680]);
	});

	it('writes each syllable once: an English word’s later syllables are blank', () => {
		const syllable = (text: string, wordIndex: number) => ({ syllable: { text, wordIndex } });
		expect(noteLabels([syllable('carry', 1), syllable('carry', 1), { syllable: null }, syllable('you', 2)])).toEqual(['carry', null, null, 'you']);
	});

	it('zooms so every label fits its room, and then no two labels overlap on any row width', () => {
		const pxPerTick = fittingPxPerTick(notes, [], BAR, measure, { minPxPerTick: 0.01, maxPxPerTick: 10 });
		// "strawberries" (96 px + gap) in a quarter note's room before the bar line.
		expect(pxPerTick).toBeCloseTo(100 / 240, 6);
		for (const width of [300, 800, 1400]) {
			for (const row of boxes(pxPerTick, width)) {
				for (const box of row) expect(box.fits).toBe(true);
				for (let i = 1; i < row.length; i++) expect(row[i].left).toBeGreaterThanOrEqual(row[i - 1].right);
			}
		}
	});

	it('cuts labels to their room when zoomed out rather than overlap', () => {
		for (const row of boxes(0.05, 1400)) for (let i = 1; i < row.length; i++) expect(row[i].left).toBeGreaterThanOrEqual(row[i - 1].right);
	});

	it('breaks rows on bar lines, a note crossing one continuing on the next row without its label', () => {
		const rows = layoutRoll(notes, [{ startTicks: 0, durationTicks: BAR, symbol: 'C' }], { barTicks: BAR, totalTicks: 2 * BAR, pxPerTick: 0.2, rowWidthPx: 400 });
		expect(rows.map((r) => [r.startTicks, r.endTicks])).toEqual([
			[0, BAR],
			[BAR, 2 * BAR]
		]);
		expect(rows[0].notes.at(-1)).toMatchObject({ index: 6, label: 'strawberries', widthPx: 240 * 0.2 });
		expect(rows[1].notes[0]).toMatchObject({ index: 6, label: null, xPx: 0, widthPx: 240 * 0.2 });
		expect(rows[0].chords).toEqual([{ xPx: 0, roomPx: BAR * 0.2 - 4, symbol: 'C' }]);
	});
});
