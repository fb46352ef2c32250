/**
 * Short-time analysis frames: a Hann window sampled at sample centres, and one windowed frame of a
 * signal read into a buffer, with zeros where the frame runs past either end of the signal.
 */

/** A Hann window of `length` samples, each taken at its sample's centre (i + 0.5). */
export function hannWindow(length: number): Float64Array {
	return Float64Array.from({ length }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * (i + 0.5)) / length));
}

/** `out[i] = pcm[from + i] · window[i]` for i < window.length (0 outside the signal); the rest of `out` is left as it is. */
export function readWindowedFrame(pcm: Float32Array, from: number, window: Float64Array, out: Float64Array): void {
	for (let i = 0; i < window.length; i++) {
		const s = from + i;
		out[i] = s >= 0 && s < pcm.length ? pcm[s] * window[i] : 0;
	}
}
