/**
 * The song's form as the arranger plays it: for every bar, which section it belongs to, how hard
 * that section is played, and where the landmarks are — a crash on the first downbeat of each
 * section, a fill in the last bar before a new section and before the final chord, the final
 * chord itself (held to the end, see arrangement.ts).
 */
import { ticksPerBar, type SectionKind, type SongChord, type SongSection, type TimeSignature } from '../song/types';
import { STEP_TICKS } from './groove';
import { SECTION_ENERGY, type Energy } from './styles';

export interface BarPlan {
	bar: number;
	startTicks: number;
	/** End of the bar, or of the song where it ends inside the bar. */
	endTicks: number;
	section: SectionKind;
	/** Bars since the section started, from 0, and the section's length in bars. */
	barInSection: number;
	sectionBars: number;
	energy: Energy;
	/** Velocity factor of the section, 0–1. */
	intensity: number;
	/** A crash cymbal on the downbeat: the first bar of a section (not of an intro). */
	crash: boolean;
	/** A drum fill in the second half of the bar: a section's last bar, or the bar before the final chord. */
	fill: boolean;
}

export interface SongForm {
	barTicks: number;
	/** Sixteenth steps per bar. */
	stepsPerBar: number;
	/** End of the last chord: nothing sounds after it. */
	endTicks: number;
	/** Start of the last chord, where the ending begins. */
	finalChordStartTicks: number;
	bars: BarPlan[];
}

export function planForm(chords: readonly SongChord[], sections: readonly SongSection[], timeSignature: TimeSignature): SongForm {
	const barTicks = ticksPerBar(timeSignature);
	const endTicks = chords.reduce((end, c) => Math.max(end, c.startTicks + c.durationTicks), 0);
	const finalChordStartTicks = chords.reduce((start, c) => Math.max(start, c.startTicks), 0);
	const barCount = Math.ceil(endTicks / barTicks);
	const sectionIndex = sectionOfEachBar(sections, barCount);
	const finalBar = Math.floor(finalChordStartTicks / barTicks);
	const bars: BarPlan[] = [];
	for (let bar = 0; bar < barCount; bar++) {
		const index = sectionIndex[bar];
		const section: SectionKind = index >= 0 ? sections[index].kind : 'verse';
		let first = bar;
		while (first > 0 && sectionIndex[first - 1] === index) first--;
		let last = bar;
		while (last < barCount - 1 && sectionIndex[last + 1] === index) last++;
		const { energy, intensity } = SECTION_ENERGY[section];
		const startTicks = bar * barTicks;
		const sectionEndsHere = bar === last && bar < barCount - 1;
		bars.push({
			bar,
			startTicks,
			endTicks: Math.min(endTicks, startTicks + barTicks),
			section,
			barInSection: bar - first,
			sectionBars: last - first + 1,
			energy,
			intensity,
			crash: bar === first && section !== 'intro',
			fill: bar < finalBar && (sectionEndsHere || bar === finalBar - 1)
		});
	}
	return { barTicks, stepsPerBar: Math.round(barTicks / STEP_TICKS), endTicks, finalChordStartTicks, bars };
}

/** Index into `sections` for each bar; bars no section covers continue the section before them (−1 before any). */
export function sectionOfEachBar(sections: readonly SongSection[], barCount: number): number[] {
	const out = new Array<number>(barCount).fill(-1);
	sections.forEach((s, i) => {
		for (let bar = Math.max(0, s.startBar); bar < Math.min(barCount, s.startBar + s.bars); bar++) out[bar] = i;
	});
	for (let bar = 1; bar < barCount; bar++) if (out[bar] === -1) out[bar] = out[bar - 1];
	return out;
}
