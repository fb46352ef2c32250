/**
 * Note segmentation that fuses the pYIN f0 track with Basic Pitch's posteriorgrams.
 *
 * The DSP tracker is precise in pitch and voicing but blind to articulation: a re-sung syllable
 * on one pitch, or a quick passing note slurred into its neighbour, leaves the f0 nearly
 * unchanged. Basic Pitch's onset posteriorgram (Bittner et al., ICASSP 2022) sees exactly those
 * articulations, but its own note creation fragments sung notes (vibrato, scoops) and places
 * pitch on a semitone grid. Here each source does what it is good at:
 *
 * 1. Pitch pieces: `segmentNotes` on the f0 track (voiced runs, energy-dip re-articulations,
 *    optimal partitioning of the smoothed pitch, vibrato/drift merging).
 * 2. Onset evidence: Basic Pitch's onset activation read at the pitch the singer is about to sing
 *    (the median pYIN pitch of the next `onsetLookaheadSeconds`, ±1 semitone bin), peak-picked in
 *    time. Reading at the sung pitch ignores onsets the network hears at harmonics or in noise.
 * 3. Boundaries between pitch pieces that no onset supports are pitch glides within one sung
 *    note (scoops, falls, vibrato residue): such a boundary is removed when one side is shorter than
 *    `glideSeconds` or the pitches differ by less than `glideSemitones`.
 * 4. Strong onsets inside a piece split it (re-articulated notes, slurred passing notes).
 * 5. Each note onset moves to a supporting onset peak within `snapSeconds` (the network's onsets
 *    sit closer to where annotators hear the attack than the f0's voicing start).
 * 5a. Pieces the splits and snaps leave that belong to a neighbour join it: a phrase's falling
 *    release, a blip between two notes on one pitch, a phrase's opening scoop.
 * 5b. A legato note change (touching notes `changeSemitones` apart) starts where the pitch has
 *    covered `leaveFraction` of the interval: the previous note sounds until the pitch leaves it.
 * 6. Notes shorter than `minNoteSeconds` go (clicks, transition blips); notes over which Basic
 *    Pitch hears almost no note activity at their pitch go (breaths, consonants, room noise).
 * Every note's pitch is the median pYIN pitch of its core (15 % trimmed at each end), read on the
 * contour with wide vibrato replaced by its centre line (`vibrato.ts`); inside a vibrato, an onset
 * splits only at a deep energy dip (`splitVibratoDipDb`), since vibrato swings the loudness too.
 */
import type { BasicPitchOutput } from './basic-pitch';
import { basicPitchFrameTimes } from './basic-pitch/note-events';
import { BASIC_PITCH_MIDI_OFFSET, BASIC_PITCH_NOTE_BINS } from './basic-pitch/constants';
import type { RmsEnvelope } from './envelope';
import { segmentNotes, type SegmentNotesOptions } from './notes';
import type { F0Track, NoteEvent } from './types';
import { hzToMidi } from './units';
import { vibratoCentre } from './vibrato';

/** The parts of Basic Pitch's output the fusion reads. */
export type FusePosteriorgrams = Pick<BasicPitchOutput, 'frames' | 'note' | 'onset'>;

export interface FuseNotesOptions {
	/** Options of the f0 segmentation that gives the pitch pieces (step 1). */
	segment?: Omit<SegmentNotesOptions, 'rms'>;
	/** RMS envelope on the f0 track's hop, for energy-dip re-articulations. */
	rms?: RmsEnvelope;
	/** Onset activation that splits a piece, 0..1 (default 0.6). */
	splitOnsetThreshold?: number;
	/** An onset splits only where the energy dips this much below the 0.1 s on both sides, dB (default 2)... */
	splitDipDb?: number;
	/** The dip an onset inside a vibrato needs instead, dB (default 9). */
	splitVibratoDipDb?: number;
	/** ...or the pitch steps this much across it, semitones (default 0.6). */
	splitStepSemitones?: number;
	/** Pitch on each side of a candidate split is the median over this long (a vibrato period or more), s (default 0.15). */
	stepWindowSeconds?: number;
	/** Onset activation that keeps a pitch boundary, 0..1 (default 0.5). */
	keepOnsetThreshold?: number;
	/** How far from a pitch boundary an onset peak counts as its support, s (default 0.05). */
	supportSeconds?: number;
	/** Unsupported boundaries next to a piece shorter than this are glides, s (default 0.16). */
	glideSeconds?: number;
	/** Unsupported boundaries between pieces closer than this are drift, semitones (default 1). */
	glideSemitones?: number;
	/** Onset snapping reach, s (default 0.05). */
	snapSeconds?: number;
	/** The sung pitch at an onset is the median f0 over this long after it, s (default 0.08). */
	onsetLookaheadSeconds?: number;
	/** A short last piece of a phrase falling less than this off the note before is its release, semitones (default 1.5). */
	fallSemitones?: number;
	/** Touching notes this far apart in pitch are a legato note change, semitones (default 0.5)... */
	changeSemitones?: number;
	/** ...whose onset is where the pitch has covered this fraction of the interval (default 0.15)... */
	leaveFraction?: number;
	/** ...searched this far from where the pieces meet, s (default 0.1). */
	changeReachSeconds?: number;
	/** Shortest note, s (default 0.07). */
	minNoteSeconds?: number;
	/** Notes whose mean Basic Pitch note activation at their pitch is below this are dropped (default 0.15). */
	minNoteActivation?: number;
}

