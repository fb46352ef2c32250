/**
 * Aligning the phones of a known text to a reading of it, by broad phonetic class: every 10 ms
 * frame is scored against a prototype of each class (vowels loud and voiced, nasals and liquids
 * voiced but quieter, fricatives with energy above 4 kHz, stops quiet, pauses silent), and dynamic
 * programming (a segmental, explicit-duration alignment in the manner of classic broad-class
 * aligners, e.g. Wightman & Talkin 1997) finds the phone boundaries minimising the frame costs plus
 * log-normal duration costs. An optional pause may follow each word; it is cheaper at punctuation.
 * The search runs coarse to fine (blocks of 40 ms over the whole reading, then 10 ms frames within
 * ±1.5 s of that path), so a minute's reading aligns in a fraction of a second.
 */
import type { LyricSyllable } from '../lyrics/types';
import { phonemeInfo, type PhonemeClass } from '../lyrics/phoneme-inventory';
import { cepstralObservations, estimatePhoneModels } from './phone-models';
import type { SpeechFeatures } from './speech-features';

export interface AlignedPhone {
	ipa: string;
	syllable: number;
	role: 'onset' | 'nucleus' | 'coda';
	startFrame: number;
	endFrame: number;
}

/** [energy 0–1 of the speech range, voicing probability, high-band tilt dB]. */
type Prototype = [number, number, number];

const PROTOTYPES: Record<PhonemeClass | 'pause', Prototype> = {
	vowel: [0.9, 0.9, -22],
	diphthong: [0.9, 0.9, -22],
	syllabic: [0.7, 0.85, -22],
	approximant: [0.7, 0.8, -20],
	lateral: [0.65, 0.8, -22],
	nasal: [0.55, 0.8, -25],
	fricative: [0.35, 0.2, 0],
	affricate: [0.35, 0.2, -3],
	plosive: [0.2, 0.2, -8],
	unreleased: [0.3, 0.4, -15],
	pause: [0, 0, -10]
};

/** Expected length in frames of each class at an ordinary reading pace. */
const EXPECTED_FRAMES: Record<PhonemeClass | 'pause', number> = {
	vowel: 9,
	diphthong: 13,
	syllabic: 11,
	approximant: 6,
	lateral: 6,
	nasal: 6,
	fricative: 9,
	affricate: 10,
	plosive: 7,
	unreleased: 6,
	pause: 20
};

interface State {
	cls: PhonemeClass | 'pause';
	prototype: Prototype;
	voicedFricative: boolean;
	expected: number;
	min: number;
	max: number;
	/** A pause state the path may skip; extra cost when taken where no punctuation is. */
	optional: boolean;
	pausePenalty: number;
	phone: Omit<AlignedPhone, 'startFrame' | 'endFrame'> | null;
}

const PAUSE_UNMARKED = 4;
const DURATION_WEIGHT = 2;

function phoneStates(syllables: LyricSyllable[]): State[] {
	const states: State[] = [];
	// Pauses inside the reading last at most 1.5 s; the silences before and after it any length.
	const pause = (marked: boolean, max = 150): State => ({ cls: 'pause', prototype: PROTOTYPES.pause, voicedFricative: false, expected: EXPECTED_FRAMES.pause, min: 3, max, optional: true, pausePenalty: marked ? 0 : PAUSE_UNMARKED, phone: null });
	states.push(pause(true, Infinity));
	syllables.forEach((s, index) => {
		const roles: Array<['onset' | 'nucleus' | 'coda', string[]]> = [
			['onset', s.onset],
			['nucleus', s.nucleus],
			['coda', s.coda]
		];
		for (const [role, phones] of roles) {
			for (const ipa of phones) {
				const info = phonemeInfo(ipa);
				let expected = EXPECTED_FRAMES[info.class];
				if (role === 'nucleus' && s.stress === 0) expected *= 0.65;
				states.push({
					cls: info.class,
					prototype: PROTOTYPES[info.class],
					voicedFricative: info.voiced && (info.class === 'fricative' || info.class === 'affricate'),
					expected,
					min: info.class === 'vowel' || info.class === 'diphthong' ? 3 : 2,
					max: Math.round(expected * 5 + 10),
					optional: false,
					pausePenalty: 0,
					phone: { ipa, syllable: index, role }
				});
			}
		}
		const wordEnds = index === syllables.length - 1 || syllables[index + 1].wordIndex !== s.wordIndex;
		const last = index === syllables.length - 1;
		if (wordEnds) states.push(pause(s.breakAfter || last, last ? Infinity : 150));
	});
	return states;
}

