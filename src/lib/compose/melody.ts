/**
 * Melody composition: the hummed motif developed into an 8–16 bar verse + chorus melody that fits
 * the singer's range and follows the singability rules (melody-rules.ts).
 *
 * A (seed, candidate) pair fixes the melody. Drafts are drawn from seeds derived from (seed, draft
 * index); drafts that repeat an earlier one are skipped; each block of `draftsPerBlock` drafts is
 * ordered best first by `scoreMelody`, and candidate k is the k-th of that sequence. So "another
 * melody" (candidate k+1) never depends on how many candidates were asked for, and the same input
 * always gives the same output.
 */
import { midiToNoteName } from '../pitch/units';
import { songWarning, type SongWarning } from './song-warning';
import { PPQ, ticksPerBar, type SongKey, type SongNote, type TimeSignature } from '../song/types';
import type { ComposedMelody, ComposeMelodyInput, ComposeMelodyOptions, MelodicMotif, MidiRange, MotifNote, MotifStatement, PhraseSummary } from './melody-types';
import { findRuleViolations } from './melody-rules';
import { ornamentMelody } from './melody-ornament';
import { buildPhrase, type BuiltPhrase, type DraftNote, type PhraseContext, type PhraseState } from './melody-phrase';
import { measureMelody, scoreMelody } from './melody-score';
import { makeMotifSingable } from './motif-singable';
import { stockMotif } from './motif-stock';
import { fillCellSlot, fragmentCell, type MotifCell } from './motif-transform';
import { planMelody, type MelodyPlan } from './phrase-plan';
import { createRng, mixSeed } from './random';
import { assertKey, melodicScaleForm, midiToStep, nearestStep, scaleDegreeOf, stepToMidi } from './scale';

const DEFAULT_TIME_SIGNATURE: TimeSignature = { beatsPerBar: 4, beatUnit: 4 };
/** Phrase redraws before a phrase falls back to approach notes only. */
const PHRASE_ATTEMPTS = 6;
/** Draft redraws per block before giving up on a chorus that climbs above the verse. */
const CLIMB_ATTEMPTS_PER_DRAFT = 6;
const MAX_DRAFTS_PER_DRAFT_SLOT = 12;
/** Candidate k costs about k drafts to reach (about a millisecond each), so the count is bounded (as in the song request). */
const MAX_CANDIDATE = 999;
/** A hummed phrase of up to four bars of quick notes. */
const MAX_MOTIF_NOTES = 32;

/**
 * No draft kept every guarantee asked for (the caller may ask for fewer). A RangeError: the same
 * input fails the same way, so a job that meets it is not retried.
 */
export class MelodyCompositionError extends RangeError {
	constructor(message: string) {
		super(message);
		this.name = 'MelodyCompositionError';
	}
}

/** The options' defaults, for a tempo (the shortest note depends on it). */
export function composeMelodyDefaults(tempoBpm: number): Required<ComposeMelodyOptions> {
	return {
		breathTicks: PPQ,
		// Above 120 bpm a sixteenth is shorter than 125 ms: too quick to carry a syllable.
		minNoteTicks: tempoBpm <= 120 ? PPQ / 4 : PPQ / 2,
		minRangeSemitones: 9,
		rangeMarginSemitones: 2,
		chromaticPassingToneRate: 0.15,
		maxOutOfKeyRatio: 0.04,
		raiseLeadingToneInMinor: true,
		draftsPerBlock: 4,
		motifTransposition: 'octave',
		maxRepeatedNotes: 3,
		maxMotifBars: 4,
		restateMotifInChorus: true
	};
}

interface Setup {
	key: SongKey;
	seed: number;
	bars: number;
	barTicks: number;
	options: Required<ComposeMelodyOptions>;
	ctx: PhraseContext;
	/** The widened singer's range. */
	range: MidiRange;
	warnings: SongWarning[];
}

interface Draft {
	index: number;
	notes: DraftNote[];
	statements: MotifStatement[];
	plan: MelodyPlan;
	score: number;
	climbs: boolean;
	signature: string;
}

function checkInteger(name: string, value: number, low: number, high: number): void {
	if (!Number.isInteger(value) || value < low || value > high) throw new RangeError(`${name} must be an integer in [${low}, ${high}], got ${value}`);
}