/** A peak of the onset activation at the sung pitch. */
export interface OnsetPeak {
	timeSeconds: number;
	/** Onset activation 0..1. */
	strength: number;
}

interface Span {
	/** f0 frames, end exclusive. */
	start: number;
	end: number;
}

function medianOf(values: number[]): number {
	if (values.length === 0) return Number.NaN;
	const v = values.slice().sort((a, b) => a - b);
	const m = v.length >> 1;
	return v.length % 2 ? v[m] : 0.5 * (v[m - 1] + v[m]);
}

/**
 * Activation of a 88-bin posteriorgram row at a fractional MIDI pitch: the nearest key, and also
 * the other neighbouring key when the pitch lies within 0.2 semitone of their boundary (a detuned
 * singer). Reading only the sung key keeps out the onsets the network hears as vibrato crosses
 * into the neighbouring keys.
 */
function activationAt(grid: Float32Array, frame: number, midiPitch: number): number {
	const key = Math.round(midiPitch);
	const other = midiPitch > key ? key + 1 : key - 1;
	let best = 0;
	for (const m of Math.abs(midiPitch - key) > 0.3 ? [key, other] : [key]) {
		const b = m - BASIC_PITCH_MIDI_OFFSET;
		if (b >= 0 && b < BASIC_PITCH_NOTE_BINS) best = Math.max(best, grid[frame * BASIC_PITCH_NOTE_BINS + b]);
	}
	return best;
}

/** Onset peaks of Basic Pitch at the pitch the f0 track says is sung next. */
export function onsetPeaksAtSungPitch(track: F0Track, bp: FusePosteriorgrams, midi: Float64Array, lookaheadSeconds = 0.08): OnsetPeak[] {
	const hop = track.hopSeconds;
	const times = basicPitchFrameTimes(bp.frames);
	const ahead = Math.max(1, Math.round(lookaheadSeconds / hop));
	const strength = new Float64Array(bp.frames);
	for (let i = 0; i < bp.frames; i++) {
		const k0 = Math.max(0, Math.round(times[i] / hop) - 2);
		const v: number[] = [];
		for (let k = k0; k < Math.min(midi.length, k0 + ahead); k++) if (!Number.isNaN(midi[k])) v.push(midi[k]);
		if (v.length < ahead / 3) continue;
		strength[i] = activationAt(bp.onset, i, medianOf(v));
	}
	const peaks: OnsetPeak[] = [];
	for (let i = 0; i < bp.frames; i++) {
		const s = strength[i];
		if (s <= 0.05) continue;
		if (i > 0 && strength[i - 1] > s) continue;
		if (i + 1 < bp.frames && strength[i + 1] >= s) continue;
		peaks.push({ timeSeconds: times[i], strength: s });
	}
	return peaks;
}

