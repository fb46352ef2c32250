/**
 * Melody evaluation metrics, following mir_eval (Raffel et al., 2014, "mir_eval: a
 * transparent implementation of common MIR metrics"): melody metrics on a reference time
 * grid, and note-level onset/pitch F-measure ("COnP", Molina et al., 2014) with one-to-one
 * matching by maximum bipartite matching.
 */
import type { F0Track } from './types';

/** An f0 track sampled on the reference times: f0 in Hz (0 where the track has none) and voicing. */
export interface SampledTrack {
	f0Hz: Float64Array;
	voiced: Uint8Array;
}

/** Samples `track` at `timesSeconds`: voicing from the nearest frame, f0 interpolated in log-frequency between neighbouring frames that both have a pitch. */
export function sampleTrackAt(track: F0Track, timesSeconds: ArrayLike<number>): SampledTrack {
	const n = timesSeconds.length;
	const f0Hz = new Float64Array(n);
	const voiced = new Uint8Array(n);
	const frames = track.f0Hz.length;
	if (frames === 0) return { f0Hz, voiced };
	const times = track.timesSeconds;
	const position = (t: number): number => {
		if (!times) return t / track.hopSeconds;
		let lo = 0;
		let hi = frames - 1;
		if (t <= times[0]) return 0;
		if (t >= times[hi]) return hi;
		while (hi - lo > 1) {
			const mid = (lo + hi) >> 1;
			if (times[mid] <= t) lo = mid;
			else hi = mid;
		}
		return lo + (t - times[lo]) / (times[hi] - times[lo]);
	};
	for (let i = 0; i < n; i++) {
		const p = Math.min(Math.max(position(timesSeconds[i]), 0), frames - 1);
		const nearest = Math.round(p);
		voiced[i] = track.voiced[nearest];
		const a = Math.floor(p);
		const b = Math.min(frames - 1, a + 1);
		const fa = track.f0Hz[a];
		const fb = track.f0Hz[b];
		const u = p - a;
		f0Hz[i] = fa > 0 && fb > 0 ? Math.exp((1 - u) * Math.log(fa) + u * Math.log(fb)) : track.f0Hz[nearest];
	}
	return { f0Hz, voiced };
}

export interface PitchToleranceOptions {
	/** Largest error counted as correct, cents (default 50). */
	centsTolerance?: number;
}

/**
 * Raw pitch accuracy: of the frames the reference calls voiced (ref > 0), the fraction whose
 * estimated f0 is within the tolerance, regardless of the estimate's voicing decision (as in
 * mir_eval, where an unvoiced estimate may still carry a pitch). An estimate ≤ 0 is wrong.
 * NaN when the reference has no voiced frame.
 */
export function rawPitchAccuracy(refHz: ArrayLike<number>, estHz: ArrayLike<number>, options: PitchToleranceOptions = {}): number {
	const tol = options.centsTolerance ?? 50;
	let voiced = 0;
	let correct = 0;
	for (let i = 0; i < refHz.length; i++) {
		if (!(refHz[i] > 0)) continue;
		voiced++;
		if (estHz[i] > 0 && Math.abs(1200 * Math.log2(estHz[i] / refHz[i])) <= tol) correct++;
	}
	return voiced ? correct / voiced : Number.NaN;
}

/** Fraction of reference-voiced frames the estimate calls voiced. NaN without voiced reference frames. */
export function voicingRecall(refHz: ArrayLike<number>, estVoiced: ArrayLike<number>): number {
	let voiced = 0;
	let hit = 0;
	for (let i = 0; i < refHz.length; i++) {
		if (!(refHz[i] > 0)) continue;
		voiced++;
		if (estVoiced[i]) hit++;
	}
	return voiced ? hit / voiced : Number.NaN;
}

/** Fraction of reference-unvoiced frames the estimate calls voiced. NaN without unvoiced reference frames. */
export function voicingFalseAlarm(refHz: ArrayLike<number>, estVoiced: ArrayLike<number>): number {
	let unvoiced = 0;
	let alarms = 0;
	for (let i = 0; i < refHz.length; i++) {
		if (refHz[i] > 0) continue;
		unvoiced++;
		if (estVoiced[i]) alarms++;
	}
	return unvoiced ? alarms / unvoiced : Number.NaN;
}

/** The part of a note the note metrics look at. */
export interface NoteLike {
	onsetSeconds: number;
	midiPitch: number;
}

export interface NoteFMeasureOptions {
	/** Largest onset difference for a match, s (default 0.05). */
	onsetToleranceSeconds?: number;
	/** Largest pitch difference for a match, cents (default 50). */
	pitchToleranceCents?: number;
}

export interface NoteFMeasure {
	precision: number;
	recall: number;
	fMeasure: number;
	/** Matched pairs as [reference index, estimate index]. */
	matches: [number, number][];
}

/**
 * Note F-measure on onset and pitch ("COnP"; offsets ignored), with the one-to-one matching
 * of largest size (Kuhn's augmenting-path algorithm, as mir_eval's maximum bipartite matching).
 */
export function noteFMeasure(ref: readonly NoteLike[], est: readonly NoteLike[], options: NoteFMeasureOptions = {}): NoteFMeasure {
	// The small epsilon mirrors mir_eval's rounding guard against float noise at the tolerance edge.
	const onsetTol = (options.onsetToleranceSeconds ?? 0.05) + 1e-9;
	const pitchTol = (options.pitchToleranceCents ?? 50) + 1e-9;
	const edges: number[][] = ref.map((r) => {
		const list: number[] = [];
		est.forEach((e, j) => {
			if (Math.abs(e.onsetSeconds - r.onsetSeconds) <= onsetTol && Math.abs(100 * (e.midiPitch - r.midiPitch)) <= pitchTol) list.push(j);
		});
		return list;
	});
	const matchOfEst = new Int32Array(est.length).fill(-1);
	const tryAugment = (i: number, seen: Uint8Array): boolean => {
		for (const j of edges[i]) {
			if (seen[j]) continue;
			seen[j] = 1;
			if (matchOfEst[j] < 0 || tryAugment(matchOfEst[j], seen)) {
				matchOfEst[j] = i;
				return true;
			}
		}
		return false;
	};
	for (let i = 0; i < ref.length; i++) tryAugment(i, new Uint8Array(est.length));
	const matches: [number, number][] = [];
	matchOfEst.forEach((i, j) => {
		if (i >= 0) matches.push([i, j]);
	});
	matches.sort((a, b) => a[0] - b[0]);
	const precision = est.length ? matches.length / est.length : 0;
	const recall = ref.length ? matches.length / ref.length : 0;
	const fMeasure = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
	return { precision, recall, fMeasure, matches };
}
