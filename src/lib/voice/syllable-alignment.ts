/**
 * Aligning a known syllable sequence to a reading of it: syllables are separated by dips of the
 * band energy (a syllable is a rise and fall of sonority around its vowel), so the boundaries are
 * chosen by dynamic programming over the speech frames to lie at energy dips while each syllable
 * lasts about what its phonemes predict (log-normal duration cost). Pauses (runs of silence) are
 * cut out first: they are boundaries, expected at the lyrics' punctuation. Each boundary is then moved to the deepest dip within
 * 30 ms, and each syllable's vowel onset is placed where it becomes voiced and loud.
 */
import type { LyricSyllable } from '../lyrics/types';
import { speechFeatures, type SpeechFeatures } from './speech-features';

export interface AlignedSyllable {
	syllable: LyricSyllable;
	startSeconds: number;
	endSeconds: number;
	/** Where the vowel (nucleus) starts: the onset consonants lie before it. */
	nucleusStartSeconds: number;
}

export interface AlignSyllablesOptions {
	/** Frames within this many dB of the quietest speech-free level count as silence (default 12). */
	silenceMarginDb?: number;
	/** Weight of the duration cost against the energy-dip cost (default 0.6). */
	durationWeight?: number;
	/** Precomputed features (the profile builder computes them once). */
	features?: SpeechFeatures;
}

export class AlignmentError extends RangeError {
	readonly code = 'reading_not_found';
	constructor(message: string) {
		super(message);
		this.name = 'AlignmentError';
	}
}

/** Relative expected length of a syllable: a vowel plus a share for each consonant; unstressed English vowels are short. */
function expectedWeight(s: LyricSyllable): number {
	return (s.stress === 0 ? 0.8 : 1) + 0.35 * (s.onset.length + s.coda.length);
}

