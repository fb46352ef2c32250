/**
 * Sung onsets (seconds) written as beats: rhythm quantisation with a tempo that may breathe.
 *
 * A hum's tempo drifts and its onsets scatter by tens of milliseconds, so neither one global grid
 * (it drifts off the notes within a few bars) nor a greedy beat follower (one wrong snap shifts every
 * later note) writes it down reliably. Instead every reading is scored at once, as in the
 * hidden-Markov rhythm transcribers (Cemgil & Kappen 2003, "Monte Carlo methods for tempo tracking
 * and rhythm quantization"; Takeda et al. 2002): the hidden state of a note is where it falls in
 * the beat (on it, an eighth, a sixteenth or a triplet after) and the local beat period; each
 * inter-onset interval is a whole number of grid steps played at that period, with timing noise
 * that grows with its length (Weber's law for timing); the period changes slowly. The Viterbi path
 * is the cheapest (most likely) reading.
 */

export interface QuantizeRhythmOptions {
	/** Tempo estimate, beats per minute: the period starts near it and stays within `maxTempoChange` of it. */
	tempoBpm: number;
	/** The period may range this fraction either side of the estimate's (default 0.25). */
	maxTempoChange?: number;
	/** Onset scatter, s (default 0.035), plus this fraction of the interval (default 0.05). */
	timingNoiseSeconds?: number;
	timingNoiseFraction?: number;
	/** Typical change of the log period from one note to the next (default 0.03). */
	tempoChangePerNote?: number;
}

export interface QuantizedRhythm {
	/** Onsets, beats from the first onset (multiples of a sixteenth or an eighth-note triplet). */
	onsetBeats: number[];
	/** The local beat period at each onset, s. */
	periodSeconds: number[];
}

/** Twelfths of a beat: positions within a beat that onsets may take, and what each costs. */
const SUBDIVISIONS = 12;
const PHASE_COST = new Map<number, number>([
	[0, 0],
	[6, 0.6],
	[3, 2],
	[9, 2],
	[4, 1.5],
	[8, 1.5]
]);
/** Inter-onset intervals in twelfths of a beat (a sixteenth up to two bars) and what each costs. */
const INTERVALS: readonly [number, number][] = [
	[3, 0.3], [4, 0.3], [6, 0], [8, 0.3], [9, 0.3], [12, 0], [15, 0.5], [18, 0.2], [21, 0.6], [24, 0], [30, 0.5],
	[36, 0.2], [42, 0.6], [48, 0.2], [60, 0.6], [72, 0.5], [84, 0.8], [96, 0.5]
];
/**
 * Eighth-note triplets come as a group: a beat's second and third triplet notes follow its first
 * (so a dotted eighth and sixteenth, slightly uneven, is not read as a lone triplet).
 */
function tripletsWhole(phase: number, next: number, twelfths: number): boolean {
	if (phase === 4) return next === 8 && twelfths === 4;
	if (next === 4) return phase === 0 && twelfths === 4;
	if (next === 8) return phase === 4;
	return true;
}

/** Ratio between neighbouring period states. */
const PERIOD_STEP = 1.015;
/** The most period states the tempo may move in one note. */
const MAX_PERIOD_JUMP = 4;

