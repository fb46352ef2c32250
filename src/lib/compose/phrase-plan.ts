/**
 * The melody's form before any note: verse then chorus, each cut into phrases of two or four bars
 * (breath to breath), each phrase given a cadence and a register. The plan follows common song
 * practice: the verse sits low to middle and states the idea, the chorus starts higher and peaks
 * (Huron 2006, ch. 12, on arch contours; Stephenson 2002, "What to Listen for in Rock", ch. 6, on
 * the chorus as the high point), half cadences open a section's inner phrases and it closes on a
 * stable degree, the song on the tonic.
 */
import type { SongSection } from '../song/types';
import type { PhraseCadence } from './melody-types';
import type { Rng } from './random';

export interface PhrasePlan {
	index: number;
	section: 'verse' | 'chorus';
	/** Index into the plan's sections. */
	sectionIndex: number;
	/** First bar, from 0. */
	startBar: number;
	/** 2 or 4; a whole section (up to 8) when the motif is longer than two bars. */
	bars: number;
	cadence: PhraseCadence;
	firstInSection: boolean;
	/** Where the phrase should sit in the singer's range: 0 bottom … 1 top. */
	registerTarget: number;
	/** The chorus's high point: its peak must rise above the verse's. */
	climax: boolean;
}

export interface MelodyPlan {
	sections: SongSection[];
	phrases: PhrasePlan[];
}

export interface PlanMelodyOptions {
	/**
	 * Bars the motif occupies (its slot); motifs longer than a bar get four-bar phrases, longer than
	 * two bars a section-long phrase, so a statement leaves room for the cadence (default 1).
	 */
	motifSlotBars?: number;
}

type Split = readonly number[];

/** Phrase splits of a section, with weights; a sentence (2 + 2 + 4) is one of the eight-bar shapes (Caplin 1998). */
function splitsFor(sectionBars: number, motifSlotBars: number, chorus: boolean): { splits: Split[]; weights: number[] } {
	if (motifSlotBars > 2) return { splits: [[sectionBars]], weights: [1] };
	if (motifSlotBars > 1) {
		const fours = Array<number>(Math.floor(sectionBars / 4)).fill(4);
		// A two-bar phrase has no room for a long motif: the verse opens with a four-bar one to state
		// it, the chorus ends with one so the motif can return after the climax.
		return { splits: [sectionBars % 4 === 0 ? fours : chorus ? [2, ...fours] : [...fours, 2]], weights: [1] };
	}
	switch (sectionBars) {
		case 4:
			return { splits: [[2, 2], [4]], weights: [3, 1] };
		case 6:
			return { splits: [[2, 2, 2], [4, 2], [2, 4]], weights: [2, 1, 1] };
		case 8:
			return { splits: [[2, 2, 2, 2], [4, 4], [2, 2, 4]], weights: [2, 2, 2] };
		default:
			return { splits: [Array<number>(sectionBars / 2).fill(2)], weights: [1] };
	}
}

/** Plan of `bars` bars (an even number, 8..16): verse then chorus. */
export function planMelody(bars: number, rng: Rng, options: PlanMelodyOptions = {}): MelodyPlan {
	if (!Number.isInteger(bars) || bars < 8 || bars > 16 || bars % 2 !== 0) {
		throw new RangeError(`bars must be an even integer in [8, 16], got ${bars}`);
	}
	const { motifSlotBars = 1 } = options;
	// The verse takes an even number of bars, at most half: 8→4+4, 10→4+6, 12→6+6, 14→6+8, 16→8+8.
	const verseBars = 2 * Math.floor(bars / 4);
	const sections: SongSection[] = [
		{ kind: 'verse', label: 'Verse', startBar: 0, bars: verseBars },
		{ kind: 'chorus', label: 'Chorus', startBar: verseBars, bars: bars - verseBars }
	];
	const phrases: PhrasePlan[] = [];
	sections.forEach((section, sectionIndex) => {
		const { splits, weights } = splitsFor(section.bars, motifSlotBars, section.kind === 'chorus');
		const split = splits[rng.weightedIndex(weights)];
		let startBar = section.startBar;
		split.forEach((phraseBars, j) => {
			const last = j === split.length - 1;
			const lastOfSong = last && sectionIndex === sections.length - 1;
			const cadence: PhraseCadence = lastOfSong ? 'final' : last ? 'closed' : rng.chance(0.5) ? 'half' : 'closed';
			const jitter = (rng.next() - 0.5) * 0.1;
			let registerTarget: number;
			let climax = false;
			if (section.kind === 'verse') {
				registerTarget = 0.3 + (0.15 * j) / Math.max(1, split.length - 1);
			} else if (j === 0) {
				climax = true;
				registerTarget = split.length === 1 ? 0.6 : 0.75;
			} else {
				registerTarget = lastOfSong ? 0.4 : 0.7;
			}
			phrases.push({
				index: phrases.length,
				section: section.kind === 'verse' ? 'verse' : 'chorus',
				sectionIndex,
				startBar,
				bars: phraseBars,
				cadence,
				firstInSection: j === 0,
				registerTarget: Math.min(1, Math.max(0, registerTarget + jitter)),
				climax
			});
			startBar += phraseBars;
		});
	});
	return { sections, phrases };
}
