/**
 * Basic Pitch through onnxruntime-node for tests and dev scripts. The model file is one constant:
 * Spotify's official export (../shared/data/basic-pitch/nmp.onnx) until the studio's own
 * models/basic-pitch.onnx exists; switch `BASIC_PITCH_TEST_MODEL` to it then.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { BASIC_PITCH_TENSOR_NAMES, BASIC_PITCH_WINDOW_SAMPLES, runBasicPitch, type BasicPitchOutput, type BasicPitchRunner } from '../../src/lib/pitch/basic-pitch';
import { SHARED_DATA } from './paths';

/** The model the tests run. */
export const BASIC_PITCH_TEST_MODEL = path.join(SHARED_DATA, 'basic-pitch/nmp.onnx');
export const HAS_BASIC_PITCH_MODEL = existsSync(BASIC_PITCH_TEST_MODEL);

let cached: Promise<BasicPitchRunner> | null = null;

/** One session per process; all windows run as one batch [count, 43 844, 1]. */
export function basicPitchTestRunner(modelPath = BASIC_PITCH_TEST_MODEL): Promise<BasicPitchRunner> {
	if (modelPath !== BASIC_PITCH_TEST_MODEL) return createRunner(modelPath);
	cached ??= createRunner(modelPath);
	return cached;
}

async function createRunner(modelPath: string): Promise<BasicPitchRunner> {
	const session = await ort.InferenceSession.create(modelPath);
	return async (windows, count) => {
		const input = new ort.Tensor('float32', windows, [count, BASIC_PITCH_WINDOW_SAMPLES, 1]);
		const out = await session.run({ [BASIC_PITCH_TENSOR_NAMES.input]: input });
		const data = (name: string): Float32Array => out[name].data as Float32Array;
		return { contour: data(BASIC_PITCH_TENSOR_NAMES.contour), note: data(BASIC_PITCH_TENSOR_NAMES.note), onset: data(BASIC_PITCH_TENSOR_NAMES.onset) };
	};
}

/** Basic Pitch's posteriorgrams for `pcm` with the test model. */
export async function basicPitchFor(pcm: Float32Array, sampleRate: number): Promise<BasicPitchOutput> {
	return runBasicPitch(pcm, sampleRate, await basicPitchTestRunner());
}
