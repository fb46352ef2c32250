/** Short-time RMS envelope, frames aligned with the f0 track (frame i centred at i · hopSeconds). */
export interface RmsEnvelope {
	hopSeconds: number;
	/** Linear RMS per frame (full scale = 1). */
	rms: Float32Array;
}

export interface RmsEnvelopeOptions {
	/** Seconds between frames (default 0.005, the f0 hop). */
	hopSeconds?: number;
	/** Length of the centred window, s (default 0.02: shorter than a consonant gap, longer than a 60 Hz period). */
	windowSeconds?: number;
}

export function rmsEnvelope(x: Float32Array, sampleRate: number, options: RmsEnvelopeOptions = {}): RmsEnvelope {
	const hopSeconds = options.hopSeconds ?? 0.005;
	const half = Math.max(1, Math.round(((options.windowSeconds ?? 0.02) * sampleRate) / 2));
	const frames = x.length === 0 ? 0 : Math.floor(x.length / sampleRate / hopSeconds) + 1;
	const prefix = new Float64Array(x.length + 1);
	for (let i = 0; i < x.length; i++) prefix[i + 1] = prefix[i] + x[i] * x[i];
	const rms = new Float32Array(frames);
	for (let t = 0; t < frames; t++) {
		const c = Math.round(t * hopSeconds * sampleRate);
		const a = Math.max(0, c - half);
		const b = Math.min(x.length, c + half);
		rms[t] = b > a ? Math.sqrt(Math.max(0, prefix[b] - prefix[a]) / (b - a)) : 0;
	}
	return { hopSeconds, rms };
}
