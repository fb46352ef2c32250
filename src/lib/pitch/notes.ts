/**
 * Monophonic note segmentation of a sung or hummed f0 track.
 *
 * 1. Voiced runs, bridging voicing gaps shorter than `maxGapFillSeconds`.
 * 2. Re-articulations: a run splits at an energy dip of `onsetDipDb` (a "da-da-da" on one pitch).
 * 3. Within a run the MIDI contour is median-filtered (outliers) and averaged over
 *    `smoothingSeconds` (a moving average one vibrato period long cancels most of the
 *    vibrato; a step stays centred where it was), then cut into constant-pitch pieces by
 *    optimal partitioning with a per-piece penalty (Jackson et al., 2005, "An algorithm for
 *    optimal partitioning of data on an interval"; pruned as in PELT, Killick et al., 2012).
 * 4. Neighbouring pieces closer than `mergeSemitones` merge (drift, vibrato residue); pieces
 *    shorter than `minNoteSeconds` merge into the neighbour nearest in pitch (scoops), and
 *    isolated short runs are dropped (breaths, clicks).
 */
import type { RmsEnvelope } from './envelope';
import type { F0Track, NoteEvent } from './types';
import { hzToMidi } from './units';
import { removeVibrato } from './vibrato';

export interface SegmentNotesOptions {
	/** Shortest note kept, s (default 0.07). */
	minNoteSeconds?: number;
	/** Voicing gaps up to this long are bridged, s (default 0.02); longer gaps end a note. */
	maxGapFillSeconds?: number;
	/** Moving-average length for the pitch contour, s (default 0.12). */
	smoothingSeconds?: number;
	/** Per-piece penalty of the partitioning, semitone² · frames (default 1). */
	splitPenalty?: number;
	/** Adjacent pieces whose median pitches differ less than this merge, semitones (default 0.5). */
	mergeSemitones?: number;
	/** Optional RMS envelope (same hop as the track) for re-articulation onsets. */
	rms?: RmsEnvelope;
	/** Depth of an energy dip below the peaks on both sides (within ±0.15 s) that splits a note, dB (default 6). */
	onsetDipDb?: number;
}

interface Piece {
	start: number;
	/** Exclusive. */
	end: number;
	median: number;
}

function median(values: ArrayLike<number>, start: number, end: number): number {
	const v: number[] = [];
	for (let i = start; i < end; i++) if (Number.isFinite(values[i])) v.push(values[i]);
	if (v.length === 0) return Number.NaN;
	v.sort((a, b) => a - b);
	const m = v.length >> 1;
	return v.length % 2 ? v[m] : 0.5 * (v[m - 1] + v[m]);
}

/** Optimal partitioning of x[0, n) into constant pieces (L2 cost) with penalty `beta` and minimum length `minLen`. */
export function partitionConstant(x: Float64Array, beta: number, minLen: number): number[] {
	const n = x.length;
	if (n < 2 * minLen) return [0, n];
	const s1 = new Float64Array(n + 1);
	const s2 = new Float64Array(n + 1);
	for (let i = 0; i < n; i++) {
		s1[i + 1] = s1[i] + x[i];
		s2[i + 1] = s2[i] + x[i] * x[i];
	}
	const cost = (a: number, b: number) => {
		const m = b - a;
		const s = s1[b] - s1[a];
		return s2[b] - s2[a] - (s * s) / m;
	};
	const f = new Float64Array(n + 1).fill(Infinity);
	const last = new Int32Array(n + 1);
	f[0] = -beta;
	let candidates: number[] = [0];
	for (let t = minLen; t <= n; t++) {
		let best = Infinity;
		let bestS = 0;
		for (const s of candidates) {
			if (t - s < minLen) continue;
			const v = f[s] + cost(s, t) + beta;
			if (v < best) {
				best = v;
				bestS = s;
			}
		}
		f[t] = best;
		last[t] = bestS;
		// PELT pruning: a start that is already worse than the optimum can never win later.
		candidates = candidates.filter((s) => t - s < minLen || f[s] + cost(s, t) <= best);
		if (t + 1 - minLen >= minLen) candidates.push(t + 1 - minLen);
	}
	const bounds: number[] = [n];
	let t = n;
	while (t > 0) {
		t = last[t];
		bounds.push(t);
	}
	return bounds.reverse();
}