/** A stretch of frames [start, end) the path spends in one state. */
interface Segment {
	state: number;
	start: number;
	end: number;
}

/** Analysis frames (10 ms) per block of the first, coarse search over the whole reading. */
const COARSE_STEP = 4;
/** How far (frames) the full-resolution search may move a boundary from where the coarse one put it. */
const REFINE_BAND_FRAMES = 150;
/** Rounds of re-estimating the phone models from the alignment and aligning again. */
const REESTIMATION_ROUNDS = 2;
/** How far (frames) a boundary may move from where the previous round put it. */
const REESTIMATION_BAND_FRAMES = 25;

export function alignPhones(features: SpeechFeatures, syllables: LyricSyllable[]): AlignedPhone[] {
	const { energyDb, voicedProb, highTiltDb } = features;
	const frames = energyDb.length;
	const sorted = Float64Array.from(energyDb).sort();
	const floor = sorted[Math.floor(0.05 * frames)];
	const peak = sorted[Math.floor(0.98 * frames)];
	const range = Math.max(1, peak - floor);
	const e = Float64Array.from(energyDb, (v) => Math.max(0, Math.min(1, (v - floor) / range)));
	const h = Float64Array.from(highTiltDb, (v) => Math.max(-40, Math.min(10, v)));
	const states = phoneStates(syllables);
	const n = states.length;

	// Speaking rate: the phones' expected lengths scaled to the frames that are not silent.
	let speech = 0;
	for (let t = 0; t < frames; t++) if (e[t] > 0.15) speech++;
	const expectedTotal = states.reduce((sum, s) => sum + (s.optional ? 0 : s.expected), 0);
	const rate = Math.max(0.5, Math.min(2.5, speech / Math.max(1, expectedTotal)));

	// Frame costs are a function of the phone (its class prototype, and later its model), not of
	// the state: one row per distinct phone keeps memory linear in the reading's length.
	const keys = [...new Set(states.map(stateKey))];
	const rowOf = Int32Array.from(states, (st) => keys.indexOf(stateKey(st)));
	const classCost = keys.map((key) => {
		const st = states.find((state) => stateKey(state) === key)!;
		const [e0, v0, h0] = st.prototype;
		const vTarget = st.voicedFricative ? 0.6 : v0;
		const row = new Float64Array(frames);
		for (let t = 0; t < frames; t++) {
			const de = (e[t] - e0) / 0.25;
			const dv = (voicedProb[t] - vTarget) / 0.4;
			const dh = (h[t] - h0) / 12;
			row[t] = de * de + dv * dv + dh * dh;
		}
		return row;
	});
	// First the whole search on blocks of COARSE_STEP frames (COARSE_STEP² times cheaper), then the
	// search at full resolution only near where that put each phone's end.
	const classPrefix = classCost.map(prefixSums);
	const blocks = Math.ceil(frames / COARSE_STEP);
	const coarse = segmentalAlign(states, rowOf, classPrefix.map((p) => Float64Array.from({ length: blocks + 1 }, (_, b) => p[Math.min(frames, b * COARSE_STEP)])), blocks, rate, null, COARSE_STEP);
	const guess = coarse.map((seg) => ({ state: seg.state, start: Math.min(frames, seg.start * COARSE_STEP), end: Math.min(frames, seg.end * COARSE_STEP) }));
	let path = segmentalAlign(states, rowOf, classPrefix, frames, rate, bandAround(guess, n, frames, REFINE_BAND_FRAMES));
	// Embedded re-estimation: Gaussian models of each phone's cepstra, learned from this reading
	// under the current alignment, sharpen the boundaries that broad classes leave vague
	// (a nasal or glide running into its vowel).
	const observations = cepstralObservations(features.cepstra, frames);
	for (let round = 0; round < REESTIMATION_ROUNDS; round++) {
		const models = estimatePhoneModels(observations, path.map((p) => ({ key: stateKey(states[p.state]), cls: states[p.state].cls, start: p.start, end: p.end })));
		const band = bandAround(path, n, frames, REESTIMATION_BAND_FRAMES);
		// Each phone's likelihoods once, over the frames any of its states may cover.
		const reach = keys.map((): [number, number] => [frames, 0]);
		states.forEach((st, s) => {
			const r = reach[rowOf[s]];
			r[0] = Math.min(r[0], Math.max(0, band[2 * s] - st.max));
			r[1] = Math.max(r[1], band[2 * s + 1]);
		});
		const cost = keys.map((key, k) => {
			const model = models.get(key);
			if (!model) return classCost[k];
			const row = Float64Array.from(classCost[k]);
			for (let t = reach[k][0]; t < reach[k][1]; t++) row[t] += CEPSTRAL_WEIGHT * model.negLogLikelihood(observations, t);
			return row;
		});
		path = segmentalAlign(states, rowOf, cost.map(prefixSums), frames, rate, band);
	}
	return path.flatMap((p) => {
		const phone = states[p.state].phone;
		return phone ? [{ ...phone, startFrame: p.start, endFrame: p.end }] : [];
	});
}

