/**
 * Basic Pitch for tests and dev scripts, through the same session wrapper the worker uses and the
 * studio's own model file (generated from the npm package here if a fresh clone lacks it).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { BASIC_PITCH_ONNX_PATH, buildBasicPitchOnnx } from '../../models/convert-basic-pitch';
import { createBasicPitchRunner } from '../../src/lib/server/melody-model';
import { runBasicPitch, type BasicPitchOutput, type BasicPitchRunner } from '../../src/lib/pitch/basic-pitch';

let runner: BasicPitchRunner | null = null;

/** One session per process; windows run in batches. */
export function basicPitchTestRunner(): BasicPitchRunner {
	if (!existsSync(BASIC_PITCH_ONNX_PATH)) writeFileSync(BASIC_PITCH_ONNX_PATH, buildBasicPitchOnnx().bytes);
	runner ??= createBasicPitchRunner();
	return runner;
}

/** Basic Pitch's posteriorgrams for `pcm` with the studio's model. */
export async function basicPitchFor(pcm: Float32Array, sampleRate: number): Promise<BasicPitchOutput> {
	return runBasicPitch(pcm, sampleRate, basicPitchTestRunner());
}
