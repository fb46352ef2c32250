/**
 * Setting a lyric's syllables on a composed melody (ticks), by rules the studio reports to the user:
 *   - one syllable per note by default;
 *   - fewer syllables than notes: melismas, preferably holding the last syllable before a phrase's
 *     end (or a rest), never across a phrase boundary or a rest;
 *   - more syllables than notes: notes split (longest notes first, in halves at their strongest inner
 *     beat, each part at least `minNoteTicks`), else refused with how many syllables to cut;
 *   - a lyric line (ended by punctuation, `breakAfter`) should start a phrase;
 *   - English: stressed syllables on strong beats, unstressed ones and function words on weak ones
 *     (Halle & Lerdahl 1993; Hayes & Kaun 1996);
 *   - Mandarin: neutral-tone syllables on weak beats, never on a phrase's last strong note.
 * Where each syllable goes is chosen by dynamic programming over the notes (Viterbi-style, state =
 * syllables placed so far): the cheapest setting under the costs in `FitWeights` wins, so the rules
 * trade off against each other in stated amounts instead of in a fixed order.
 */
import { LyricsError, type LyricSyllable } from '../lyrics/types';
import { PPQ, type SongNote, type TimeSignature } from '../song/types';
import { toneDirectionAgreement } from './cantonese-tones';
import { isStrongBeat, metricStrength } from './lyrics-metre';
import { isNeutralTone, syllableProminence } from './lyrics-stress';

/** Costs of the fitter's choices, in one common unit (a note held as a melisma in mid-phrase ≈ 1). */
export interface FitWeights {
	/** Each note held as a melisma; the n-th note of one melisma costs n times this (long melismas are worse). Default 1. */
	melisma: number;
	/** Factor on melisma notes that end a phrase or come before a rest (the natural place to hold a vowel). Default 0.25. */
	phraseEndMelisma: number;
	/** Splitting a note: this × Σ over its parts of minNoteTicks / partTicks, so long notes are split first. Default 1.5. */
	split: number;
	/** An English syllable against the metre: stressed on the weakest position costs this, unstressed on a downbeat half of it. Default 3. */
	stress: number;
	/** A Mandarin neutral-tone syllable: this × the metrical strength of its note, and this for each note it is held over. Default 3. */
	neutralTone: number;
	/** A lyric line that starts inside a phrase instead of at its start. Default 4. */
	lineStart: number;
	/** A phrase that starts inside a lyric line (a breath where the words do not pause). Default 1. */
	phraseMidLine: number;
	/** A phrase start or rest inside an English word. Default 6. */
	midWord: number;
}

export const DEFAULT_FIT_WEIGHTS: Readonly<FitWeights> = {
	melisma: 1,
	phraseEndMelisma: 0.25,
	split: 1.5,
	stress: 3,
	neutralTone: 3,
	lineStart: 4,
	phraseMidLine: 1,
	midWord: 6
};

export interface FitLyricsToMelodyOptions {
	/** Shortest part a split note may leave, ticks (default PPQ / 4, a sixteenth). */
	minNoteTicks?: number;
	/** Most parts one note may be split into, 1–16 (default 4). */
	maxPartsPerNote?: number;
	/** A silence at least this long between two notes is a rest: no syllable is held across it (default PPQ / 4). */
	minRestTicks?: number;
	/** Costs of the fitter's choices (defaults: DEFAULT_FIT_WEIGHTS). */
	weights?: Partial<FitWeights>;
}

export interface LyricsFitAgreement {
	/** English: share of stressed syllables (primary stress, not one-syllable function words) on strong beats; null without any. */
	stressOnStrong: number | null;
	/** Mandarin: share of neutral-tone syllables on weak positions; null without any. */
	neutralOnWeak: number | null;
	/** Cantonese: share of adjacent syllable pairs whose melodic direction follows the tones (cantonese-tones.ts); null without pairs. */
	toneDirection: number | null;
}