/** prefix[t] = Σ row[0 … t−1]. */
function prefixSums(row: Float64Array): Float64Array {
	const prefix = new Float64Array(row.length + 1);
	let acc = 0;
	for (let t = 0; t < row.length; t++) {
		acc += row[t];
		prefix[t + 1] = acc;
	}
	return prefix;
}

/** Cepstral costs are weighed against the class costs; this balance was set on eSpeak readings. */
const CEPSTRAL_WEIGHT = 0.25;

function stateKey(state: State): string {
	return state.phone ? state.phone.ipa : 'pause';
}

/**
 * For each state, the end frames the next round may consider: within the band around where the
 * previous path ended it (or, for a pause it skipped, where the state before ended).
 */
function bandAround(path: Segment[], n: number, frames: number, widthFrames: number): Int32Array {
	const anchor = new Int32Array(n).fill(-1);
	for (const p of path) anchor[p.state] = p.end;
	let last = 0;
	for (let s = 0; s < n; s++) {
		if (anchor[s] < 0) anchor[s] = last;
		last = anchor[s];
	}
	const band = new Int32Array(2 * n);
	for (let s = 0; s < n; s++) {
		band[2 * s] = Math.max(0, anchor[s] - widthFrames);
		band[2 * s + 1] = Math.min(frames, anchor[s] + widthFrames);
	}
	return band;
}

/**
 * Segmental dynamic programming over the states in order: each state lasts between its minimum
 * and maximum number of frames, paying its frame costs (`prefix[rowOf[s]]`, prefix sums of its
 * phone's cost row) plus a log-normal duration cost; optional pauses may be skipped. `band` (pairs
 * of lowest and highest end frame per state) limits the search. With `step` > 1 the frames are
 * blocks of that many analysis frames (prefix sums taken every `step` frames), durations counted
 * in analysis frames.
 *
 * Time-synchronous: each state keeps only the frames where it can begin (where the states before
 * it ended), so a banded search costs time and memory in proportion to the band, not to
 * frames × states.
 */
