/**
 * Mel-frequency cepstral coefficients (Davis & Mermelstein 1980) from a power spectrum: triangular
 * filters equally spaced on the mel scale, the log of each band's power, then a DCT-II. The
 * speech aligner uses them to tell phones apart by spectral shape, the likeness measure to tell speakers apart.
 */
import { RealFft } from './fft';
import { hannWindow, readWindowedFrame } from './windowed-frame';

export interface MelFilterbank {
	fftSize: number;
	bands: number;
	/** First FFT bin of each band. */
	firstBin: Int32Array;
	/** Each band's weights, from its first bin. */
	weights: Float64Array[];
}

const hzToMel = (hz: number) => 2595 * Math.log10(1 + hz / 700);
const melToHz = (mel: number) => 700 * (10 ** (mel / 2595) - 1);

export function melFilterbank(fftSize: number, sampleRate: number, bands: number, minHz: number, maxHz: number): MelFilterbank {
	const top = Math.min(maxHz, sampleRate / 2);
	const lowMel = hzToMel(minHz);
	const step = (hzToMel(top) - lowMel) / (bands + 1);
	const edgesHz = Array.from({ length: bands + 2 }, (_, i) => melToHz(lowMel + i * step));
	const binHz = sampleRate / fftSize;
	const firstBin = new Int32Array(bands);
	const weights: Float64Array[] = [];
	for (let b = 0; b < bands; b++) {
		const [lo, mid, hi] = [edgesHz[b], edgesHz[b + 1], edgesHz[b + 2]];
		const from = Math.ceil(lo / binHz);
		const to = Math.min(fftSize / 2, Math.floor(hi / binHz));
		firstBin[b] = from;
		const w = new Float64Array(Math.max(0, to - from + 1));
		for (let k = from; k <= to; k++) {
			const hz = k * binHz;
			w[k - from] = hz <= mid ? (hz - lo) / (mid - lo) : (hi - hz) / (hi - mid);
		}
		weights.push(w);
	}
	return { fftSize, bands, firstBin, weights };
}

/**
 * Writes `count` cepstra (c0 … c(count−1)) of one frame's power spectrum (bins 0 … fftSize/2)
 * into `out` at `offset`. c0 is the mean log band power, in nepers; a floor keeps silence finite.
 */
export function melCepstra(power: Float64Array, bank: MelFilterbank, count: number, out: Float64Array, offset = 0): void {
	const { bands } = bank;
	const logBand = new Float64Array(bands);
	for (let b = 0; b < bands; b++) {
		const w = bank.weights[b];
		const from = bank.firstBin[b];
		let sum = 0;
		for (let i = 0; i < w.length; i++) sum += w[i] * power[from + i];
		logBand[b] = Math.log(sum + 1e-10);
	}
	for (let q = 0; q < count; q++) {
		let c = 0;
		for (let b = 0; b < bands; b++) c += logBand[b] * Math.cos((Math.PI * q * (b + 0.5)) / bands);
		out[offset + q] = (q === 0 ? 1 / bands : 2 / bands) * c;
	}
}

export interface MfccOptions {
	/** Seconds between frames (default 0.01). */
	hopSeconds?: number;
	/** Hann window length, s (default 0.025). */
	windowSeconds?: number;
	/** Mel bands (default 26). */
	bands?: number;
	/** Coefficients c0 … c(count−1) a frame (default 13). */
	count?: number;
	/** Band edges, Hz (default 80 … 8000, capped at fs/2). */
	minHz?: number;
	maxHz?: number;
}

/** MFCCs of a whole signal, frame-major (`count` values a frame), frame t centred at t · hop. */
export function mfccFrames(pcm: Float32Array, sampleRate: number, options: MfccOptions = {}): { frames: number; count: number; values: Float64Array } {
	const hop = Math.max(1, Math.round((options.hopSeconds ?? 0.01) * sampleRate));
	const length = Math.max(2, Math.round((options.windowSeconds ?? 0.025) * sampleRate));
	const count = options.count ?? 13;
	let n = 16;
	while (n < length) n *= 2;
	const bank = melFilterbank(n, sampleRate, options.bands ?? 26, options.minHz ?? 80, options.maxHz ?? 8000);
	const window = hannWindow(length);
	const fft = new RealFft(n);
	const buffer = new Float64Array(n);
	const re = new Float64Array(n / 2 + 1);
	const im = new Float64Array(n / 2 + 1);
	const power = new Float64Array(n / 2 + 1);
	const frames = Math.max(1, Math.floor(pcm.length / hop));
	const values = new Float64Array(frames * count);
	for (let t = 0; t < frames; t++) {
		readWindowedFrame(pcm, t * hop - (length >> 1), window, buffer);
		fft.forward(buffer, re, im);
		for (let k = 0; k <= n / 2; k++) power[k] = (re[k] * re[k] + im[k] * im[k]) / (n * n);
		melCepstra(power, bank, count, values, t * count);
	}
	return { frames, count, values };
}