export interface LyricsFitReport {
	syllables: number;
	/** Notes of the melody given. */
	melodyNotes: number;
	/** Notes of the result (after splits, without unsung phrases). */
	notes: number;
	/** Result notes that continue the previous syllable. */
	melismaNotes: number;
	/** Melody notes split to make room for syllables. */
	splitNotes: number;
	/** Melody notes left without words because the lyric ran out before the melody's last phrases. */
	unsungNotes: number;
	/** Syllables placed on another note than a metre-blind fit would choose, for English stress or Mandarin neutral tones. */
	movedForStress: number;
	/** Lyric lines, and how many of them start a phrase. */
	lines: number;
	linesStartingPhrases: number;
	agreement: LyricsFitAgreement;
	/** What was done, for the user. */
	message: string;
}

export interface LyricsFitResult {
	notes: SongNote[];
	report: LyricsFitReport;
}

/** Cost that only an impossible setting pays (a neutral tone on a phrase's last strong note); finite so a setting always exists. */
const FORBIDDEN = 1e6;
/** Melisma length at which its per-note cost stops growing (the DP's state keeps the run length up to here). */
const MAX_RUN = 6;

interface PreparedNote {
	note: SongNote;
	phraseStart: boolean;
	/** First note of a phrase or the first after a rest: a syllable must start here. */
	segmentStart: boolean;
	/** Ticks of the phrase's last strong-beat onset (-1 when none). */
	phraseLastStrongTicks: number;
}

/**
 * Durations of the parts of a note split `parts` ways: the longest part is cut in two, again and
 * again, each time at its metrically strongest inner point on the `gridTicks` grid (nearest the
 * middle on a tie), leaving at least `gridTicks` on each side; so a half note becomes two quarters
 * and a dotted quarter a quarter and an eighth. Returns fewer parts when the note is too short.
 */
export function splitNoteTicks(startTicks: number, durationTicks: number, parts: number, gridTicks: number, timeSignature: TimeSignature): number[] {
	const bounds = [startTicks, startTicks + durationTicks];
	while (bounds.length - 1 < parts) {
		let longest = 0;
		for (let i = 1; i < bounds.length - 1; i++) if (bounds[i + 1] - bounds[i] > bounds[longest + 1] - bounds[longest]) longest = i;
		const from = bounds[longest];
		const to = bounds[longest + 1];
		let best = -1;
		let bestScore = -Infinity;
		for (let t = from + gridTicks; t <= to - gridTicks; t += gridTicks) {
			// Strength first; closeness to the middle breaks ties (a tiny weight, below any strength step).
			const score = metricStrength(t, timeSignature) - (1e-3 * Math.abs(t - (from + to) / 2)) / (to - from);
			if (score > bestScore) {
				bestScore = score;
				best = t;
			}
		}
		if (best < 0) break;
		bounds.splice(longest + 1, 0, best);
	}
	return bounds.slice(1).map((t, i) => t - bounds[i]);
}

function prepare(melody: readonly SongNote[], minRestTicks: number, timeSignature: TimeSignature): PreparedNote[] {
	const sorted = melody.filter((n) => n.durationTicks > 0).sort((a, b) => a.startTicks - b.startTicks);
	const lastStrong = new Map<number, number>();
	for (const n of sorted) if (isStrongBeat(n.startTicks, timeSignature)) lastStrong.set(n.phrase, n.startTicks);
	return sorted.map((note, i) => {
		const previous = sorted[i - 1];
		const phraseStart = i === 0 || note.phrase !== previous.phrase;
		const rest = i > 0 && note.startTicks - (previous.startTicks + previous.durationTicks) >= minRestTicks;
		return { note, phraseStart, segmentStart: phraseStart || rest, phraseLastStrongTicks: lastStrong.get(note.phrase) ?? -1 };
	});
}

/** Same written word (English words span several syllables). */
const sameWord = (a: LyricSyllable, b: LyricSyllable) => a.wordIndex === b.wordIndex && a.text === b.text;

interface Plan {
	/** Per note: 0 = melisma continuation, p ≥ 1 = syllables started on it (p > 1: split into p parts). */
	actions: number[];
}

