/**
 * Where a reader is in a prompt, from nothing but the level of their voice: the teleprompter's line.
 *
 * Two things are heard: pauses, and syllables (loudness peaks, SyllableNuclei, about one per
 * syllable whatever the reader's pace). Readers pause at line ends and commas, and now and then
 * where the text has no mark (a breath, a hesitation). So every pause is matched to a boundary of
 * the text or to none: the follower keeps the best explanation of all pauses so far (a Viterbi
 * search over which boundary each pause was at, for each syllables-per-peak ratio on a grid),
 * scoring each stretch between matched pauses by how far its syllables over its peaks stray from
 * the ratio, a comma as a less likely stop than a line's end, a line's end with only a short
 * pause as less likely than with a long one, an unmatched pause by a fixed cost (more when long),
 * and the ratio by its distance from a typical one. Between pauses the position moves on from the
 * last matched boundary with each peak heard, so it waits while the reader is silent and keeps
 * pace with a slow one. A line read past its end without a pause is held a little longer: the
 * pause that usually comes there says whether the reader was done.
 */

export interface ReadingFollowerOptions {
	/** Seconds per frame pushed. */
	frameSeconds: number;
	/** Per line, the syllables of its phrases (split at commas and other punctuation), in order. */
	lines: readonly (readonly number[])[];
	/** Syllables per loudness peak heard (SyllableNuclei), typically. Default 1. */
	syllablesPerPeak?: number;
	/** Spread of readers' syllables per peak about the typical, as a log ratio. Default 0.25. */
	rateSpread?: number;
	/** Spread of a stretch's own syllables per peak about the reader's, as a log ratio. Default 0.2. */
	stretchSpread?: number;
	/** Spread of a count of n syllables, as a log ratio times √n. Default 1. */
	countSpread?: number;
	/** Cost of a short pause at no boundary (squared spreads): a breath, a stop consonant. Default 2. */
	unmatchedCost?: number;
	/** Cost of a long pause at no boundary: a hesitation. Default 4. */
	unmatchedLongCost?: number;
	/** Cost of stopping at a comma rather than a line's end. Default 0.5. */
	commaCost?: number;
	/** Cost of a line's end with only a short pause (readers take a breath there). Default 1.5. */
	lineEndShortCost?: number;
	/** Silence that counts as a pause, seconds. Default 0.25. */
	pauseSeconds?: number;
	/** A pause at least this long is a long one, seconds. Default 0.45. */
	longPauseSeconds?: number;
	/** Past a line's end without a pause, the line stays shown for this fraction of the next line. Default 0.35. */
	holdFraction?: number;
}

export interface ReadingPosition {
	/** Index of the line the reader is on. */
	line: number;
	/** How far through that line, 0..1. */
	progress: number;
	/** Syllables per loudness peak that best explains the reading so far (the reader's ratio). */
	syllablesPerPeak: number;
	/** True while the reader is pausing. */
	paused: boolean;
}

/** One explanation of the pauses so far: the last pause matched and the boundary it was at. */
interface Hypothesis {
	/** Index of the last matched pause (−1: the start of the reading). */
	pause: number;
	/** Index into the boundaries (0: the start of the prompt). */
	boundary: number;
	/** Cost of the matches up to it, unmatched pauses before it included. */
	cost: number;
}

/** Stretches between matched pauses span at most this many boundaries. */
const MAX_BOUNDARIES_PER_STRETCH = 6;
/** Syllables-per-peak grid about the typical ratio: ×0.44 to ×2.3 in 4 % steps. */
const RATE_STEPS = Array.from({ length: 43 }, (_, i) => 1.04 ** (i - 21));
/** Hypotheses this far (squared spreads) behind the best are dropped. */
const PRUNE_COST = 40;