export function segmentNotes(track: F0Track, options: SegmentNotesOptions = {}): NoteEvent[] {
	const hop = track.hopSeconds;
	const minFrames = Math.max(1, Math.round((options.minNoteSeconds ?? 0.07) / hop));
	const maxGap = Math.round((options.maxGapFillSeconds ?? 0.02) / hop);
	const smoothHalf = Math.max(0, Math.round((options.smoothingSeconds ?? 0.12) / hop / 2));
	const beta = options.splitPenalty ?? 1;
	const mergeSemitones = options.mergeSemitones ?? 0.5;
	const dipDb = options.onsetDipDb ?? 6;
	const frames = track.f0Hz.length;

	const midi = new Float64Array(frames).fill(Number.NaN);
	for (let t = 0; t < frames; t++) if (track.voiced[t] && track.f0Hz[t] > 0) midi[t] = hzToMidi(track.f0Hz[t]);

	// 1. Voiced runs with short gaps bridged.
	const runs: [number, number][] = [];
	let t = 0;
	while (t < frames) {
		if (Number.isNaN(midi[t])) {
			t++;
			continue;
		}
		const start = t;
		let end = t + 1;
		let k = end;
		while (k < frames) {
			if (!Number.isNaN(midi[k])) {
				end = k + 1;
				k++;
			} else if (k - end < maxGap) k++;
			else break;
		}
		runs.push([start, end]);
		t = end;
	}

	// 2. Split runs at energy dips.
	const splitRuns: [number, number][] = [];
	const rms = options.rms;
	for (const [a, b] of runs) {
		if (!rms) {
			splitRuns.push([a, b]);
			continue;
		}
		const db = (i: number) => 20 * Math.log10((rms.rms[Math.min(rms.rms.length - 1, Math.round((i * hop) / rms.hopSeconds))] ?? 0) + 1e-9);
		const reach = Math.round(0.15 / hop);
		let start = a;
		for (let i = a + minFrames; i < b - minFrames; i++) {
			const here = db(i);
			if (!(here < db(i - 1) && here <= db(i + 1))) continue;
			let leftPeak = -Infinity;
			for (let j = Math.max(start, i - reach); j < i; j++) leftPeak = Math.max(leftPeak, db(j));
			let rightPeak = -Infinity;
			for (let j = i + 1; j <= Math.min(b - 1, i + reach); j++) rightPeak = Math.max(rightPeak, db(j));
			if (leftPeak - here >= dipDb && rightPeak - here >= dipDb && i - start >= minFrames) {
				splitRuns.push([start, i]);
				start = i + 1;
			}
		}
		splitRuns.push([start, b]);
	}

	const notes: NoteEvent[] = [];
	for (const [a, b] of splitRuns) {
		if (b - a < minFrames) continue;
		// 3. Smoothed contour of the run (gaps filled by the last pitch), then optimal partitioning.
		const n = b - a;
		const raw = new Float64Array(n);
		let lastValue = midi[a];
		for (let i = 0; i < n; i++) {
			const v = midi[a + i];
			raw[i] = Number.isNaN(v) ? lastValue : v;
			lastValue = raw[i];
		}
		const despiked = new Float64Array(n);
		for (let i = 0; i < n; i++) despiked[i] = median(raw, Math.max(0, i - 2), Math.min(n, i + 3));
		// Wide vibrato survives the moving average below (±1 semitone at 5.5 Hz leaves ±0.4): take
		// its centre line first, so a held note is one piece and not one per half-cycle.
		const filtered = removeVibrato(despiked, hop);
		const prefix = new Float64Array(n + 1);
		for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i] + filtered[i];
		const smooth = new Float64Array(n);
		for (let i = 0; i < n; i++) {
			const lo = Math.max(0, i - smoothHalf);
			const hi = Math.min(n, i + smoothHalf + 1);
			smooth[i] = (prefix[hi] - prefix[lo]) / (hi - lo);
		}
		const bounds = partitionConstant(smooth, beta, Math.max(2, Math.ceil(minFrames / 2)));
		let pieces: Piece[] = [];
		for (let k = 0; k + 1 < bounds.length; k++) {
			pieces.push({ start: bounds[k], end: bounds[k + 1], median: median(filtered, bounds[k], bounds[k + 1]) });
		}
		// 4a. Merge neighbours closer than mergeSemitones, closest pair first.
		const mergeAt = (k: number) => {
			const merged = { start: pieces[k].start, end: pieces[k + 1].end, median: 0 };
			merged.median = median(filtered, merged.start, merged.end);
			pieces = [...pieces.slice(0, k), merged, ...pieces.slice(k + 2)];
		};
		for (;;) {
			let bestK = -1;
			let bestD = mergeSemitones;
			for (let k = 0; k + 1 < pieces.length; k++) {
				const d = Math.abs(pieces[k].median - pieces[k + 1].median);
				if (d < bestD) {
					bestD = d;
					bestK = k;
				}
			}
			if (bestK < 0) break;
			mergeAt(bestK);
		}
		// 4b. Short pieces join the neighbour nearest in pitch.
		for (;;) {
			let shortK = -1;
			for (let k = 0; k < pieces.length; k++) {
				if (pieces[k].end - pieces[k].start < minFrames && pieces.length > 1) {
					shortK = k;
					break;
				}
			}
			if (shortK < 0) break;
			const left = shortK > 0 ? Math.abs(pieces[shortK - 1].median - pieces[shortK].median) : Infinity;
			const right = shortK + 1 < pieces.length ? Math.abs(pieces[shortK + 1].median - pieces[shortK].median) : Infinity;
			if (left <= right) {
				// Keep the longer neighbour's pitch: recompute from the merged frames' median.
				mergeAt(shortK - 1);
			} else mergeAt(shortK);
		}
		for (const p of pieces) {
			if (p.end - p.start < minFrames || !Number.isFinite(p.median)) continue;
			// The note's pitch: median of its core (scoops and releases trimmed).
			const trim = Math.floor((p.end - p.start) * 0.15);
			const pitch = median(filtered, p.start + trim, p.end - trim);
			let probSum = 0;
			let stable = 0;
			for (let i = p.start; i < p.end; i++) {
				probSum += track.voicedProb[a + i];
				if (Math.abs(smooth[i] - pitch) <= 0.35) stable++;
			}
			const len = p.end - p.start;
			notes.push({
				onsetSeconds: (a + p.start) * hop,
				offsetSeconds: (a + p.end) * hop,
				midiPitch: pitch,
				confidence: Math.max(0, Math.min(1, (probSum / len) * (stable / len)))
			});
		}
	}
	notes.sort((x, y) => x.onsetSeconds - y.onsetSeconds);
	return notes;
}