/** The cheapest setting of `syllables` on `notes` (dynamic programming over notes; see the file comment). */
function bestPlan(
	notes: PreparedNote[],
	syllables: readonly LyricSyllable[],
	timeSignature: TimeSignature,
	w: FitWeights,
	minNoteTicks: number,
	maxPartsPerNote: number,
	useMetre: boolean
): Plan {
	const n = notes.length;
	const s = syllables.length;
	const prominence = syllables.map((_, i) => syllableProminence(syllables, i));
	const neutral = syllables.map(isNeutralTone);

	/** Cost of syllable k starting at `ticks`, on part `part` of note j. */
	const placement = (k: number, j: number, part: number, ticks: number): number => {
		const pn = notes[j];
		let cost = 0;
		if (useMetre) {
			const strength = metricStrength(ticks, timeSignature);
			const p = prominence[k];
			if (syllables[k].language === 'en' && p !== null) cost += w.stress * (p * (1 - strength) + 0.5 * (1 - p) * strength);
			if (neutral[k]) {
				cost += w.neutralTone * strength;
				if (pn.phraseLastStrongTicks >= 0 && ticks >= pn.phraseLastStrongTicks && isStrongBeat(ticks, timeSignature)) cost += FORBIDDEN;
			}
		}
		if (k > 0) {
			const previous = syllables[k - 1];
			const startsPhrase = part === 0 && pn.phraseStart;
			const startsSegment = part === 0 && pn.segmentStart;
			if (previous.breakAfter && !startsPhrase) cost += w.lineStart;
			if (startsSegment && !previous.breakAfter) {
				const midWord = previous.language === 'en' && sameWord(previous, syllables[k]);
				cost += midWord ? w.midWord : startsPhrase ? w.phraseMidLine : 0;
			}
		}
		return cost;
	};

	// State (k syllables placed, t trailing: no syllable may start before the segment ends, r melisma run length).
	const layer = (s + 1) * 2 * (MAX_RUN + 1);
	const at = (k: number, t: number, r: number) => (k * 2 + t) * (MAX_RUN + 1) + r;
	const cost = new Float64Array((n + 1) * layer).fill(Infinity);
	const from = new Int32Array((n + 1) * layer).fill(-1);
	const action = new Int8Array((n + 1) * layer);
	cost[at(0, 0, 0)] = 0;

	const relax = (j: number, fromState: number, toState: number, c: number, act: number) => {
		const target = (j + 1) * layer + toState;
		if (c < cost[target]) {
			cost[target] = c;
			from[target] = fromState;
			action[target] = act;
		}
	};

	const segmentsBefore: number[] = [];
	const capacityBefore: number[] = [];
	for (let j = 0, segments = 0, capacity = 0; j < n; j++) {
		segmentsBefore.push(segments);
		capacityBefore.push(capacity);
		if (notes[j].segmentStart) segments++;
		capacity += splitNoteTicks(notes[j].note.startTicks, notes[j].note.durationTicks, maxPartsPerNote, minNoteTicks, timeSignature).length;
	}

	for (let j = 0; j < n; j++) {
		const pn = notes[j];
		const duration = pn.note.durationTicks;
		const partitions = Array.from({ length: maxPartsPerNote }, (_, i) => splitNoteTicks(pn.note.startTicks, duration, i + 1, minNoteTicks, timeSignature));
		const maxParts = Math.max(1, partitions.filter((parts, i) => parts.length === i + 1).length);
		const splitCosts = partitions.map((parts) => (parts.length === 1 ? 0 : w.split * parts.reduce((sum, t) => sum + minNoteTicks / t, 0)));
		// Syllables placed before note j: at least one per segment started, at most what the notes so far hold.
		const kLow = segmentsBefore[j];
		const kHigh = Math.min(s, capacityBefore[j]);
		for (let k = kLow; k <= kHigh; k++) {
			// Cost of starting syllables k … k+p-1 on this note's p parts, the same from every (t, r).
			const startCosts: number[] = [];
			for (let p = 1; p <= maxParts && k + p <= s; p++) {
				let c = splitCosts[p - 1];
				let ticks = pn.note.startTicks;
				partitions[p - 1].forEach((partTicks, part) => {
					c += placement(k + part, j, part, ticks);
					ticks += partTicks;
				});
				startCosts.push(c);
			}
			for (let t = 0; t < 2; t++) {
				for (let r = 0; r <= MAX_RUN; r++) {
					const state = at(k, t, r);
					const base = cost[j * layer + state];
					if (base === Infinity) continue;
					// Continue the previous syllable (not across a phrase boundary or rest).
					if (!pn.segmentStart && k > 0) {
						const run = Math.min(r + 1, MAX_RUN);
						const hold = useMetre && neutral[k - 1] ? w.neutralTone : 0;
						if (t === 0) relax(j, state, at(k, 0, run), base + w.melisma * run + hold, 0);
						relax(j, state, at(k, 1, run), base + w.melisma * run * w.phraseEndMelisma + hold, 0);
					}
					// Start one syllable, or split the note and start several.
					if (t === 1 && !pn.segmentStart) continue;
					startCosts.forEach((c, i) => relax(j, state, at(k + i + 1, 0, 0), base + c, i + 1));
				}
			}
		}
	}
	let best = -1;
	for (let t = 0; t < 2; t++) {
		for (let r = 0; r <= MAX_RUN; r++) {
			const state = at(s, t, r);
			if (best < 0 || cost[n * layer + state] < cost[n * layer + best]) best = state;
		}
	}
	const actions = new Array<number>(n);
	for (let j = n, state = best; j > 0; j--) {
		actions[j - 1] = action[j * layer + state];
		state = from[j * layer + state];
	}
	return { actions };
}