function checkMotif(motif: MelodicMotif): void {
	assertKey(motif.key);
	if (motif.notes.length < 2 || motif.notes.length > MAX_MOTIF_NOTES) throw new RangeError(`motif must have 2 to ${MAX_MOTIF_NOTES} notes, got ${motif.notes.length}`);
	let end = 0;
	motif.notes.forEach((n, i) => {
		checkInteger(`motif.notes[${i}].offsetTicks`, n.offsetTicks, end, Number.MAX_SAFE_INTEGER);
		checkInteger(`motif.notes[${i}].durationTicks`, n.durationTicks, 1, Number.MAX_SAFE_INTEGER);
		if (!Number.isFinite(n.midiPitch)) throw new RangeError(`motif.notes[${i}].midiPitch must be finite, got ${n.midiPitch}`);
		end = n.offsetTicks + n.durationTicks;
	});
	if (motif.notes[0].offsetTicks !== 0) throw new RangeError(`motif.notes[0].offsetTicks must be 0, got ${motif.notes[0].offsetTicks}`);
}

/**
 * The motif's notes in the song's key (by scale degree), on the grid of the shortest note, each at
 * least that long, within `maxBars` bars, made singable. Null when fewer than two notes survive.
 */
function adaptMotif(motif: MelodicMotif, key: SongKey, minNoteTicks: number, barTicks: number, maxBars: number, tempoBpm: number, warnings: SongWarning[]): MotifNote[] | null {
	const capTicks = maxBars * barTicks;
	const kept: MotifNote[] = [];
	const keptSourceTicks: number[] = [];
	for (const n of motif.notes) {
		const offsetTicks = Math.round(n.offsetTicks / minNoteTicks) * minNoteTicks;
		const end = Math.round((n.offsetTicks + n.durationTicks) / minNoteTicks) * minNoteTicks;
		if (offsetTicks >= capTicks) break;
		const note = { offsetTicks, durationTicks: Math.max(minNoteTicks, end - offsetTicks), midiPitch: stepToMidi(nearestStep(n.midiPitch, motif.key), key) };
		const previous = kept.length - 1;
		// Two notes on one grid point cannot both be sung at this tempo: the longer (the accented
		// one) keeps the place.
		if (previous >= 0 && offsetTicks <= kept[previous].offsetTicks) {
			if (n.durationTicks > keptSourceTicks[previous]) {
				kept[previous] = { ...note, offsetTicks: kept[previous].offsetTicks };
				keptSourceTicks[previous] = n.durationTicks;
			}
			continue;
		}
		kept.push(note);
		keptSourceTicks.push(n.durationTicks);
	}
	for (let i = 0; i < kept.length; i++) {
		const limit = i + 1 < kept.length ? kept[i + 1].offsetTicks : capTicks;
		kept[i].durationTicks = Math.min(kept[i].durationTicks, limit - kept[i].offsetTicks);
	}
	const dropped = motif.notes.length - kept.length;
	if (dropped > 0 && motif.source === 'hum') {
		warnings.push(
			songWarning(
				'motif-notes-dropped',
				{ count: dropped, bars: maxBars, bpm: Math.round(tempoBpm) }
			)
		);
	}
	if (kept.length < 2) return null;
	const singable = makeMotifSingable(kept, key);
	if (singable.changedNotes > 0 && motif.source === 'hum') {
		warnings.push(
			songWarning(
				'motif-notes-moved',
				{ count: singable.changedNotes }
			)
		);
	}
	return singable.notes;
}

