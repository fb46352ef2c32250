/**
 * Chords for a melody: a hidden Markov model whose hidden states are the chords a style uses in
 * the key and whose observations are the melody notes in each chord slot, decoded with Viterbi —
 * the method of MySong (Simon, Morris & Basu 2008, "MySong: automatic accompaniment generation for
 * vocal melodies", CHI '08). Observation model: harmony-observation.ts; transitions:
 * harmony-transitions.ts; per-style tables: harmony-styles.ts.
 *
 * Two constraints shape the form: the first slot is the tonic chord, and the song closes with an
 * authentic cadence — the slot before the last bar is the dominant (V or V7), the last bar the
 * tonic. Slots with the same chord inside one bar are merged, so every bar starts with a chord.
 */
import { ticksPerBar, type SongChord, type SongKey, type SongNote, type StyleName, type TimeSignature, STYLE_NAMES } from '../song/types';
import { checkKey, numeralToChord, scalePitchClasses, type KeyedChord } from './chords';
import { chordToneLogProbabilities, observationLogLikelihood, slotEvidence } from './harmony-observation';
import { HARMONY_STYLES } from './harmony-styles';
import { transitionLogProbabilities } from './harmony-transitions';

export interface HarmonizeOptions {
	/** Chord slots per bar, 1 or 2 (default: the style's, 2 for cantopop-ballad, else 1). */
	chordsPerBar?: 1 | 2;
	/** Bars to cover, from bar 0 (default: enough to hold the whole melody, at least 1). */
	bars?: number;
	/** Scale of the melody evidence against the transition log-probabilities (default 4; 0 ignores the melody). */
	melodyWeight?: number;
	/** Probability of keeping a chord into the next slot (default: the style's, 0.15–0.3). */
	holdProbability?: number;
	/** Start on the tonic chord (default true). */
	startOnTonic?: boolean;
	/** End with V(7) → I (default true). */
	cadence?: boolean;
}

interface Slot {
	startTicks: number;
	endTicks: number;
	bar: number;
}

/**
 * Harmonises `melody` in `key`, one chord per slot, covering bars 0 … bars − 1.
 * Throws RangeError for a bad key, time signature, style or option.
 */
export function harmonize(melody: readonly SongNote[], key: SongKey, timeSignature: TimeSignature, style: StyleName, options: HarmonizeOptions = {}): SongChord[] {
	checkKey(key);
	checkTimeSignature(timeSignature);
	if (!STYLE_NAMES.includes(style)) throw new RangeError(`style "${style}" is not one of ${STYLE_NAMES.join(', ')}`);
	const styleTable = HARMONY_STYLES[style];
	const barTicks = ticksPerBar(timeSignature);
	const melodyEnd = melody.reduce((end, n) => Math.max(end, n.startTicks + n.durationTicks), 0);
	const {
		chordsPerBar = styleTable.chordsPerBar,
		bars = Math.max(1, Math.ceil(melodyEnd / barTicks)),
		melodyWeight = 4,
		holdProbability = styleTable.holdProbability,
		startOnTonic = true,
		cadence = true
	} = options;
	if (chordsPerBar !== 1 && chordsPerBar !== 2) throw new RangeError(`chordsPerBar ${chordsPerBar} is not 1 or 2`);
	if (!Number.isInteger(bars) || bars < 1 || bars > 10_000) throw new RangeError(`bars ${bars} is outside the integers 1–10000`);
	if (!(melodyWeight >= 0 && melodyWeight <= 100)) throw new RangeError(`melodyWeight ${melodyWeight} is outside [0, 100]`);
	if (!(holdProbability >= 0 && holdProbability < 0.9)) throw new RangeError(`holdProbability ${holdProbability} is outside [0, 0.9)`);

	const { chords, prior, logTransition, logToneProbabilities } = harmonyModel(key, style, holdProbability);

	const slots = chordSlots(bars, barTicks, timeSignature, chordsPerBar, cadence);
	const allowed = slotConstraints(slots.length, chords, { startOnTonic, cadence });
	const logObservation = slots.map((slot) => {
		const evidence = slotEvidence(melody, slot.startTicks, slot.endTicks, timeSignature);
		return logToneProbabilities.map((lp) => observationLogLikelihood(evidence, lp, melodyWeight));
	});
	const path = viterbi(logObservation, logTransition, prior.map(Math.log), allowed);
	return mergeWithinBars(slots, path.map((i) => chords[i]));
}

/** The harmoniser's model for a key and style: its chords, their prior, transitions and tone probabilities. */
export interface HarmonyModel {
	chords: KeyedChord[];
	prior: number[];
	/** logTransition[from][to], over `chords`. */
	logTransition: number[][];
	/** log P(pitch class | chord), per chord of `chords`. */
	logToneProbabilities: Float64Array[];
}

/** The model harmonize() decodes with; `holdProbability` defaults to the style's. */
export function harmonyModel(key: SongKey, style: StyleName, holdProbability = HARMONY_STYLES[style].holdProbability): HarmonyModel {
	const styleTable = HARMONY_STYLES[style];
	const chords = vocabulary(key, styleTable.vocabulary[key.mode]);
	const priorWeights = chords.map((c) => styleTable.vocabulary[key.mode][c.numeral] ?? DOMINANT_FALLBACK_PRIOR);
	const priorSum = priorWeights.reduce((a, b) => a + b, 0);
	const prior = priorWeights.map((w) => w / priorSum);
	const logTransition = transitionLogProbabilities(chords, styleTable, key.mode, prior, holdProbability);
	const scale = scalePitchClasses(key);
	const logToneProbabilities = chords.map((c) => chordToneLogProbabilities(c, scale));
	return { chords, prior, logTransition, logToneProbabilities };
}

