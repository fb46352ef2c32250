/**
 * pYIN f0 tracking (Mauch & Dixon, 2014): YIN difference function per frame (de Cheveigné &
 * Kawahara, 2002) computed by FFT autocorrelation, a Beta prior over YIN thresholds that turns
 * each frame's dips into pitch candidates with probabilities, and a pitch × voicing HMM decoded
 * with Viterbi (see `pitch-hmm.ts`) for the voicing decision and a smooth track.
 *
 * Speed: the signal is decimated to ~11 kHz (`analysisRateHz`), where a 60 Hz period fits a
 * 256-sample integration window. The lag products are summed directly with WebAssembly SIMD
 * (`audio/simd/lag-products.ts`); where that is missing every frame costs one 512-point complex
 * FFT plus half an inverse (two frames share one inverse transform).
 */
import { createLagProducts } from '../audio/simd/lag-products';
import { decimate } from './decimate';
import { assertSampleRate, PitchError } from './errors';
import { ComplexFft } from '../dsp/fft';
import { decodePitchHmm, type PitchCandidates } from './pitch-hmm';
import type { F0Track } from './types';
import { betaThresholdCdf, cumulativeMeanNormalizedDifference, parabolicMinimum, thresholdMassBelow } from './yin';

export interface EstimateF0Options {
	/** Seconds between frames (default 0.005). */
	hopSeconds?: number;
	/** Lowest f0 searched, Hz (default 60). */
	minHz?: number;
	/** Highest f0 searched, Hz (default 1000). */
	maxHz?: number;
	/** Target internal sample rate after integer decimation, Hz (default 11025; never above the input rate). */
	analysisRateHz?: number;
	/** Mean of the Beta prior over YIN thresholds (default 0.2, the most permissive of pYIN's 0.1, 0.15, 0.2: best voicing recall on vocadito at no pitch cost). */
	betaMean?: number;
	/** Weight of the global minimum when no dip is below a threshold (pYIN's p_a, default 0.01). */
	absoluteMinProb?: number;
	/** Frames quieter than this, dBFS, carry no candidates (default −70). */
	silenceDb?: number;
	/** Frames this far below the loudest frame, dB, carry no candidates (default 50). */
	dynamicRangeDb?: number;
	/**
	 * Candidates are scaled down where the 20 ms around the frame centre carry less than this
	 * fraction of the mean power of the whole analysis window (default 0.25, −6 dB).
	 */
	edgeRatio?: number;
	/** Most candidates kept per frame (default 8). */
	maxCandidates?: number;
	/** HMM pitch bin width, cents (default 20). */
	binCents?: number;
	/** HMM: scale of per-hop pitch moves, cents (default 25). */
	stepCents?: number;
	/** HMM: probability of a leap to any pitch per hop (default 0.001). */
	jumpProb?: number;
	/** HMM: probability of a voicing switch per hop (default 0.01). */
	voicingSwitchProb?: number;
	/** Called with 0..1 as frames are analysed (a few times), so a worker can stream progress. */
	onProgress?: (fraction: number) => void;
	/** HMM: voicing probability at which a steady frame flips to voiced (default 0.15). */
	voicingThreshold?: number;
	/** Lag products by direct SIMD summation where WebAssembly SIMD exists (default true); false: by FFT. */
	simd?: boolean;
}

const DEFAULTS = {
	hopSeconds: 0.005,
	minHz: 60,
	maxHz: 1000,
	analysisRateHz: 11025,
	betaMean: 0.2,
	absoluteMinProb: 0.01,
	silenceDb: -70,
	dynamicRangeDb: 50,
	maxCandidates: 8,
	edgeRatio: 0.25
};

function nextPowerOfTwo(n: number): number {
	let p = 1;
	while (p < n) p <<= 1;
	return p;
}

