/**
 * Lays a one-bar bass or keys line over the song's chords: each note takes the chord sounding at
 * its onset, is cut where the chord changes, and a chord that starts where the line rests or holds
 * gets a note of its own — so the part follows the harmonic rhythm whatever the pattern.
 */
import type { SongChord } from '../song/types';
import type { BarPlan, SongForm } from './arrangement-form';
import { parsePattern, STEP_TICKS, swungStep, type Swing } from './groove';

/** A backing note in musical time, before the arranger converts it to seconds. */
export interface TickNote {
	startTicks: number;
	durationTicks: number;
	midiPitch: number;
	/** 0–1. */
	velocity: number;
}

export interface PlacedNote {
	startTicks: number;
	endTicks: number;
	/** The pattern character (what to play). */
	token: string;
	/** Index of the chord sounding at the onset, and of the chord after it (−1 at the end). */
	chordIndex: number;
	nextChordIndex: number;
	bar: BarPlan;
}

/** Notes shorter than this are dropped after cutting (a sliver before a chord change), ticks. */
const MIN_NOTE_TICKS = STEP_TICKS / 2;

/**
 * Places the line chosen for each bar. Bars from the final chord on are left to the ending.
 * `chordToken` is the character used for a note added at a chord start (e.g. "R", "x").
 */
export function placeLine(
	form: SongForm,
	chords: readonly SongChord[],
	lineForBar: (bar: BarPlan) => string | null,
	options: { swing: Swing; chordToken: string; hitAtEveryChord: boolean }
): PlacedNote[] {
	const out: PlacedNote[] = [];
	for (const bar of form.bars) {
		if (bar.startTicks >= form.finalChordStartTicks) break;
		const line = lineForBar(bar);
		if (line === null) continue;
		const hits = parsePattern(line).map((h) => ({
			startTicks: bar.startTicks + swungStep(h.step, options.swing) * STEP_TICKS,
			endTicks: bar.startTicks + swungStep(h.step + h.lengthSteps, options.swing) * STEP_TICKS,
			token: h.token
		}));
		if (options.hitAtEveryChord) {
			for (const chord of chords) {
				if (chord.startTicks < bar.startTicks || chord.startTicks >= bar.endTicks) continue;
				if (hits.some((h) => Math.abs(h.startTicks - chord.startTicks) < 1)) continue;
				const next = hits.filter((h) => h.startTicks > chord.startTicks).reduce((m, h) => Math.min(m, h.startTicks), bar.startTicks + form.barTicks);
				hits.push({ startTicks: chord.startTicks, endTicks: next, token: options.chordToken });
			}
			hits.sort((a, b) => a.startTicks - b.startTicks);
		}
		for (const hit of hits) {
			if (hit.startTicks >= form.finalChordStartTicks) break;
			const chordIndex = chordAt(chords, hit.startTicks);
			if (chordIndex < 0) continue;
			const chord = chords[chordIndex];
			const endTicks = Math.min(hit.endTicks, chord.startTicks + chord.durationTicks, form.finalChordStartTicks, form.endTicks);
			if (endTicks - hit.startTicks < MIN_NOTE_TICKS) continue;
			out.push({ startTicks: hit.startTicks, endTicks, token: hit.token, chordIndex, nextChordIndex: chordIndex + 1 < chords.length ? chordIndex + 1 : -1, bar });
		}
	}
	return out;
}

/** Index of the chord sounding at `ticks`, or −1 in a gap. Chords are in time order. */
export function chordAt(chords: readonly SongChord[], ticks: number): number {
	for (let i = chords.length - 1; i >= 0; i--) {
		const c = chords[i];
		if (c.startTicks <= ticks) return ticks < c.startTicks + c.durationTicks ? i : -1;
	}
	return -1;
}
