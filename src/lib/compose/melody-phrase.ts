/**
 * One phrase of the melody: statements of the motif (each developed one way), then notes that
 * approach the cadence, then the cadence note on a strong beat, then a breath. Choices are drawn
 * from the seeded generator and filtered by the singability rules, so every phrase this returns is
 * singable in itself and where it joins the notes before it.
 *
 * Cadence approach by steps follows the strongest finding of melodic-expectation research: small
 * intervals are the norm and lines tend to settle by step onto stable degrees (Narmour 1990,
 * "proximity" and "closure"; Huron 2006, ch. 5 and 9).
 */
import type { SongKey } from '../song/types';
import type { DevelopmentKind, MidiRange, MotifStatement, PhraseCadence } from './melody-types';
import { canFollow, DEFAULT_SINGABILITY_LIMITS } from './melody-rules';
import { augmentCell, fillCellSlot, fragmentCell, invertCell, transposeCell, varyRhythm, type MotifCell } from './motif-transform';
import type { PhrasePlan } from './phrase-plan';
import type { Rng } from './random';
import { degreeOfStep, melodicScaleForm, midiToStep, stepToMidi } from './scale';

export interface PhraseContext {
	key: SongKey;
	barTicks: number;
	beatTicks: number;
	/** Offsets within a bar where a cadence may land: beat 1, and mid-bar in even metres (beat 3 of 4/4). */
	strongOffsetsTicks: readonly number[];
	minNoteTicks: number;
	breathTicks: number;
	/** The motif at its first position in the song (absolute steps), its last note held to the end of its slot. */
	motif: MotifCell;
	/** Length of the motif's first half when it falls on a beat and holds two notes; 0: no fragments. */
	fragmentTicks: number;
	/** Notes never leave this range. */
	hardRange: MidiRange;
	/** Where notes should stay (the singer's range); the verse keeps below `verseSoftHigh`. */
	softRange: MidiRange;
	verseSoftHigh: number;
	/** Statements of the motif move by octaves only, so its intervals stay as hummed (inversions excepted). */
	octaveOnly: boolean;
	/** The motif must return literally in the chorus (in the phrase `PhraseState.restatePhrase`). */
	restateInChorus: boolean;
}

export interface PhraseState {
	/** Steps from the motif's first position of the last statement, for sequences to continue from. */
	lastTransposeSteps: number;
	/** The verse's highest note once written; the chorus's climax phrase should rise above it. */
	versePeakMidi: number | null;
	/** False until the motif's first statement (always a literal repeat) is placed. */
	motifStated: boolean;
	/** Statements of the phrases before, for variety: the same development at the same pitch soon palls. */
	previousStatements: readonly MotifStatement[];
	/** The chorus phrase whose first statement is the motif's literal return; null: none. */
	restatePhrase: number | null;
}

/** Transpositions rounded to whole octaves (7 scale steps), without repeats. */
const toOctaves = (steps: readonly number[]): number[] => [...new Set(steps.map((k) => 7 * Math.round(k / 7)))];

export type NoteOrigin = 'motif' | 'approach' | 'cadence';

export interface DraftNote {
	/** Ticks from the start of the song. */
	startTicks: number;
	durationTicks: number;
	midiPitch: number;
	origin: NoteOrigin;
	phrase: number;
}

export interface BuiltPhrase {
	notes: DraftNote[];
	statements: MotifStatement[];
	lastTransposeSteps: number;
}

export interface BuildPhraseOptions {
	/** False builds the phrase from approach notes only (the fallback when no development fits). */
	allowStatements?: boolean;
}

type Weighted = readonly (readonly [DevelopmentKind, number])[];

// Verse: the motif must stay recognisable, so literal repeats, sequences and rhythmic variants
// dominate. Chorus: more transformation (inversion, augmentation) and sequences that climb.
const VERSE_OPENING: Weighted = [['repeat', 4], ['sequence', 3], ['rhythm', 3]];
const VERSE_LATER: Weighted = [['sequence', 4], ['repeat', 2], ['rhythm', 2], ['inversion', 1]];
const CHORUS_OPENING: Weighted = [['sequence', 3], ['augmentation', 3], ['inversion', 2], ['rhythm', 2]];
const CHORUS_LATER: Weighted = [['sequence', 3], ['inversion', 3], ['rhythm', 2], ['repeat', 2], ['augmentation', 1]];
const FALLBACK_ORDER: readonly DevelopmentKind[] = ['sequence', 'repeat', 'inversion', 'rhythm'];

