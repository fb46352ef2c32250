/**
 * Real read speech as teleprompter readings: one speaker's sentences (VCTK English, Common Voice
 * Cantonese and Mandarin in ../shared/data) played back to back, each sentence a prompt line,
 * with the times each line is being read (from the first to the last frame within 35 dB of that
 * sentence's loudest, measured on the sentence alone), and the ways of making a reader slower.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeAudio } from '../../src/lib/audio/decode';
import { frameLevelDb } from '../../src/lib/take/speech-activity';
import type { ReadingFollowerOptions } from '../../src/lib/take/reading-follower';
import { ReadingTracker } from '../../src/lib/take/reading-tracker';
import { phraseSyllables } from '../../src/lib/lyrics/reading-phrases';
import type { Language } from '../../src/lib/take/types';
import { SHARED_DATA } from './paths';
import { VCTK_TRANSCRIPTS } from '../fixtures/vctk-transcripts';

export const HAS_READINGS = existsSync(path.join(SHARED_DATA, 'vctk/p225/p225_003.wav')) && existsSync(path.join(SHARED_DATA, 'commonvoice/yue-commonvoice-zh-HK/transcripts.tsv'));

export const FRAME_SECONDS = 0.02;
const EXTENT_BELOW_PEAK_DB = 35;
/** Shortest pause between lines, seconds. */
const LINE_PAUSE_SECONDS = 0.6;

export interface Reading {
	name: string;
	language: Language;
	sampleRate: number;
	pcm: Float32Array;
	lines: string[];
	/** Per line, [start, end] seconds while it is being read. */
	lineTimes: [number, number][];
}

interface Sentence {
	file: string;
	text: string;
}

function frameLevels(pcm: Float32Array, sampleRate: number): number[] {
	const hop = Math.round(FRAME_SECONDS * sampleRate);
	const levels: number[] = [];
	for (let i = 0; i + hop <= pcm.length; i += hop) levels.push(frameLevelDb(pcm, i, i + hop));
	return levels;
}

/** First and last frame within EXTENT_BELOW_PEAK_DB of the loudest, seconds. */
function speechExtent(pcm: Float32Array, sampleRate: number): [number, number] {
	const levels = frameLevels(pcm, sampleRate);
	const peak = Math.max(...levels);
	const first = levels.findIndex((l) => l > peak - EXTENT_BELOW_PEAK_DB);
	let last = levels.length - 1;
	while (levels[last] <= peak - EXTENT_BELOW_PEAK_DB) last -= 1;
	return [first * FRAME_SECONDS, (last + 1) * FRAME_SECONDS];
}

/** `seconds` of the clip's own room noise: its quietest frame, repeated. */
function roomNoise(clip: Float32Array, sampleRate: number, seconds: number): Float32Array {
	const hop = Math.round(FRAME_SECONDS * sampleRate);
	const levels = frameLevels(clip, sampleRate);
	const quietest = levels.indexOf(Math.min(...levels.filter((l) => l > -100)));
	const frame = clip.subarray(quietest * hop, quietest * hop + hop);
	const out = new Float32Array(Math.round(seconds / FRAME_SECONDS) * hop);
	for (let i = 0; i < out.length; i += hop) out.set(frame, i);
	return out;
}

/**
 * Sentences back to back as lines. VCTK's files are trimmed to the speech, so where a sentence and
 * the next are less than LINE_PAUSE_SECONDS apart, room noise makes up the pause a reader takes
 * between lines.
 */
async function joinSentences(name: string, language: Language, sentences: Sentence[]): Promise<Reading> {
	const clips: Float32Array[] = [];
	let sampleRate = 0;
	for (const s of sentences) {
		const audio = await decodeAudio(new Uint8Array(readFileSync(s.file)));
		if (sampleRate && audio.sampleRate !== sampleRate) throw new Error(`${s.file}: ${audio.sampleRate} Hz, expected ${sampleRate}`);
		sampleRate = audio.sampleRate;
		clips.push(audio.channels[0]);
	}
	const extents = clips.map((clip) => speechExtent(clip, sampleRate));
	const pieces: Float32Array[] = [];
	const lineTimes: [number, number][] = [];
	let offset = 0;
	clips.forEach((clip, i) => {
		if (i > 0) {
			const gap = clips[i - 1].length / sampleRate - extents[i - 1][1] + extents[i][0];
			if (gap < LINE_PAUSE_SECONDS) {
				const noise = roomNoise(clips[i - 1], sampleRate, LINE_PAUSE_SECONDS - gap);
				pieces.push(noise);
				offset += noise.length;
			}
		}
		lineTimes.push([offset / sampleRate + extents[i][0], offset / sampleRate + extents[i][1]]);
		pieces.push(clip);
		offset += clip.length;
	});
	return { name, language, sampleRate, pcm: concat(pieces), lines: sentences.map((s) => s.text), lineTimes };
}

