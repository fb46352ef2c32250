/**
 * Measuring syllables in a recording, the same way in a reading and in a sung phrase: per 5 ms
 * frame, the level above 2 kHz (where bursts, frication and aspiration show against a vowel), the
 * full-band level, and 12 mel cepstra (c1 … c12, level left out); an F2 track by LPC (autocorrelation
 * method, 11.025 kHz, order 12) with the studio's formant peak picker; and a nearest-neighbour onset
 * classifier on MFCC trajectories. Test-side only: none of this is part of the synthesis.
 */
import { resample } from '../../src/lib/audio/resample';
import { RealFft } from '../../src/lib/dsp/fft';
import { melCepstra, melFilterbank } from '../../src/lib/dsp/mel-cepstra';
import { hannWindow, readWindowedFrame } from '../../src/lib/dsp/windowed-frame';
import { formantsOf } from '../../src/lib/voice/formants';

export const ACOUSTIC_HOP_SECONDS = 0.005;
const MFCC_COUNT = 12;

export interface FrameAcoustics {
	sampleRate: number;
	/** Power above 2 kHz per frame (linear, mean square). */
	highPower: Float64Array;
	/** Full-band power per frame (linear, mean square). */
	power: Float64Array;
	/** c1 … c12 per frame, frame-major. */
	mfcc: Float64Array;
	pcm: Float32Array;
}

export function frameAcoustics(pcm: Float32Array, sampleRate: number): FrameAcoustics {
	// Frame t is centred at (t + ½) hops to the nearest sample, not at t · round(hop): at 44.1 kHz a
	// rounded hop (221 samples for 220.5) drifts 0.5 samples a frame, 23 ms by 10 s into a recording,
	// and the seconds → frame lookups (frameOf) would read spans several frames late.
	const hop = ACOUSTIC_HOP_SECONDS * sampleRate;
	let n = 16;
	while (n < 0.0116 * sampleRate) n *= 2;
	const frames = Math.max(1, Math.floor(pcm.length / hop));
	const fft = new RealFft(n);
	const window = hannWindow(n);
	const windowPower = window.reduce((s, w) => s + w * w, 0);
	const buffer = new Float64Array(n);
	const re = new Float64Array(n / 2 + 1);
	const im = new Float64Array(n / 2 + 1);
	const spectrum = new Float64Array(n / 2 + 1);
	const bank = melFilterbank(n, sampleRate, 26, 80, 8000);
	const cepstra = new Float64Array(MFCC_COUNT + 1);
	const highBin = Math.ceil((2000 * n) / sampleRate);
	const highPower = new Float64Array(frames);
	const power = new Float64Array(frames);
	const mfcc = new Float64Array(frames * MFCC_COUNT);
	for (let t = 0; t < frames; t++) {
		readWindowedFrame(pcm, Math.round((t + 0.5) * hop) - n / 2, window, buffer);
		fft.forward(buffer, re, im);
		let all = 0;
		let high = 0;
		for (let k = 0; k <= n / 2; k++) {
			spectrum[k] = re[k] * re[k] + im[k] * im[k];
			const p = (k === 0 || k === n / 2 ? 1 : 2) * spectrum[k];
			all += p;
			if (k >= highBin) high += p;
		}
		power[t] = all / (n * windowPower);
		highPower[t] = high / (n * windowPower);
		melCepstra(spectrum, bank, MFCC_COUNT + 1, cepstra);
		mfcc.set(cepstra.subarray(1), t * MFCC_COUNT);
	}
	return { sampleRate, highPower, power, mfcc, pcm };
}

const frameOf = (seconds: number) => Math.round(seconds / ACOUSTIC_HOP_SECONDS);

/** Mean power over [from, to) s, dB; −Infinity for an empty span. */
export function meanDb(series: Float64Array, fromSeconds: number, toSeconds: number): number {
	const a = Math.max(0, frameOf(fromSeconds));
	const b = Math.min(series.length, frameOf(toSeconds));
	if (b <= a) return -Infinity;
	let s = 0;
	for (let t = a; t < b; t++) s += series[t];
	return 10 * Math.log10(s / (b - a) + 1e-20);
}

