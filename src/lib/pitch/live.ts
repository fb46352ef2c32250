/**
 * A live pitch trace for the recorder: YIN (de Cheveigné & Kawahara, 2002; difference function,
 * cumulative-mean normalisation, absolute threshold, parabolic interpolation) on short frames as
 * audio arrives in chunks. It favours low latency over the full pYIN + HMM track the analysis
 * makes afterwards: each frame is decided on its own, 40 ms of audio at a 20 ms hop.
 */
import { cumulativeMeanNormalizedDifference, parabolicMinimum } from './yin';

export interface LivePitchOptions {
	/** Rate of the pushed audio, Hz. */
	sampleRate: number;
	/** Time between trace points, s (default 0.02). */
	hopSeconds?: number;
	/** Analysis window, s (default 0.04: two periods of a 50 Hz voice). */
	windowSeconds?: number;
	/** Lowest and highest pitch reported, Hz (defaults 70 and 1000). */
	minHz?: number;
	maxHz?: number;
	/** YIN absolute threshold on the normalised difference (default 0.15). */
	threshold?: number;
	/** Frames quieter than this RMS (linear) are unvoiced (default 0.005, about −46 dBFS). */
	minRms?: number;
}

export interface LivePitchPoint {
	/** End of the frame, s since the first pushed sample. */
	timeSeconds: number;
	/** 0 when unvoiced. */
	f0Hz: number;
	/** 1 − normalised difference at the chosen lag: near 1 for a clean periodic frame. */
	clarity: number;
}

export class LivePitchTracker {
	private readonly rate: number;
	private readonly decimation: number;
	private readonly window: Float32Array;
	private readonly hop: number;
	private readonly tauMin: number;
	private readonly tauMax: number;
	private readonly threshold: number;
	private readonly minRms: number;
	private readonly diff: Float64Array;
	private readonly cmnd: Float64Array;
	private filled = 0;
	private sinceHop = 0;
	private pending = 0;
	private pendingCount = 0;
	private received = 0;

	constructor(options: LivePitchOptions) {
		const { sampleRate, hopSeconds = 0.02, windowSeconds = 0.04, minHz = 70, maxHz = 1000, threshold = 0.15, minRms = 0.005 } = options;
		if (!(sampleRate >= 8000)) throw new RangeError(`sampleRate must be ≥ 8000 Hz, got ${sampleRate}`);
		if (!(minHz > 0 && maxHz > minHz)) throw new RangeError(`need 0 < minHz < maxHz, got ${minHz}..${maxHz}`);
		// Halve high rates by averaging pairs (a gentle low-pass): a quarter of the work, and a
		// 22–24 kHz signal still resolves the voice's fundamental to a fraction of a cent after interpolation.
		this.decimation = sampleRate > 32000 ? 2 : 1;
		this.rate = sampleRate / this.decimation;
		this.tauMin = Math.max(2, Math.floor(this.rate / maxHz));
		this.tauMax = Math.ceil(this.rate / minHz);
		const windowLength = Math.max(Math.round(windowSeconds * this.rate), 2 * this.tauMax + 2);
		this.window = new Float32Array(windowLength);
		this.hop = Math.max(1, Math.round(hopSeconds * this.rate));
		this.threshold = threshold;
		this.minRms = minRms;
		this.diff = new Float64Array(this.tauMax + 2);
		this.cmnd = new Float64Array(this.tauMax + 2);
	}

	/** Feed the next chunk; returns the trace points it completes (possibly none). */
	push(samples: Float32Array): LivePitchPoint[] {
		const points: LivePitchPoint[] = [];
		for (let i = 0; i < samples.length; i++) {
			this.pending += samples[i];
			this.received++;
			if (++this.pendingCount < this.decimation) continue;
			const x = this.pending / this.decimation;
			this.pending = 0;
			this.pendingCount = 0;
			// Shift-register window; the hop is short, so the copy is cheap next to the YIN sums.
			this.window.copyWithin(0, 1);
			this.window[this.window.length - 1] = x;
			if (this.filled < this.window.length) this.filled++;
			if (++this.sinceHop >= this.hop && this.filled === this.window.length) {
				this.sinceHop = 0;
				points.push({ timeSeconds: this.received / (this.rate * this.decimation), ...this.analyseFrame() });
			}
		}
		return points;
	}

	private analyseFrame(): { f0Hz: number; clarity: number } {
		const x = this.window;
		const integration = x.length - this.tauMax - 1;
		let energy = 0;
		for (let j = 0; j < x.length; j++) energy += x[j] * x[j];
		if (Math.sqrt(energy / x.length) < this.minRms) return { f0Hz: 0, clarity: 0 };
		const d = this.diff;
		d[0] = 0;
		for (let tau = 1; tau <= this.tauMax; tau++) {
			let sum = 0;
			for (let j = 0; j < integration; j++) {
				const delta = x[j] - x[j + tau];
				sum += delta * delta;
			}
			d[tau] = sum;
		}
		const cmnd = this.cmnd;
		cumulativeMeanNormalizedDifference(d, cmnd, this.tauMax);
		for (let tau = this.tauMin; tau < this.tauMax; tau++) {
			if (cmnd[tau] < this.threshold) {
				while (tau + 1 < this.tauMax && cmnd[tau + 1] < cmnd[tau]) tau++;
				const lag = parabolicMinimum(cmnd, tau, this.tauMax);
				return { f0Hz: this.rate / lag, clarity: Math.max(0, 1 - cmnd[tau]) };
			}
		}
		return { f0Hz: 0, clarity: 0 };
	}
}
