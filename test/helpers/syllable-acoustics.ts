/**
 * Measuring syllables in a recording, the same way in a reading and in a sung phrase: per 5 ms
 * frame, the level above 2 kHz (where bursts, frication and aspiration show against a vowel), the
 * full-band level, and 12 mel cepstra (c1 … c12, level left out, each recording's mean over its sounding
 * frames taken out); an F2 track (LPC roots of the
 * pitch-adaptive envelope, see f2Track); and a nearest-neighbour onset
 * classifier on MFCC trajectories. Test-side only: none of this is part of the synthesis.
 */
import { resample } from '../../src/lib/audio/resample';
import { RealFft } from '../../src/lib/dsp/fft';
import { melCepstra, melFilterbank } from '../../src/lib/dsp/mel-cepstra';
import { hannWindow, readWindowedFrame } from '../../src/lib/dsp/windowed-frame';
import { estimateWorldF0 } from '../../src/lib/vocoder/analysis';
import { cheapTrick } from '../../src/lib/vocoder/cheaptrick';
import type { F0Contour } from '../../src/lib/vocoder/types';

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
	subtractCepstralMean(mfcc, power);
	return { sampleRate, highPower, power, mfcc, pcm };
}

/**
 * Cepstral mean normalisation (as speech recognisers do), in place: the recording's mean over its
 * sounding frames (within 40 dB of its loudest) taken out of every frame, so the onset classifier
 * compares consonants, not a recording's overall spectral shape: the channel, and the singing tone
 * the song is meant to have. Measured on the real voices (64 syllables a speaker): sung onsets
 * named at 0.72 of the reading's leave-one-out accuracy without it, 0.79 with it.
 */
