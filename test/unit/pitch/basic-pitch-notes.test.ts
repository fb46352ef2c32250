import { describe, expect, it } from 'vitest';
import {
	BASIC_PITCH_WINDOW_TIME_OFFSET_SECONDS,
	basicPitchFrameTimes,
	basicPitchNoteEvents,
	type BasicPitchNoteOptions
} from '../../../src/lib/pitch/basic-pitch';
import { PitchError } from '../../../src/lib/pitch';

const BINS = 88;
const HOP_SECONDS = 256 / 22050;

/** Posteriorgrams with hand-placed activity (all zero elsewhere). */
class Gram {
	readonly note: Float32Array;
	readonly onset: Float32Array;
	readonly contour: Float32Array;
	constructor(readonly frames: number) {
		this.note = new Float32Array(frames * BINS);
		this.onset = new Float32Array(frames * BINS);
		this.contour = new Float32Array(frames * 264);
	}
	/** Note activity `level` on key `midiPitch` for frames [from, to). */
	sustain(midiPitch: number, from: number, to: number, level = 0.8): this {
		for (let t = from; t < to; t++) this.note[t * BINS + midiPitch - 21] = level;
		return this;
	}
	/** An onset peak of height `peak` at `frame`, with shoulders below it on both sides. */
	onsetPeak(midiPitch: number, frame: number, peak = 0.9): this {
		const b = midiPitch - 21;
		this.onset[frame * BINS + b] = peak;
		this.onset[(frame - 1) * BINS + b] = peak / 2;
		this.onset[(frame + 1) * BINS + b] = peak / 2;
		return this;
	}
	/** Contour salience 1 at contour bin 3 · (midiPitch − 21) + offset for frames [from, to). */
	contourAt(midiPitch: number, offsetBins: number, from: number, to: number, level = 1): this {
		for (let t = from; t < to; t++) this.contour[t * 264 + 3 * (midiPitch - 21) + offsetBins] = level;
		return this;
	}
	notes(options: BasicPitchNoteOptions = {}) {
		return basicPitchNoteEvents({ frames: this.frames, note: this.note, onset: this.onset, contour: this.contour }, options);
	}
}

const pick = (notes: ReturnType<Gram['notes']>) => notes.map((n) => [n.startFrame, n.endFrame, n.midiPitch]);