/** Notes of a plan: each melody note, split where the plan says, with its syllable (null for a melisma). */
function realise(notes: PreparedNote[], syllables: readonly LyricSyllable[], plan: Plan, minNoteTicks: number, timeSignature: TimeSignature): SongNote[] {
	const out: SongNote[] = [];
	let k = 0;
	notes.forEach(({ note }, j) => {
		const p = plan.actions[j];
		if (p === 0) {
			out.push({ ...note, syllable: null });
			return;
		}
		let ticks = note.startTicks;
		for (const partTicks of splitNoteTicks(note.startTicks, note.durationTicks, p, minNoteTicks, timeSignature)) {
			out.push({ ...note, startTicks: ticks, durationTicks: partTicks, syllable: syllables[k++] });
			ticks += partTicks;
		}
	});
	return out;
}

function share(hits: number, total: number): number | null {
	return total === 0 ? null : hits / total;
}

const percent = (x: number) => `${Math.round(x * 100)}%`;
const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/**
 * Sets `syllables` on `melody` (ticks, monophonic; each note's `phrase` marks its breath group) and
 * returns the notes with their syllables and a report of what was done.
 * Throws LyricsError 'no_melody', 'empty_lyrics', or 'too_many_syllables' (with how many to cut).
 */
export function fitLyricsToMelody(
	melody: readonly SongNote[],
	syllables: readonly LyricSyllable[],
	timeSignature: TimeSignature,
	options: FitLyricsToMelodyOptions = {}
): LyricsFitResult {
	const minNoteTicks = options.minNoteTicks ?? PPQ / 4;
	const maxPartsPerNote = options.maxPartsPerNote ?? 4;
	const minRestTicks = options.minRestTicks ?? PPQ / 4;
	const w: FitWeights = { ...DEFAULT_FIT_WEIGHTS, ...options.weights };
	if (!(minNoteTicks > 0) || !(minRestTicks > 0) || !Number.isInteger(maxPartsPerNote) || maxPartsPerNote < 1 || maxPartsPerNote > 16) {
		throw new RangeError(`Fit options out of range: minNoteTicks ${minNoteTicks} and minRestTicks ${minRestTicks} must be > 0, maxPartsPerNote ${maxPartsPerNote} an integer 1–16.`);
	}
	let notes = prepare(melody, minRestTicks, timeSignature);
	if (notes.length === 0) throw new LyricsError('no_melody', 'There is no melody to sing the lyrics on: compose or hum a tune first.');
	if (syllables.length === 0) throw new LyricsError('empty_lyrics', 'The lyrics have no syllables to sing: type some words.');
	const s = syllables.length;

	// Every phrase and every stretch after a rest must start a syllable: a lyric shorter than the
	// number of stretches is sung on the first ones, and the rest of the melody is left without words.
	const segmentStarts = notes.map((pn, i) => (pn.segmentStart ? i : -1)).filter((i) => i >= 0);
	let unsungNotes = 0;
	if (segmentStarts.length > s) {
		unsungNotes = notes.length - segmentStarts[s];
		notes = notes.slice(0, segmentStarts[s]);
	}
	const capacity = notes.reduce((sum, { note }) => sum + splitNoteTicks(note.startTicks, note.durationTicks, maxPartsPerNote, minNoteTicks, timeSignature).length, 0);
	if (s > capacity) {
		throw new LyricsError(
			'too_many_syllables',
			`The lyrics have ${s} syllables but the melody holds at most ${capacity} (${notes.length} notes, long ones split into up to ${maxPartsPerNote} parts of at least a ${minNoteTicks === PPQ / 4 ? 'sixteenth' : `${minNoteTicks}-tick note`}): cut ${s - capacity} syllable${s - capacity === 1 ? '' : 's'}, or choose a longer melody.`
		);
	}

	const plan = bestPlan(notes, syllables, timeSignature, w, minNoteTicks, maxPartsPerNote, true);
	const fitted = realise(notes, syllables, plan, minNoteTicks, timeSignature);
	const usesMetre = syllables.some((_, i) => syllableProminence(syllables, i) !== null);
	let movedForStress = 0;
	if (usesMetre) {
		const blind = realise(notes, syllables, bestPlan(notes, syllables, timeSignature, w, minNoteTicks, maxPartsPerNote, false), minNoteTicks, timeSignature);
		const startOf = (ns: SongNote[]) => ns.filter((x) => x.syllable).map((x) => x.startTicks);
		const a = startOf(fitted);
		const b = startOf(blind);
		movedForStress = a.filter((ticks, i) => ticks !== b[i]).length;
	}

	// Agreement figures.
	let stressed = 0;
	let stressedStrong = 0;
	let neutralCount = 0;
	let neutralWeak = 0;
	let lines = 1;
	let linesStartingPhrases = 1;
	let k = 0;
	fitted.forEach((note, i) => {
		if (!note.syllable) return;
		const strong = isStrongBeat(note.startTicks, timeSignature);
		if (note.syllable.language === 'en' && syllableProminence(syllables, k) === 1) {
			stressed++;
			if (strong) stressedStrong++;
		}
		if (isNeutralTone(note.syllable)) {
			neutralCount++;
			if (!strong) neutralWeak++;
		}
		if (k > 0 && syllables[k - 1].breakAfter) {
			lines++;
			if (fitted[i - 1].phrase !== note.phrase) linesStartingPhrases++;
		}
		k++;
	});
	const agreement: LyricsFitAgreement = {
		stressOnStrong: share(stressedStrong, stressed),
		neutralOnWeak: share(neutralWeak, neutralCount),
		toneDirection: syllables.some((x) => x.language === 'yue') ? toneDirectionAgreement(fitted) : null
	};
	const melismaNotes = fitted.filter((x) => !x.syllable).length;
	const splitNotes = plan.actions.filter((p) => p > 1).length;

	const parts = [`${s} syllables on ${notes.length + unsungNotes} notes`];
	if (splitNotes > 0) parts.push(`${plural(splitNotes, 'long note')} split`);
	if (melismaNotes > 0) parts.push(`${plural(melismaNotes, 'note')} held as melisma${melismaNotes === 1 ? '' : 's'}`);
	if (unsungNotes > 0) parts.push(`the last ${plural(unsungNotes, 'note')} left without words (the lyric is shorter than the melody's phrases)`);
	if (lines > linesStartingPhrases) parts.push(`${lines - linesStartingPhrases} of ${lines} lyric lines start inside a phrase`);
	if (movedForStress > 0) parts.push(`${plural(movedForStress, 'syllable')} moved to fit the beat`);
	if (agreement.stressOnStrong !== null) parts.push(`stressed syllables on strong beats ${percent(agreement.stressOnStrong)}`);
	if (agreement.neutralOnWeak !== null) parts.push(`neutral tones on weak beats ${percent(agreement.neutralOnWeak)}`);
	if (agreement.toneDirection !== null) parts.push(`melody follows the tones at ${percent(agreement.toneDirection)} of steps`);

	return {
		notes: fitted,
		report: {
			syllables: s,
			melodyNotes: notes.length + unsungNotes,
			notes: fitted.length,
			melismaNotes,
			splitNotes,
			unsungNotes,
			movedForStress,
			lines,
			linesStartingPhrases,
			agreement,
			message: parts.join('; ') + '.'
		}
	};
}