/** Loudest frame over [from, to) s, dB; −Infinity for an empty span. */
export function peakDb(series: Float64Array, fromSeconds: number, toSeconds: number): number {
	const a = Math.max(0, frameOf(fromSeconds));
	const b = Math.min(series.length, frameOf(toSeconds));
	let peak = 0;
	for (let t = a; t < b; t++) peak = Math.max(peak, series[t]);
	return b > a ? 10 * Math.log10(peak + 1e-20) : -Infinity;
}

/** Mel-cepstral trajectory over [from, to) s, resampled (linearly) to `points` frames. */
export function mfccTrajectory(x: FrameAcoustics, fromSeconds: number, toSeconds: number, points = 6): Float64Array {
	const frames = x.mfcc.length / MFCC_COUNT;
	const a = Math.max(0, Math.min(frames - 1, fromSeconds / ACOUSTIC_HOP_SECONDS));
	const b = Math.max(a, Math.min(frames - 1, toSeconds / ACOUSTIC_HOP_SECONDS - 1));
	const out = new Float64Array(points * MFCC_COUNT);
	for (let p = 0; p < points; p++) {
		const pos = points === 1 ? a : a + ((b - a) * p) / (points - 1);
		const t0 = Math.floor(pos);
		const t1 = Math.min(frames - 1, t0 + 1);
		const f = pos - t0;
		for (let q = 0; q < MFCC_COUNT; q++) out[p * MFCC_COUNT + q] = (1 - f) * x.mfcc[t0 * MFCC_COUNT + q] + f * x.mfcc[t1 * MFCC_COUNT + q];
	}
	return out;
}

export interface LabelledTrajectory {
	label: string;
	features: Float64Array;
}

/** Index of the nearest example (Euclidean), skipping `exclude`. */
export function nearestExample(examples: LabelledTrajectory[], features: Float64Array, exclude = -1): number {
	let best = -1;
	let lowest = Infinity;
	examples.forEach((e, i) => {
		if (i === exclude) return;
		let d = 0;
		for (let q = 0; q < features.length; q++) d += (e.features[q] - features[q]) ** 2;
		if (d < lowest) {
			lowest = d;
			best = i;
		}
	});
	return best;
}

const LPC_RATE_HZ = 11025;
const LPC_ORDER = 12;

/** The signal at the LPC rate, for f2Track. */
export function forFormants(pcm: Float32Array, sampleRate: number): Float32Array {
	return resample(pcm, sampleRate, LPC_RATE_HZ);
}

/** LPC power envelope (257 bins to the Nyquist frequency) of 25 ms around `centre` (samples at LPC_RATE_HZ). */
function lpcEnvelope(x: Float32Array, centre: number): Float64Array | null {
	const n = Math.round(0.025 * LPC_RATE_HZ);
	const frame = new Float64Array(n);
	for (let i = 0; i < n; i++) {
		const s = centre - (n >> 1) + i;
		const prev = s - 1 >= 0 && s - 1 < x.length ? x[s - 1] : 0;
		const cur = s >= 0 && s < x.length ? x[s] : 0;
		frame[i] = (cur - 0.97 * prev) * (0.54 - 0.46 * Math.cos((2 * Math.PI * i) / (n - 1)));
	}
	const r = new Float64Array(LPC_ORDER + 1);
	for (let k = 0; k <= LPC_ORDER; k++) for (let i = k; i < n; i++) r[k] += frame[i] * frame[i - k];
	if (!(r[0] > 1e-12)) return null;
	// Levinson–Durbin.
	const a = new Float64Array(LPC_ORDER + 1);
	a[0] = 1;
	let err = r[0] * (1 + 1e-9);
	for (let i = 1; i <= LPC_ORDER; i++) {
		let acc = r[i];
		for (let j = 1; j < i; j++) acc += a[j] * r[i - j];
		const k = -acc / err;
		const prev = Float64Array.from(a);
		for (let j = 1; j < i; j++) a[j] = prev[j] + k * prev[i - j];
		a[i] = k;
		err *= 1 - k * k;
	}
	const bins = 257;
	const env = new Float64Array(bins);
	for (let b = 0; b < bins; b++) {
		const w = (Math.PI * b) / (bins - 1);
		let re = 0;
		let im = 0;
		for (let j = 0; j <= LPC_ORDER; j++) {
			re += a[j] * Math.cos(w * j);
			im -= a[j] * Math.sin(w * j);
		}
		env[b] = err / (re * re + im * im);
	}
	return env;
}