function prepare(input: ComposeMelodyInput, overrides: ComposeMelodyOptions): Setup {
	const { key, tempoBpm, rangeMidi, seed } = input;
	assertKey(key);
	if (!(tempoBpm >= 30 && tempoBpm <= 300)) throw new RangeError(`tempoBpm must be within [30, 300], got ${tempoBpm}`);
	const timeSignature = input.timeSignature ?? DEFAULT_TIME_SIGNATURE;
	checkInteger('timeSignature.beatsPerBar', timeSignature.beatsPerBar, 2, 12);
	if (![2, 4, 8].includes(timeSignature.beatUnit)) throw new RangeError(`timeSignature.beatUnit must be 2, 4 or 8, got ${timeSignature.beatUnit}`);
	const bars = input.bars ?? 16;
	if (!Number.isInteger(bars) || bars < 8 || bars > 16 || bars % 2 !== 0) throw new RangeError(`bars must be an even integer in [8, 16], got ${bars}`);
	if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
	checkInteger('rangeMidi.low', rangeMidi.low, 0, 127);
	checkInteger('rangeMidi.high', rangeMidi.high, rangeMidi.low, 127);

	const options = { ...composeMelodyDefaults(tempoBpm), ...overrides };
	const barTicks = ticksPerBar(timeSignature);
	const beatTicks = (PPQ * 4) / timeSignature.beatUnit;
	checkInteger('minNoteTicks', options.minNoteTicks, PPQ / 8, PPQ);
	checkInteger('breathTicks', options.breathTicks, PPQ / 2, barTicks / 2);
	checkInteger('minRangeSemitones', options.minRangeSemitones, 0, 24);
	checkInteger('rangeMarginSemitones', options.rangeMarginSemitones, 0, 12);
	checkInteger('draftsPerBlock', options.draftsPerBlock, 1, 16);
	checkInteger('maxRepeatedNotes', options.maxRepeatedNotes, 1, Number.MAX_SAFE_INTEGER);
	checkInteger('maxMotifBars', options.maxMotifBars, 1, 8);
	if (options.motifTransposition !== 'octave' && options.motifTransposition !== 'scale-degree') {
		throw new RangeError(`motifTransposition must be 'octave' or 'scale-degree', got ${String(options.motifTransposition)}`);
	}
	for (const name of ['chromaticPassingToneRate', 'maxOutOfKeyRatio'] as const) {
		if (!(options[name] >= 0 && options[name] <= 1)) throw new RangeError(`${name} must be within [0, 1], got ${options[name]}`);
	}
	const warnings: SongWarning[] = [];

	// Too narrow a range leaves no room for a motif and a higher chorus: widen it evenly.
	let { low, high } = rangeMidi;
	if (high - low < options.minRangeSemitones) {
		const extra = options.minRangeSemitones - (high - low);
		low -= Math.floor(extra / 2);
		high += extra - Math.floor(extra / 2);
		if (low < 0) [low, high] = [0, high - low];
		if (high > 127) [low, high] = [low - (high - 127), 127];
		const params = { low: midiToNoteName(rangeMidi.low), high: midiToNoteName(rangeMidi.high), usedLow: midiToNoteName(low), usedHigh: midiToNoteName(high) };
		warnings.push(
			songWarning(
				'range-widened',
				params
			)
		);
	}
	const range = { low, high };
	const hardRange = { low: Math.max(0, low - options.rangeMarginSemitones), high: Math.min(127, high + options.rangeMarginSemitones) };

	let motifSource = input.motif ?? stockMotif(key, { timeSignature, tempoBpm });
	checkMotif(motifSource);
	let motifNotes = adaptMotif(motifSource, key, options.minNoteTicks, barTicks, options.maxMotifBars, tempoBpm, warnings);
	if (!motifNotes) {
		warnings.push(
			songWarning('motif-too-short', {})
		);
		motifSource = stockMotif(key, { timeSignature, tempoBpm });
		motifNotes = adaptMotif(motifSource, key, options.minNoteTicks, barTicks, options.maxMotifBars, tempoBpm, warnings) as MotifNote[];
	}
	// Statements start on a bar or half-bar line so repeats fall in the same place in the metre.
	const slotUnit = timeSignature.beatsPerBar % 2 === 0 ? barTicks / 2 : barTicks;
	const last = motifNotes[motifNotes.length - 1];
	const slotTicks = Math.max(slotUnit, Math.ceil((last.offsetTicks + last.durationTicks) / slotUnit) * slotUnit);

	// First position: the octave that puts the motif in the verse's register, below the verse's
	// ceiling so the chorus has room to climb; a diatonic transposition (the motif's step shape kept,
	// singable) when no octave sits well.
	const verseSoftHigh = Math.max(low + 5, high - 2);
	const verseCentre = low + 0.3 * (verseSoftHigh - low);
	const steps = motifNotes.map((n) => midiToStep(n.midiPitch, key) as number);
	let bestShift = 0;
	let bestCost = Infinity;
	const octaveOnly = options.motifTransposition === 'octave';
	for (let shift = -70; shift <= 70; shift++) {
		// Moving by octaves keeps every interval of the motif; other shifts keep only its scale-step shape.
		if (octaveOnly && shift % 7 !== 0) continue;
		const pitches = steps.map((s) => stepToMidi(s + shift, key));
		if (shift % 7 !== 0 && findRuleViolations(pitches, key).length > 0) continue;
		const mean = pitches.reduce((a, b) => a + b, 0) / pitches.length;
		// Off the octave, prefer a start on the tonic triad, where the hummed motif most likely started.
		const startsStable = [0, 2, 4].includes((((steps[0] + shift) % 7) + 7) % 7);
		let cost = 0.5 * Math.abs(mean - verseCentre) + (shift % 7 === 0 ? 0 : startsStable ? 3 : 5);
		for (const p of pitches) cost += 100 * Math.max(0, p - hardRange.high, hardRange.low - p) + 3 * Math.max(0, p - verseSoftHigh, low - p);
		if (cost < bestCost) [bestCost, bestShift] = [cost, shift];
	}
	const motif: MotifCell = fillCellSlot({
		lengthTicks: slotTicks,
		notes: motifNotes.map((n, i) => ({ offsetTicks: n.offsetTicks, durationTicks: n.durationTicks, step: steps[i] + bestShift }))
	});
	const half = slotTicks / 2;
	const fragmentTicks = half % beatTicks === 0 && fragmentCell(motif, half) ? half : 0;
	if (motif.notes.some((n) => stepToMidi(n.step, key) < hardRange.low || stepToMidi(n.step, key) > hardRange.high)) {
		const params = { low: midiToNoteName(hardRange.low), high: midiToNoteName(hardRange.high) };
		warnings.push(
			songWarning(
				'motif-wider-than-range',
				params
			)
		);
	}

	const ctx: PhraseContext = {
		key,
		barTicks,
		beatTicks,
		strongOffsetsTicks: timeSignature.beatsPerBar % 2 === 0 ? [0, barTicks / 2] : [0],
		minNoteTicks: options.minNoteTicks,
		breathTicks: options.breathTicks,
		motif,
		fragmentTicks,
		hardRange,
		softRange: range,
		verseSoftHigh,
		octaveOnly,
		restateInChorus: options.restateMotifInChorus
	};
	return { key, seed, bars, barTicks, options, ctx, range, warnings };
}

