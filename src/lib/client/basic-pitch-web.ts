/**
 * Basic Pitch in the browser with onnxruntime-web (WebAssembly, SIMD): the same ONNX file the
 * worker runs, fetched from this studio's server, so live notes need no network beyond it. One
 * thread: multi-threaded WebAssembly needs a cross-origin-isolated page, and this runs inside a Web
 * Worker already, off the page's main thread.
 */
import manifest from '../../../models/manifest.json';
import type { BasicPitchRunner } from '../pitch/basic-pitch';
import { BASIC_PITCH_CONTOUR_BINS, BASIC_PITCH_FRAMES_PER_WINDOW, BASIC_PITCH_NOTE_BINS, BASIC_PITCH_WINDOW_SAMPLES } from '../pitch/basic-pitch/constants';

/** URL of the model, versioned by its hash so browsers may cache it for good. */
export const BASIC_PITCH_MODEL_URL = `/api/models/basic-pitch.onnx?v=${manifest.models['basic-pitch'].sha256}`;

export async function createWebBasicPitchRunner(modelUrl = BASIC_PITCH_MODEL_URL): Promise<BasicPitchRunner> {
	const ort = await import('onnxruntime-web/wasm');
	const { default: wasmUrl } = await import('onnxruntime-web/ort-wasm-simd-threaded.wasm?url');
	ort.env.wasm.wasmPaths = { wasm: wasmUrl };
	ort.env.wasm.numThreads = 1;
	const response = await fetch(modelUrl);
	if (!response.ok) throw new Error(`the melody model could not be loaded (HTTP ${response.status}): ${(await response.text()).slice(0, 200)}`);
	const session = await ort.InferenceSession.create(new Uint8Array(await response.arrayBuffer()), {
		executionProviders: ['wasm'],
		graphOptimizationLevel: 'all'
	});
	return async (windows, count) => {
		const input = new ort.Tensor('float32', windows, [count, BASIC_PITCH_WINDOW_SAMPLES, 1]);
		const out = await session.run({ audio: input });
		const take = (name: string, bins: number) => {
			const data = out[name].data as Float32Array;
			if (data.length !== count * BASIC_PITCH_FRAMES_PER_WINDOW * bins) throw new Error(`model output "${name}" has ${data.length} values`);
			return data.slice();
		};
		const result = { contour: take('contour', BASIC_PITCH_CONTOUR_BINS), note: take('note', BASIC_PITCH_NOTE_BINS), onset: take('onset', BASIC_PITCH_NOTE_BINS) };
		for (const name of ['contour', 'note', 'onset']) out[name].dispose();
		return result;
	};
}
