/**
 * The same Basic Pitch network run by TensorFlow.js (CPU backend, as shipped in the npm package),
 * for the benchmark's speed comparison with ONNX Runtime only. The studio never runs this.
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { BasicPitchRunner } from '../../src/lib/pitch/basic-pitch';

export async function tfjsBasicPitchRunner(): Promise<BasicPitchRunner> {
	const modelDir = path.dirname(createRequire(import.meta.url).resolve('@spotify/basic-pitch/model/model.json'));
	const json = JSON.parse(readFileSync(path.join(modelDir, 'model.json'), 'utf8'));
	const weights = readFileSync(path.join(modelDir, 'group1-shard1of1.bin'));
	const model = await tf.loadGraphModel(
		tf.io.fromMemory({
			modelTopology: json.modelTopology,
			weightSpecs: json.weightsManifest[0].weights,
			weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
			format: json.format
		})
	);
	return async (windows, count) => {
		const input = tf.tensor3d(windows, [count, windows.length / count, 1]);
		const outputs = model.execute(input) as tf.Tensor[];
		input.dispose();
		// The graph's outputs come as contour [.,172,264], note and onset [.,172,88] (by shape and order).
		const [contour, note, onset] = await Promise.all(outputs.map((o) => o.data() as Promise<Float32Array>));
		outputs.forEach((o) => o.dispose());
		return { contour, note, onset };
	};
}