describe('Basic Pitch note creation', () => {
	it('turns an onset peak and sustained activity into one note with its frames, pitch and mean activity', () => {
		const notes = new Gram(300).onsetPeak(60, 50).sustain(60, 50, 80, 0.8).notes();
		expect(pick(notes)).toEqual([[50, 80, 60]]);
		expect(notes[0].amplitude).toBeCloseTo(0.8, 6);
		expect(notes[0].startSeconds).toBeCloseTo(50 * HOP_SECONDS, 12);
		expect(notes[0].endSeconds).toBeCloseTo(80 * HOP_SECONDS, 12);
	});

	it('bridges a dip of 10 frames below the frame threshold but ends the note at a dip of 11', () => {
		const opts = { inferOnsets: false, melodiaTrick: false };
		const bridged = new Gram(300).onsetPeak(64, 100).sustain(64, 100, 130).sustain(64, 130, 140, 0.1).sustain(64, 140, 160).notes(opts);
		expect(pick(bridged)).toEqual([[100, 160, 64]]);
		expect(bridged[0].amplitude).toBeCloseTo((50 * 0.8 + 10 * 0.1) / 60, 6);
		const split = new Gram(300).onsetPeak(64, 100).sustain(64, 100, 130).sustain(64, 130, 141, 0.1).sustain(64, 141, 160).notes(opts);
		expect(pick(split)).toEqual([[100, 130, 64]]);
	});

	it('starts a second note where activity rises again after a dip (inferred onset), as the reference does', () => {
		const notes = new Gram(300).onsetPeak(64, 100).sustain(64, 100, 130).sustain(64, 130, 140, 0.1).sustain(64, 140, 160).notes();
		expect(pick(notes)).toEqual([
			[100, 130, 64],
			[140, 160, 64]
		]);
	});

	it('drops notes of 11 frames or fewer (127.7 ms) and keeps 12-frame notes', () => {
		expect(new Gram(200).onsetPeak(60, 50).sustain(60, 50, 61).notes()).toEqual([]);
		expect(pick(new Gram(200).onsetPeak(60, 50).sustain(60, 50, 62).notes())).toEqual([[50, 62, 60]]);
		// 58 ms rounds to 5 frames.
		expect(pick(new Gram(200).onsetPeak(60, 50).sustain(60, 50, 56).notes({ minNoteLengthMs: 58 }))).toEqual([[50, 56, 60]]);
	});

	it('needs an onset peak of at least the onset threshold when nothing else makes notes', () => {
		const opts = { inferOnsets: false, melodiaTrick: false };
		expect(new Gram(200).onsetPeak(60, 50, 0.49).sustain(60, 50, 80).notes(opts)).toEqual([]);
		expect(pick(new Gram(200).onsetPeak(60, 50, 0.5).sustain(60, 50, 80).notes(opts))).toEqual([[50, 80, 60]]);
		// A plateau is no peak (argrelmax wants a strict maximum).
		const plateau = new Gram(200).sustain(60, 50, 80);
		plateau.onset[50 * BINS + 39] = 0.9;
		plateau.onset[51 * BINS + 39] = 0.9;
		expect(plateau.notes(opts)).toEqual([]);
	});

	it('makes notes without onsets from remaining activity (melodia trick), ending one frame early as the reference does', () => {
		const g = new Gram(300).sustain(67, 40, 53);
		expect(pick(g.notes({ inferOnsets: false }))).toEqual([[40, 52, 67]]);
		expect(g.notes({ inferOnsets: false, melodiaTrick: false })).toEqual([]);
		// 12 frames of activity give an 11-frame melodia note, which is too short.
		expect(new Gram(300).sustain(67, 40, 52).notes({ inferOnsets: false })).toEqual([]);
	});

	it('grows a melodia note both ways from its strongest frame and bridges short dips', () => {
		const g = new Gram(300).sustain(55, 100, 120, 0.5).sustain(55, 120, 125, 0.1).sustain(55, 125, 140, 0.5);
		g.note[130 * BINS + 55 - 21] = 0.9;
		expect(pick(g.notes({ inferOnsets: false }))).toEqual([[100, 139, 55]]);
	});

	it('claims the neighbouring keys of a note so leakage there makes no second note', () => {
		const notes = new Gram(300).onsetPeak(60, 50).sustain(60, 50, 90).sustain(61, 50, 90, 0.6).sustain(59, 52, 88, 0.5).notes({ inferOnsets: false });
		expect(pick(notes)).toEqual([[50, 90, 60]]);
	});

	it('keeps two simultaneous notes a third apart', () => {
		const notes = new Gram(300).onsetPeak(60, 50).sustain(60, 50, 90).onsetPeak(64, 50).sustain(64, 50, 90).notes();
		expect(pick(notes)).toEqual([
			[50, 90, 60],
			[50, 90, 64]
		]);
	});

	it('silences keys outside the frequency limits', () => {
		const g = new Gram(200).onsetPeak(60, 50).sustain(60, 50, 80).onsetPeak(72, 100).sustain(72, 100, 130);
		expect(pick(g.notes({ minFrequencyHz: 300 }))).toEqual([[100, 130, 72]]); // C4 = 261.6 Hz is below
		expect(pick(g.notes({ maxFrequencyHz: 300 }))).toEqual([[50, 80, 60]]); // C5 = 523.3 Hz is above
	});

	it('converts frames to seconds with the per-window correction of 172 frames', () => {
		expect(BASIC_PITCH_WINDOW_TIME_OFFSET_SECONDS).toBeCloseTo((256 / 22050) * (172 - 43844 / 256) + 0.0018, 15);
		const times = basicPitchFrameTimes(400);
		expect(times[171]).toBeCloseTo(171 * HOP_SECONDS, 12);
		expect(times[172]).toBeCloseTo(172 * HOP_SECONDS - BASIC_PITCH_WINDOW_TIME_OFFSET_SECONDS, 12);
		expect(times[399]).toBeCloseTo(399 * HOP_SECONDS - 2 * BASIC_PITCH_WINDOW_TIME_OFFSET_SECONDS, 12);
		const notes = new Gram(400).onsetPeak(60, 200).sustain(60, 200, 240).notes();
		expect(notes[0].startSeconds).toBeCloseTo(200 * HOP_SECONDS - BASIC_PITCH_WINDOW_TIME_OFFSET_SECONDS, 12);
	});

	it('reports pitch bends in thirds of a semitone from the contour near the key', () => {
		const g = new Gram(200).onsetPeak(60, 50).sustain(60, 50, 80).contourAt(60, 1, 50, 65).contourAt(60, -2, 65, 80);
		expect(g.notes()[0].pitchBends).toEqual([...Array(15).fill(1), ...Array(15).fill(-2)]);
		// A stronger peak far away loses to a weaker one near the key (Gaussian weighting, σ = 5 bins).
		const far = new Gram(200).onsetPeak(60, 50).sustain(60, 50, 80).contourAt(60, 12, 50, 80, 1).contourAt(60, 0, 50, 80, 0.5);
		expect(far.notes()[0].pitchBends).toEqual(Array(30).fill(0));
		expect(far.notes({ includePitchBends: false })[0].pitchBends).toBeUndefined();
	});

	it('handles the lowest and highest keys and an empty posteriorgram', () => {
		const notes = new Gram(200).onsetPeak(21, 50).sustain(21, 50, 80).contourAt(21, 0, 50, 80).onsetPeak(108, 100).sustain(108, 100, 130).contourAt(108, 0, 100, 130).notes();
		expect(pick(notes)).toEqual([
			[50, 80, 21],
			[100, 130, 108]
		]);
		expect(notes[0].pitchBends).toEqual(Array(30).fill(0));
		expect(notes[1].pitchBends).toEqual(Array(30).fill(0));
		expect(new Gram(0).notes()).toEqual([]);
	});

	it('leaves its inputs unchanged', () => {
		const g = new Gram(200).onsetPeak(60, 50).sustain(60, 50, 80).sustain(62, 100, 130);
		const before = [Float32Array.from(g.note), Float32Array.from(g.onset)];
		g.notes();
		expect(g.note).toEqual(before[0]);
		expect(g.onset).toEqual(before[1]);
	});

	it('rejects mis-sized posteriorgrams and out-of-range thresholds with a stable code', () => {
		expect(() => basicPitchNoteEvents({ frames: 10, note: new Float32Array(880), onset: new Float32Array(870) })).toThrow(PitchError);
		expect(() => new Gram(10).notes({ onsetThreshold: 1.5 })).toThrow(/onsetThreshold/);
		try {
			new Gram(10).notes({ frameThreshold: Number.NaN });
			expect.unreachable();
		} catch (error) {
			expect((error as PitchError).code).toBe('invalid_option');
		}
	});
});
