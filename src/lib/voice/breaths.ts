/**
 * The user's own breaths, found in the pauses of their reading: an inhalation is unvoiced,
 * broadband noise (not a hum, not an "s": its spectral centroid stays under 3.5 kHz) lasting
 * 0.15–0.7 s, clearly above the recording's noise floor and well below the level of speech. The
 * best (clearest) one to three are kept as short 16-bit clips with their level relative to the
 * reading's vowels, so a sung phrase can start with one at the same relative level.
 */
import { RealFft } from '../dsp/fft';

export interface Breath {
	sampleRate: number;
	pcm: Int16Array;
	/** RMS level of the breath relative to the reading's voiced speech (mean power), dB (negative). */
	levelDb: number;
	/** Where it was in the reading, s (for the user and for tests). */
	sourceSeconds: number;
}

export interface SpokenSpan {
	startSeconds: number;
	endSeconds: number;
}

export interface BreathSearch {
	/** f0 per analysis frame (0 = unvoiced) and the frame period, s. */
	f0Hz: ArrayLike<number>;
	framePeriodSeconds: number;
	/** Aligned syllables, in order: breaths are looked for before the first and between them. */
	spans: SpokenSpan[];
}

export const MIN_BREATH_SECONDS = 0.15;
export const MAX_BREATH_SECONDS = 0.7;
const MAX_BREATHS = 3;
const HOP_SECONDS = 0.01;
/** Above the noise floor (10th percentile of the windows' levels) by at least, dB. */
const ABOVE_FLOOR_DB = 6;
/** Below the level of voiced speech by at least, dB. */
const BELOW_SPEECH_DB = 12;
/** A voiced window at least this far below speech is treated as noise, dB. */
const VOICED_WITHIN_DB = 25;
/** Spectral flatness (300 Hz–7 kHz) of at least this: noise, not a tone. */
const MIN_FLATNESS = 0.05;
const MAX_CENTROID_HZ = 3500;
/** Kept away from the aligned syllables, s (their edges are approximate). */
const SPAN_MARGIN_SECONDS = 0.03;
const FADE_SECONDS = 0.015;

/** Level of each HOP_SECONDS window, dB, and its spectral shape on demand (only pause windows that pass the level test need one). */
function windowAnalysis(x: Float32Array, sampleRate: number): { levelsDb: Float64Array; shape: (w: number) => { flatness: number; centroidHz: number } } {
	const hop = Math.round(HOP_SECONDS * sampleRate);
	let size = 8;
	while (size < 0.025 * sampleRate) size *= 2;
	const count = Math.max(0, Math.floor((x.length - size) / hop) + 1);
	const levelsDb = new Float64Array(count);
	for (let w = 0; w < count; w++) {
		let energy = 0;
		for (let i = w * hop; i < w * hop + size; i++) energy += x[i] * x[i];
		levelsDb[w] = 10 * Math.log10(energy / size + 1e-20);
	}
	const fft = new RealFft(size);
	const frame = new Float64Array(size);
	const re = new Float64Array(size / 2 + 1);
	const im = new Float64Array(size / 2 + 1);
	const lowBin = Math.ceil((300 * size) / sampleRate);
	const highBin = Math.min(size / 2, Math.floor((Math.min(7000, 0.45 * sampleRate) * size) / sampleRate));
	const shape = (w: number) => {
		for (let i = 0; i < size; i++) frame[i] = x[w * hop + i] * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / size));
		fft.forward(frame, re, im);
		let logSum = 0;
		let sum = 0;
		let weighted = 0;
		for (let k = lowBin; k <= highBin; k++) {
			const power = re[k] * re[k] + im[k] * im[k] + 1e-20;
			logSum += Math.log(power);
			sum += power;
			weighted += power * ((k * sampleRate) / size);
		}
		const bins = highBin - lowBin + 1;
		return { flatness: Math.exp(logSum / bins) / (sum / bins), centroidHz: weighted / sum };
	};
	return { levelsDb, shape };
}

function percentile(values: number[], p: number): number {
	const s = [...values].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.floor(p * s.length))];
}

