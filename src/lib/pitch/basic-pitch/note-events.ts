/**
 * Basic Pitch's default note creation (Bittner et al., "A lightweight instrument-agnostic model
 * for polyphonic note transcription and multipitch estimation", ICASSP 2022, Sec. 3.3, and the
 * reference implementation's `output_to_notes_polyphonic`): onsets are peaks of the onset
 * posteriorgram (optionally strengthened by rises of the note posteriorgram); each onset starts a
 * note that lasts while the note posteriorgram stays above the frame threshold, allowing gaps of
 * fewer than `energyTolerance` frames. Then the "Melodia trick" (named after Salamon & Gómez's
 * Melodia, 2012) turns the strongest remaining note activity into notes without onsets, walking
 * forwards and backwards from the peak. Frame indices become seconds with the reference's
 * per-window time correction. Behaviour, defaults and quirks follow the reference so that its
 * notes are reproduced; the studio's own segmentation lives elsewhere.
 */
import { PitchError } from '../errors';
import {
	BASIC_PITCH_CONTOUR_BINS,
	BASIC_PITCH_CONTOUR_BINS_PER_SEMITONE,
	BASIC_PITCH_FFT_HOP,
	BASIC_PITCH_FRAMES_PER_SECOND,
	BASIC_PITCH_FRAMES_PER_WINDOW,
	BASIC_PITCH_MIDI_OFFSET,
	BASIC_PITCH_NOTE_BINS,
	BASIC_PITCH_SAMPLE_RATE,
	BASIC_PITCH_WINDOW_TIME_OFFSET_SECONDS
} from './constants';

/** A note as Basic Pitch reports it. */
export interface BasicPitchNote {
	/** Onset time (s), with the reference's per-window correction. */
	startSeconds: number;
	/** Offset time (s), same conversion. */
	endSeconds: number;
	/** Piano key, integer MIDI number (21–108). */
	midiPitch: number;
	/** Mean note activity over the note's frames, in [0, 1] (MIDI velocity = round(127 · amplitude)). */
	amplitude: number;
	/** First frame of the note (row of the posteriorgram). */
	startFrame: number;
	/** Frame after the note's last frame (exclusive). */
	endFrame: number;
	/**
	 * Per frame of the note, the contour's peak near the note's pitch, as an offset from the key in
	 * contour bins (thirds of a semitone); present when pitch bends are requested and a contour is given.
	 */
	pitchBends?: number[];
}

/** The posteriorgrams note creation reads (rows are frames). */
export interface BasicPitchPosteriorgrams {
	frames: number;
	/** frames × 88 note activity. */
	note: Float32Array;
	/** frames × 88 onset activity. */
	onset: Float32Array;
	/** frames × 264 contour salience; needed only for pitch bends. */
	contour?: Float32Array;
}

export interface BasicPitchNoteOptions {
	/** Smallest onset peak that starts a note. Default 0.5 (reference default). */
	onsetThreshold?: number;
	/** Smallest note activity that keeps a note sounding. Default 0.3. */
	frameThreshold?: number;
	/**
	 * Shortest note (ms); converted to round(ms / 1000 · 22 050 / 256) frames, and a note must be
	 * longer than that many frames. Default 127.70 (11 frames), the reference default.
	 */
	minNoteLengthMs?: number;
	/** Add onsets where note activity jumps (reference `infer_onsets`). Default true. */
	inferOnsets?: boolean;
	/** Create notes without onsets from the strongest remaining activity. Default true. */
	melodiaTrick?: boolean;
	/** Frames below the frame threshold a note may bridge before it ends. Default 11. */
	energyTolerance?: number;
	/** Lowest allowed pitch (Hz); none by default. */
	minFrequencyHz?: number;
	/** Highest allowed pitch (Hz); none by default. */
	maxFrequencyHz?: number;
	/** Estimate per-frame pitch bends from the contour (needs `contour`). Default true. */
	includePitchBends?: boolean;
}

