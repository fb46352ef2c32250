/**
 * Per-hit noise seeds for the backing renderer (backing-render.ts): each drum hit draws its noise
 * from a generator of its own, so it sounds the same in a window of the score as in the whole.
 * Apart from the renderer so that code without Tone.js (tests, the worker before Tone loads) can use it.
 */
import { mixSeed } from '../compose/random';

/** A drum hit's noise seed from the render's seed, the hit's score time (its exact float64 bits) and its key. */
export function hitSeed(seed: number, timeSeconds: number, midiPitch: number): number {
	const [low, high] = new Uint32Array(new Float64Array([timeSeconds]).buffer);
	return mixSeed(seed, low, high, midiPitch);
}