/** Prior weight of V added to a vocabulary that lacks a dominant, so the cadence is always possible. */
const DOMINANT_FALLBACK_PRIOR = 0.3;

function vocabulary(key: SongKey, weights: Record<string, number>): KeyedChord[] {
	const chords = Object.keys(weights).map((numeral) => numeralToChord(key, numeral));
	if (!chords.some(isDominant)) chords.push(numeralToChord(key, 'V'));
	return chords;
}

const isTonic = (c: KeyedChord): boolean => c.degree === 0 && !/^[♭♯b#]/.test(c.functionKey) && c.quality !== 'sus4';
const isDominant = (c: KeyedChord): boolean => c.functionKey === 'V' && (c.quality === 'major' || c.quality === 'dominant7');

/** Slots of `chordsPerBar` per bar (an odd bar splits longer-first); with a cadence the last bar is one slot. */
function chordSlots(bars: number, barTicks: number, timeSignature: TimeSignature, chordsPerBar: 1 | 2, cadence: boolean): Slot[] {
	const beatTicks = barTicks / timeSignature.beatsPerBar;
	const splitTicks = Math.ceil(timeSignature.beatsPerBar / 2) * beatTicks;
	const slots: Slot[] = [];
	for (let bar = 0; bar < bars; bar++) {
		const start = bar * barTicks;
		const single = chordsPerBar === 1 || (cadence && bar === bars - 1) || splitTicks >= barTicks;
		if (single) slots.push({ startTicks: start, endTicks: start + barTicks, bar });
		else {
			slots.push({ startTicks: start, endTicks: start + splitTicks, bar });
			slots.push({ startTicks: start + splitTicks, endTicks: start + barTicks, bar });
		}
	}
	return slots;
}

/** Which chords each slot may take. The cadence wins over the tonic start when a song is too short for both. */
function slotConstraints(slotCount: number, chords: readonly KeyedChord[], flags: { startOnTonic: boolean; cadence: boolean }): boolean[][] {
	const all = chords.map(() => true);
	const allowed = Array.from({ length: slotCount }, () => all.slice());
	const tonic = chords.map(isTonic);
	const dominant = chords.map(isDominant);
	if (flags.startOnTonic) allowed[0] = tonic.slice();
	if (flags.cadence) {
		allowed[slotCount - 1] = tonic.slice();
		if (slotCount >= 2) allowed[slotCount - 2] = dominant.slice();
	}
	return allowed;
}

/** Most probable state path (Viterbi; Rabiner 1989, "solution to problem 2"), in the log domain, with disallowed states excluded. */
function viterbi(logObservation: number[][], logTransition: number[][], logInitial: number[], allowed: boolean[][]): number[] {
	const n = logInitial.length;
	const steps = logObservation.length;
	let score = logInitial.map((p, i) => (allowed[0][i] ? p + logObservation[0][i] : -Infinity));
	const back: Int32Array[] = [];
	for (let t = 1; t < steps; t++) {
		const next = new Array<number>(n).fill(-Infinity);
		const from = new Int32Array(n);
		for (let j = 0; j < n; j++) {
			if (!allowed[t][j]) continue;
			let best = -Infinity;
			let arg = 0;
			for (let i = 0; i < n; i++) {
				const s = score[i] + logTransition[i][j];
				if (s > best) {
					best = s;
					arg = i;
				}
			}
			next[j] = best + logObservation[t][j];
			from[j] = arg;
		}
		back.push(from);
		score = next;
	}
	let state = score.indexOf(Math.max(...score));
	const path = [state];
	for (let t = steps - 1; t >= 1; t--) {
		state = back[t - 1][state];
		path.push(state);
	}
	return path.reverse();
}

function mergeWithinBars(slots: readonly Slot[], chosen: readonly KeyedChord[]): SongChord[] {
	const out: SongChord[] = [];
	slots.forEach((slot, i) => {
		const chord = chosen[i];
		const last = out.at(-1);
		if (last && i > 0 && slots[i - 1].bar === slot.bar && chosen[i - 1].numeral === chord.numeral) {
			last.durationTicks = slot.endTicks - last.startTicks;
			return;
		}
		out.push({ startTicks: slot.startTicks, durationTicks: slot.endTicks - slot.startTicks, rootPitchClass: chord.rootPitchClass, quality: chord.quality, numeral: chord.numeral });
	});
	return out;
}

function checkTimeSignature(ts: TimeSignature): void {
	if (!Number.isInteger(ts.beatsPerBar) || ts.beatsPerBar < 1 || ts.beatsPerBar > 16) throw new RangeError(`timeSignature.beatsPerBar ${ts.beatsPerBar} is outside the integers 1–16`);
	if (![2, 4, 8, 16].includes(ts.beatUnit)) throw new RangeError(`timeSignature.beatUnit ${ts.beatUnit} is not 2, 4, 8 or 16`);
}