/**
 * What the composer builds each phrase from (the motif placed in the key and range, the metre, the
 * shortest note, the breath), for redrawing one phrase of a finished song (phrase-redraw.ts) with
 * the same machinery as a whole melody.
 */
export function melodyPhraseContext(input: ComposeMelodyInput, options: ComposeMelodyOptions = {}): { ctx: PhraseContext; options: Required<ComposeMelodyOptions> } {
	const setup = prepare(input, options);
	return { ctx: setup.ctx, options: setup.options };
}

/**
 * The chorus phrase where the motif returns: the first one with room for it before its last bar
 * (where the cadence goes), the climax phrase only when no other has room; null when none has.
 */
function restatePhraseOf(plan: MelodyPlan, setup: Setup): number | null {
	if (!setup.ctx.restateInChorus) return null;
	const roomy = plan.phrases.filter((p) => p.section === 'chorus' && setup.ctx.motif.lengthTicks <= (p.bars - 1) * setup.barTicks);
	return (roomy.find((p) => !p.climax) ?? roomy[0])?.index ?? null;
}

/** The most equal pitches in a row. */
export function longestRepeatedRun(pitches: readonly number[]): number {
	let longest = 0;
	let run = 0;
	pitches.forEach((p, i) => {
		run = i > 0 && p === pitches[i - 1] ? run + 1 : 1;
		longest = Math.max(longest, run);
	});
	return longest;
}