/**
 * Cost of taking another envelope peak than the second as F2 at one point, octaves of F2 movement.
 * One octave: a swap the tracker undoes (out to F3 and back is ~3 octaves) costs less than three
 * points on another peak, and a real glide of 1.2 octaves is never traded for two points on F1.
 */
const OFF_PEAK_OCTAVES = 1;

/**
 * F2 at `points` evenly spaced times over [from, to) s, Hz: at each point the LPC envelope's first
 * peaks (formantsOf), and F2 the path through them that moves least (octaves between neighbouring
 * points) plus OFF_PEAK_OCTAVES for each point where it is not the second peak (a Viterbi track,
 * as formant trackers do; Talkin 1987). The second peak alone is F3 wherever F1 and F2 merge into
 * one LPC peak or F2 is too weak to make one (back vowels, o/u ends of ou, au): read "F2" would
 * then jump ~1.5 octaves to F3 at some points of the reading and not at the same normalised
 * points of the song, and the correlation compared F3 with F2 there. Then a median of 3 points.
 */
export function f2Track(x: Float32Array, fromSeconds: number, toSeconds: number, points = 12): number[] {
	const candidates: number[][] = [];
	for (let p = 0; p < points; p++) {
		const seconds = fromSeconds + ((toSeconds - fromSeconds) * (p + 0.5)) / points;
		const env = lpcEnvelope(x, Math.round(seconds * LPC_RATE_HZ));
		candidates.push(env ? formantsOf(env, LPC_RATE_HZ, 4) : []);
	}
	// Viterbi over the peaks; a point without peaks breaks the track.
	const raw: number[] = new Array(points).fill(NaN);
	let p = 0;
	while (p < points) {
		if (candidates[p].length < 2) {
			p++;
			continue;
		}
		let q = p;
		while (q < points && candidates[q].length >= 2) q++;
		const cost: number[][] = [];
		const back: number[][] = [];
		for (let t = p; t < q; t++) {
			const own = candidates[t].map((_, i) => (i === 1 ? 0 : OFF_PEAK_OCTAVES));
			if (t === p) {
				cost.push(own);
				back.push(own.map(() => -1));
				continue;
			}
			const prev = candidates[t - 1];
			const prevCost = cost[cost.length - 1];
			const row: number[] = [];
			const from: number[] = [];
			candidates[t].forEach((f, i) => {
				let best = Infinity;
				let arg = 0;
				prev.forEach((g, j) => {
					const c = prevCost[j] + Math.abs(Math.log2(f / g));
					if (c < best) {
						best = c;
						arg = j;
					}
				});
				row.push(best + own[i]);
				from.push(arg);
			});
			cost.push(row);
			back.push(from);
		}
		const last = cost[cost.length - 1];
		let i = last.indexOf(Math.min(...last));
		for (let t = q - 1; t >= p; t--) {
			raw[t] = candidates[t][i];
			i = back[t - p][i];
		}
		p = q;
	}
	return raw.map((_, i) => {
		const near = [raw[i - 1], raw[i], raw[i + 1]].filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
		return near.length ? near[near.length >> 1] : NaN;
	});
}

/** Pearson correlation of the finite pairs; NaN with fewer than 4. */
export function correlation(a: number[], b: number[]): number {
	const pairs = a.map((v, i) => [v, b[i]]).filter(([u, v]) => Number.isFinite(u) && Number.isFinite(v));
	if (pairs.length < 4) return NaN;
	const ma = pairs.reduce((s, [u]) => s + u, 0) / pairs.length;
	const mb = pairs.reduce((s, [, v]) => s + v, 0) / pairs.length;
	let sab = 0;
	let saa = 0;
	let sbb = 0;
	for (const [u, v] of pairs) {
		sab += (u - ma) * (v - mb);
		saa += (u - ma) ** 2;
		sbb += (v - mb) ** 2;
	}
	return sab / Math.sqrt(saa * sbb + 1e-20);
}