export class ReadingFollower {
	private readonly lineStarts: number[] = [];
	private readonly lineEnds: number[] = [];
	/** Syllables from the prompt's start at each boundary; [0] is the start. */
	private readonly boundaryAt: number[] = [0];
	private readonly boundaryIsLineEnd: boolean[] = [true];
	private readonly options: Required<Omit<ReadingFollowerOptions, 'lines' | 'frameSeconds'>>;
	private readonly pauseFrames: number;
	private readonly longPauseFrames: number;
	/** Hypotheses before the pause in progress was matched as a short one (it may turn long). */
	private beforePause: { hypotheses: Hypothesis[][]; best: ReadingFollower['best'] } | null = null;

	private peaksHeard = 0;
	private shownLine = 0;
	private silentFrames = 0;
	/** Peaks heard before each pause. */
	private readonly pauses: number[] = [];
	/** Per ratio on the grid, its hypotheses. */
	private hypotheses: Hypothesis[][];
	private readonly rates: number[];
	private best: { rate: number; hypothesis: Hypothesis };

	constructor(options: ReadingFollowerOptions) {
		if (!(options.frameSeconds > 0)) throw new RangeError(`frameSeconds must be > 0, got ${options.frameSeconds}`);
		if (options.lines.length === 0) throw new RangeError('a reading needs at least one line');
		this.options = {
			syllablesPerPeak: options.syllablesPerPeak ?? 1,
			rateSpread: options.rateSpread ?? 0.25,
			stretchSpread: options.stretchSpread ?? 0.2,
			countSpread: options.countSpread ?? 1,
			unmatchedCost: options.unmatchedCost ?? 2,
			unmatchedLongCost: options.unmatchedLongCost ?? 4,
			commaCost: options.commaCost ?? 0.5,
			lineEndShortCost: options.lineEndShortCost ?? 1.5,
			pauseSeconds: options.pauseSeconds ?? 0.25,
			longPauseSeconds: options.longPauseSeconds ?? 0.45,
			holdFraction: options.holdFraction ?? 0.35
		};
		this.pauseFrames = Math.max(1, Math.round(this.options.pauseSeconds / options.frameSeconds));
		this.longPauseFrames = Math.max(this.pauseFrames + 1, Math.round(this.options.longPauseSeconds / options.frameSeconds));
		let total = 0;
		for (const phrases of options.lines) {
			this.lineStarts.push(total);
			phrases.forEach((syllables, index) => {
				if (!(syllables >= 0)) throw new RangeError(`syllable counts must be ≥ 0, got ${syllables}`);
				total += syllables;
				// A phrase of no syllables (stray punctuation) adds no boundary of its own.
				if (syllables > 0 || index === phrases.length - 1) {
					this.boundaryAt.push(total);
					this.boundaryIsLineEnd.push(index === phrases.length - 1);
				}
			});
			if (phrases.length === 0) {
				this.boundaryAt.push(total);
				this.boundaryIsLineEnd.push(true);
			}
			this.lineEnds.push(total);
		}
		const start: Hypothesis = { pause: -1, boundary: 0, cost: 0 };
		this.rates = RATE_STEPS.map((step) => step * this.options.syllablesPerPeak);
		this.hypotheses = this.rates.map(() => [start]);
		this.best = { rate: this.options.syllablesPerPeak, hypothesis: start };
	}

	/**
	 * Takes one frame: whether it is speech, and whether a syllable's peak has just passed in it
	 * (the follower's clock: syllables heard, so it keeps pace with a reader who slows down).
	 */
	push(speech: boolean, nucleus = false): ReadingPosition {
		if (nucleus) this.peaksHeard += 1;
		if (speech) {
			this.silentFrames = 0;
		} else {
			this.silentFrames += 1;
			if (this.silentFrames === this.pauseFrames) {
				this.beforePause = { hypotheses: this.hypotheses.map((list) => list.slice()), best: this.best };
				this.onPause(false);
			} else if (this.silentFrames === this.longPauseFrames && this.beforePause) {
				// The pause went on: match it again as a long one.
				this.hypotheses = this.beforePause.hypotheses;
				this.best = this.beforePause.best;
				this.beforePause = null;
				this.pauses.pop();
				this.onPause(true);
			}
		}
		return this.current();
	}