/** Contour bins searched on each side of a note's pitch for its bend (reference `n_bins_tolerance`). */
const PITCH_BEND_TOLERANCE_BINS = 25;
/** Standard deviation (bins) of the Gaussian that favours contour peaks near the note's pitch. */
const PITCH_BEND_GAUSSIAN_STD_BINS = 5;
/** Rises of note activity over 1…N frames count as inferred onsets (reference `n_diff`). */
const INFERRED_ONSET_DIFFERENCES = 2;

/**
 * Frame index → seconds as the reference converts it: i · 256 / 22 050 minus, for every 172 frames
 * before i, the per-window correction. (The reference counts windows of 172 frames although the
 * unwrapped output keeps 142 per window; we keep that so note times match its output.)
 */
export function basicPitchFrameTimes(frames: number): Float64Array {
	const times = new Float64Array(frames);
	for (let i = 0; i < frames; i++) {
		times[i] = (i * BASIC_PITCH_FFT_HOP) / BASIC_PITCH_SAMPLE_RATE - BASIC_PITCH_WINDOW_TIME_OFFSET_SECONDS * Math.floor(i / BASIC_PITCH_FRAMES_PER_WINDOW);
	}
	return times;
}

function hzToMidi(hz: number): number {
	return 69 + 12 * Math.log2(hz / 440);
}

function checkOption(name: string, value: number, min: number, max: number): void {
	if (!Number.isFinite(value) || value < min || value > max) {
		throw new PitchError('invalid_option', `${name} must be a number in [${min}, ${max}]; got ${value}.`);
	}
}

/**
 * Onsets strengthened by rises of note activity: the smaller of the 1- and 2-frame rises (only
 * positive, none in the first two frames), scaled to the onsets' global maximum, and the larger of
 * that and the predicted onset per cell (reference `get_infered_onsets`).
 */
function inferOnsets(onsets: Float64Array, notes: Float64Array, frames: number): Float64Array {
	const bins = BASIC_PITCH_NOTE_BINS;
	const diff = new Float64Array(frames * bins);
	let diffMax = 0;
	let onsetMax = -Infinity;
	for (let i = 0; i < onsets.length; i++) if (onsets[i] > onsetMax) onsetMax = onsets[i];
	for (let t = INFERRED_ONSET_DIFFERENCES; t < frames; t++) {
		for (let b = 0; b < bins; b++) {
			const here = notes[t * bins + b];
			let rise = Infinity;
			for (let n = 1; n <= INFERRED_ONSET_DIFFERENCES; n++) rise = Math.min(rise, here - notes[(t - n) * bins + b]);
			if (rise > 0) {
				diff[t * bins + b] = rise;
				if (rise > diffMax) diffMax = rise;
			}
		}
	}
	const out = new Float64Array(onsets.length);
	// Without any rise the reference divides 0 by 0; treating the rises as all zero is its intent.
	const scale = diffMax > 0 ? onsetMax / diffMax : 0;
	for (let i = 0; i < out.length; i++) out[i] = Math.max(onsets[i], diff[i] * scale);
	return out;
}

/** Per-frame pitch bends of one note from the contour (reference `get_pitch_bends`). */
function pitchBendsOf(contour: Float32Array, startFrame: number, endFrame: number, midiPitch: number, gaussian: Float64Array): number[] {
	const tol = PITCH_BEND_TOLERANCE_BINS;
	const centre = Math.round(BASIC_PITCH_CONTOUR_BINS_PER_SEMITONE * (midiPitch - BASIC_PITCH_MIDI_OFFSET));
	const lo = Math.max(centre - tol, 0);
	const hi = Math.min(BASIC_PITCH_CONTOUR_BINS, centre + tol + 1);
	const gaussianOffset = Math.max(0, tol - centre);
	const shift = tol - gaussianOffset;
	const bends: number[] = [];
	for (let t = startFrame; t < endFrame; t++) {
		let best = -Infinity;
		let bestIndex = 0;
		for (let b = lo; b < hi; b++) {
			const v = contour[t * BASIC_PITCH_CONTOUR_BINS + b] * gaussian[gaussianOffset + b - lo];
			if (v > best) {
				best = v;
				bestIndex = b - lo;
			}
		}
		bends.push(bestIndex - shift);
	}
	return bends;
}

