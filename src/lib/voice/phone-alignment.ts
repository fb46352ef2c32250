/**
 * Aligning the phones of a known text to a reading of it, by broad phonetic class: every 10 ms
 * frame is scored against a prototype of each class (vowels loud and voiced, nasals and liquids
 * voiced but quieter, fricatives with energy above 4 kHz, stops quiet, pauses silent), and dynamic
 * programming (a segmental, explicit-duration alignment in the manner of classic broad-class
 * aligners, e.g. Wightman & Talkin 1997) finds the phone boundaries minimising the frame costs plus
 * log-normal duration costs. An optional pause may follow each word; it is cheaper at punctuation.
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

	// Each state's frame costs against its class prototype.
	const classCost = new Float64Array(n * frames);
	for (let s = 0; s < n; s++) {
		const [e0, v0, h0] = states[s].prototype;
		const vTarget = states[s].voicedFricative ? 0.6 : v0;
		for (let t = 0; t < frames; t++) {
			const de = (e[t] - e0) / 0.25;
			const dv = (voicedProb[t] - vTarget) / 0.4;
			const dh = (h[t] - h0) / 12;
			classCost[s * frames + t] = de * de + dv * dv + dh * dh;
		}
	}
	let path = segmentalAlign(states, classCost, frames, rate, null);
	// Embedded re-estimation: Gaussian models of each phone's cepstra, learned from this reading
	// under the current alignment, sharpen the boundaries that broad classes leave vague
	// (a nasal or glide running into its vowel).
	const observations = cepstralObservations(features.cepstra, frames);
	for (let round = 0; round < REESTIMATION_ROUNDS; round++) {
		const models = estimatePhoneModels(observations, path.map((p) => ({ key: stateKey(states[p.state]), cls: states[p.state].cls, start: p.start, end: p.end })));
		const band = bandAround(path, n, frames);
		// Each phone's likelihoods once, over the frames any of its states may cover.
		const reach = new Map<string, [number, number]>();
		states.forEach((st, s) => {
			const key = stateKey(st);
			const [lo, hi] = reach.get(key) ?? [frames, 0];
			reach.set(key, [Math.min(lo, Math.max(0, band[2 * s] - st.max)), Math.max(hi, band[2 * s + 1])]);
		});
		const likelihood = new Map<string, Float64Array>();
		for (const [key, [lo, hi]] of reach) {
			const model = models.get(key);
			if (!model) continue;
			const row = new Float64Array(frames);
			for (let t = lo; t < hi; t++) row[t] = CEPSTRAL_WEIGHT * model.negLogLikelihood(observations, t);
			likelihood.set(key, row);
		}
		const cost = Float64Array.from(classCost);
		for (let s = 0; s < n; s++) {
			const row = likelihood.get(stateKey(states[s]));
			if (!row) continue;
			const from = Math.max(0, band[2 * s] - states[s].max);
			for (let t = from; t < band[2 * s + 1]; t++) cost[s * frames + t] += row[t];
		}
		path = segmentalAlign(states, cost, frames, rate, band);
	}
	return path.flatMap((p) => {
		const phone = states[p.state].phone;
		return phone ? [{ ...phone, startFrame: p.start, endFrame: p.end }] : [];
	});
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
function bandAround(path: Segment[], n: number, frames: number): Int32Array {
	const anchor = new Int32Array(n).fill(-1);
	for (const p of path) anchor[p.state] = p.end;
	let last = 0;
	for (let s = 0; s < n; s++) {
		if (anchor[s] < 0) anchor[s] = last;
		last = anchor[s];
	}
	const band = new Int32Array(2 * n);
	for (let s = 0; s < n; s++) {
		band[2 * s] = Math.max(0, anchor[s] - REESTIMATION_BAND_FRAMES);
		band[2 * s + 1] = Math.min(frames, anchor[s] + REESTIMATION_BAND_FRAMES);
	}
	return band;
}

/**
 * Segmental dynamic programming over the states in order: each state lasts between its minimum
 * and maximum number of frames, paying its frame costs plus a log-normal duration cost; optional
 * pauses may be skipped. `band` (pairs of lowest and highest end frame per state) limits the search.
 */
function segmentalAlign(states: State[], frameCost: Float64Array, frames: number, rate: number, band: Int32Array | null): Segment[] {
	const n = states.length;
	const stride = frames + 1;
	const INF = Infinity;
	// best[s][t]: lowest cost with states 0..s covering frames [0, t), state s ending at t.
	// entry[t]: the cheapest way to have finished the states before s at frame t (the previous
	// state, or the one before it when an optional pause lies between), with which state that was.
	const best = new Float64Array(n * stride).fill(INF);
	const fromFrame = new Int32Array(n * stride).fill(-1);
	const fromState = new Int32Array(n * stride).fill(-1);
	const entry = new Float64Array(stride);
	const entryState = new Int32Array(stride);
	const prefix = new Float64Array(stride);
	const lowEnd = (s: number) => (band ? band[2 * s] : 0);
	const highEnd = (s: number) => (band ? band[2 * s + 1] : frames);
	let leading = true;
	for (let s = 0; s < n; s++) {
		const st = states[s];
		const expected = st.optional ? st.expected : st.expected * rate;
		const maxD = Math.min(frames, st.max);
		const lo = Math.max(st.min, lowEnd(s));
		const hi = highEnd(s);
		entry.fill(INF);
		entryState.fill(-1);
		// Leading states may start at frame 0: the first pause, or the first phone when it is skipped.
		if (leading) entry[0] = 0;
		if (!st.optional) leading = false;
		for (let p = s - 1; p >= 0; p--) {
			const row = p * stride;
			for (let t = Math.max(1, lowEnd(p)); t <= highEnd(p); t++) {
				if (best[row + t] < entry[t]) {
					entry[t] = best[row + t];
					entryState[t] = p;
				}
			}
			if (!states[p].optional) break;
		}
		const durationCost = new Float64Array(maxD + 1);
		for (let d = st.min; d <= maxD; d++) {
			const ratio = Math.log(d / expected);
			durationCost[d] = st.optional ? st.pausePenalty : DURATION_WEIGHT * ratio * ratio;
		}
		let acc = 0;
		const costRow = s * frames;
		for (let t = 0; t < frames; t++) {
			acc += frameCost[costRow + t];
			prefix[t + 1] = acc;
		}
		const row = s * stride;
		for (let t = lo; t <= hi; t++) {
			let bestCost = INF;
			let bestFrom = -1;
			const first = Math.max(0, t - maxD);
			const end = prefix[t];
			for (let start = t - st.min; start >= first; start--) {
				const e0 = entry[start];
				if (e0 === INF) continue;
				const c = e0 + (end - prefix[start]) + durationCost[t - start];
				if (c < bestCost) {
					bestCost = c;
					bestFrom = start;
				}
			}
			best[row + t] = bestCost;
			fromFrame[row + t] = bestFrom;
			fromState[row + t] = bestFrom >= 0 ? entryState[bestFrom] : -1;
		}
	}
	// The path ends in the last state (a pause) or the last phone when the pause is skipped.
	let s = n - 1;
	if (best[(n - 2) * stride + frames] < best[(n - 1) * stride + frames]) s = n - 2;
	const path: Segment[] = [];
	let t = frames;
	while (s >= 0 && t > 0) {
		const start = fromFrame[s * stride + t];
		if (start < 0) break;
		path.push({ state: s, start, end: t });
		const previous = fromState[s * stride + t];
		t = start;
		s = previous;
	}
	return path.reverse();
}