export function alignSyllables(pcm: Float32Array, sampleRate: number, syllables: LyricSyllable[], options: AlignSyllablesOptions = {}): AlignedSyllable[] {
	const n = syllables.length;
	if (n === 0) return [];
	const features = options.features ?? speechFeatures(pcm, sampleRate);
	const { energyDb, voiced, hopSeconds } = features;
	const frames = energyDb.length;
	const sorted = Float64Array.from(energyDb).sort();
	const floorDb = sorted[Math.floor(0.05 * frames)];
	const peakDb = sorted[Math.floor(0.98 * frames)];
	const silenceDb = floorDb + (options.silenceMarginDb ?? 12);
	if (peakDb - floorDb < 15) throw new AlignmentError('The reading is silent or buried in noise: no speech stands out from the background.');

	// Speech frames only; a pause between two kept frames makes a free boundary.
	const kept: number[] = [];
	const pauseBefore: boolean[] = [];
	let silentRun = 0;
	for (let t = 0; t < frames; t++) {
		if (energyDb[t] < silenceDb) {
			silentRun++;
			continue;
		}
		pauseBefore.push(kept.length > 0 && silentRun >= 8);
		kept.push(t);
		silentRun = 0;
	}
	const m = kept.length;
	if (m < 3 * n) throw new AlignmentError(`The reading holds ${(m * hopSeconds).toFixed(1)} s of speech for ${n} syllables: read the whole prompt, clearly and not too fast.`);

	// Dip cost of a boundary before kept frame p: the energy there relative to the speech range, smoothed over 30 ms.
	const smooth = new Float64Array(m);
	for (let p = 0; p < m; p++) {
		let s = 0;
		let c = 0;
		for (let d = -1; d <= 1; d++) {
			if (p + d >= 0 && p + d < m) {
				s += energyDb[kept[p + d]];
				c++;
			}
		}
		smooth[p] = s / c;
	}
	const dipCost = (p: number) => (pauseBefore[p] ? 0 : Math.max(0, Math.min(1, (smooth[p] - silenceDb) / (peakDb - silenceDb))) + (voiced[kept[p]] && voiced[kept[p - 1] ?? kept[p]] ? 0.3 : 0));

	const weights = syllables.map(expectedWeight);
	const totalWeight = weights.reduce((a, b) => a + b, 0);
	const expected = weights.map((w) => (w / totalWeight) * m);
	const lambda = options.durationWeight ?? 0.6;
	const minFrames = 3;
	const maxFrames = (k: number) => Math.max(minFrames + 1, Math.ceil(expected[k] * 4));

	// Pauses: one inside a syllable is nearly impossible; at punctuation expected, elsewhere allowed.
	const pausesUpTo = new Int32Array(m + 1);
	for (let p = 0; p < m; p++) pausesUpTo[p + 1] = pausesUpTo[p] + (pauseBefore[p] ? 1 : 0);
	const PAUSE_INSIDE = 3;
	const PAUSE_UNMARKED = 0.4;
	const MARK_WITHOUT_PAUSE = 0.3;

	// cost[k][p]: best cost with syllables 0..k−1 covering kept frames [0, p).
	const INF = Infinity;
	let previous = new Float64Array(m + 1).fill(INF);
	previous[0] = 0;
	const back: Int32Array[] = [];
	for (let k = 0; k < n; k++) {
		const current = new Float64Array(m + 1).fill(INF);
		const from = new Int32Array(m + 1).fill(-1);
		const hi = maxFrames(k);
		const marked = syllables[k].breakAfter;
		for (let p = minFrames; p <= m; p++) {
			let boundary = 0;
			if (p < m) {
				boundary = dipCost(p);
				if (pauseBefore[p] && !marked) boundary += PAUSE_UNMARKED;
				if (!pauseBefore[p] && marked) boundary += MARK_WITHOUT_PAUSE;
			}
			for (let d = minFrames; d <= hi && d <= p; d++) {
				const q = p - d;
				if (previous[q] === INF) continue;
				const ratio = Math.log(d / expected[k]);
				const inside = pausesUpTo[p] - pausesUpTo[q + 1];
				const c = previous[q] + lambda * ratio * ratio + boundary + inside * PAUSE_INSIDE;
				if (c < current[p]) {
					current[p] = c;
					from[p] = q;
				}
			}
		}
		back.push(from);
		previous = current;
	}
	if (previous[m] === INF) throw new AlignmentError('The reading does not fit the prompt: too few syllables could be told apart.');
	const starts = new Int32Array(n + 1);
	starts[n] = m;
	for (let k = n - 1; k >= 0; k--) starts[k] = back[k][starts[k + 1]];

	// Move each inner boundary to the lowest smoothed energy within ±3 frames (not past its neighbours).
	for (let k = 1; k < n; k++) {
		if (pauseBefore[starts[k]]) continue;
		let best = starts[k];
		for (let p = Math.max(starts[k - 1] + minFrames, starts[k] - 3); p <= Math.min(starts[k + 1] - minFrames, starts[k] + 3); p++) {
			if (!pauseBefore[p] && smooth[p] < smooth[best]) best = p;
		}
		starts[k] = best;
	}

	return syllables.map((syllable, k) => {
		const first = kept[starts[k]];
		const last = kept[starts[k + 1] - 1];
		// Vowel onset: the first voiced frame within 10 dB of the syllable's peak, or (where pYIN finds
		// no voicing) the first within 4 dB.
		let peak = -Infinity;
		for (let t = first; t <= last; t++) peak = Math.max(peak, energyDb[t]);
		let nucleus = first;
		while (nucleus < last && !((voiced[nucleus] && energyDb[nucleus] >= peak - 10) || energyDb[nucleus] >= peak - 4)) nucleus++;
		if (syllable.onset.length === 0) nucleus = first;
		return {
			syllable,
			startSeconds: first * hopSeconds,
			endSeconds: (last + 1) * hopSeconds,
			nucleusStartSeconds: nucleus * hopSeconds
		};
	});
}