/** Candidate pitches with probabilities per frame: pYIN stage 1 (Mauch & Dixon 2014, section 2.1). */
export function pyinCandidates(x: Float32Array, sampleRate: number, options: EstimateF0Options = {}): PitchCandidates {
	assertSampleRate(sampleRate);
	const o = { ...DEFAULTS, ...options };
	if (!(o.hopSeconds > 0 && o.hopSeconds <= 0.1)) {
		throw new PitchError('invalid_option', `hopSeconds must be in (0, 0.1]; got ${o.hopSeconds}.`);
	}
	if (!(o.minHz >= 20 && o.maxHz > o.minHz * 1.5)) {
		throw new PitchError('invalid_option', `need 20 <= minHz and maxHz > 1.5 × minHz; got ${o.minHz}–${o.maxHz} Hz.`);
	}
	const factor = Math.max(1, Math.floor(sampleRate / o.analysisRateHz + 1e-9));
	const rate = sampleRate / factor;
	if (o.maxHz > rate / 4) {
		throw new PitchError('invalid_option', `maxHz ${o.maxHz} is too high for a ${sampleRate} Hz input; use at most ${Math.floor(rate / 4)}.`);
	}
	const y = decimate(x, factor, 6, { simd: o.simd });
	const durationSeconds = x.length / sampleRate;
	const frames = x.length === 0 ? 0 : Math.floor(durationSeconds / o.hopSeconds) + 1;

	const tauMin = Math.max(2, Math.floor(rate / o.maxHz));
	const tauMax = Math.ceil(rate / o.minHz);
	const w = nextPowerOfTwo(tauMax + 2);
	const n = 2 * w;
	const fft = new ComplexFft(n);
	const cdf = betaThresholdCdf(o.betaMean);
	const maxC = o.maxCandidates;
	const out: PitchCandidates = {
		frames,
		maxCandidates: maxC,
		candidateHz: new Float32Array(frames * maxC),
		candidateProb: new Float32Array(frames * maxC),
		count: new Uint8Array(frames),
		voicedProb: new Float32Array(frames)
	};
	if (frames === 0) return out;

	// Frame t spans y[start, start + 2w). The YIN pair of windows is centred near
	// start + (w + τ)/2, so shift by a typical lag to centre frames on t · hop.
	const lead = Math.floor(w / 2 + tauMax / 4);
	const starts = new Int32Array(frames);
	for (let t = 0; t < frames; t++) starts[t] = Math.round((t * o.hopSeconds * rate)) - lead;

	// Energy gate from prefix sums of y².
	const sq = new Float64Array(y.length + 1);
	for (let i = 0; i < y.length; i++) sq[i + 1] = sq[i] + y[i] * y[i];
	const energyOf = (a: number, b: number) => sq[Math.min(Math.max(b, 0), y.length)] - sq[Math.min(Math.max(a, 0), y.length)];
	const meanSquare = new Float64Array(frames);
	let loudest = 0;
	for (let t = 0; t < frames; t++) {
		meanSquare[t] = energyOf(starts[t], starts[t] + n) / n;
		if (meanSquare[t] > loudest) loudest = meanSquare[t];
	}
	const gate = Math.max(Math.pow(10, o.silenceDb / 10), loudest * Math.pow(10, -o.dynamicRangeDb / 10));

	const re = new Float64Array(n);
	const im = new Float64Array(n);
	// Spectra of the two frames of a pair, then their packed inverse.
	const pairRe = new Float64Array(n);
	const pairIm = new Float64Array(n);
	const d = new Float64Array(tauMax + 2);
	const dPrime = new Float64Array(tauMax + 2);
	const troughTau = new Int32Array(tauMax + 2);
	const candTau = new Float64Array(tauMax + 2);
	const candP = new Float64Array(tauMax + 2);
	const order: number[] = [];

	// Forward FFT of frame t packed as z = a + i·b (a: first w samples, zero-padded; b: all 2w),
	// then the cross-spectrum conj(A)·B, added into pair buffers with weight 1 (real part) or i.
	const spectrumInto = (t: number, asImaginary: boolean) => {
		const s = starts[t];
		for (let i = 0; i < n; i++) {
			const j = s + i;
			const v = j >= 0 && j < y.length ? y[j] : 0;
			re[i] = i < w ? v : 0;
			im[i] = v;
		}
		fft.forward(re, im);
		for (let k = 0; k < n; k++) {
			const m = k === 0 ? 0 : n - k;
			const zr = re[k];
			const zi = im[k];
			const wr = re[m];
			const wi = im[m];
			const ar = 0.5 * (zr + wr);
			const ai = 0.5 * (zi - wi);
			const br = 0.5 * (zi + wi);
			const bi = 0.5 * (wr - zr);
			const cr = ar * br + ai * bi;
			const ci = ar * bi - ai * br;
			if (asImaginary) {
				pairRe[k] -= ci;
				pairIm[k] += cr;
			} else {
				pairRe[k] = cr;
				pairIm[k] = ci;
			}
		}
	};

	const analyseFrame = (t: number, r: Float64Array) => {
		if (meanSquare[t] < gate) return;
		const s = starts[t];
		const e0 = energyOf(s, s + w);
		for (let tau = 0; tau <= tauMax + 1; tau++) {
			const eTau = energyOf(s + tau, s + tau + w);
			const v = e0 + eTau - 2 * r[tau];
			d[tau] = v > 0 ? v : 0;
		}
		cumulativeMeanNormalizedDifference(d, dPrime, tauMax + 1);
		let troughs = 0;
		for (let tau = tauMin; tau <= tauMax; tau++) {
			if (dPrime[tau] < dPrime[tau - 1] && dPrime[tau] <= dPrime[tau + 1]) troughTau[troughs++] = tau;
		}
		if (troughs === 0) return;
		// pYIN: for each threshold s, YIN picks the first dip below s. Dip k is first below s
		// exactly when value_k < s <= min(values of earlier dips), so its mass is a CDF difference.
		let minPrev = 1;
		let globalMin = Infinity;
		let globalAt = -1;
		let cands = 0;
		for (let k = 0; k < troughs; k++) {
			const tau = troughTau[k];
			const v = dPrime[tau];
			if (v < globalMin) {
				globalMin = v;
				globalAt = cands;
			}
			let p = 0;
			if (v < minPrev) {
				p = thresholdMassBelow(cdf, minPrev) - thresholdMassBelow(cdf, v);
				minPrev = v;
			}
			candTau[cands] = tau;
			candP[cands] = p;
			cands++;
		}
		// Thresholds below every dip: YIN falls back to the global minimum, weighted by p_a.
		candP[globalAt] += o.absoluteMinProb * thresholdMassBelow(cdf, globalMin);
		order.length = 0;
		for (let k = 0; k < cands; k++) if (candP[k] > 1e-6) order.push(k);
		order.sort((a, b) => candP[b] - candP[a]);
		const base = t * maxC;
		let total = 0;
		const kept = Math.min(order.length, maxC);
		for (let k = 0; k < kept; k++) {
			const c = order[k];
			const tauStar = parabolicMinimum(d, candTau[c], tauMax + 1);
			out.candidateHz[base + k] = rate / tauStar;
			out.candidateProb[base + k] = candP[c];
			total += candP[c];
		}
		// YIN is blind to how much of its window holds the tone: a frame whose window catches
		// only the start of a note is as periodic as one inside it. Scale the candidates down
		// when the frame centre is much quieter than the whole window, so voicing follows the
		// note edges instead of running a half window past them.
		const c = Math.round(t * o.hopSeconds * rate);
		const centreMeanSquare = energyOf(c - centreHalf, c + centreHalf) / (2 * centreHalf);
		const edge = Math.min(1, centreMeanSquare / (o.edgeRatio * meanSquare[t]));
		for (let k = 0; k < kept; k++) out.candidateProb[base + k] *= edge;
		out.count[t] = kept;
		out.voicedProb[t] = Math.min(1, total * edge);
	};

	const centreHalf = Math.max(1, Math.round(0.01 * rate));
	const rBuffer = new Float64Array(tauMax + 2);
	const progressEvery = Math.max(2, 2 * Math.ceil(frames / 20));
	const lagProducts = o.simd === false ? null : createLagProducts(y, w, tauMax + 2);
	if (lagProducts) {
		for (let t = 0; t < frames; t++) {
			if (o.onProgress && t % progressEvery === 0) o.onProgress(t / frames);
			if (meanSquare[t] < gate) continue;
			lagProducts.at(starts[t], rBuffer);
			analyseFrame(t, rBuffer);
		}
		return out;
	}
	for (let t = 0; t < frames; t += 2) {
		if (o.onProgress && t % progressEvery === 0) o.onProgress(t / frames);
		const hasSecond = t + 1 < frames;
		const firstActive = meanSquare[t] >= gate;
		const secondActive = hasSecond && meanSquare[t + 1] >= gate;
		if (!firstActive && !secondActive) continue;
		if (firstActive) spectrumInto(t, false);
		else {
			pairRe.fill(0);
			pairIm.fill(0);
		}
		if (secondActive) spectrumInto(t + 1, true);
		fft.inverse(pairRe, pairIm);
		if (firstActive) {
			for (let tau = 0; tau <= tauMax + 1; tau++) rBuffer[tau] = pairRe[tau];
			analyseFrame(t, rBuffer);
		}
		if (secondActive) {
			for (let tau = 0; tau <= tauMax + 1; tau++) rBuffer[tau] = pairIm[tau];
			analyseFrame(t + 1, rBuffer);
		}
	}
	return out;
}

