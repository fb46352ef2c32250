/**
 * Synthetic programme material for the loudness, limiter and mastering tests and the mastering
 * benchmark: generated on the fly (no audio is stored), deterministic (seeded noise).
 */

import { mixStems } from '../../../src/lib/audio/mix-stems';
import { processVocal } from '../../../src/lib/audio/vocal-chain';

/** xorshift32 (Marsaglia, "Xorshift RNGs", 2003) mapped to [−1, 1). */
export function noiseSource(seed: number): () => number {
	let state = seed >>> 0 || 1;
	return () => {
		state ^= state << 13;
		state >>>= 0;
		state ^= state >>> 17;
		state ^= state << 5;
		state >>>= 0;
		return state / 2 ** 31 - 1;
	};
}

/** Approximately pink (−3 dB/octave) noise: white noise through one-pole low-passes an octave apart, summed. */
export function pinkNoise(sampleRate: number, seconds: number, seed = 1): Float32Array {
	const next = noiseSource(seed);
	const n = Math.round(seconds * sampleRate);
	const x = new Float32Array(n);
	const cornersHz = [20, 40, 80, 160, 320, 640, 1280, 2560, 5120, 10240];
	const coeffs = cornersHz.map((f) => Math.exp((-2 * Math.PI * f) / sampleRate));
	const state = new Float64Array(cornersHz.length);
	// A one-pole low-pass of white noise has power ∝ its corner; dividing by √(1 − a) ≈ √corner gives each
	// band equal power spread below its corner, so the summed density at f is ∝ Σ_{corner > f} 1/corner ∝ 1/f.
	for (let i = 0; i < n; i++) {
		let sum = 0;
		for (let b = 0; b < coeffs.length; b++) {
			state[b] = coeffs[b] * state[b] + (1 - coeffs[b]) * next();
			sum += state[b] / Math.sqrt(1 - coeffs[b]);
		}
		x[i] = sum;
	}
	return scaleToPeak(x, 1);
}

export function scaleToPeak(x: Float32Array, peak: number): Float32Array {
	let max = 0;
	for (let i = 0; i < x.length; i++) max = Math.max(max, Math.abs(x[i]));
	if (max > 0) for (let i = 0; i < x.length; i++) x[i] *= peak / max;
	return x;
}

/**
 * Dense, loud "band" material, stereo: pink noise (pads), a square-ish bass (odd harmonics of
 * 55 Hz), a kick every 0.5 s (120 → 45 Hz sweep) and a snare (noise burst) on the off-beats. The
 * drums' peaks stand ~15 dB above the loudness, so reaching −14 LUFS under −1 dBTP needs heavy limiting.
 */
export function denseMix(sampleRate: number, seconds: number, seed = 7): Float32Array[] {
	const n = Math.round(seconds * sampleRate);
	const padL = pinkNoise(sampleRate, seconds, seed);
	const padR = pinkNoise(sampleRate, seconds, seed + 1);
	const next = noiseSource(seed + 2);
	const left = new Float32Array(n);
	const right = new Float32Array(n);
	const beat = Math.round(0.5 * sampleRate);
	for (let i = 0; i < n; i++) {
		const t = i / sampleRate;
		let bass = 0;
		for (let h = 1; h <= 9; h += 2) bass += Math.sin(2 * Math.PI * 55 * h * t) / h;
		const sinceKick = (i % beat) / sampleRate;
		const kickPhase = 2 * Math.PI * (45 * sinceKick + (75 * 0.03) * (1 - Math.exp(-sinceKick / 0.03)));
		const kick = Math.sin(kickPhase) * Math.exp(-sinceKick / 0.025);
		const sinceSnare = ((i + beat / 2) % beat) / sampleRate;
		const snare = next() * Math.exp(-sinceSnare / 0.008);
		const common = 0.025 * bass + 0.9 * kick + 0.6 * snare;
		left[i] = 0.02 * padL[i] + common;
		right[i] = 0.02 * padR[i] + common;
	}
	const peak = Math.max(...[left, right].map((c) => c.reduce((m, v) => Math.max(m, Math.abs(v)), 0)));
	for (const c of [left, right]) for (let i = 0; i < n; i++) c[i] *= 0.98 / peak;
	return [left, right];
}

