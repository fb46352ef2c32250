/**
 * Setting a lyric's syllables on a composed melody (ticks), by rules the studio reports to the user:
 *   - one syllable per note by default;
 *   - fewer syllables than notes: melismas, preferably holding the last syllable before a phrase's
 *     end (or a rest), never across a phrase boundary or a rest;
 *   - more syllables than notes: notes split (longest notes first, in halves at their strongest inner
 *     beat, each part at least `minNoteTicks`), else refused with how many syllables to cut;
 *   - a lyric line (ended by punctuation or a line break, `breakAfter`) should start a phrase;
 *   - a phrase never ends, nor a rest falls, inside a word (`joinNext`: Chinese words from the
 *     reader's segmenter, English words of several syllables);
 *   - a typed line's end (`lineEnd`) is a phrase end wherever the music allows: the next line starts
 *     after a phrase boundary or a rest, or, inside a phrase, after a breath the fitter takes from
 *     the end of a note long enough to spare it (a short line holds its last syllable to the breath);
 *   - a phrase or stretch after a rest too short for the word that would start it is left unsung
 *     (a rest) rather than cut the word;
 *   - the same rules for any melody: composed, the user's kept tune, or a take's raw notes
 *     (`metre: false`: no beat rules, notes split at their middle);
 *   - English: stressed syllables on strong beats, unstressed ones and function words on weak ones
 *     (Halle & Lerdahl 1993; Hayes & Kaun 1996);
 *   - Mandarin: neutral-tone syllables on weak beats, never on a phrase's last strong note.
 * Where each syllable goes is chosen by dynamic programming over the notes (Viterbi-style, state =
 * syllables placed so far, whether the note is held, sung or silent, the melisma's length, whether
 * the note before can spare a breath): the cheapest setting under the costs in `FitWeights` wins, so the rules
 * trade off against each other in stated amounts instead of in a fixed order.
 */
import { continuesWord, LyricsError, type LyricSyllable } from '../lyrics/types';
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
	/** A phrase start or rest inside a word (any language): high, so it happens only where the melody leaves no other way. Default 50. */
	midWord: number;
	/** A typed line that ends where the melody does not breathe (the next line starts without a phrase end or rest before it). Default 6. */
	lineEnd: number;
	/** A breath taken inside a phrase after a line or punctuation mark (the note before it is shortened by `minRestTicks`). Default 2. */
	breath: number;
	/** Each melody note left unsung at the start of a phrase or stretch (a rest instead), so a word that does not fit there is not cut. Default 8. */
	rest: number;
}