function subtractCepstralMean(mfcc: Float64Array, power: Float64Array): void {
	let peak = 0;
	for (const p of power) peak = Math.max(peak, p);
	const mean = new Float64Array(MFCC_COUNT);
	let count = 0;
	for (let t = 0; t < power.length; t++) {
		if (power[t] < peak * 1e-4) continue;
		for (let q = 0; q < MFCC_COUNT; q++) mean[q] += mfcc[t * MFCC_COUNT + q];
		count++;
	}
	for (let q = 0; q < MFCC_COUNT; q++) mean[q] /= Math.max(1, count);
	for (let t = 0; t < power.length; t++) for (let q = 0; q < MFCC_COUNT; q++) mfcc[t * MFCC_COUNT + q] -= mean[q];
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

/** A recording prepared for f2Track: the signal at the LPC rate and its f0 (DIO + StoneMask). */
export interface FormantSignal {
	x: Float32Array;
	f0: F0Contour;
}

export function forFormants(pcm: Float32Array, sampleRate: number): FormantSignal {
	const x = resample(pcm, sampleRate, LPC_RATE_HZ);
	return { x, f0: estimateWorldF0(x, LPC_RATE_HZ) };
}

/** Signal analysed either side of a point for its envelope, s (CheapTrick's window spans 3 periods: 21 ms each side at 71 Hz). */
const ENVELOPE_REACH_SECONDS = 0.05;

/** The pitch-adaptive (CheapTrick) power envelope at `seconds`, on the point's own f0 (the nearest voiced frame within 10 ms; unvoiced, CheapTrick's default). */
export function envelopeAt(s: FormantSignal, seconds: number): Float64Array {
	const fp = s.f0.framePeriodSeconds;
	const frame = Math.round(seconds / fp);
	let hz = 0;
	for (const d of [0, -1, 1, -2, 2]) if (!(hz > 0)) hz = s.f0.f0Hz[frame + d] ?? 0;
	const reach = Math.round(ENVELOPE_REACH_SECONDS / fp);
	const first = Math.round((frame - reach) * fp * LPC_RATE_HZ);
	const segment = new Float32Array(Math.round(2 * reach * fp * LPC_RATE_HZ) + 1);
	for (let i = 0; i < segment.length; i++) segment[i] = s.x[first + i] ?? 0;
	const f0Hz = new Float64Array(2 * reach + 1);
	f0Hz[reach] = hz;
	return cheapTrick(segment, LPC_RATE_HZ, { framePeriodSeconds: fp, f0Hz }, { frames: { from: reach, to: reach + 1 } }).data;
}

/** Pre-emphasis of the LPC analysis (a first difference): flattens the glottal source's falling slope so the 12 poles go to formants. */
const PRE_EMPHASIS = 0.97;

/** Prediction polynomial a[0 … LPC_ORDER] (a[0] = 1) and residual power of an autocorrelation (Levinson–Durbin); null for silence. */
function levinson(r: Float64Array): { a: Float64Array; err: number } | null {
	if (!(r[0] > 1e-12)) return null;
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
	return { a, err };
}

/** Widest pole bandwidth counted as a formant, Hz (wider ones shape the spectral tilt). */
const MAX_BANDWIDTH_HZ = 700;
/** Lowest pole frequency counted as a formant, Hz (below it: the glottal source's own low bump). */
const MIN_FORMANT_HZ = 150;

/**
 * Formant frequencies from the roots of the prediction polynomial (Durand–Kerner iteration): each
 * root pair in the upper half plane with frequency ≥ MIN_FORMANT_HZ and bandwidth ≤ MAX_BANDWIDTH_HZ,
 * ascending. Root solving, not envelope peak picking: two poles close together (F1 and F2 of a back
 * vowel) make one envelope peak but stay two roots.
 */
function rootFormants(a: Float64Array): number[] {
	const n = LPC_ORDER;
	// z^n + a1 z^(n-1) + … + an.
	const re = new Float64Array(n);
	const im = new Float64Array(n);
	for (let k = 0; k < n; k++) {
		const angle = (2 * Math.PI * k) / n + 0.4;
		re[k] = 0.9 * Math.cos(angle);
		im[k] = 0.9 * Math.sin(angle);
	}
	for (let iteration = 0; iteration < 200; iteration++) {
		let moved = 0;
		for (let k = 0; k < n; k++) {
			// p(z) by Horner.
			let pr = 1;
			let pi = 0;
			for (let j = 1; j <= n; j++) {
				const nr = pr * re[k] - pi * im[k] + a[j];
				pi = pr * im[k] + pi * re[k];
				pr = nr;
			}
			// Product of (z_k − z_j), j ≠ k.
			let qr = 1;
			let qi = 0;
			for (let j = 0; j < n; j++) {
				if (j === k) continue;
				const dr = re[k] - re[j];
				const di = im[k] - im[j];
				const nr = qr * dr - qi * di;
				qi = qr * di + qi * dr;
				qr = nr;
			}
			const den = qr * qr + qi * qi || 1e-30;
			const sr = (pr * qr + pi * qi) / den;
			const si = (pi * qr - pr * qi) / den;
			re[k] -= sr;
			im[k] -= si;
			moved = Math.max(moved, Math.abs(sr) + Math.abs(si));
		}
		if (moved < 1e-10) break;
	}
	const found: number[] = [];
	for (let k = 0; k < n; k++) {
		if (!(im[k] > 0)) continue;
		const radius = Math.hypot(re[k], im[k]);
		const hz = (Math.atan2(im[k], re[k]) * LPC_RATE_HZ) / (2 * Math.PI);
		const bandwidth = (-Math.log(radius) * LPC_RATE_HZ) / Math.PI;
		if (hz >= MIN_FORMANT_HZ && bandwidth <= MAX_BANDWIDTH_HZ) found.push(hz);
	}
	return found.sort((x, y) => x - y);
}

/**
 * Autocorrelation r[0 … LPC_ORDER] of a signal at LPC_RATE_HZ whose power spectrum is a smooth
 * envelope (bins 0 … fftSize/2 at `fs`), pre-emphasised: the inverse transform of the envelope's
 * power below LPC_RATE_HZ / 2. An envelope has no harmonics, so no pole sits on one however high
 * the pitch.
 */
export function envelopeAutocorrelation(power: ArrayLike<number>, fs: number): Float64Array {
	const hzPerBin = fs / 2 / (power.length - 1);
	const top = Math.min(power.length - 1, Math.floor(LPC_RATE_HZ / 2 / hzPerBin));
	const r = new Float64Array(LPC_ORDER + 1);
	for (let b = 0; b <= top; b++) {
		const w = (2 * Math.PI * b * hzPerBin) / LPC_RATE_HZ;
		const p = (b === 0 || b === top ? 0.5 : 1) * power[b] * (1 + PRE_EMPHASIS * PRE_EMPHASIS - 2 * PRE_EMPHASIS * Math.cos(w));
		for (let k = 0; k <= LPC_ORDER; k++) r[k] += p * Math.cos(w * k);
	}
	return r;
}

/**
 * Cost of taking another formant than the second as F2 over one of the `points` shares of a track,
 * octaves of F2 movement (spread over the share's frames). One octave: a swap the tracker undoes
 * (out to F3 and back is ~3 octaves) costs less than three shares on another formant, and a real
 * glide of 1.2 octaves is never traded for two shares on F1.
 */
const OFF_PEAK_OCTAVES = 1;
/** Frames of a track, s apart. */
const TRACK_HOP_SECONDS = 0.005;

/**
 * F2 at `points` evenly spaced shares of [from, to) s, Hz. Every 5 ms: the pitch-adaptive envelope
 * there (CheapTrick on the signal's own f0: no harmonic ripple, whatever the pitch), an LPC fit to
 * it (order 12 at 11.025 kHz, pre-emphasised) and its formants from the polynomial's roots; F2 is
 * the path through them that moves least (octaves between neighbouring frames) plus OFF_PEAK_OCTAVES
 * for each share spent on another formant than the second (a Viterbi track, as formant trackers do;
 * Talkin 1987); each share's value is the median of its frames.
 *
 * Measured on the same envelopes rendered by the vocoder at a speaker's speaking pitch and an
 * octave above (37 diphthong units of the 11 real voices whose F2 moves ≥ 200 Hz): the earlier
 * tracker (LPC on the raw 25 ms frame, F2 the second envelope peak at 12 points) gave the same
 * track (r ≥ 0.8) in 16; this one in 28. LPC on a raw frame sits poles on harmonics when they are
 * sparse (f0 above ~250 Hz), and peak picking loses F2 wherever it merges with F1 (back vowels, the
 * o/u ends of ou, au) or is weak, so F3 stood in for F2 at some points and not at others.
 */
export function f2Track(s: FormantSignal, fromSeconds: number, toSeconds: number, points = 12): number[] {
	const frames = Math.max(points, Math.round((toSeconds - fromSeconds) / TRACK_HOP_SECONDS));
	return f2TrackOfEnvelopes(trackTimes(fromSeconds, toSeconds, frames).map((t) => envelopeAt(s, t)), LPC_RATE_HZ, points);
}

/**
 * The same track through given power envelopes (bins 0 … fftSize/2 at `fs`, evenly spaced in
 * time): for envelopes that never became sound (a layout's frames, a profile's coded units), so a
 * diagnosis can tell where along the synthesis a glide changed shape.
 */
export function f2TrackOfEnvelopes(envelopes: ArrayLike<number>[], fs: number, points = 12): number[] {
	const frames = envelopes.length;
	const candidates = envelopes.map((power) => {
		const lpc = levinson(envelopeAutocorrelation(power, fs));
		return lpc ? rootFormants(lpc.a) : [];
	});
	const track = f2Path(candidates, (OFF_PEAK_OCTAVES * points) / frames);
	return Array.from({ length: points }, (_, p) => {
		const share = track.slice(Math.floor((p * frames) / points), Math.floor(((p + 1) * frames) / points)).filter(Number.isFinite).sort((x, y) => x - y);
		return share.length ? share[share.length >> 1] : NaN;
	});
}

/** `points` evenly spaced times over [from, to) s, each in the middle of its share. */
export const trackTimes = (fromSeconds: number, toSeconds: number, points: number) => Array.from({ length: points }, (_, p) => fromSeconds + ((toSeconds - fromSeconds) * (p + 0.5)) / points);

/** F2 through each frame's formants (see f2Track): Viterbi, then a median of 3 frames. */
function f2Path(candidates: number[][], offPeakOctaves: number): number[] {
	const points = candidates.length;
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
			const own = candidates[t].map((_, i) => (i === 1 ? 0 : offPeakOctaves));
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