/**
 * Basic Pitch's default post-processing of its posteriorgrams into notes, sorted by onset then
 * pitch. Inputs are not modified.
 */
export function basicPitchNoteEvents(output: BasicPitchPosteriorgrams, options: BasicPitchNoteOptions = {}): BasicPitchNote[] {
	const {
		onsetThreshold = 0.5,
		frameThreshold = 0.3,
		minNoteLengthMs = 127.7,
		inferOnsets: useInferredOnsets = true,
		melodiaTrick = true,
		energyTolerance = 11,
		minFrequencyHz,
		maxFrequencyHz,
		includePitchBends = true
	} = options;
	checkOption('onsetThreshold', onsetThreshold, 0, 1);
	checkOption('frameThreshold', frameThreshold, 0, 1);
	checkOption('minNoteLengthMs', minNoteLengthMs, 0, 60_000);
	checkOption('energyTolerance', energyTolerance, 1, 10_000);
	if (minFrequencyHz !== undefined) checkOption('minFrequencyHz', minFrequencyHz, 1, 100_000);
	if (maxFrequencyHz !== undefined) checkOption('maxFrequencyHz', maxFrequencyHz, 1, 100_000);
	const frames = output.frames;
	const bins = BASIC_PITCH_NOTE_BINS;
	if (!Number.isInteger(frames) || frames < 0 || output.note.length !== frames * bins || output.onset.length !== frames * bins) {
		throw new PitchError(
			'invalid_option',
			`Basic Pitch posteriorgrams must hold ${frames} frames × ${bins} bins; got note ${output.note.length} and onset ${output.onset.length} values.`
		);
	}
	if (output.contour && output.contour.length !== frames * BASIC_PITCH_CONTOUR_BINS) {
		throw new PitchError('invalid_option', `Basic Pitch contour must hold ${frames} × ${BASIC_PITCH_CONTOUR_BINS} values; got ${output.contour.length}.`);
	}
	if (frames === 0) return [];
	const minNoteFrames = Math.round((minNoteLengthMs / 1000) * BASIC_PITCH_FRAMES_PER_SECOND);
	const tolerance = Math.round(energyTolerance);

	// Working copies in float64, as the reference computes; bins outside the frequency limits are silenced.
	const notes = Float64Array.from(output.note);
	let onsets: Float64Array = Float64Array.from(output.onset);
	const lowBin = minFrequencyHz === undefined ? 0 : Math.round(hzToMidi(minFrequencyHz) - BASIC_PITCH_MIDI_OFFSET);
	const highBin = maxFrequencyHz === undefined ? bins : Math.round(hzToMidi(maxFrequencyHz) - BASIC_PITCH_MIDI_OFFSET);
	if (lowBin > 0 || highBin < bins) {
		for (let t = 0; t < frames; t++) {
			for (let b = 0; b < bins; b++) {
				if (b < lowBin || b >= highBin) {
					notes[t * bins + b] = 0;
					onsets[t * bins + b] = 0;
				}
			}
		}
	}
	if (useInferredOnsets) onsets = inferOnsets(onsets, notes, frames);

	const remaining = Float64Array.from(notes);
	const silence = (t: number, b: number): void => {
		remaining[t * bins + b] = 0;
		if (b < bins - 1) remaining[t * bins + b + 1] = 0;
		if (b > 0) remaining[t * bins + b - 1] = 0;
	};
	const meanActivity = (from: number, to: number, b: number): number => {
		let sum = 0;
		for (let t = from; t < to; t++) sum += notes[t * bins + b];
		return sum / (to - from);
	};
	const found: Omit<BasicPitchNote, 'startSeconds' | 'endSeconds'>[] = [];

	// Onset peaks: strict local maxima in time (never the first or last frame), at or above the
	// threshold, visited from the last frame backwards (and from the highest bin down within a frame),
	// so a later note has claimed its frames before an earlier one on the same key reaches them.
	for (let t0 = frames - 2; t0 >= 1; t0--) {
		for (let b = bins - 1; b >= 0; b--) {
			const v = onsets[t0 * bins + b];
			if (!(v >= onsetThreshold && v > onsets[(t0 - 1) * bins + b] && v > onsets[(t0 + 1) * bins + b])) continue;
			// Walk forward while activity stays up, bridging fewer than `tolerance` low frames.
			let i = t0 + 1;
			let low = 0;
			while (i < frames - 1 && low < tolerance) {
				low = remaining[i * bins + b] < frameThreshold ? low + 1 : 0;
				i++;
			}
			i -= low;
			if (i - t0 <= minNoteFrames) continue;
			for (let t = t0; t < i; t++) silence(t, b);
			found.push({ startFrame: t0, endFrame: i, midiPitch: b + BASIC_PITCH_MIDI_OFFSET, amplitude: meanActivity(t0, i, b) });
		}
	}

	if (melodiaTrick) {
		// Cells are taken in the order of the reference's repeated argmax: largest remaining value
		// first, ties by row-major index. Values only ever drop to zero, so one sort of the cells above
		// threshold, skipping cells zeroed meanwhile, visits the same cells in the same order.
		const candidates: number[] = [];
		for (let i = 0; i < remaining.length; i++) if (remaining[i] > frameThreshold) candidates.push(i);
		candidates.sort((a, c) => remaining[c] - remaining[a] || a - c);
		for (const cell of candidates) {
			if (!(remaining[cell] > frameThreshold)) continue;
			const mid = Math.floor(cell / bins);
			const b = cell - mid * bins;
			remaining[cell] = 0;
			let i = mid + 1;
			let low = 0;
			while (i < frames - 1 && low < tolerance) {
				low = remaining[i * bins + b] < frameThreshold ? low + 1 : 0;
				silence(i, b);
				i++;
			}
			const end = i - 1 - low;
			i = mid - 1;
			low = 0;
			while (i > 0 && low < tolerance) {
				low = remaining[i * bins + b] < frameThreshold ? low + 1 : 0;
				silence(i, b);
				i--;
			}
			const start = i + 1 + low;
			if (end - start <= minNoteFrames) continue;
			found.push({ startFrame: start, endFrame: end, midiPitch: b + BASIC_PITCH_MIDI_OFFSET, amplitude: meanActivity(start, end, b) });
		}
	}

	const times = basicPitchFrameTimes(frames);
	let gaussian: Float64Array | null = null;
	if (includePitchBends && output.contour) {
		gaussian = new Float64Array(2 * PITCH_BEND_TOLERANCE_BINS + 1);
		for (let n = 0; n < gaussian.length; n++) {
			const z = (n - PITCH_BEND_TOLERANCE_BINS) / PITCH_BEND_GAUSSIAN_STD_BINS;
			gaussian[n] = Math.exp(-0.5 * z * z);
		}
	}
	const result: BasicPitchNote[] = found.map((n) => {
		const note: BasicPitchNote = { startSeconds: times[n.startFrame], endSeconds: times[n.endFrame], ...n };
		if (gaussian && output.contour) note.pitchBends = pitchBendsOf(output.contour, n.startFrame, n.endFrame, n.midiPitch, gaussian);
		return note;
	});
	result.sort((a, c) => a.startFrame - c.startFrame || a.midiPitch - c.midiPitch);
	return result;
}