export function quantizeRhythm(onsetsSeconds: readonly number[], options: QuantizeRhythmOptions): QuantizedRhythm {
	const { tempoBpm, maxTempoChange = 0.25, timingNoiseSeconds = 0.035, timingNoiseFraction = 0.05, tempoChangePerNote = 0.03 } = options;
	if (!(tempoBpm >= 20 && tempoBpm <= 400)) throw new RangeError(`tempoBpm must be within [20, 400], got ${tempoBpm}`);
	for (let i = 1; i < onsetsSeconds.length; i++) {
		if (!(onsetsSeconds[i] > onsetsSeconds[i - 1])) throw new RangeError(`onsets must increase strictly; onset ${i} is ${onsetsSeconds[i]} after ${onsetsSeconds[i - 1]}`);
	}
	const n = onsetsSeconds.length;
	if (n === 0) return { onsetBeats: [], periodSeconds: [] };
	const nominal = 60 / tempoBpm;
	const half = Math.round(Math.log(1 + maxTempoChange) / Math.log(PERIOD_STEP));
	const periods = Array.from({ length: 2 * half + 1 }, (_, k) => nominal * Math.pow(PERIOD_STEP, k - half));
	const phases = [...PHASE_COST.keys()];
	const states = phases.length * periods.length;
	const stateOf = (phase: number, period: number) => phases.indexOf(phase) * periods.length + period;

	// cost[i][s]: the cheapest reading of onsets 0..i ending in state s; back[i][s]: its previous state and interval.
	const cost: Float64Array[] = [];
	const backState: Int32Array[] = [];
	const backInterval: Int32Array[] = [];
	const first = new Float64Array(states).fill(Infinity);
	// The first note starts the count on a beat, at any period (a prior toward the estimate).
	for (let p = 0; p < periods.length; p++) first[stateOf(0, p)] = 0.5 * ((p - half) * Math.log(PERIOD_STEP) / maxTempoChange) ** 2;
	cost.push(first);
	backState.push(new Int32Array(states).fill(-1));
	backInterval.push(new Int32Array(states).fill(0));
	for (let i = 1; i < n; i++) {
		const heard = onsetsSeconds[i] - onsetsSeconds[i - 1];
		// A pause longer than two bars is a whole number of beats near what was heard.
		const beatsHeard = Math.round(heard / nominal);
		const intervals = beatsHeard > 8 ? [...INTERVALS, ...[-1, 0, 1].map((d): [number, number] => [SUBDIVISIONS * (beatsHeard + d), 1])] : INTERVALS;
		const now = new Float64Array(states).fill(Infinity);
		const fromState = new Int32Array(states).fill(-1);
		const fromInterval = new Int32Array(states).fill(0);
		const before = cost[i - 1];
		for (let s = 0; s < states; s++) {
			if (!Number.isFinite(before[s])) continue;
			const phase = phases[Math.floor(s / periods.length)];
			const p0 = s % periods.length;
			for (const [twelfths, intervalCost] of intervals) {
				const next = (phase + twelfths) % SUBDIVISIONS;
				const phaseCost = PHASE_COST.get(next);
				if (phaseCost === undefined || !tripletsWhole(phase, next, twelfths)) continue;
				const beats = twelfths / SUBDIVISIONS;
				for (let p = Math.max(0, p0 - MAX_PERIOD_JUMP); p <= Math.min(periods.length - 1, p0 + MAX_PERIOD_JUMP); p++) {
					const expected = beats * periods[p];
					const sigma = timingNoiseSeconds + timingNoiseFraction * expected;
					const tempoMove = ((p - p0) * Math.log(PERIOD_STEP)) / tempoChangePerNote;
					const total = before[s] + 0.5 * ((heard - expected) / sigma) ** 2 + 0.5 * tempoMove * tempoMove + phaseCost + intervalCost;
					const t = stateOf(next, p);
					if (total < now[t]) {
						now[t] = total;
						fromState[t] = s;
						fromInterval[t] = twelfths;
					}
				}
			}
		}
		cost.push(now);
		backState.push(fromState);
		backInterval.push(fromInterval);
	}
	let state = 0;
	for (let s = 1; s < states; s++) if (cost[n - 1][s] < cost[n - 1][state]) state = s;
	const intervals: number[] = new Array(n).fill(0);
	const periodSeconds: number[] = new Array(n).fill(nominal);
	for (let i = n - 1; i >= 0; i--) {
		periodSeconds[i] = periods[state % periods.length];
		intervals[i] = backInterval[i][state];
		state = backState[i][state];
	}
	const onsetBeats: number[] = [];
	let twelfths = 0;
	for (let i = 0; i < n; i++) {
		twelfths += intervals[i];
		onsetBeats.push(twelfths / SUBDIVISIONS);
	}
	return { onsetBeats, periodSeconds };
}