/** The clearest one to three breaths in the reading's pauses, best first; [] when there are none. */
export function findBreaths(reading: Float32Array, sampleRate: number, search: BreathSearch): Breath[] {
	const { levelsDb, shape } = windowAnalysis(reading, sampleRate);
	if (levelsDb.length === 0 || search.spans.length === 0) return [];
	const voicedAt = (w: number) => {
		const f = Math.round((w * HOP_SECONDS + 0.0125) / search.framePeriodSeconds);
		return f < search.f0Hz.length && search.f0Hz[f] > 0;
	};
	const floorDb = Math.max(-100, percentile(Array.from(levelsDb), 0.1));
	let voicedPower = 0;
	let voicedCount = 0;
	levelsDb.forEach((db, i) => {
		if (!voicedAt(i)) return;
		voicedPower += 10 ** (db / 10);
		voicedCount++;
	});
	if (voicedCount === 0) return [];
	const speechDb = 10 * Math.log10(voicedPower / voicedCount);
	const isBreathy = (i: number) => {
		const db = levelsDb[i];
		// The pitch tracker calls some faint breaths voiced: only voicing near speech level counts against.
		if ((voicedAt(i) && db > speechDb - VOICED_WITHIN_DB) || db < floorDb + ABOVE_FLOOR_DB || db > speechDb - BELOW_SPEECH_DB) return false;
		const { flatness, centroidHz } = shape(i);
		return flatness >= MIN_FLATNESS && centroidHz <= MAX_CENTROID_HZ;
	};
	// Pauses: before the first syllable and between consecutive ones.
	const pauses: SpokenSpan[] = [];
	let previousEnd = 0;
	for (const span of search.spans) {
		if (span.startSeconds - previousEnd >= MIN_BREATH_SECONDS + 2 * SPAN_MARGIN_SECONDS) pauses.push({ startSeconds: previousEnd + SPAN_MARGIN_SECONDS, endSeconds: span.startSeconds - SPAN_MARGIN_SECONDS });
		previousEnd = Math.max(previousEnd, span.endSeconds);
	}
	const found: Array<{ from: number; to: number; score: number; db: number }> = [];
	for (const pause of pauses) {
		const first = Math.max(0, Math.ceil(pause.startSeconds / HOP_SECONDS));
		const last = Math.min(levelsDb.length, Math.floor(pause.endSeconds / HOP_SECONDS));
		let i = first;
		while (i < last) {
			if (!isBreathy(i)) {
				i++;
				continue;
			}
			// A run of breathy windows, bridging single-window dips.
			let j = i + 1;
			while (j < last && (isBreathy(j) || (j + 1 < last && isBreathy(j + 1)))) j++;
			const seconds = (j - i) * HOP_SECONDS;
			if (seconds >= MIN_BREATH_SECONDS && seconds <= MAX_BREATH_SECONDS) {
				let power = 0;
				for (let k = i; k < j; k++) power += 10 ** (levelsDb[k] / 10);
				const db = 10 * Math.log10(power / (j - i));
				found.push({ from: i, to: j, score: db - floorDb, db });
			}
			i = j;
		}
	}
	found.sort((a, b) => b.score - a.score);
	const hop = HOP_SECONDS * sampleRate;
	return found.slice(0, MAX_BREATHS).map(({ from, to, db }) => {
		const start = Math.round(from * hop);
		const end = Math.min(reading.length, Math.round(to * hop + 0.025 * sampleRate));
		const fade = Math.round(FADE_SECONDS * sampleRate);
		const pcm = new Int16Array(end - start);
		for (let i = 0; i < pcm.length; i++) {
			const edge = Math.min(1, i / fade, (pcm.length - 1 - i) / fade);
			pcm[i] = Math.round(32767 * Math.max(-1, Math.min(1, reading[start + i] * (0.5 - 0.5 * Math.cos(Math.PI * edge)))));
		}
		return { sampleRate, pcm, levelDb: db - speechDb, sourceSeconds: start / sampleRate };
	});
}
