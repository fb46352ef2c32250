/**
 * Runs Basic Pitch (Bittner et al., ICASSP 2022) on audio at any rate: band-limited resampling
 * to 22 050 Hz, the reference windowing, the network (through an injected runner, so this file
 * stays free of ONNX Runtime and runs in the worker and the browser alike), and unwrapping.
 */
import { resample as bandLimitedResample } from '../../audio/resample';
import { assertSampleRate, PitchError } from '../errors';
import {
	BASIC_PITCH_CONTOUR_BINS,
	BASIC_PITCH_FRAMES_PER_SECOND,
	BASIC_PITCH_FRAMES_PER_WINDOW,
	BASIC_PITCH_NOTE_BINS,
	BASIC_PITCH_RESAMPLE_OPTIONS,
	BASIC_PITCH_SAMPLE_RATE
} from './constants';
import { unwrapOutput, windowAudio } from './windows';

/** The network's raw outputs for a batch of windows, window-major (count × 172 frames × bins). */
export interface BasicPitchWindowOutputs {
	/** count × 172 × 264: pitch salience, 3 bins per semitone from A0. */
	contour: Float32Array;
	/** count × 172 × 88: note activity per piano key. */
	note: Float32Array;
	/** count × 172 × 88: note onset per piano key. */
	onset: Float32Array;
}

/**
 * Evaluates the network on `count` windows of 43 844 samples (window-major). An adapter over an
 * ONNX Runtime session (node or web), or anything else that computes the same function.
 */
export type BasicPitchRunner = (windows: Float32Array, count: number) => Promise<BasicPitchWindowOutputs>;

/** Basic Pitch's posteriorgrams for a whole signal, one row per frame. */
export interface BasicPitchOutput {
	/** Number of frames (rows). */
	frames: number;
	/** frames × 264 contour salience. */
	contour: Float32Array;
	/** frames × 88 note activity. */
	note: Float32Array;
	/** frames × 88 onset activity. */
	onset: Float32Array;
	/** Nominal frame rate, 22 050 / 256 Hz (frame times need the per-window correction of `basicPitchFrameTimes`). */
	framesPerSecond: number;
}

export interface RunBasicPitchOptions {
	/**
	 * Resampler to 22 050 Hz; default the studio's band-limited windowed-sinc resampler with
	 * `BASIC_PITCH_RESAMPLE_OPTIONS` (the reference's passband).
	 */
	resample?: (x: Float32Array, fromRate: number, toRate: number) => Float32Array;
}

/** Resamples, windows, runs the network and unwraps its outputs. */
export async function runBasicPitch(
	x: Float32Array,
	sampleRate: number,
	run: BasicPitchRunner,
	options: RunBasicPitchOptions = {}
): Promise<BasicPitchOutput> {
	assertSampleRate(sampleRate);
	const resample = options.resample ?? ((s: Float32Array, from: number, to: number) => bandLimitedResample(s, from, to, BASIC_PITCH_RESAMPLE_OPTIONS));
	const x22050 = sampleRate === BASIC_PITCH_SAMPLE_RATE ? x : resample(x, sampleRate, BASIC_PITCH_SAMPLE_RATE);
	const { windows, count, originalLength } = windowAudio(x22050);
	const raw = await run(windows, count);
	const check = (name: keyof BasicPitchWindowOutputs, bins: number): Float32Array => {
		const values = raw[name];
		const expected = count * BASIC_PITCH_FRAMES_PER_WINDOW * bins;
		if (!values || values.length !== expected) {
			throw new PitchError(
				'invalid_option',
				`Basic Pitch runner returned ${values ? values.length : 'no'} values for "${name}"; expected ${count} × ${BASIC_PITCH_FRAMES_PER_WINDOW} × ${bins} = ${expected}. Check the model file and its output names.`
			);
		}
		return unwrapOutput(values, count, bins, originalLength);
	};
	const contour = check('contour', BASIC_PITCH_CONTOUR_BINS);
	const note = check('note', BASIC_PITCH_NOTE_BINS);
	const onset = check('onset', BASIC_PITCH_NOTE_BINS);
	return { frames: note.length / BASIC_PITCH_NOTE_BINS, contour, note, onset, framesPerSecond: BASIC_PITCH_FRAMES_PER_SECOND };
}
