/**
 * Frame features of read speech for the aligner, at a 10 ms hop: band energy (dB, 150–4000 Hz,
 * where vowels carry their power and breath noise little), the tilt towards 4–8 kHz (fricatives),
 * voicing from the studio's pYIN, and mel cepstra for telling phones of one class apart.
 */
import { RealFft } from '../dsp/fft';
import { hannWindow, readWindowedFrame } from '../dsp/windowed-frame';
import { melCepstra, melFilterbank } from '../dsp/mel-cepstra';
import { estimateF0 } from '../pitch/pyin';

export interface SpeechFeatures {
	hopSeconds: number;
	/** Band energy per frame, dB (relative to full scale). */
	energyDb: Float64Array;
	/** pYIN's probability that the frame is voiced, 0–1 (continuous, before its HMM decides). */
	voicedProb: Float32Array;
	/** Energy above 4 kHz minus the band energy, dB: high for fricatives and bursts, low for vowels and nasals. */
	highTiltDb: Float64Array;
	/** Mel cepstra c0 … c12 per frame, frame-major (CEPSTRA_PER_FRAME values a frame). */
	cepstra: Float64Array;
}

export const CEPSTRA_PER_FRAME = 13;

export const FEATURE_HOP_SECONDS = 0.01;

export function speechFeatures(pcm: Float32Array, sampleRate: number): SpeechFeatures {
	const hop = Math.round(FEATURE_HOP_SECONDS * sampleRate);
	let n = 16;
	while (n < 0.02 * sampleRate) n *= 2;
	const frames = Math.max(1, Math.floor(pcm.length / hop));
	const fft = new RealFft(n);
	const window = hannWindow(n);
	const buffer = new Float64Array(n);
	const re = new Float64Array(n / 2 + 1);
	const im = new Float64Array(n / 2 + 1);
	const lowBin = Math.ceil((150 * n) / sampleRate);
	const highBin = Math.min(n / 2, Math.floor((4000 * n) / sampleRate));
	const energyDb = new Float64Array(frames);
	const highTiltDb = new Float64Array(frames);
	const topBin = Math.floor((Math.min(8000, sampleRate / 2) * n) / sampleRate);
	const bank = melFilterbank(n, sampleRate, 26, 80, 8000);
	const power = new Float64Array(n / 2 + 1);
	const cepstra = new Float64Array(frames * CEPSTRA_PER_FRAME);
	for (let t = 0; t < frames; t++) {
		readWindowedFrame(pcm, t * hop + (hop >> 1) - n / 2, window, buffer);
		fft.forward(buffer, re, im);
		let e = 0;
		for (let k = lowBin; k <= highBin; k++) e += re[k] * re[k] + im[k] * im[k];
		let high = 0;
		for (let k = highBin + 1; k <= topBin; k++) high += re[k] * re[k] + im[k] * im[k];
		energyDb[t] = 10 * Math.log10(e / (n * n) + 1e-12);
		highTiltDb[t] = 10 * Math.log10((high + 1e-12 * n * n) / (e + 1e-12 * n * n));
		for (let k = 0; k <= n / 2; k++) power[k] = (re[k] * re[k] + im[k] * im[k]) / (n * n);
		melCepstra(power, bank, CEPSTRA_PER_FRAME, cepstra, t * CEPSTRA_PER_FRAME);
	}
	const track = estimateF0(pcm, sampleRate, { hopSeconds: FEATURE_HOP_SECONDS, minHz: 60, maxHz: 800 });
	const voicedProb = new Float32Array(frames);
	for (let t = 0; t < frames && t < track.voicedProb.length; t++) voicedProb[t] = track.voicedProb[t];
	return { hopSeconds: FEATURE_HOP_SECONDS, energyDb, voicedProb, highTiltDb, cepstra };
}