function segmentalAlign(states: State[], rowOf: Int32Array, prefix: Float64Array[], frames: number, rate: number, band: Int32Array | null, step = 1): Segment[] {
	const n = states.length;
	const INF = Infinity;
	const maxD = Int32Array.from(states, (st) => Math.min(frames, Math.ceil(st.max / step)));
	const minD = Int32Array.from(states, (st) => Math.max(1, Math.ceil(st.min / step)));
	const durationCost = states.map((st, s) => {
		const expected = st.optional ? st.expected : st.expected * rate;
		const row = new Float64Array(maxD[s] + 1);
		for (let d = minD[s]; d <= maxD[s]; d++) {
			const ratio = Math.log((d * step) / expected);
			row[d] = st.optional ? st.pausePenalty : DURATION_WEIGHT * ratio * ratio;
		}
		return row;
	});
	// Per state: the cheapest way to have finished the states before it at each frame from
	// entryFirst[s] on (the previous state, or the one before when an optional pause lies between),
	// with which state that was; and, for the backtrace, where each kept segment of it started.
	// Each state's windows are allocated when it is first reached, as long as its band (or the
	// reading) allows: typed arrays, so a long reading leaves the garbage collector little to do.
	const highEnd = (s: number) => (band ? band[2 * s + 1] : frames);
	const entryFirst = new Int32Array(n).fill(-1);
	const entryLast = new Int32Array(n).fill(-1);
	const entryCost: Float64Array[] = new Array(n);
	const entryFrom: Int32Array[] = new Array(n);
	const startFirst = new Int32Array(n).fill(-1);
	const startOf: Int32Array[] = new Array(n);
	// The latest frame an entry of each state can have: the latest end of a state feeding it.
	const entryLimit = new Int32Array(n);
	for (let s = 0; s < n; s++) {
		for (let q = s - 1; q >= 0; q--) {
			entryLimit[s] = Math.max(entryLimit[s], highEnd(q));
			if (!states[q].optional) break;
		}
	}
	const setEntry = (s: number, t: number, cost: number, from: number) => {
		if (entryFirst[s] < 0) {
			entryFirst[s] = t;
			entryCost[s] = new Float64Array(Math.max(t, entryLimit[s]) - t + 1).fill(INF);
			entryFrom[s] = new Int32Array(entryCost[s].length).fill(-1);
		}
		const i = t - entryFirst[s];
		if (t > entryLast[s]) entryLast[s] = t;
		const costs = entryCost[s];
		// Ties go to the nearest earlier state.
		if (cost < costs[i] || (cost === costs[i] && from > entryFrom[s][i])) {
			costs[i] = cost;
			entryFrom[s][i] = from;
		}
	};
	// Leading states may start at frame 0: the first pause, or the first phone when it is skipped.
	for (let s = 0; s < n; s++) {
		setEntry(s, 0, 0, -1);
		if (!states[s].optional) break;
	}
	let high = 0;
	while (high + 1 < n && entryFirst[high + 1] >= 0) high++;
	let low = 0;
	const costAt = new Float64Array(n);
	const fromAt = new Int32Array(n);
	const finalCost = [INF, INF];
	for (let t = 1; t <= frames; t++) {
		// A state past its band, or none of whose entries lies within its longest duration, is done, and so
		// is every state below it.
		while (low < high && ((band && t > band[2 * low + 1]) || (entryFirst[low] >= 0 && entryLast[low] < t - maxD[low]))) low++;
		for (let s = low; s <= high; s++) {
			costAt[s] = INF;
			fromAt[s] = -1;
			if (entryFirst[s] < 0 || t < minD[s]) continue;
			if (band && (t < band[2 * s] || t > band[2 * s + 1])) continue;
			const first = Math.max(t - maxD[s], entryFirst[s]);
			const costs = entryCost[s];
			const last = Math.min(t - minD[s], entryLast[s]);
			const p = prefix[rowOf[s]];
			const end = p[t];
			const dc = durationCost[s];
			let bestCost = INF;
			let bestFrom = -1;
			for (let start = last; start >= first; start--) {
				const e0 = costs[start - entryFirst[s]];
				if (e0 === INF) continue;
				const c = e0 + (end - p[start]) + dc[t - start];
				if (c < bestCost) {
					bestCost = c;
					bestFrom = start;
				}
			}
			costAt[s] = bestCost;
			fromAt[s] = bestFrom;
		}
		if (t === frames) {
			finalCost[0] = n >= 2 && n - 2 >= low && n - 2 <= high ? costAt[n - 2] : INF;
			finalCost[1] = n - 1 >= low && n - 1 <= high ? costAt[n - 1] : INF;
		}
		const top = high;
		for (let s = low; s <= top; s++) {
			const c = costAt[s];
			if (c === INF) continue;
			if (startFirst[s] < 0) {
				startFirst[s] = t;
				startOf[s] = new Int32Array(highEnd(s) - t + 1).fill(-1);
			}
			startOf[s][t - startFirst[s]] = fromAt[s];
			// This state ending at t is an entry for the next, and past it when that is an optional pause.
			for (let next = s + 1; next < n; next++) {
				setEntry(next, t, c, s);
				if (next > high) high = next;
				if (!states[next].optional) break;
			}
		}
	}
	// The path ends in the last state (a pause) or the last phone when the pause is skipped.
	let s = n >= 2 && finalCost[0] < finalCost[1] ? n - 2 : n - 1;
	const path: Segment[] = [];
	let t = frames;
	while (s >= 0 && t > 0) {
		const i = t - startFirst[s];
		const start = startFirst[s] >= 0 && i < startOf[s].length ? startOf[s][i] : -1;
		if (start < 0) break;
		path.push({ state: s, start, end: t });
		t = start;
		s = entryFrom[s][start - entryFirst[s]];
	}
	return path.reverse();
}