/** Reasons a draft breaks the composer's guarantees (empty when it keeps them all). */
function draftProblems(notes: readonly DraftNote[], setup: Setup, plan: MelodyPlan, statements: readonly MotifStatement[]): string[] {
	const { key, barTicks, ctx, options } = setup;
	const problems: string[] = [];
	const pitches = notes.map((n) => n.midiPitch);
	if (pitches.some((p) => p < ctx.hardRange.low || p > ctx.hardRange.high)) problems.push('out of range');
	if (findRuleViolations(pitches, key).length > 0) problems.push('singability rule broken');
	const songTicks = setup.bars * barTicks;
	notes.forEach((n, i) => {
		if (n.durationTicks < options.minNoteTicks) problems.push(`note ${i} too short`);
		const next = notes[i + 1];
		if (next && next.startTicks < n.startTicks + n.durationTicks) problems.push(`note ${i} overlaps`);
		if (n.startTicks + n.durationTicks > songTicks) problems.push(`note ${i} runs past the end`);
	});
	if (longestRepeatedRun(pitches) > options.maxRepeatedNotes) problems.push('too many repeated notes in a row');
	const chorusStartTicks = plan.sections[1].startBar * barTicks;
	if (restatePhraseOf(plan, setup) !== null && !statements.some((s) => s.startTicks >= chorusStartTicks && s.kind === 'repeat' && s.transposeSteps % 7 === 0)) {
		problems.push('the motif does not return in the chorus');
	}
	for (const phrase of plan.phrases) {
		const inPhrase = notes.filter((n) => n.phrase === phrase.index);
		const last = inPhrase[inPhrase.length - 1];
		if (!last) {
			problems.push(`phrase ${phrase.index} empty`);
			continue;
		}
		const phraseEnd = (phrase.startBar + phrase.bars) * barTicks;
		if (phraseEnd - (last.startTicks + last.durationTicks) < PPQ / 2) problems.push(`phrase ${phrase.index} has no breath`);
		const degree = scaleDegreeOf(last.midiPitch, key);
		const allowed = phrase.cadence === 'final' ? [1] : phrase.cadence === 'half' ? [2, 5] : [1, 3, 5];
		if (degree === null || !allowed.includes(degree)) problems.push(`phrase ${phrase.index} ends on degree ${degree}`);
		if (!ctx.strongOffsetsTicks.includes(last.startTicks % barTicks)) problems.push(`phrase ${phrase.index} cadence off the strong beats`);
		if (phrase.cadence === 'final' && last.startTicks % barTicks !== 0) problems.push('final note not on a downbeat');
	}
	return problems;
}

function composeDraft(setup: Setup, index: number): Draft | null {
	const { seed, ctx, key, options } = setup;
	const plan = planMelody(setup.bars, createRng(mixSeed(seed, index)), { motifSlotBars: ctx.motif.lengthTicks / setup.barTicks });
	const state: PhraseState = { lastTransposeSteps: 0, versePeakMidi: null, motifStated: false, previousStatements: [], restatePhrase: restatePhraseOf(plan, setup) };
	const notes: DraftNote[] = [];
	const statements: MotifStatement[] = [];
	for (const phrase of plan.phrases) {
		if (phrase.section === 'chorus' && state.versePeakMidi === null && notes.length > 0) {
			state.versePeakMidi = Math.max(...notes.map((n) => n.midiPitch));
		}
		const tail = notes.slice(-2).map((n) => n.midiPitch);
		let built = null;
		// A phrase that would repeat one pitch too often where it joins the line is redrawn here,
		// rather than the whole draft thrown away at the end.
		const tooRepetitive = (b: BuiltPhrase | null) => b !== null && longestRepeatedRun([...notes, ...b.notes].map((n) => n.midiPitch)) > options.maxRepeatedNotes;
		for (let attempt = 0; attempt < PHRASE_ATTEMPTS && !built; attempt++) {
			built = buildPhrase(ctx, phrase, tail, state, createRng(mixSeed(seed, index, phrase.index, attempt)));
			if (tooRepetitive(built)) built = null;
		}
		built ??= buildPhrase(ctx, phrase, tail, state, createRng(mixSeed(seed, index, phrase.index, PHRASE_ATTEMPTS)), { allowStatements: false });
		if (!built) return null;
		notes.push(...built.notes);
		statements.push(...built.statements);
		state.lastTransposeSteps = built.lastTransposeSteps;
		state.previousStatements = statements.slice();
		if (built.statements.length > 0) state.motifStated = true;
	}
	const finished = ornamentMelody(notes, createRng(mixSeed(seed, index, 0x0ea7)), {
		key,
		minNoteTicks: options.minNoteTicks,
		chromaticPassingToneRate: options.chromaticPassingToneRate,
		maxOutOfKeyRatio: options.maxOutOfKeyRatio,
		raiseLeadingToneInMinor: options.raiseLeadingToneInMinor
	});
	const chorusStartTicks = plan.sections[1].startBar * setup.barTicks;
	if (draftProblems(finished, setup, plan, statements).length > 0) return null;
	const figures = measureMelody(finished, { key, chorusStartTicks, range: setup.range });
	const score = scoreMelody(
		figures,
		statements,
		statements.filter((s) => s.startTicks < chorusStartTicks)
	);
	return {
		index,
		notes: finished,
		statements,
		plan,
		score,
		climbs: figures.chorusRiseSemitones > 0,
		signature: finished.map((n) => `${n.startTicks}/${n.durationTicks}/${n.midiPitch}`).join(',')
	};
}