/** Degrees a cadence may end on, with a preference cost (lower is preferred). */
const CADENCE_DEGREES: Record<PhraseCadence, ReadonlyMap<number, number>> = {
	final: new Map([[1, 0]]),
	closed: new Map([[1, 0], [3, 0.4], [5, 0.7]]),
	half: new Map([[5, 0], [2, 0.3]])
};

const softExcess = (midi: number, soft: MidiRange) => Math.max(0, midi - soft.high, soft.low - midi);

interface Candidate {
	cell: MotifCell;
	transposeSteps: number;
	pitches: number[];
	score: number;
}

/** Appends `pitches` to `tail` if every one may follow the notes before it; returns the new tail or null. */
function extendLine(tail: readonly number[], pitches: readonly number[], key: SongKey): number[] | null {
	const line = tail.slice(-2);
	for (const p of pitches) {
		if (!canFollow(line, p, key)) return null;
		line.push(p);
		if (line.length > 2) line.shift();
	}
	return line;
}

/** Note lengths for the approach region: the motif's own rhythm (inter-onset intervals) cycled, or beat-based. */
function approachDurations(regionTicks: number, ctx: PhraseContext, rng: Rng): number[] {
	if (regionTicks <= 0) return [];
	const out: number[] = [];
	let filled = 0;
	if (rng.chance(0.5)) {
		const onsets = ctx.motif.notes.map((n) => n.offsetTicks);
		const iois = onsets.map((o, i) => (i + 1 < onsets.length ? onsets[i + 1] : ctx.motif.lengthTicks) - o);
		for (let i = 0; filled < regionTicks; i++) {
			const d = Math.min(iois[i % iois.length], regionTicks - filled);
			if (d < ctx.minNoteTicks && out.length > 0) out[out.length - 1] += d;
			else out.push(d);
			filled += d;
		}
		return out;
	}
	const { beatTicks, minNoteTicks } = ctx;
	const halfBeat = beatTicks / 2;
	const halvesOk = Number.isInteger(halfBeat) && halfBeat >= minNoteTicks && halfBeat % minNoteTicks === 0;
	while (filled < regionTicks) {
		const left = regionTicks - filled;
		if (left < beatTicks) {
			if (left < minNoteTicks && out.length > 0) out[out.length - 1] += left;
			else out.push(left);
			break;
		}
		const options: number[][] = [[beatTicks]];
		const weights = [3];
		if (left >= 2 * beatTicks) {
			options.push([2 * beatTicks]);
			weights.push(1);
		}
		if (halvesOk) {
			options.push([halfBeat, halfBeat]);
			weights.push(2);
		}
		for (const d of options[rng.weightedIndex(weights)]) {
			out.push(d);
			filled += d;
		}
	}
	return out;
}

/**
 * Pitches for `count` approach notes after `tail` that arrive at `targetMidi` by step (thirds when
 * the distance asks for them), or null when no singable path was found. Longer approaches rise to a
 * turning point first and then fall to the cadence: the arch, the commonest phrase contour in folk
 * and popular song (Huron 1996, "The melodic arch in Western folksongs"); and a step tends to be
 * followed by another in the same direction rather than a zig-zag (step inertia, Huron 2006, ch. 5).
 */