/** Quiet, sparse material, mono: a plucked note (decaying harmonics) every 1.5 s, silence between, peak 0.01. */
export function sparsePlucks(sampleRate: number, seconds: number): Float32Array[] {
	const n = Math.round(seconds * sampleRate);
	const x = new Float32Array(n);
	const period = Math.round(1.5 * sampleRate);
	const notesHz = [220, 330, 262, 392, 294];
	for (let i = 0; i < n; i++) {
		const note = Math.floor(i / period);
		const t = (i % period) / sampleRate;
		if (t > 0.6) continue;
		const f = notesHz[note % notesHz.length];
		let v = 0;
		for (let h = 1; h <= 6; h++) v += Math.sin(2 * Math.PI * f * h * t) * Math.exp(-t * (4 + 3 * h)) / h;
		x[i] = v * Math.min(1, t / 0.002);
	}
	return [scaleToPeak(x, 0.01)];
}

/** A stereo square wave at full scale (sample peaks at ±1, true peaks above them: Gibbs overshoot). */
export function squareWave(frequencyHz: number, sampleRate: number, seconds: number): Float32Array[] {
	const n = Math.round(seconds * sampleRate);
	const x = new Float32Array(n);
	for (let i = 0; i < n; i++) x[i] = Math.sin((2 * Math.PI * frequencyHz * i) / sampleRate) >= 0 ? 1 : -1;
	return [x, x.slice()];
}

/**
 * A sine of `amplitude` (linear, 1 = full scale) at `frequencyHz` starting at `phaseDegrees`, with
 * optional raised-cosine fades in and out of `fadeSeconds`.
 */
export function tone(frequencyHz: number, amplitude: number, sampleRate: number, seconds: number, phaseDegrees = 0, fadeSeconds = 0): Float32Array {
	const n = Math.round(seconds * sampleRate);
	const fade = Math.round(fadeSeconds * sampleRate);
	const x = new Float32Array(n);
	const phase = (phaseDegrees * Math.PI) / 180;
	for (let i = 0; i < n; i++) {
		const edge = Math.min(i, n - 1 - i);
		const envelope = edge < fade ? 0.5 - 0.5 * Math.cos((Math.PI * edge) / fade) : 1;
		x[i] = envelope * amplitude * Math.sin((2 * Math.PI * frequencyHz * i) / sampleRate + phase);
	}
	return x;
}

/** Joins signals end to end. */
export function concat(...parts: Float32Array[]): Float32Array {
	const out = new Float32Array(parts.reduce((sum, p) => sum + p.length, 0));
	let offset = 0;
	for (const p of parts) {
		out.set(p, offset);
		offset += p.length;
	}
	return out;
}

/** Linear amplitude of a level in dBFS (sample peak). */
export const fromDb = (db: number): number => 10 ** (db / 20);

/**
 * The studio's path in miniature, stereo: a sung-like line (a harmonic tone with 5.5 Hz vibrato,
 * phrases of 1.2 s with rests, stepping by semitones) through the vocal chain, mixed with mixStems
 * over pink-noise "backing" 6 dB down.
 */
export function vocalOverBacking(sampleRate: number, seconds: number): Float32Array[] {
	const n = Math.round(seconds * sampleRate);
	const vocal = new Float32Array(n);
	let phase = 0;
	for (let i = 0; i < n; i++) {
		const t = i / sampleRate;
		const f0Hz = 220 * 2 ** ((Math.floor(t / 1.6) % 3) / 12) * (1 + 0.01 * Math.sin(2 * Math.PI * 5.5 * t));
		phase += (2 * Math.PI * f0Hz) / sampleRate;
		if (t % 1.6 >= 1.2) continue;
		let v = 0;
		for (let h = 1; h <= 8; h++) v += Math.sin(h * phase) / h;
		vocal[i] = 0.2 * v;
	}
	const backing = [pinkNoise(sampleRate, seconds, 11), pinkNoise(sampleRate, seconds, 12)].map((c) => c.map((v) => 0.2 * v));
	return mixStems(processVocal(vocal, sampleRate), backing, sampleRate, { vocalGainDb: 0, backingGainDb: -6 });
}