/** The first `needed` candidates, in candidate order. */
function rankedDrafts(setup: Setup, needed: number): Draft[] {
	const blockSize = setup.options.draftsPerBlock;
	const ranked: Draft[] = [];
	const seen = new Set<string>();
	let index = 0;
	while (ranked.length < needed) {
		const block: Draft[] = [];
		for (let tries = 0; block.length < blockSize && tries < blockSize * MAX_DRAFTS_PER_DRAFT_SLOT; tries++) {
			const draft = composeDraft(setup, index++);
			if (!draft || seen.has(draft.signature)) continue;
			// Prefer drafts whose chorus climbs; accept others only when the range leaves no choice.
			if (!draft.climbs && tries < blockSize * CLIMB_ATTEMPTS_PER_DRAFT) continue;
			seen.add(draft.signature);
			block.push(draft);
		}
		if (block.length === 0) throw new MelodyCompositionError(`could not compose a melody for seed ${setup.seed} (drafts ${index - blockSize * MAX_DRAFTS_PER_DRAFT_SLOT}–${index - 1} all failed)`);
		block.sort((a, b) => b.score - a.score || a.index - b.index);
		ranked.push(...block);
	}
	return ranked;
}

function finish(setup: Setup, draft: Draft, candidate: number): ComposedMelody {
	const { key } = setup;
	const melody: SongNote[] = draft.notes.map((n) => ({
		startTicks: n.startTicks,
		durationTicks: n.durationTicks,
		midiPitch: n.midiPitch,
		syllable: null,
		phrase: n.phrase
	}));
	const phrases: PhraseSummary[] = draft.plan.phrases.map((p) => {
		const inPhrase = draft.notes.filter((n) => n.phrase === p.index);
		return {
			index: p.index,
			startBar: p.startBar,
			bars: p.bars,
			cadence: p.cadence,
			endDegree: scaleDegreeOf(inPhrase[inPhrase.length - 1].midiPitch, key, melodicScaleForm(key)) ?? 0
		};
	});
	const warnings = [...setup.warnings];
	if (!draft.climbs) {
		warnings.push(
			songWarning('chorus-not-higher', {})
		);
	}
	return {
		melody,
		sections: draft.plan.sections.map((s) => ({ ...s })),
		warnings,
		seed: setup.seed,
		candidate,
		rangeMidi: { ...setup.range },
		phrases,
		statements: draft.statements.map((s) => ({ ...s })),
		score: draft.score
	};
}

/** Candidate `input.candidate` (default 0) of `input.seed`: the same input always gives the same melody. */
export function composeMelody(input: ComposeMelodyInput, options: ComposeMelodyOptions = {}): ComposedMelody {
	const candidate = input.candidate ?? 0;
	checkInteger('candidate', candidate, 0, MAX_CANDIDATE);
	const setup = prepare(input, options);
	return finish(setup, rankedDrafts(setup, candidate + 1)[candidate], candidate);
}

/**
 * `count` different melodies for the same seed: candidates `input.candidate` (default 0) to
 * `input.candidate + count − 1`, each identical to what `composeMelody` gives for that candidate.
 */
export function composeCandidates(input: ComposeMelodyInput, count: number, options: ComposeMelodyOptions = {}): ComposedMelody[] {
	const first = input.candidate ?? 0;
	checkInteger('candidate', first, 0, MAX_CANDIDATE);
	checkInteger('count', count, 1, MAX_CANDIDATE + 1 - first);
	const setup = prepare(input, options);
	return rankedDrafts(setup, first + count)
		.slice(first, first + count)
		.map((draft, i) => finish(setup, draft, first + i));
}