	/** Where the reader is now, without a new frame. */
	current(): ReadingPosition {
		const { rate, hypothesis } = this.best;
		const since = hypothesis.pause < 0 ? 0 : this.pauses[hypothesis.pause];
		const anchor = this.boundaryAt[hypothesis.boundary];
		const position = anchor + rate * (this.peaksHeard - since);
		// Forward only: a better explanation may move the position back a little, but a highlight
		// that jumps back and forth would lose the reader.
		const line = Math.max(this.shownLine, this.lineShown(anchor, position));
		this.shownLine = line;
		const length = this.lineEnds[line] - this.lineStarts[line];
		const progress = length > 0 ? Math.min(1, Math.max(0, (position - this.lineStarts[line]) / length)) : 1;
		return { line, progress, syllablesPerPeak: rate, paused: this.silentFrames >= this.pauseFrames };
	}

	/**
	 * The line at a position: a line whose end the reader paused at is done; one they read past
	 * without a pause is held until they are `holdFraction` into the next.
	 */
	private lineShown(anchor: number, position: number): number {
		const last = this.lineEnds.length - 1;
		let line = 0;
		while (line < last) {
			const nextLength = this.lineEnds[line + 1] - this.lineStarts[line + 1];
			if (anchor >= this.lineEnds[line] || position >= this.lineEnds[line] + this.options.holdFraction * nextLength) line += 1;
			else break;
		}
		return line;
	}

	/** Cost of a stretch of `syllables` read in `peaks` at `rate` syllables per peak. */
	private stretchCost(syllables: number, peaks: number, rate: number): number {
		const { stretchSpread, countSpread } = this.options;
		const variance = stretchSpread ** 2 + countSpread ** 2 / syllables;
		return Math.log(syllables / (rate * peaks)) ** 2 / variance;
	}

	private onPause(long: boolean): void {
		const k = this.pauses.length;
		this.pauses.push(this.peaksHeard);
		const { syllablesPerPeak, rateSpread } = this.options;
		// Unmatched pauses so far are charged as short ones; this one by its length.
		const unmatchedCost = this.options.unmatchedCost;
		const unmatchedNow = long ? this.options.unmatchedLongCost : unmatchedCost;
		const commaCost = this.options.commaCost;
		const lineEndCost = long ? 0 : this.options.lineEndShortCost;
		let bestTotal = Infinity;
		this.rates.forEach((rate, r) => {
			const list = this.hypotheses[r];
			const matched: Hypothesis[] = [];
			for (let b = 1; b < this.boundaryAt.length; b++) {
				let cost = Infinity;
				for (const h of list) {
					if (h.boundary >= b || b - h.boundary > MAX_BOUNDARIES_PER_STRETCH) continue;
					const peaks = this.peaksHeard - (h.pause < 0 ? 0 : this.pauses[h.pause]);
					if (peaks <= 0) continue;
					const c = h.cost + unmatchedCost * (k - 1 - h.pause) + this.stretchCost(this.boundaryAt[b] - this.boundaryAt[h.boundary], peaks, rate);
					if (c < cost) cost = c;
				}
				if (cost < Infinity) matched.push({ pause: k, boundary: b, cost: cost + (this.boundaryIsLineEnd[b] ? lineEndCost : commaCost) });
			}
			list.push(...matched);
			const ratePrior = (Math.log(rate / syllablesPerPeak) / rateSpread) ** 2;
			for (const h of list) {
				const total = h.cost + (h.pause < k ? unmatchedCost * (k - 1 - h.pause) + unmatchedNow : 0) + ratePrior;
				if (total < bestTotal) {
					bestTotal = total;
					this.best = { rate, hypothesis: h };
				}
			}
		});
		// Drop explanations far behind the best (they will not come back), keeping the search small.
		this.rates.forEach((rate, r) => {
			const ratePrior = (Math.log(rate / syllablesPerPeak) / rateSpread) ** 2;
			this.hypotheses[r] = this.hypotheses[r].filter((h) => h.cost + unmatchedCost * (k - h.pause) + ratePrior <= bestTotal + PRUNE_COST);
		});
	}
}
