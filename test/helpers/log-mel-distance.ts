/**
 * How far apart two renderings of the same audio sound: the mean absolute difference of their
 * log-mel spectrograms, in dB, over 93 ms frames every 50 ms. Frames this long average a noise
 * burst's random fine structure into its band energies, so two renderings whose noise differs
 * sample by sample (Tone.js seeds its noise with Math.random) still compare as alike, while a
 * missing note, a wrong pitch, level, filter or timing shows.
 */
import { RealFft } from '../../src/lib/dsp/fft';
import { melFilterbank, type MelFilterbank } from '../../src/lib/dsp/mel-cepstra';

export interface LogMelOptions {
	/** FFT frame, samples (93 ms at 44.1 kHz). Default 4096. */
	frameSize?: number;
	/** Hop between frames, seconds. Default 0.05. */
	hopSeconds?: number;
	/** Mel bands. Default 40. */
	bands?: number;
	/** Lowest and highest band edges, Hz. Defaults 40 and 16000. */
	minHz?: number;
	maxHz?: number;
	/** Cells more than this far below the loudest cell (of both signals) count as that floor, dB. Default 60. */
	rangeDb?: number;
}

export interface LogMelSpectrogram {
	frames: number;
	bands: number;
	/** Band power in dB, frame-major: db[frame * bands + band]. */
	db: Float64Array;
}

export function logMelSpectrogram(x: Float32Array, sampleRate: number, options: LogMelOptions = {}): LogMelSpectrogram {
	const { frameSize = 4096, hopSeconds = 0.05, bands = 40, minHz = 40, maxHz = 16000 } = options;
	const hop = Math.round(hopSeconds * sampleRate);
	const frames = Math.max(1, Math.floor((x.length - frameSize) / hop) + 1);
	const fft = new RealFft(frameSize);
	const bank: MelFilterbank = melFilterbank(frameSize, sampleRate, bands, minHz, maxHz);
	const window = new Float64Array(frameSize);
	for (let i = 0; i < frameSize; i++) window[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / frameSize);
	const frame = new Float64Array(frameSize);
	const re = new Float64Array(frameSize / 2 + 1);
	const im = new Float64Array(frameSize / 2 + 1);
	const db = new Float64Array(frames * bands);
	for (let f = 0; f < frames; f++) {
		const start = f * hop;
		for (let i = 0; i < frameSize; i++) frame[i] = (x[start + i] ?? 0) * window[i];
		fft.forward(frame, re, im);
		for (let b = 0; b < bands; b++) {
			const weights = bank.weights[b];
			let power = 0;
			for (let k = 0; k < weights.length; k++) {
				const bin = bank.firstBin[b] + k;
				power += weights[k] * (re[bin] * re[bin] + im[bin] * im[bin]);
			}
			// 1e-20: a finite floor for digital silence; the range floor below decides what counts.
			db[f * bands + b] = 10 * Math.log10(power + 1e-20);
		}
	}
	return { frames, bands, db };
}

export interface LogMelDistance {
	/** Mean |ΔdB| over the cells where either signal is above the floor. */
	meanAbsDb: number;
	/** 95th percentile of |ΔdB| over the same cells. */
	p95AbsDb: number;
	/** Cells compared. */
	cells: number;
	/** Mean |ΔdB| per band, for finding where two renderings differ. */
	perBandDb: Float64Array;
}

/** Distance between two multichannel renderings (same channel count), channel by channel. */
export function logMelDistance(a: Float32Array[], b: Float32Array[], sampleRate: number, options: LogMelOptions = {}): LogMelDistance {
	const { rangeDb = 60 } = options;
	if (a.length !== b.length) throw new RangeError(`channel counts differ: ${a.length} vs ${b.length}`);
	const specA = a.map((x) => logMelSpectrogram(x, sampleRate, options));
	const specB = b.map((x) => logMelSpectrogram(x, sampleRate, options));
	let top = -Infinity;
	for (const s of [...specA, ...specB]) for (const v of s.db) top = Math.max(top, v);
	const floor = top - rangeDb;
	const bands = specA[0].bands;
	const diffs: number[] = [];
	const bandSum = new Float64Array(bands);
	const bandCount = new Float64Array(bands);
	for (let c = 0; c < a.length; c++) {
		const frames = Math.min(specA[c].frames, specB[c].frames);
		for (let f = 0; f < frames; f++)
			for (let band = 0; band < bands; band++) {
				const va = Math.max(floor, specA[c].db[f * bands + band]);
				const vb = Math.max(floor, specB[c].db[f * bands + band]);
				if (va === floor && vb === floor) continue;
				const d = Math.abs(va - vb);
				diffs.push(d);
				bandSum[band] += d;
				bandCount[band]++;
			}
	}
	diffs.sort((x, y) => x - y);
	const mean = diffs.reduce((s, d) => s + d, 0) / Math.max(1, diffs.length);
	return {
		meanAbsDb: mean,
		p95AbsDb: diffs.length ? diffs[Math.min(diffs.length - 1, Math.floor(0.95 * diffs.length))] : 0,
		cells: diffs.length,
		perBandDb: bandSum.map((s, i) => (bandCount[i] ? s / bandCount[i] : 0))
	};
}