/**
 * Estimate the f0 track of a monophonic signal (voice, humming, a single instrument).
 * `x`: mono PCM in [−1, 1]; any sample rate from 4 kHz up.
 */
export function estimateF0(x: Float32Array, sampleRate: number, options: EstimateF0Options = {}): F0Track {
	const o = { ...DEFAULTS, ...options };
	// Candidates take ~85 % of the time, the HMM the rest.
	const report = options.onProgress;
	const cands = pyinCandidates(x, sampleRate, { ...options, onProgress: report ? (f) => report(0.85 * f) : undefined });
	const path = decodePitchHmm(cands, {
		minHz: o.minHz,
		maxHz: o.maxHz,
		binCents: options.binCents,
		stepCents: options.stepCents,
		jumpProb: options.jumpProb,
		voicingSwitchProb: options.voicingSwitchProb,
		voicingThreshold: options.voicingThreshold
	});
	const frames = cands.frames;
	const f0Hz = new Float32Array(frames);
	const binCents = options.binCents ?? 20;
	for (let t = 0; t < frames; t++) {
		const base = t * cands.maxCandidates;
		const count = cands.count[t];
		if (path.voiced[t]) {
			// The decoded bin is 20 cents wide: report the candidate it came from, exactly.
			const centre = path.binHz[path.bin[t]];
			let bestHz = centre;
			let bestCents = 1.5 * binCents;
			for (let k = 0; k < count; k++) {
				const hz = cands.candidateHz[base + k];
				const cents = Math.abs(1200 * Math.log2(hz / centre));
				if (cents < bestCents) {
					bestCents = cents;
					bestHz = hz;
				}
			}
			f0Hz[t] = bestHz;
		} else {
			f0Hz[t] = count > 0 ? cands.candidateHz[base] : 0;
		}
	}
	report?.(1);
	return { hopSeconds: o.hopSeconds, f0Hz, voicedProb: cands.voicedProb, voiced: path.voiced };
}