export const DEFAULT_FIT_WEIGHTS: Readonly<FitWeights> = {
	melisma: 1,
	phraseEndMelisma: 0.25,
	split: 1.5,
	stress: 3,
	neutralTone: 3,
	lineStart: 4,
	phraseMidLine: 1,
	midWord: 50,
	lineEnd: 6,
	breath: 2,
	rest: 8
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
	/**
	 * False for notes not on a beat grid (a take's raw notes, in ms as ticks): no stress or neutral-tone
	 * rule, notes split at their middle, no beat agreement figures. Default true.
	 */
	metre?: boolean;
	/** How the refusal names the shortest part a split may leave (default "a sixteenth" or "a N-tick note"). */
	shortestNoteName?: string;
	/** What the refusal suggests besides cutting syllables (default "choose a longer melody"). */
	longerMelodyHint?: string;
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
	/** Sung words of two or more syllables (Chinese words from the segmenter, English words). */
	words: number;
	/** Of `words`, those sung whole: no phrase end, rest or breath falls inside them (all of them unless the melody left no other way). */
	wordsKeptWhole: number;
	/** Ends of typed lines (line breaks) followed by another sung line. */
	lineEnds: number;
	/** Of `lineEnds`, those at a phrase end: the next line starts after a phrase boundary, a rest or a breath. */
	lineEndsAtPhraseEnds: number;
	/** Breaths the fitter took inside phrases so a line could end there (each shortens the note before by `minRestTicks`). */
	breathsAdded: number;
	/** Melody notes left unsung (rests) at the start of a phrase or stretch too short for the word that would start there; not in `notes`. */
	restedNotes: number;
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
 * and a dotted quarter a quarter and an eighth. Without a metre (`timeSignature` null: notes not on
 * a beat grid) each cut is at the middle. Returns fewer parts when the note is too short.
 */
export function splitNoteTicks(startTicks: number, durationTicks: number, parts: number, gridTicks: number, timeSignature: TimeSignature | null): number[] {
	const bounds = [startTicks, startTicks + durationTicks];
	while (bounds.length - 1 < parts) {
		let longest = 0;
		for (let i = 1; i < bounds.length - 1; i++) if (bounds[i + 1] - bounds[i] > bounds[longest + 1] - bounds[longest]) longest = i;
		const from = bounds[longest];
		const to = bounds[longest + 1];
		let best = -1;
		let bestScore = -Infinity;
		if (timeSignature === null) {
			const middle = Math.round((from + to) / 2);
			if (middle - from >= gridTicks && to - middle >= gridTicks) best = middle;
		} else for (let t = from + gridTicks; t <= to - gridTicks; t += gridTicks) {
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

function prepare(melody: readonly SongNote[], minRestTicks: number, timeSignature: TimeSignature | null): PreparedNote[] {
	const sorted = melody.filter((n) => n.durationTicks > 0).sort((a, b) => a.startTicks - b.startTicks);
	const lastStrong = new Map<number, number>();
	if (timeSignature) for (const n of sorted) if (isStrongBeat(n.startTicks, timeSignature)) lastStrong.set(n.phrase, n.startTicks);
	return sorted.map((note, i) => {
		const previous = sorted[i - 1];
		const phraseStart = i === 0 || note.phrase !== previous.phrase;
		const rest = i > 0 && note.startTicks - (previous.startTicks + previous.durationTicks) >= minRestTicks;
		return { note, phraseStart, segmentStart: phraseStart || rest, phraseLastStrongTicks: lastStrong.get(note.phrase) ?? -1 };
	});
}

/** Plan action of a note left unsung. */
const REST = 100;

interface Plan {
	/**
	 * Per note: 0 = melisma continuation, p ≥ 1 = syllables started on it (p > 1: split into p parts),
	 * -p = the same after a breath taken from the end of the note before, REST = left unsung.
	 */
	actions: number[];
}

/** The fitter's settings that shape a plan. */
interface PlanSettings {
	w: FitWeights;
	minNoteTicks: number;
	maxPartsPerNote: number;
	/** Length of a breath taken inside a phrase, ticks. */
	breathTicks: number;
	useMetre: boolean;
}

/** The cheapest setting of `syllables` on `notes` (dynamic programming over notes; see the file comment). */
function bestPlan(notes: PreparedNote[], syllables: readonly LyricSyllable[], timeSignature: TimeSignature | null, settings: PlanSettings): Plan {
	const { w, minNoteTicks, maxPartsPerNote, breathTicks } = settings;
	const useMetre = settings.useMetre && timeSignature !== null;
	const n = notes.length;
	const s = syllables.length;
	const prominence = syllables.map((_, i) => syllableProminence(syllables, i));
	const neutral = syllables.map(isNeutralTone);
	/** A note (or its last part) this long can give up a breath and still be a note. */
	const canSpareBreath = (ticks: number) => ticks >= minNoteTicks + breathTicks;

	/** Cost of syllable k starting at `ticks`, on part `part` of note j (`breath`: after a breath or rest before note j). */
	const placement = (k: number, j: number, part: number, ticks: number, breath: boolean): number => {
		const pn = notes[j];
		let cost = 0;
		if (useMetre && timeSignature) {
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
			const startsSegment = part === 0 && (pn.segmentStart || breath);
			if (previous.breakAfter && !startsPhrase) cost += w.lineStart;
			if (previous.lineEnd && !startsSegment) cost += w.lineEnd;
			if (startsSegment && !previous.breakAfter) cost += continuesWord(previous, syllables[k]) ? w.midWord : startsPhrase ? w.phraseMidLine : 0;
		}
		return cost;
	};

	// State (k syllables placed; t 0 singing, 1 trailing: no syllable may start before the segment
	// ends, 2 silent: the notes since the segment started are left unsung; r melisma run length; b the
	// note before can spare a breath).
	const RUNS = MAX_RUN + 1;
	const layer = (s + 1) * 3 * RUNS * 2;
	const at = (k: number, t: number, r: number, b: number) => ((k * 3 + t) * RUNS + r) * 2 + b;
	const cost = new Float64Array((n + 1) * layer).fill(Infinity);
	const from = new Int32Array((n + 1) * layer).fill(-1);
	const action = new Int8Array((n + 1) * layer);
	cost[at(0, 0, 0, 0)] = 0;

	const relax = (j: number, fromState: number, toState: number, c: number, act: number) => {
		const target = (j + 1) * layer + toState;
		if (c < cost[target]) {
			cost[target] = c;
			from[target] = fromState;
			action[target] = act;
		}
	};

	const capacityBefore: number[] = [];
	let totalCapacity = 0;
	for (let j = 0; j < n; j++) {
		capacityBefore.push(totalCapacity);
		totalCapacity += splitNoteTicks(notes[j].note.startTicks, notes[j].note.durationTicks, maxPartsPerNote, minNoteTicks, timeSignature).length;
	}

	for (let j = 0; j < n; j++) {
		const pn = notes[j];
		const duration = pn.note.durationTicks;
		const partitions = Array.from({ length: maxPartsPerNote }, (_, i) => splitNoteTicks(pn.note.startTicks, duration, i + 1, minNoteTicks, timeSignature));
		const maxParts = Math.max(1, partitions.filter((parts, i) => parts.length === i + 1).length);
		const splitCosts = partitions.map((parts) => (parts.length === 1 ? 0 : w.split * parts.reduce((sum, t) => sum + minNoteTicks / t, 0)));
		const spareAfterHold = canSpareBreath(duration) ? 1 : 0;
		const spareAfterStart = partitions.map((parts) => (canSpareBreath(parts[parts.length - 1]) ? 1 : 0));
		// Syllables placed before note j: at most what the notes so far hold, at least what the notes
		// left cannot hold (a segment may be left unsung, so no more than that).
		const kHigh = Math.min(s, capacityBefore[j]);
		const kLow = Math.max(0, s - (totalCapacity - capacityBefore[j]));
		for (let k = kLow; k <= kHigh; k++) {
			// Nothing to extend when no setting reaches k syllables before this note.
			let reachable = false;
			for (let state = at(k, 0, 0, 0), end = at(k + 1, 0, 0, 0); state < end && !reachable; state++) reachable = cost[j * layer + state] !== Infinity;
			if (!reachable) continue;
			// Cost of starting syllables k … k+p-1 on this note's p parts, the same from every (t, r);
			// with a breath before the note only after a line or punctuation, inside a segment.
			const startCosts = (breath: boolean): number[] => {
				const costs: number[] = [];
				for (let p = 1; p <= maxParts && k + p <= s; p++) {
					let c = splitCosts[p - 1] + (breath ? w.breath : 0);
					let ticks = pn.note.startTicks;
					partitions[p - 1].forEach((partTicks, part) => {
						c += placement(k + part, j, part, ticks, breath);
						ticks += partTicks;
					});
					costs.push(c);
				}
				return costs;
			};
			const plain = startCosts(false);
			const mayBreathe = j > 0 && k > 0 && !pn.segmentStart && syllables[k - 1].breakAfter;
			const breathing = mayBreathe ? startCosts(true) : [];
			let afterRest: number[] | null = null;
			for (let t = 0; t < 3; t++) {
				for (let r = 0; r <= MAX_RUN; r++) {
					for (let b = 0; b < 2; b++) {
						const state = at(k, t, r, b);
						const base = cost[j * layer + state];
						if (base === Infinity) continue;
						// Leave the note unsung: at a segment's start, or after notes so left (a little cheaper once
						// the lyric is over, so a lyric that must leave notes unsung leaves the last ones).
						if (pn.segmentStart || t === 2) relax(j, state, at(k, 2, 0, 0), base + (k === s ? 0.9 : 1) * w.rest, REST);
						if (t === 2 && !pn.segmentStart) {
							// The first sung note after the silence: as after a rest.
							afterRest ??= startCosts(true).map((c) => c - w.breath);
							afterRest.forEach((c, i) => relax(j, state, at(k + i + 1, 0, 0, spareAfterStart[i]), base + c, i + 1));
							continue;
						}
						// Continue the previous syllable (not across a phrase boundary or rest).
						if (!pn.segmentStart && k > 0) {
							const run = Math.min(r + 1, MAX_RUN);
							const hold = useMetre && neutral[k - 1] ? w.neutralTone : 0;
							if (t === 0) relax(j, state, at(k, 0, run, spareAfterHold), base + w.melisma * run + hold, 0);
							relax(j, state, at(k, 1, run, spareAfterHold), base + w.melisma * run * w.phraseEndMelisma + hold, 0);
						}
						// Start one syllable, or split the note and start several; after a breath where the note before can spare one.
						if (b === 1) breathing.forEach((c, i) => relax(j, state, at(k + i + 1, 0, 0, spareAfterStart[i]), base + c, -(i + 1)));
						if (t === 1 && !pn.segmentStart) continue;
						plain.forEach((c, i) => relax(j, state, at(k + i + 1, 0, 0, spareAfterStart[i]), base + c, i + 1));
					}
				}
			}
		}
	}
	let best = -1;
	for (let state = 0; state < layer; state++) {
		if (Math.floor(state / (3 * RUNS * 2)) !== s) continue;
		if (best < 0 || cost[n * layer + state] < cost[n * layer + best]) best = state;
	}
	const actions = new Array<number>(n);
	for (let j = n, state = best; j > 0; j--) {
		actions[j - 1] = action[j * layer + state];
		state = from[j * layer + state];
	}
	return { actions };
}

/** Notes of a plan: each melody note, split where the plan says, with its syllable (null for a melisma); a breath shortens the note before. */
function realise(notes: PreparedNote[], syllables: readonly LyricSyllable[], plan: Plan, minNoteTicks: number, breathTicks: number, timeSignature: TimeSignature | null): SongNote[] {
	const out: SongNote[] = [];
	let k = 0;
	notes.forEach(({ note }, j) => {
		const action = plan.actions[j];
		if (action === REST) return;
		if (action === 0) {
			out.push({ ...note, syllable: null });
			return;
		}
		if (action < 0) out[out.length - 1].durationTicks -= breathTicks;
		let ticks = note.startTicks;
		for (const partTicks of splitNoteTicks(note.startTicks, note.durationTicks, Math.abs(action), minNoteTicks, timeSignature)) {
			out.push({ ...note, startTicks: ticks, durationTicks: partTicks, syllable: syllables[k++] });
			ticks += partTicks;
		}
	});
	return out;
}

/**
 * Words kept whole and line ends at phrase ends, counted on the fitted notes: a breath is a change
 * of phrase or a silence of at least `minRestTicks` between two notes.
 */
function wordsAndLineEnds(fitted: readonly SongNote[], minRestTicks: number): Pick<LyricsFitReport, 'words' | 'wordsKeptWhole' | 'lineEnds' | 'lineEndsAtPhraseEnds'> {
	const breathBefore = fitted.map((x, i) => i > 0 && (x.phrase !== fitted[i - 1].phrase || x.startTicks - (fitted[i - 1].startTicks + fitted[i - 1].durationTicks) >= minRestTicks));
	const sung = fitted.flatMap((x, i) => (x.syllable ? [{ syllable: x.syllable, index: i }] : []));
	const counts = { words: 0, wordsKeptWhole: 0, lineEnds: 0, lineEndsAtPhraseEnds: 0 };
	let wordSyllables = 0;
	let cut = false;
	sung.forEach(({ syllable, index }, k) => {
		const next = sung[k + 1];
		const breath = next !== undefined && breathBefore.slice(index + 1, next.index + 1).some(Boolean);
		wordSyllables++;
		if (next !== undefined && continuesWord(syllable, next.syllable)) {
			cut ||= breath;
			return;
		}
		if (wordSyllables > 1) {
			counts.words++;
			if (!cut) counts.wordsKeptWhole++;
		}
		wordSyllables = 0;
		cut = false;
		if (syllable.lineEnd && next !== undefined) {
			counts.lineEnds++;
			if (breath) counts.lineEndsAtPhraseEnds++;
		}
	});
	return counts;
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
	// Without a metre the notes are placed by the same rules, only blind to beats.
	const metre = options.metre === false ? null : timeSignature;
	let notes = prepare(melody, minRestTicks, metre);
	const melodyNotes = notes.length;
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
	const capacity = notes.reduce((sum, { note }) => sum + splitNoteTicks(note.startTicks, note.durationTicks, maxPartsPerNote, minNoteTicks, metre).length, 0);
	if (s > capacity) {
		const shortest = options.shortestNoteName ?? (minNoteTicks === PPQ / 4 ? 'a sixteenth' : `a ${minNoteTicks}-tick note`);
		throw new LyricsError(
			'too_many_syllables',
			`The lyrics have ${s} syllables but the melody holds at most ${capacity} (${notes.length} notes, long ones split into up to ${maxPartsPerNote} parts of at least ${shortest}): cut ${s - capacity} syllable${s - capacity === 1 ? '' : 's'}, or ${options.longerMelodyHint ?? 'choose a longer melody'}.`
		);
	}

	// A breath inside a phrase is as long as the shortest rest, so it reads as one everywhere after.
	const settings: PlanSettings = { w, minNoteTicks, maxPartsPerNote, breathTicks: minRestTicks, useMetre: true };
	const plan = bestPlan(notes, syllables, metre, settings);
	const fitted = realise(notes, syllables, plan, minNoteTicks, minRestTicks, metre);
	const usesMetre = metre !== null && syllables.some((_, i) => syllableProminence(syllables, i) !== null);
	let movedForStress = 0;
	if (usesMetre) {
		const blind = realise(notes, syllables, bestPlan(notes, syllables, metre, { ...settings, useMetre: false }), minNoteTicks, minRestTicks, metre);
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
	/** Lines that start inside a phrase after a breath or rest (a phrase of their own to the ear). */
	let linesAfterBreath = 0;
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
			const before = fitted[i - 1];
			if (before.phrase !== note.phrase) linesStartingPhrases++;
			else if (note.startTicks - (before.startTicks + before.durationTicks) >= minRestTicks) linesAfterBreath++;
		}
		k++;
	});
	const agreement: LyricsFitAgreement = {
		stressOnStrong: metre ? share(stressedStrong, stressed) : null,
		neutralOnWeak: metre ? share(neutralWeak, neutralCount) : null,
		toneDirection: syllables.some((x) => x.language === 'yue') ? toneDirectionAgreement(fitted) : null
	};
	const melismaNotes = fitted.filter((x) => !x.syllable).length;
	const splitNotes = plan.actions.filter((p) => p !== REST && Math.abs(p) > 1).length;
	const breathsAdded = plan.actions.filter((p) => p < 0).length;
	// Notes left unsung after the last syllable are the lyric running out, not rests for a word.
	const lastSung = plan.actions.reduce((last, p, j) => (p !== REST && p !== 0 ? j : last), -1);
	const trailing = plan.actions.slice(lastSung + 1).filter((p) => p === REST).length;
	unsungNotes += trailing;
	const restedNotes = plan.actions.filter((p) => p === REST).length - trailing;
	const whole = wordsAndLineEnds(fitted, minRestTicks);

	const parts = [`${s} syllables on ${melodyNotes} notes`];
	if (splitNotes > 0) parts.push(`${plural(splitNotes, 'long note')} split`);
	if (melismaNotes > 0) parts.push(`${plural(melismaNotes, 'note')} held as melisma${melismaNotes === 1 ? '' : 's'}`);
	if (unsungNotes > 0) parts.push(`the last ${plural(unsungNotes, 'note')} left without words (the lyric is shorter than the melody's phrases)`);
	if (lines > linesStartingPhrases + linesAfterBreath) parts.push(`${lines - linesStartingPhrases - linesAfterBreath} of ${lines} lyric lines start inside a phrase without a breath`);
	if (whole.words > whole.wordsKeptWhole) parts.push(`${plural(whole.words - whole.wordsKeptWhole, 'word')} of ${whole.words} cut by a breath (the melody left no other way)`);
	if (whole.lineEnds > 0) parts.push(`${whole.lineEndsAtPhraseEnds} of ${whole.lineEnds} line ends at a breath`);
	if (breathsAdded > 0) parts.push(`${plural(breathsAdded, 'breath')} taken inside phrases to end lines`);
	if (restedNotes > 0) parts.push(`${plural(restedNotes, 'note')} left as rests to keep words whole`);
	if (movedForStress > 0) parts.push(`${plural(movedForStress, 'syllable')} moved to fit the beat`);
	if (agreement.stressOnStrong !== null) parts.push(`stressed syllables on strong beats ${percent(agreement.stressOnStrong)}`);
	if (agreement.neutralOnWeak !== null) parts.push(`neutral tones on weak beats ${percent(agreement.neutralOnWeak)}`);
	if (agreement.toneDirection !== null) parts.push(`melody follows the tones at ${percent(agreement.toneDirection)} of steps`);

	return {
		notes: fitted,
		report: {
			syllables: s,
			melodyNotes,
			notes: fitted.length,
			melismaNotes,
			splitNotes,
			unsungNotes,
			movedForStress,
			lines,
			linesStartingPhrases,
			...whole,
			breathsAdded,
			restedNotes,
			agreement,
			message: parts.join('; ') + '.'
		}
	};
}