function walkTo(
	tail: readonly number[],
	count: number,
	targetMidi: number,
	registerMidi: number,
	soft: MidiRange,
	ctx: PhraseContext,
	rng: Rng,
	final: boolean
): number[] | null {
	const { key, hardRange } = ctx;
	const form = melodicScaleForm(key);
	const targetStep = midiToStep(targetMidi, key, form) as number;
	const line = tail.slice(-2);
	const arrives = (l: readonly number[]) =>
		canFollow(l, targetMidi, key) && (!final || l.length === 0 || Math.abs(targetMidi - l[l.length - 1]) <= DEFAULT_SINGABILITY_LIMITS.recoverLeapsAboveSemitones);
	const out: number[] = [];
	const startStep = tail.length > 0 ? (midiToStep(tail[tail.length - 1], key, form) as number) : targetStep;
	const turnAt = count >= 4 ? Math.floor(count / 2) + rng.int(-1, 0) : 0;
	const apexStep = Math.max(startStep, targetStep) + rng.int(1, 2);
	let lastDelta = 0;
	for (let i = 0; i < count; i++) {
		const movesAfter = count - i; // moves still to make after this one, the arrival included
		const goalStep = i < turnAt ? apexStep : targetStep;
		let options: { midi: number; cost: number }[];
		if (line.length === 0) {
			// The song's first note: start on a scale note near the phrase's register.
			options = [-2, -1, 0, 1, 2].map((d) => {
				const midi = stepToMidi(targetStep + d, key, form);
				return { midi, cost: 0.1 * Math.abs(midi - registerMidi) + rng.next() };
			});
		} else {
			const current = midiToStep(line[line.length - 1], key, form) as number;
			const distance = goalStep - current;
			const urgency = Math.max(0.3, Math.abs(distance) / (i < turnAt ? turnAt - i : movesAfter + 1));
			options = [-2, -1, 0, 1, 2].map((delta) => {
				const midi = stepToMidi(current + delta, key, form);
				let cost = [1.2, 0, 0.9][Math.abs(delta)];
				if (delta !== 0) cost += Math.sign(delta) === Math.sign(distance) ? -urgency : 0.8 * urgency;
				cost += 0.05 * Math.abs(midi - registerMidi) + 2 * softExcess(midi, soft) + 0.7 * rng.next();
				if (delta !== 0 && Math.abs(lastDelta) === 1 && Math.sign(delta) === -Math.sign(lastDelta)) cost += 0.4;
				// Three equal notes in a row sound stuck.
				if (delta === 0 && line.length === 2 && line[0] === line[1]) cost = Infinity;
				return { midi, cost };
			});
		}
		options.sort((a, b) => a.cost - b.cost);
		let chosen: number | null = null;
		for (const { midi, cost } of options) {
			if (!Number.isFinite(cost)) continue;
			if (midi < hardRange.low || midi > hardRange.high) continue;
			const step = midiToStep(midi, key, form) as number;
			if (Math.abs(targetStep - step) > 2 * movesAfter) continue;
			if (!canFollow(line, midi, key)) continue;
			if (i === count - 1 && !arrives([...line.slice(-1), midi])) continue;
			chosen = midi;
			break;
		}
		if (chosen === null) return null;
		if (line.length > 0) lastDelta = (midiToStep(chosen, key, form) as number) - (midiToStep(line[line.length - 1], key, form) as number);
		out.push(chosen);
		line.push(chosen);
		if (line.length > 2) line.shift();
	}
	if (count === 0 && !arrives(line)) return null;
	return out;
}

