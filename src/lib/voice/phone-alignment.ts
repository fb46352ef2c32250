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

	// Prefix sums of each state's frame costs.
	const prefix = new Float64Array(n * (frames + 1));
	for (let s = 0; s < n; s++) {
		const [e0, v0, h0] = states[s].prototype;
		const vTarget = states[s].voicedFricative ? 0.6 : v0;
		let acc = 0;
		const base = s * (frames + 1);
		for (let t = 0; t < frames; t++) {
			const de = (e[t] - e0) / 0.25;
			const dv = (voicedProb[t] - vTarget) / 0.4;
			const dh = (h[t] - h0) / 12;
			acc += de * de + dv * dv + dh * dh;
			prefix[base + t + 1] = acc;
		}
	}

	// best[s][t]: lowest cost with states 0..s covering frames [0, t), state s ending at t.
	// entry[t]: the cheapest way to have finished the states before s at frame t (the previous
	// state, or the one before it when an optional pause lies between), with which state that was.
	const INF = Infinity;
	const stride = frames + 1;
	const best = new Float64Array(n * stride).fill(INF);
	const fromFrame = new Int32Array(n * stride).fill(-1);
	const fromState = new Int32Array(n * stride).fill(-1);
	const entry = new Float64Array(stride);
	const entryState = new Int32Array(stride);
	for (let s = 0; s < n; s++) {
		entry.fill(INF);
		entryState.fill(-1);
		// Leading states may start at frame 0: the first pause, or the first phone when it is skipped.
		let leading = true;
		for (let p = 0; p < s; p++) if (!states[p].optional) leading = false;
		if (leading) entry[0] = 0;
		for (let p = s - 1; p >= 0; p--) {
			const row = p * stride;
			for (let t = 1; t <= frames; t++) {
				if (best[row + t] < entry[t]) {
					entry[t] = best[row + t];
					entryState[t] = p;
				}
			}
			if (!states[p].optional) break;
		}
		const st = states[s];
		const expected = st.optional ? st.expected : st.expected * rate;
		const maxD = Math.min(frames, st.max);
		const durationCost = new Float64Array(maxD + 1);
		for (let d = st.min; d <= maxD; d++) {
			const ratio = Math.log(d / expected);
			durationCost[d] = st.optional ? st.pausePenalty : DURATION_WEIGHT * ratio * ratio;
		}
		const row = s * stride;
		for (let t = st.min; t <= frames; t++) {
			let bestCost = INF;
			let bestFrom = -1;
			const lo = Math.max(0, t - maxD);
			const end = prefix[row + t];
			for (let start = t - st.min; start >= lo; start--) {
				const e0 = entry[start];
				if (e0 === INF) continue;
				const c = e0 + (end - prefix[row + start]) + durationCost[t - start];
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
	let endState = n - 1;
	if (best[(n - 2) * (frames + 1) + frames] < best[(n - 1) * (frames + 1) + frames]) endState = n - 2;
	const phones: AlignedPhone[] = [];
	let s = endState;
	let t = frames;
	while (s >= 0 && t > 0) {
		const start = fromFrame[s * (frames + 1) + t];
		if (start < 0) break;
		const phone = states[s].phone;
		if (phone) phones.push({ ...phone, startFrame: start, endFrame: t });
		const previous = fromState[s * (frames + 1) + t];
		t = start;
		s = previous;
	}
	return phones.reverse();
}
