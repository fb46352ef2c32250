/**
 * Transition log-probabilities between the chords a style may use: the "chord transition matrix"
 * of the MySong harmoniser (Simon, Morris & Basu 2008), written by hand here instead of
 * learned. Three factors multiply:
 *  1. root motion by scale degree, from the common-practice progression chart (Kostka & Payne,
 *     Tonal Harmony: iii → vi → ii/IV → V/vii° → I, I anywhere), loosened for pop
 *     (IV → I, V → vi, vi → IV, ♭VII → I);
 *  2. the style's favoured loops (harmony-styles.ts);
 *  3. the style's prior on the target chord.
 * Each row is split into "keep the chord" (holdProbability), "recolour it" (V → V7, Vsus4 → V)
 * and "move" (the rest, shared by the factors above).
 */
import type { KeyedChord } from './chords';
import type { HarmonyStyle } from './harmony-styles';

/** Root-motion weights, rows = from degree, columns = to degree (0 = tonic). Diagonal unused. */
const DEGREE_MOTION: readonly (readonly number[])[] = [
	//  I    ii   iii  IV   V    vi   vii
	[0, 2, 1, 4, 4, 3, 0.5], // I goes anywhere
	[0.5, 0, 0.3, 1, 5, 0.5, 1.5], // ii → V (pre-dominant)
	[0.7, 0.5, 0, 3, 0.7, 4, 0.2], // iii → vi, IV
	[3, 1.5, 0.7, 0, 5, 1.5, 1], // IV → V, plagal IV → I
	[6, 0.3, 0.7, 1.2, 0, 2.5, 0.3], // V → I, deceptive V → vi
	[1.5, 3, 0.7, 4, 2, 0, 0.3], // vi → ii, IV
	[5, 0.2, 1, 0.3, 0.5, 1, 0] // vii° (and ♭VII) → I
];

/**
 * Motions that degree alone misses: in major ♭VI → ♭VII (the "Mario cadence") and III (as V/vi) → vi;
 * in minor the stepwise VI → VII and VII → III (V of the relative major).
 */
const EXTRA_MOTION: Readonly<Record<string, Record<string, number>>> = {
	'♭VI': { '♭VII': 4 },
	III: { vi: 3, VI: 2 },
	VI: { VII: 2 },
	VII: { III: 2 }
};

/** Floor for any move, so that no progression is impossible — the melody can still ask for it. */
const MIN_MOTION_WEIGHT = 0.05;
/** Share of the hold probability given to changing colour within one function (V → V7, I → Imaj7). */
const RECOLOUR_SHARE = 0.25;
/** A sus4 chord is held into the next slot this often, and resolves to its own root this often. */
const SUS_HOLD_PROBABILITY = 0.03;
const SUS_RESOLVE_PROBABILITY = 0.5;
/** Weight of recolouring a plain chord into its sus4 (V → Vsus4), relative to other recolours. */
const SUS_ENTRY_FACTOR = 0.3;

/**
 * Row-normalised log transition matrix, `logP[from][to]`, over `chords` (in that order).
 */
export function transitionLogProbabilities(chords: readonly KeyedChord[], style: HarmonyStyle, mode: 'major' | 'minor', prior: readonly number[], holdProbability: number): number[][] {
	const loopBoost = loopPairs(style.loops[mode]);
	return chords.map((from) => {
		const move = chords.map((to, j) => {
			if (to.functionKey === from.functionKey) return 0;
			const degreeWeight = from.degree === to.degree ? MIN_MOTION_WEIGHT : DEGREE_MOTION[from.degree][to.degree];
			const extra = EXTRA_MOTION[from.functionKey]?.[to.functionKey] ?? 0;
			const boost = 1 + (loopBoost.get(`${from.functionKey}>${to.functionKey}`) ?? 0);
			return Math.max(MIN_MOTION_WEIGHT, degreeWeight + extra) * boost * prior[j];
		});
		// A sus4 leads into its resolution, so recolouring into one (V → Vsus4) is the unusual direction.
		const recolour = chords.map((to, j) => (to.functionKey === from.functionKey && to.numeral !== from.numeral ? prior[j] * (to.quality === 'sus4' ? SUS_ENTRY_FACTOR : 1) : 0));
		const moveSum = move.reduce((a, b) => a + b, 0);
		const recolourSum = recolour.reduce((a, b) => a + b, 0);
		// A sus4 is a passing colour: mostly it resolves to its own root, rarely is it held.
		const shares =
			from.quality === 'sus4' && recolourSum > 0
				? { stay: SUS_HOLD_PROBABILITY, recolour: SUS_RESOLVE_PROBABILITY }
				: recolourSum > 0
					? { stay: holdProbability * (1 - RECOLOUR_SHARE), recolour: holdProbability * RECOLOUR_SHARE }
					: { stay: holdProbability, recolour: 0 };
		const moveP = 1 - shares.stay - shares.recolour;
		return chords.map((to, j) => {
			let p: number;
			if (to.numeral === from.numeral) p = shares.stay;
			else if (to.functionKey === from.functionKey) p = recolourSum > 0 ? (shares.recolour * recolour[j]) / recolourSum : 0;
			else p = moveSum > 0 ? (moveP * move[j]) / moveSum : 0;
			return Math.log(Math.max(p, 1e-9));
		});
	});
}

function loopPairs(loops: ReadonlyArray<[string[], number]>): Map<string, number> {
	const boost = new Map<string, number>();
	for (const [progression, weight] of loops) {
		progression.forEach((from, i) => {
			const to = progression[(i + 1) % progression.length];
			if (to === from) return;
			const pair = `${from}>${to}`;
			boost.set(pair, (boost.get(pair) ?? 0) + weight);
		});
	}
	return boost;
}