/** Builds phrase `plan`; null when this draw of choices cannot reach a singable cadence (the caller redraws). */
export function buildPhrase(
	ctx: PhraseContext,
	plan: PhrasePlan,
	history: readonly number[],
	state: PhraseState,
	rng: Rng,
	options: BuildPhraseOptions = {}
): BuiltPhrase | null {
	const { allowStatements = true } = options;
	const { key, barTicks, motif, hardRange, minNoteTicks, breathTicks } = ctx;
	const form = melodicScaleForm(key);
	const phraseTicks = plan.bars * barTicks;
	const originTicks = plan.startBar * barTicks;
	const soft: MidiRange = plan.section === 'verse' ? { low: ctx.softRange.low, high: ctx.verseSoftHigh } : ctx.softRange;
	const registerMidi = soft.low + plan.registerTarget * (soft.high - soft.low);

	// The cadence lands on a strong beat of the last bar (the song's last note on its downbeat) and
	// holds until the breath; only offsets that leave it at least a beat are used.
	const lastBarTicks = phraseTicks - barTicks;
	const cadenceChoices = (plan.cadence === 'final' ? [0] : ctx.strongOffsetsTicks)
		.map((o) => lastBarTicks + o)
		.filter((c) => phraseTicks - breathTicks - c >= Math.max(minNoteTicks, ctx.beatTicks));
	if (cadenceChoices.length === 0) return null;
	const cadenceTicks = cadenceChoices.length > 1 && rng.chance(0.4) ? cadenceChoices[1] : cadenceChoices[0];

	const notes: DraftNote[] = [];
	const statements: MotifStatement[] = [];
	let line = history.slice(-2);
	let t = 0;
	let lastK = state.lastTransposeSteps;
	let motifStated = state.motifStated;

	const place = (kind: DevelopmentKind, c: Candidate) => {
		c.cell.notes.forEach((n, i) =>
			notes.push({ startTicks: originTicks + t + n.offsetTicks, durationTicks: n.durationTicks, midiPitch: c.pitches[i], origin: 'motif', phrase: plan.index })
		);
		statements.push({ phrase: plan.index, startTicks: originTicks + t, kind, transposeSteps: c.transposeSteps });
		line = extendLine(line, c.pitches, key) as number[];
		t += c.cell.lengthTicks;
		lastK = c.transposeSteps;
	};

	/** The best-scoring singable placement of one development of the motif, or null. */
	const bestStatement = (kind: DevelopmentKind, opening: boolean): Candidate | null => {
		const room = cadenceTicks - t;
		let shape: MotifCell | null;
		let transpositions: number[];
		switch (kind) {
			case 'repeat':
				shape = motif;
				transpositions = opening ? [0, -7, 7] : [0, lastK, lastK - 7, lastK + 7];
				break;
			case 'sequence':
				shape = motif;
				transpositions = [-3, -2, -1, 1, 2, 3].map((d) => lastK + d);
				break;
			case 'inversion':
				shape = invertCell(motif);
				transpositions = [-4, -3, -2, -1, 0, 1, 2, 3, 4].map((d) => lastK + d);
				break;
			case 'rhythm':
				shape = varyRhythm(motif, rng, { minNoteTicks });
				transpositions = [0, lastK];
				break;
			case 'augmentation':
				shape = fillCellSlot(augmentCell(motif));
				transpositions = [-2, -1, 0, 1, 2].map((d) => lastK + d);
				break;
			case 'fragment':
				shape = ctx.fragmentTicks > 0 ? fragmentCell(motif, ctx.fragmentTicks) : null;
				transpositions = [-2, -1, 1, 2].map((d) => lastK + d);
				break;
		}
		if (!shape || shape.lengthTicks > room) return null;
		if (ctx.octaveOnly && kind !== 'inversion') transpositions = toOctaves(transpositions);
		let best: Candidate | null = null;
		for (const k of [...new Set(transpositions)]) {
			const cell = transposeCell(shape, k);
			const pitches = cell.notes.map((n) => stepToMidi(n.step, key, form));
			if (pitches.some((p) => p < hardRange.low || p > hardRange.high)) continue;
			if (!extendLine(line, pitches, key)) continue;
			const mean = pitches.reduce((a, b) => a + b, 0) / pitches.length;
			let score = 0.5 * Math.abs(mean - registerMidi);
			for (const p of pitches) score += 3 * softExcess(p, soft);
			if (line.length > 0) score += 0.6 * Math.max(0, Math.abs(pitches[0] - line[line.length - 1]) - 4);
			if (kind === 'repeat' && k !== 0 && k !== lastK) score += 1;
			if (opening && k !== 0) score += 5;
			const recent = [...state.previousStatements, ...statements].slice(-3);
			score += 1.2 * recent.filter((r) => r.kind === kind && r.transposeSteps === k).length;
			// Outweighs a few semitones above the soft range: the chorus must peak above the verse.
			if (plan.climax && state.versePeakMidi !== null && Math.max(...pitches) <= state.versePeakMidi) score += 12;
			score += 1.5 * rng.next();
			if (!best || score < best.score) best = { cell, transposeSteps: k, pitches, score };
		}
		return best;
	};

	if (allowStatements && motif.lengthTicks <= cadenceTicks) {
		let slots = Math.floor(cadenceTicks / motif.lengthTicks);
		// Leave room for approach notes now and then rather than always running into the cadence.
		if (slots >= 2 && cadenceTicks === slots * motif.lengthTicks && rng.chance(0.5)) slots--;
		for (let placed = 0; placed < slots; ) {
			const opening = !motifStated;
			const table = placed === 0 ? (plan.section === 'verse' ? VERSE_OPENING : CHORUS_OPENING) : plan.section === 'verse' ? VERSE_LATER : CHORUS_LATER;
			// A literal repeat right after the motif at the same pitch is the common "A A′" start; a
			// third in a row is monotony, so repeats grow rarer after one and stop after two.
			const recent = [...state.previousStatements, ...statements].slice(-2);
			const literal = (r: MotifStatement | undefined) => r !== undefined && (r.kind === 'repeat' || r.kind === 'sequence') && r.transposeSteps === lastK;
			const repeatFactor = literal(recent[1]) ? (literal(recent[0]) ? 0 : 0.25) : 1;
			const weights = table.map(([k, w]) => (k === 'repeat' ? w * repeatFactor : w));
			// The motif's return in the chorus is a literal repeat, as its first statement is.
			const restate = placed === 0 && state.restatePhrase === plan.index;
			const first: DevelopmentKind = opening || restate ? 'repeat' : table[rng.weightedIndex(weights)][0];
			const order = [first, ...FALLBACK_ORDER.filter((k) => k !== first && !opening && !restate)];
			let done = false;
			for (const kind of order) {
				if (kind === 'augmentation' && slots - placed < 2) continue;
				const c = bestStatement(kind, opening);
				if (!c) continue;
				place(kind, c);
				placed += kind === 'augmentation' ? 2 : 1;
				motifStated = true;
				done = true;
				break;
			}
			if (!done) break;
		}
		// Fragmentation: the motif's head in sequence, quickening toward the cadence (Caplin's continuation).
		if (statements.length > 0 && ctx.fragmentTicks > 0 && rng.chance(0.6)) {
			for (let f = 0; f < 2 && cadenceTicks - t >= ctx.fragmentTicks; f++) {
				const c = bestStatement('fragment', false);
				if (!c) break;
				place('fragment', c);
			}
		}
	}

	// Approach notes and the cadence: try cadence pitches from most to least suitable.
	const durations = approachDurations(cadenceTicks - t, ctx, rng);
	const degrees = CADENCE_DEGREES[plan.cadence];
	const previous = line.length > 0 ? line[line.length - 1] : null;
	const targets: { midi: number; score: number }[] = [];
	for (let midi = hardRange.low; midi <= hardRange.high; midi++) {
		const step = midiToStep(midi, key, form);
		if (step === null) continue;
		const preference = degrees.get(degreeOfStep(step));
		if (preference === undefined) continue;
		if (previous !== null) {
			const distance = Math.abs(step - (midiToStep(previous, key, form) as number));
			// Steps (or thirds) need room; with none left (a long motif fills the phrase) a leap of up to a fifth will do.
			if (distance > Math.max(4, 2 * (durations.length + 1))) continue;
		}
		let score = 0.35 * Math.abs(midi - registerMidi) + 3 * softExcess(midi, soft) + preference + rng.next();
		if (previous !== null) score += 0.4 * Math.abs(midi - previous);
		targets.push({ midi, score });
	}
	targets.sort((a, b) => a.score - b.score);
	for (const target of targets.slice(0, 8)) {
		const approach = walkTo(line, durations.length, target.midi, registerMidi, soft, ctx, rng, plan.cadence === 'final');
		if (!approach) continue;
		let at = originTicks + t;
		approach.forEach((midiPitch, i) => {
			notes.push({ startTicks: at, durationTicks: durations[i], midiPitch, origin: 'approach', phrase: plan.index });
			at += durations[i];
		});
		notes.push({
			startTicks: originTicks + cadenceTicks,
			durationTicks: phraseTicks - breathTicks - cadenceTicks,
			midiPitch: target.midi,
			origin: 'cadence',
			phrase: plan.index
		});
		return { notes, statements, lastTransposeSteps: lastK };
	}
	return null;
}