/** Fused segmentation; notes sorted by onset and never overlapping. */
export function fuseNotes(track: F0Track, bp: FusePosteriorgrams, options: FuseNotesOptions = {}): NoteEvent[] {
	const hop = track.hopSeconds;
	const frames = track.f0Hz.length;
	const splitThreshold = options.splitOnsetThreshold ?? 0.7;
	const keepThreshold = options.keepOnsetThreshold ?? 0.5;
	const support = options.supportSeconds ?? 0.05;
	const glideFrames = Math.round((options.glideSeconds ?? 0.16) / hop);
	const glideSemitones = options.glideSemitones ?? 1;
	const snap = options.snapSeconds ?? 0.05;
	const minFrames = Math.max(1, Math.round((options.minNoteSeconds ?? 0.07) / hop));
	const minActivation = options.minNoteActivation ?? 0.15;
	const dipThresholdDb = options.splitDipDb ?? 3.5;
	const vibratoDipDb = options.splitVibratoDipDb ?? 9;
	const changeSemitones = options.changeSemitones ?? 0.5;
	const fallSemitones = options.fallSemitones ?? 1.5;
	const blipFrames = Math.round(0.1 / hop);
	const leaveFraction = options.leaveFraction ?? 0.15;
	const reachFrames = Math.round((options.changeReachSeconds ?? 0.1) / hop);
	const stepSemitones = options.splitStepSemitones ?? 0.6;
	const stepWindowSeconds = options.stepWindowSeconds ?? 0.15;

	const sung = new Float64Array(frames).fill(Number.NaN);
	for (let t = 0; t < frames; t++) if (track.voiced[t] && track.f0Hz[t] > 0) sung[t] = hzToMidi(track.f0Hz[t]);
	// The contour with vibrato replaced by its centre: a note's pitch, the pitch its onset is read
	// at and its steadiness are the held note's, not the extremes of a wide vibrato.
	const { midi, inVibrato } = vibratoCentre(sung, hop);
	const pitchOf = (s: Span): number => {
		const trim = Math.floor((s.end - s.start) * 0.15);
		const v: number[] = [];
		for (let t = s.start + trim; t < s.end - trim; t++) if (!Number.isNaN(midi[t])) v.push(midi[t]);
		if (v.length === 0) for (let t = s.start; t < s.end; t++) if (!Number.isNaN(midi[t])) v.push(midi[t]);
		return medianOf(v);
	};
	const spreadOf = (s: Span): { median: number; iqr: number } => {
		const v: number[] = [];
		for (let t = s.start; t < s.end; t++) if (!Number.isNaN(midi[t])) v.push(midi[t]);
		if (v.length === 0) return { median: Number.NaN, iqr: Number.NaN };
		v.sort((a, b) => a - b);
		const q = (f: number) => v[Math.min(v.length - 1, Math.floor(f * v.length))];
		return { median: medianOf(v), iqr: q(0.75) - q(0.25) };
	};
	const peaks = onsetPeaksAtSungPitch(track, bp, midi, options.onsetLookaheadSeconds);
	const strongestNear = (timeSeconds: number, reach: number): OnsetPeak | null => {
		let best: OnsetPeak | null = null;
		for (const p of peaks) {
			if (Math.abs(p.timeSeconds - timeSeconds) <= reach && (!best || p.strength > best.strength)) best = p;
		}
		return best;
	};

	// 1. Pitch pieces from the f0 track; keep every candidate (confidence is recomputed below).
	const pieces = segmentNotes(track, { ...options.segment, rms: options.rms });
	let spans: Span[] = pieces.map((n) => ({ start: Math.round(n.onsetSeconds / hop), end: Math.round(n.offsetSeconds / hop) }));

	// 3a. A short first piece of a voiced phrase that runs straight into a longer one is the scoop
	//    into that note: one note, starting at the scoop, pitched by the stable part.
	const spanPitch = spans.map((s) => pitchOf(s));
	const merged: Span[] = [];
	const mergedPitch: number[] = [];
	for (let k = 0; k < spans.length; k++) {
		const s = { ...spans[k] };
		const prev = merged[merged.length - 1];
		const touchesPrev = prev !== undefined && s.start - prev.end <= 1;
		const prevIsRunStart = prev !== undefined && (merged.length === 1 || prev.start - merged[merged.length - 2].end > 1);
		if (touchesPrev) {
			const prevLen = prev.end - prev.start;
			const len = s.end - s.start;
			const peak = strongestNear(s.start * hop, support);
			const supported = peak !== null && peak.strength >= keepThreshold;
			const close = Math.abs(mergedPitch[mergedPitch.length - 1] - spanPitch[k]) < glideSemitones;
			const scoop = prevIsRunStart && prevLen < glideFrames && len > prevLen;
			// The mirror image: a short last piece of a voiced phrase falling off a longer note is
			// the release of that note, not a note of its own.
			const isRunEnd = k + 1 === spans.length || spans[k + 1].start - s.end > 1;
			const fall = isRunEnd && len < glideFrames && prevLen > len && spanPitch[k] < mergedPitch[mergedPitch.length - 1] && mergedPitch[mergedPitch.length - 1] - spanPitch[k] < fallSemitones;
			if (fall) {
				prev.end = s.end;
				continue;
			}
			// 3b. Other boundaries no onset supports are glides or drift inside one note.
			if (scoop || (!supported && (close || Math.min(prevLen, len) < glideFrames))) {
				const keepPitch = scoop || len > prevLen ? spanPitch[k] : mergedPitch[mergedPitch.length - 1];
				prev.end = s.end;
				mergedPitch[mergedPitch.length - 1] = keepPitch;
				continue;
			}
		}
		merged.push(s);
		mergedPitch.push(spanPitch[k]);
	}
	spans = merged;

	// 4. Strong onsets inside a span split it when the signal agrees: an energy dip (a re-sung
	//    syllable) or a pitch step (a slurred passing note) at the same place.
	const rms = options.rms;
	const db = (t: number): number => {
		if (!rms) return 0;
		const i = Math.min(rms.rms.length - 1, Math.max(0, Math.round((t * hop) / rms.hopSeconds)));
		return 20 * Math.log10(rms.rms[i] + 1e-9);
	};
	const near = Math.round(0.03 / hop);
	const around = Math.round(0.1 / hop);
	const stepFrames = Math.round(stepWindowSeconds / hop);
	const split: Span[] = [];
	const splitPitch: number[] = [];
	spans.forEach((s, k) => {
		let start = s.start;
		for (const p of peaks) {
			if (p.strength < splitThreshold) continue;
			const at = Math.round(p.timeSeconds / hop);
			if (at - start < minFrames || s.end - at < minFrames) continue;
			let dip = Infinity;
			for (let t = at - near; t <= at + near; t++) dip = Math.min(dip, db(t));
			let before = -Infinity;
			let after = -Infinity;
			for (let t = at - around; t < at - near; t++) before = Math.max(before, db(t));
			for (let t = at + near + 1; t <= at + around; t++) after = Math.max(after, db(t));
			const dipDb = Math.min(before, after) - dip;
			const left = spreadOf({ start: Math.max(start, at - stepFrames), end: at });
			const right = spreadOf({ start: at, end: Math.min(s.end, at + stepFrames) });
			const step = Math.abs(left.median - right.median);
			// A step counts only against steady pitch on both sides: wide vibrato moves the median of
			// a short window as much as a passing note does, but its interquartile range is wide too.
			const steadyStep = step >= stepSemitones && Math.max(left.iqr, right.iqr) <= step / 2;
			// Inside a vibrato the loudness swings with the pitch (harmonics sweep across the
			// formants), several dB per cycle: only a deeper dip there is a re-sung syllable.
			const dipNeeded = inVibrato[at] ? vibratoDipDb : dipThresholdDb;
			if (!(dipDb >= dipNeeded || steadyStep)) continue;
			split.push({ start, end: at });
			splitPitch.push(Number.NaN);
			start = at;
		}
		split.push({ start, end: s.end });
		splitPitch.push(start === s.start ? mergedPitch[k] : Number.NaN);
	});
	spans = split;

	// 5. Snap onsets to a supporting onset peak. A phrase start only moves earlier (the f0's voicing
	//    starts late; the network's onset may also fire late on a soft attack); a note change either
	//    way. Never across the previous note's onset.
	for (let k = 0; k < spans.length; k++) {
		const s = spans[k];
		const phraseStart = k === 0 || s.start - spans[k - 1].end > 1;
		const peak = strongestNear(s.start * hop, snap);
		if (!peak || peak.strength < keepThreshold) continue;
		const at = Math.round(peak.timeSeconds / hop);
		if (phraseStart && at > s.start) continue;
		const lowest = k > 0 ? spans[k - 1].start + minFrames : 0;
		const moved = Math.max(lowest, Math.min(at, s.end - minFrames));
		if (k > 0 && spans[k - 1].end > moved) spans[k - 1].end = moved;
		s.start = moved;
	}

	// 5a. The splits and snaps can leave pieces that are parts of a neighbouring note, now next to
	//    an articulation: a short last piece of a phrase falling less than `fallSemitones` off the
	//    note before (its release) and a blip of 0.1 s or less between two notes on one pitch (the
	//    dip of a re-sung syllable) join the note before, which keeps its pitch; a phrase opening
	//    with a blip that steps 0.5–2 semitones up into another short piece is one note scooped
	//    through both, heard (and pitched) at the median of the two, not at the top of the scoop.
	const tidyPitch = splitPitch.map((p, k) => (Number.isFinite(p) ? p : pitchOf(spans[k])));
	for (let k = 0; k < spans.length; k++) {
		const s = spans[k];
		const len = s.end - s.start;
		if (len >= glideFrames) continue;
		const prev = k > 0 && s.start - spans[k - 1].end <= 1 ? k - 1 : -1;
		const next = k + 1 < spans.length && spans[k + 1].start - s.end <= 1 ? k + 1 : -1;
		const lengthOf = (i: number) => spans[i].end - spans[i].start;
		const pitch = tidyPitch[k];
		const release = prev >= 0 && next < 0 && lengthOf(prev) > len && pitch < tidyPitch[prev] && tidyPitch[prev] - pitch < fallSemitones;
		const blip = prev >= 0 && next >= 0 && len <= blipFrames && Math.abs(tidyPitch[prev] - tidyPitch[next]) < 0.5 && Math.abs(pitch - tidyPitch[prev]) >= 0.8;
		const rise = next >= 0 ? tidyPitch[next] - pitch : 0;
		const scoop = prev < 0 && next >= 0 && len <= blipFrames && lengthOf(next) < glideFrames && rise >= 0.5 && rise < 2;
		if (!release && !blip && !scoop) continue;
		const into = scoop ? next : prev;
		const keep = spans[into];
		keep.start = Math.min(keep.start, s.start);
		keep.end = Math.max(keep.end, s.end);
		splitPitch[into] = scoop ? pitchOf(keep) : tidyPitch[into];
		tidyPitch[into] = splitPitch[into];
		spans.splice(k, 1);
		splitPitch.splice(k, 1);
		tidyPitch.splice(k, 1);
		k = Math.max(-1, k - 2);
	}

	// 5b. A note change sung legato starts where the pitch leaves the previous note, not halfway
	//    through the glide where the pieces meet (nor at an onset peak of the network, whose frames
	//    are 11.6 ms): the previous note is still sounding until then.
	for (let k = 1; k < spans.length; k++) {
		const prev = spans[k - 1];
		const s = spans[k];
		if (s.start - prev.end > 1) continue;
		const from = pitchOf(prev);
		const to = pitchOf(s);
		const interval = to - from;
		if (!(Math.abs(interval) >= changeSemitones)) continue;
		const left = (t: number): boolean => Number.isFinite(midi[t]) && (midi[t] - from) / interval >= leaveFraction;
		let at = s.start;
		const lowest = Math.max(prev.start + minFrames, s.start - reachFrames);
		const highest = Math.min(s.end - minFrames, s.start + reachFrames);
		if (left(at)) {
			while (at - 1 >= lowest && left(at - 1)) at--;
		} else {
			while (at + 1 <= highest && !left(at)) at++;
			if (!left(at)) at = s.start;
		}
		prev.end = at;
		s.start = at;
	}

	// 6. Pitch, activation, confidence; drop short and unheard notes.
	const bpTimes = basicPitchFrameTimes(bp.frames);
	const notes: NoteEvent[] = [];
	for (let k = 0; k < spans.length; k++) {
		const s = spans[k];
		if (s.end - s.start < minFrames) continue;
		const pitch = Number.isFinite(splitPitch[k]) ? splitPitch[k] : pitchOf(s);
		if (!Number.isFinite(pitch)) continue;
		const bin = Math.round(pitch) - BASIC_PITCH_MIDI_OFFSET;
		let activation = 0;
		let count = 0;
		let voicedProb = 0;
		let stable = 0;
		for (let i = 0; i < bp.frames; i++) {
			if (bpTimes[i] < s.start * hop || bpTimes[i] >= s.end * hop) continue;
			let best = 0;
			for (let b = Math.max(0, bin - 1); b <= Math.min(BASIC_PITCH_NOTE_BINS - 1, bin + 1); b++) best = Math.max(best, bp.note[i * BASIC_PITCH_NOTE_BINS + b]);
			activation += best;
			count++;
		}
		activation = count ? activation / count : 0;
		for (let t = s.start; t < s.end; t++) {
			voicedProb += track.voicedProb[t];
			if (!Number.isNaN(midi[t]) && Math.abs(midi[t] - pitch) <= 0.5) stable++;
		}
		const len = s.end - s.start;
		if (activation < minActivation) continue;
		notes.push({
			onsetSeconds: s.start * hop,
			offsetSeconds: s.end * hop,
			midiPitch: pitch,
			confidence: Math.max(0, Math.min(1, Math.sqrt((voicedProb / len) * Math.min(1, activation / 0.5)) * Math.max(0.5, stable / len)))
		});
	}
	notes.sort((a, b) => a.onsetSeconds - b.onsetSeconds);
	return notes;
}