/** Every speaker's sentences as one reading each: 4 VCTK English, 4 Cantonese, 3 Mandarin. */
export async function loadReadings(): Promise<Reading[]> {
	const readings: Reading[] = [];
	for (const speaker of ['p225', 'p226', 'p227', 'p228']) {
		const dir = path.join(SHARED_DATA, 'vctk', speaker);
		const files = readdirSync(dir).filter((f) => f.endsWith('.wav')).sort();
		readings.push(await joinSentences(`VCTK ${speaker}`, 'en', files.map((f) => ({ file: path.join(dir, f), text: VCTK_TRANSCRIPTS[f.slice(5, 8)] }))));
	}
	for (const [folder, language] of [['yue-commonvoice-zh-HK', 'yue'], ['cmn-commonvoice-zh-CN', 'cmn']] as const) {
		const dir = path.join(SHARED_DATA, 'commonvoice', folder);
		const rows = readFileSync(path.join(dir, 'transcripts.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
		const speakers = [...new Set(rows.map(([file]) => file.split('_')[1]))];
		for (const speaker of speakers) {
			const own = rows.filter(([file]) => file.split('_')[1] === speaker).sort((a, b) => (a[0] < b[0] ? -1 : 1));
			readings.push(await joinSentences(`Common Voice ${language} ${speaker}`, language, own.map(([file, text]) => ({ file: path.join(dir, file), text }))));
		}
	}
	return readings;
}

/**
 * A slower reader: the same voice leaving longer gaps, each gap (a run of frames 30 dB under the
 * reading's loudest, between words and between lines) lengthened by the same factor with the
 * room's own noise, so the whole reading takes `factor` times as long and its longest pauses stay
 * where they were. (An overlap-add time stretch was tried first: its phase cancellations pulse the
 * level and add syllable peaks no reader makes.)
 */
export function slowDown(reading: Reading, factor: number): Reading {
	const hop = Math.round(FRAME_SECONDS * reading.sampleRate);
	const levels = frameLevels(reading.pcm, reading.sampleRate);
	const peak = Math.max(...levels);
	const first = Math.round(reading.lineTimes[0][0] / FRAME_SECONDS);
	const last = Math.round(reading.lineTimes[reading.lineTimes.length - 1][1] / FRAME_SECONDS);
	// Gaps as [first frame, frames].
	const gaps: [number, number][] = [];
	for (let f = first; f < last; f++) {
		if (levels[f] >= peak - 30) continue;
		if (gaps.length > 0 && gaps[gaps.length - 1][0] + gaps[gaps.length - 1][1] === f) gaps[gaps.length - 1][1] += 1;
		else gaps.push([f, 1]);
	}
	const gapFrames = gaps.reduce((n, [, length]) => n + length, 0);
	const stretch = ((factor - 1) * (last - first)) / gapFrames;
	const pieces: Float32Array[] = [];
	/** Per gap: where it starts, seconds, and the noise added there, seconds. */
	const addedBefore: [number, number][] = [];
	let copiedTo = 0;
	for (const [f, length] of gaps) {
		// Lengthened in its middle, so a line's end before it and the next line's start after it stay apart.
		const middle = f + Math.floor(length / 2);
		pieces.push(reading.pcm.subarray(copiedTo, middle * hop));
		const noise = roomNoise(reading.pcm.subarray(f * hop, (f + length) * hop), reading.sampleRate, length * stretch * FRAME_SECONDS);
		pieces.push(noise);
		copiedTo = middle * hop;
		addedBefore.push([middle * FRAME_SECONDS, noise.length / reading.sampleRate]);
	}
	pieces.push(reading.pcm.subarray(copiedTo));
	// Noise inserted in a gap moves everything after it.
	const shift = (t: number) => t + addedBefore.reduce((n, [at, noise]) => (at < t ? n + noise : n), 0);
	return {
		...reading,
		name: `${reading.name} ×${factor} slower`,
		pcm: concat(pieces),
		lineTimes: reading.lineTimes.map(([s, e]) => [shift(s), shift(e)])
	};
}

function concat(pieces: Float32Array[]): Float32Array {
	const pcm = new Float32Array(pieces.reduce((n, p) => n + p.length, 0));
	let offset = 0;
	for (const p of pieces) {
		pcm.set(p, offset);
		offset += p.length;
	}
	return pcm;
}

/**
 * A reader who stops mid-line: `pauseSeconds` of the room's own noise (the line's quietest frame,
 * repeated) inserted at the quietest frame of the middle third of every line longer than 1.5 s.
 */
export function pauseMidLines(reading: Reading, pauseSeconds: number): Reading {
	const hop = Math.round(FRAME_SECONDS * reading.sampleRate);
	const levels = frameLevels(reading.pcm, reading.sampleRate);
	const pieces: Float32Array[] = [];
	const lineTimes: [number, number][] = [];
	let copiedTo = 0;
	let added = 0;
	for (const [start, end] of reading.lineTimes) {
		if (end - start < 1.5) {
			lineTimes.push([start + added, end + added]);
			continue;
		}
		const from = Math.round((start + (end - start) / 3) / FRAME_SECONDS);
		const to = Math.round((start + (2 * (end - start)) / 3) / FRAME_SECONDS);
		let quietest = from;
		for (let f = from; f < to; f++) if (levels[f] < levels[quietest]) quietest = f;
		const cut = quietest * hop + Math.round(hop / 2);
		pieces.push(reading.pcm.subarray(copiedTo, cut));
		const pause = roomNoise(reading.pcm.subarray(Math.round(start * reading.sampleRate), Math.round(end * reading.sampleRate)), reading.sampleRate, pauseSeconds);
		pieces.push(pause);
		copiedTo = cut;
		lineTimes.push([start + added, end + added + pause.length / reading.sampleRate]);
		added += pause.length / reading.sampleRate;
	}
	pieces.push(reading.pcm.subarray(copiedTo));
	return { ...reading, name: `${reading.name}, ${pauseSeconds} s pause mid-line`, pcm: concat(pieces), lineTimes };
}

export interface FollowScore {
	/** Fraction of the time lines are being read that the follower shows the line being read. */
	onLine: number;
	/** Seconds being read. */
	seconds: number;
	/** The reader's syllables per loudness peak learned by the end. */
	syllablesPerPeak: number;
}

/** Plays the reading to the teleprompter's tracker and scores, every 20 ms, the line it shows against the line being read. */
export function followReading(reading: Reading, options: Partial<Omit<ReadingFollowerOptions, 'lines' | 'frameSeconds'>> = {}): FollowScore {
	const tracker = new ReadingTracker(
		reading.sampleRate,
		reading.lines.map((line) => phraseSyllables(line, reading.language)),
		options
	);
	const hop = Math.round(FRAME_SECONDS * reading.sampleRate);
	let right = 0;
	let total = 0;
	for (let i = 0; i + hop <= reading.pcm.length; i += hop) {
		const shown = tracker.push(reading.pcm.subarray(i, i + hop)).line;
		const t = (i + hop / 2) / reading.sampleRate;
		const line = reading.lineTimes.findIndex(([s, e]) => t >= s && t < e);
		if (line < 0) continue;
		total += 1;
		if (shown === line) right += 1;
	}
	return { onLine: total ? right / total : 0, seconds: total * FRAME_SECONDS, syllablesPerPeak: tracker.current.syllablesPerPeak };
}

/**
 * The recorder before the follower: the read part's time (60 s take, up to 25 s of hum) shared out
 * evenly, at most 6 s a line, from the moment reading starts (here: the first line's start).
 */
export function fixedPaceLine(reading: Reading, t: number): number {
	const lineSeconds = Math.min(6, (60 - 25) / reading.lines.length);
	return Math.max(0, Math.min(reading.lines.length - 1, Math.floor((t - reading.lineTimes[0][0]) / lineSeconds)));
}

export function scoreFixedPace(reading: Reading): FollowScore {
	let right = 0;
	let total = 0;
	for (let t = FRAME_SECONDS / 2; t < reading.pcm.length / reading.sampleRate; t += FRAME_SECONDS) {
		const line = reading.lineTimes.findIndex(([s, e]) => t >= s && t < e);
		if (line < 0) continue;
		total += 1;
		if (fixedPaceLine(reading, t) === line) right += 1;
	}
	return { onLine: total ? right / total : 0, seconds: total * FRAME_SECONDS, syllablesPerPeak: 0 };
}
