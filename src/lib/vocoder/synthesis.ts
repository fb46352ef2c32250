/**
 * WORLD-style synthesis (Morise, Yokomori & Ozawa, IEICE Trans. Inf. & Syst. 2016, section on
 * synthesis): the f0 contour is interpolated to the output sample grid and integrated into a phase;
 * a vocal-fold pulse is placed wherever the phase completes a cycle (through unvoiced stretches the
 * phase runs at a fixed rate, as in WORLD, and places no pulses). The output is
 *   - a periodic part: at each voiced pulse, the minimum-phase impulse response of sp · (1 − ap²),
 *     delayed by the pulse's fractional sample position and scaled by √period, with its DC removed;
 *   - an aperiodic part: seeded white noise (one sample per output sample) shaped by the amplitude
 *     √(sp · ap²) (the whole sp where unvoiced).
 * So the output power per sample is the mean of sp over the FFT bins, as in WORLD.
 *
 * Design choices made here (not from WORLD's code, which filters per pulse; the filters themselves
 * are in synthesis-filters.ts, the noise's with zero phase):
 *   - Rendering is per analysis frame, not per pulse. A pulse or noise sample between frames i and
 *     i + 1, at fraction w, uses the filter (1 − w)·H_i + w·H_{i+1}. That is linear in H, so the
 *     output is exactly Σ_i IFFT(H_i · (the pulses and noise weighted by frame i's triangle)):
 *     one noise transform, one filter product and one inverse transform per frame, however many
 *     pulses the frame holds. (WORLD's per-pulse filtering costs two transforms per pulse, and
 *     unvoiced stretches hold 500 pulses a second.) The pulses' spectra are summed directly: a
 *     pulse at fractional buffer position x is g·e^{−2πikx/N}, an exact band-limited delay.
 *     Frames of different voicing are not blended for pulses: a pulse takes the nearer frame, which
 *     also decides whether it is voiced. Noise crossfades between any two frames.
 *   - Frame i's buffer spans N samples with the frame centre at N/4: its pulses and noise lie within
 *     one frame period of the centre (N ≥ 8 frame periods), leaving ≥ 3N/8 samples for responses to
 *     decay before the buffer wraps, and room before them for the fractional delays' ringing.
 *   - The periodic DC is removed by subtracting a Hann window over the buffer (zero at its ends)
 *     scaled to cancel the pulses' sum: in the frequency domain, bin 0 → 0 and bin 1 += bin 0 / 2.
 *   - Noise is drawn in output-sample order from one seeded generator, so any chunking gives the
 *     same samples.
 *   - f0 below 2·fs/N is raised to it: a pulse's frames wait for the next pulse (its period sets
 *     the gain), and that wait stays within half a buffer.
 *
 * `PulseSynthesizer` is the incremental engine; `synthesize` runs it over a whole parameter set and
 * `StreamingSynthesizer` (streaming-synthesis.ts) in chunks, with identical arithmetic.
 */
import { RealFft } from '../dsp/fft';
import { GaussianNoise } from '../dsp/gaussian-noise';
import { FrameFilters, type FrameRows } from './synthesis-filters';
import type { WorldParameters } from './types';

/** Rate at which the pulse phase runs through unvoiced stretches, Hz (WORLD's default). */
export const UNVOICED_PULSE_HZ = 500;

export interface SynthesisOptions {
	/** Output sampling rate, Hz (default: the parameters' `fs`). */
	fs?: number;
	/** Integer seed of the noise generator (default 1); the same seed gives the same output. */
	seed?: number;
}

// ---------------------------------------------------------------------------------------------
// Validation shared with the streaming synthesizer.
// ---------------------------------------------------------------------------------------------

function isPowerOfTwo(n: number): boolean {
	return Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0;
}

/** Throws RangeError naming the first inconsistent field of `params`. */
export function validateWorldParameters(params: WorldParameters, what = 'params'): void {
	if (!(Number.isFinite(params.fs) && params.fs > 0)) throw new RangeError(`${what}.fs must be a positive number of Hz; got ${params.fs}.`);
	if (!(Number.isFinite(params.framePeriodSeconds) && params.framePeriodSeconds > 0)) {
		throw new RangeError(`${what}.framePeriodSeconds must be positive; got ${params.framePeriodSeconds}.`);
	}
	const frames = params.f0Hz.length;
	for (const [name, s] of [
		['sp', params.sp],
		['ap', params.ap]
	] as const) {
		if (s.frames !== frames) throw new RangeError(`${what}.${name}.frames must equal f0Hz.length (${frames}); got ${s.frames}.`);
		if (!isPowerOfTwo(s.fftSize) || s.fftSize < 16) throw new RangeError(`${what}.${name}.fftSize must be a power of two >= 16; got ${s.fftSize}.`);
		const expected = frames * (s.fftSize / 2 + 1);
		if (s.data.length !== expected) throw new RangeError(`${what}.${name}.data must hold frames × (fftSize/2+1) = ${expected} values; got ${s.data.length}.`);
	}
	if (params.sp.fftSize !== params.ap.fftSize) {
		throw new RangeError(`${what}.ap.fftSize must equal sp.fftSize (${params.sp.fftSize}); got ${params.ap.fftSize}.`);
	}
}

/** Output length WORLD gives for `frames` frames: one sample past the last frame centre. */
export function synthesisLengthSamples(frames: number, framePeriodSeconds: number, fs: number): number {
	if (frames <= 0) return 0;
	return Math.floor((frames - 1) * framePeriodSeconds * fs + 1e-6) + 1;
}

/**
 * Output FFT size: the analysis size at the same rate, else the power of two covering the same
 * span; doubled until it holds 8 frame periods (a frame's noise and pulses span two).
 */
export function synthesisFftSizeFor(inputFftSize: number, inputFs: number, outputFs: number, samplesPerFrame: number): number {
	let n = inputFftSize;
	if (outputFs !== inputFs) {
		n = 16;
		while (n < (inputFftSize * outputFs) / inputFs - 1e-9) n *= 2;
	}
	while (n < 8 * samplesPerFrame) n *= 2;
	return n;
}

// ---------------------------------------------------------------------------------------------
// The engine.
// ---------------------------------------------------------------------------------------------

interface FrameBlock {
	start: number;
	count: number;
	f0Hz: Float64Array;
	sp: Float64Array;
	ap: Float64Array;
}

/** The pulses' summed spectrum in one frame's buffer, until that frame is rendered. */
interface PulseSpectrum {
	frame: number;
	re: Float64Array;
	im: Float64Array;
}

/** Pulse spectra kept at once: pulses reach at most two frames past the next one rendered. */
const PULSE_SLOTS = 4;

/** Receives final output samples: `count` values of `data` from `from`, for output samples from `startSample`. */
export type SampleSink = (startSample: number, data: Float64Array, from: number, count: number) => void;

export interface PulseSynthesizerConfig {
	/** Analysis rate of the parameters, Hz. */
	inputFs: number;
	framePeriodSeconds: number;
	/** FFT size of the parameters' sp/ap rows. */
	inputFftSize: number;
	/** Output rate, Hz. */
	outputFs: number;
	seed: number;
}

/**
 * Incremental WORLD-style synthesis: frames are appended, `process` renders as far as the frames
 * known allow and hands final samples to the sink. Output depends only on the frames and the seed,
 * never on how the work is split.
 */
export class PulseSynthesizer {
	readonly inputFs: number;
	readonly outputFs: number;
	readonly framePeriodSeconds: number;
	readonly inputFftSize: number;
	/** Output FFT size = frame buffer length. */
	readonly fftSize: number;
	private readonly inputBins: number;
	private readonly bins: number;
	/** Output samples per frame. */
	private readonly samplesPerFrame: number;
	/** Buffer index of a frame centre's sample. */
	private readonly lead: number;
	/** Lowest f0 synthesised (see the file comment). */
	private readonly minF0Hz: number;
	private readonly maxF0Hz: number;

	private readonly blocks: FrameBlock[] = [];
	private framesKnown = 0;
	private ended = false;

	// Transforms and scratch (allocated once).
	private readonly filters: FrameFilters;
	private readonly realFft: RealFft;
	private readonly pulseSpectra: PulseSpectrum[];
	/** One frame's weighted noise at its buffer positions; zero elsewhere. */
	private readonly noiseTile: Float64Array;
	private readonly noiseRe: Float64Array;
	private readonly noiseIm: Float64Array;
	private readonly specRe: Float64Array;
	private readonly specIm: Float64Array;
	private readonly noiseSource: GaussianNoise;
	/** White noise for output samples noiseStart … noiseStart + noiseCount − 1. */
	private noise: Float64Array;
	private noiseStart = 0;
	private noiseCount = 0;

	// Phase integration state.
	private nextSample = 0;
	private previousF0 = 0;
	private phase = 0;
	private pendingTau = -1;
	/** Frames before this one are rendered. */
	private nextFrame = 0;

	// Overlap-add accumulator: acc[j] is output sample accStart + j; samples < emittedUpTo are emitted.
	private acc: Float64Array;
	private accStart: number;
	private emittedUpTo = 0;

	constructor(config: PulseSynthesizerConfig) {
		const { inputFs, framePeriodSeconds, inputFftSize, outputFs, seed } = config;
		if (!(Number.isFinite(outputFs) && outputFs > 0)) throw new RangeError(`output fs must be a positive number of Hz; got ${outputFs}.`);
		if (!(Number.isFinite(inputFs) && inputFs > 0)) throw new RangeError(`input fs must be a positive number of Hz; got ${inputFs}.`);
		if (!isPowerOfTwo(inputFftSize) || inputFftSize < 16) throw new RangeError(`fftSize must be a power of two >= 16; got ${inputFftSize}.`);
		if (!(Number.isFinite(framePeriodSeconds) && framePeriodSeconds > 0)) {
			throw new RangeError(`framePeriodSeconds must be positive; got ${framePeriodSeconds}.`);
		}
		if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number; got ${seed}.`);
		this.inputFs = inputFs;
		this.outputFs = outputFs;
		this.framePeriodSeconds = framePeriodSeconds;
		this.inputFftSize = inputFftSize;
		this.inputBins = inputFftSize / 2 + 1;
		this.samplesPerFrame = framePeriodSeconds * outputFs;
		const n = synthesisFftSizeFor(inputFftSize, inputFs, outputFs, this.samplesPerFrame);
		this.fftSize = n;
		this.bins = n / 2 + 1;
		this.lead = n / 4;
		this.minF0Hz = (2 * outputFs) / n;
		this.maxF0Hz = outputFs / 2;

		this.filters = new FrameFilters(inputFs, inputFftSize, outputFs, n);
		this.realFft = new RealFft(n);
		this.pulseSpectra = Array.from({ length: PULSE_SLOTS }, () => ({ frame: -1, re: new Float64Array(this.bins), im: new Float64Array(this.bins) }));
		this.noiseTile = new Float64Array(n);
		this.noiseRe = new Float64Array(this.bins);
		this.noiseIm = new Float64Array(this.bins);
		this.specRe = new Float64Array(this.bins);
		this.specIm = new Float64Array(this.bins);
		this.noiseSource = new GaussianNoise(seed);
		this.noise = new Float64Array(4 * Math.ceil(this.samplesPerFrame) + 16);
		this.acc = new Float64Array(4 * n);
		this.accStart = -this.lead;
	}

	/** Frames appended so far. */
	get frameCount(): number {
		return this.framesKnown;
	}

	/** Output samples through which the f0 has been integrated into pulses. */
	get samplesIntegrated(): number {
		return this.nextSample;
	}

	/** Output samples emitted so far. */
	get samplesEmitted(): number {
		return this.emittedUpTo;
	}

	/** Output length once ended (WORLD's: one sample past the last frame centre). */
	get totalSamples(): number {
		return synthesisLengthSamples(this.framesKnown, this.framePeriodSeconds, this.outputFs);
	}

	/** Appends frames; they continue the frame grid. Arrays are referenced, not copied. */
	append(params: WorldParameters): void {
		if (this.ended) throw new RangeError('append after end(): the parameter stream is closed.');
		validateWorldParameters(params);
		if (params.fs !== this.inputFs) throw new RangeError(`params.fs must be ${this.inputFs} Hz like the stream; got ${params.fs}.`);
		if (Math.abs(params.framePeriodSeconds - this.framePeriodSeconds) > 1e-12) {
			throw new RangeError(`params.framePeriodSeconds must be ${this.framePeriodSeconds} like the stream; got ${params.framePeriodSeconds}.`);
		}
		if (params.sp.fftSize !== this.inputFftSize) throw new RangeError(`params.sp.fftSize must be ${this.inputFftSize} like the stream; got ${params.sp.fftSize}.`);
		const f0 = params.f0Hz;
		for (let i = 0; i < f0.length; i++) {
			const v = f0[i];
			if (!(Number.isFinite(v) && v >= 0 && v < this.maxF0Hz)) {
				throw new RangeError(`params.f0Hz[${i}] must be 0 (unvoiced) or in (0, ${this.maxF0Hz}) Hz; got ${v}.`);
			}
		}
		if (f0.length === 0) return;
		this.blocks.push({ start: this.framesKnown, count: f0.length, f0Hz: f0, sp: params.sp.data, ap: params.ap.data });
		this.framesKnown += f0.length;
		this.pairFrame = -1;
	}

	/** No more frames: the next `process` finishes the output at `totalSamples`. */
	end(): void {
		this.ended = true;
	}

	/**
	 * Integrates pulses up to output sample `untilSample` (exclusive; default: as far as the frames
	 * allow), renders every frame whose pulses are all known and emits every sample that no later
	 * frame can change. Returns the samples emitted.
	 */
	process(sink: SampleSink, untilSample = Infinity): number {
		const before = this.emittedUpTo;
		if (this.framesKnown === 0) {
			return 0;
		}
		const total = this.ended ? this.totalSamples : Infinity;
		const lastFrame = this.framesKnown - 1;
		const spf = this.samplesPerFrame;
		const halfPeriodSeconds = 0.5 / this.outputFs;
		let n = this.nextSample;
		let phase = this.phase;
		let previousF0 = this.previousF0;
		const stop = Math.min(untilSample, total);
		if (n === 0 && n < stop) {
			// A pulse at t = 0 starts the train.
			previousF0 = this.f0AtSample(0);
			this.pendingTau = 0;
			phase = 0;
			n = 1;
		}
		for (;;) {
			if (n >= stop) {
				// Past the end: keep integrating (f0 held) only to find the pulse after the last one.
				if (!(this.ended && n >= total && this.pendingTau >= 0)) break;
			} else if (!this.ended && n / spf > lastFrame) {
				break;
			}
			const f0 = this.f0AtSample(n);
			const previousPhase = phase;
			phase += (previousF0 + f0) * halfPeriodSeconds;
			previousF0 = f0;
			if (phase >= 1) {
				const tau = n - 1 + (1 - previousPhase) / (phase - previousPhase);
				phase -= 1;
				// The pending pulse's period is now known; frames ending before the new pulse are complete.
				if (this.pendingTau >= 0) this.addPulse(this.pendingTau, Math.floor(tau) - Math.floor(this.pendingTau));
				this.pendingTau = n < total ? tau : -1;
				this.renderFramesBefore(this.pendingTau >= 0 ? tau : Infinity, total, sink);
			}
			n++;
		}
		this.nextSample = n;
		this.phase = phase;
		this.previousF0 = previousF0;
		if (this.ended && n >= total && this.pendingTau < 0) {
			this.renderFramesBefore(Infinity, total, sink);
			this.flush(total, sink);
		}
		this.dropUnusedBlocks();
		return this.emittedUpTo - before;
	}

	/** True once every output sample has been emitted. */
	get isDone(): boolean {
		return this.ended && this.emittedUpTo >= this.totalSamples;
	}

	// --- frames ---------------------------------------------------------------------------------

	private blockCursor = 0;

	private blockOf(frame: number): FrameBlock {
		const blocks = this.blocks;
		let b = Math.min(this.blockCursor, blocks.length - 1);
		while (blocks[b].start > frame) b--;
		while (blocks[b].start + blocks[b].count <= frame) b++;
		this.blockCursor = b;
		return blocks[b];
	}

	private f0OfFrame(frame: number): number {
		const block = this.blockOf(frame);
		return block.f0Hz[frame - block.start];
	}

	/** Position of an output sample on the frame grid (frame index and fraction), held at the last frame. */
	private framePosition(sample: number): number {
		return Math.min(sample / this.samplesPerFrame, this.framesKnown - 1);
	}

	/** First output sample of frame `frame`'s buffer. */
	private bufferStart(frame: number): number {
		return Math.floor(frame * this.samplesPerFrame) - this.lead;
	}

	/**
	 * f0 at an output sample: linear between two voiced frames; where voicing changes, the nearer
	 * frame decides (an unvoiced sample gets the unvoiced phase rate). Past the last frame it holds.
	 */
	private f0AtSample(n: number): number {
		const position = this.framePosition(n);
		const i = Math.floor(position);
		const w = position - i;
		// Consecutive samples mostly share a frame pair.
		if (i !== this.pairFrame) {
			this.pairFrame = i;
			this.pairA = this.f0OfFrame(i);
			this.pairB = i + 1 < this.framesKnown ? this.f0OfFrame(i + 1) : this.pairA;
		}
		const a = this.pairA;
		let f0: number;
		if (w === 0) {
			f0 = a;
		} else {
			const b = this.pairB;
			if (a > 0 && b > 0) f0 = a + w * (b - a);
			else f0 = w < 0.5 ? a : b;
		}
		if (f0 <= 0) return UNVOICED_PULSE_HZ;
		return f0 < this.minF0Hz ? this.minF0Hz : f0;
	}

	/** Frame pair cached by f0AtSample (reset when frames arrive). */
	private pairFrame = -1;
	private pairA = 0;
	private pairB = 0;

	private dropUnusedBlocks(): void {
		// Frames before the next frame to render, the pending pulse's frame and the integration point are no longer read.
		const tau = this.pendingTau >= 0 ? this.pendingTau : this.nextSample;
		const needed = Math.min(this.nextFrame, Math.floor(Math.min(tau, this.nextSample - 1) / this.samplesPerFrame)) - 1;
		while (this.blocks.length > 1 && this.blocks[0].start + this.blocks[0].count < needed) {
			this.blocks.shift();
			this.blockCursor = Math.max(0, this.blockCursor - 1);
		}
	}

	// --- pulses -----------------------------------------------------------------------------------

	/** Adds the pulse at fractional sample `tau` (if voiced there) to its frames' pulse spectra. */
	private addPulse(tau: number, periodSamples: number): void {
		const position = this.framePosition(tau);
		const i = Math.floor(position);
		const w = position - i;
		// √period: a pulse per period carries the power one period of unit noise would.
		const gain = Math.sqrt(Math.max(1, periodSamples));
		if (w === 0) {
			if (this.f0OfFrame(i) > 0) this.addPulseTo(i, tau, gain);
			return;
		}
		const va = this.f0OfFrame(i) > 0;
		const vb = this.f0OfFrame(i + 1) > 0;
		if (va && vb) {
			this.addPulseTo(i, tau, gain * (1 - w));
			this.addPulseTo(i + 1, tau, gain * w);
		} else if (va !== vb) {
			// Voicing changes: the nearer frame decides, and takes the whole pulse.
			const nearer = w < 0.5 ? i : i + 1;
			if (nearer === i ? va : vb) this.addPulseTo(nearer, tau, gain);
		}
	}

	/** spectrum[k] += gain · e^{−2πikx/N}, x = the pulse's position in the frame's buffer. */
	private addPulseTo(frame: number, tau: number, gain: number): void {
		const slot = this.pulseSpectra[frame % PULSE_SLOTS];
		if (slot.frame !== frame) {
			if (slot.frame >= 0) throw new Error(`internal: pulse spectrum of frame ${slot.frame} still in use for frame ${frame}`);
			// A slot is cleared when a new frame takes it.
			slot.frame = frame;
			slot.re.fill(0);
			slot.im.fill(0);
		}
		const x = tau - this.bufferStart(frame);
		const angle = (-2 * Math.PI * x) / this.fftSize;
		const stepRe = Math.cos(angle);
		const stepIm = Math.sin(angle);
		const re = slot.re;
		const im = slot.im;
		let zr = gain;
		let zi = 0;
		for (let k = 0; k < this.bins; k++) {
			re[k] += zr;
			im[k] += zi;
			const t = zr * stepRe - zi * stepIm;
			zi = zr * stepIm + zi * stepRe;
			zr = t;
		}
	}

	// --- frame rendering -----------------------------------------------------------------------------

	/** Renders, in order, the frames whose pulses all lie before `settledTau`, then emits what is final. */
	private renderFramesBefore(settledTau: number, total: number, sink: SampleSink): void {
		const last = this.framesKnown - 1;
		const start = this.nextFrame;
		while (this.nextFrame <= last && (this.nextFrame === last ? (this.ended && settledTau === Infinity) : (this.nextFrame + 1) * this.samplesPerFrame <= settledTau)) {
			this.renderFrame(this.nextFrame, total, sink);
			this.nextFrame++;
		}
		if (this.nextFrame > start) {
			// Later frames' buffers start at bufferStart(nextFrame): everything before it is final.
			this.flush(Math.min(total, this.nextFrame <= last ? this.bufferStart(this.nextFrame) : total), sink);
		}
	}

	/** White noise for output samples up to `end` (exclusive), kept from `keepFrom` on. */
	private drawNoise(keepFrom: number, end: number): void {
		const have = this.noiseStart + this.noiseCount;
		if (end <= have) return;
		const drop = Math.max(0, Math.min(keepFrom, have) - this.noiseStart);
		if (drop > 0) {
			this.noise.copyWithin(0, drop, this.noiseCount);
			this.noiseStart += drop;
			this.noiseCount -= drop;
		}
		const needed = end - this.noiseStart;
		if (needed > this.noise.length) {
			const bigger = new Float64Array(2 * needed);
			bigger.set(this.noise.subarray(0, this.noiseCount));
			this.noise = bigger;
		}
		this.noiseSource.fill(this.noise.subarray(this.noiseCount), needed - this.noiseCount);
		this.noiseCount = needed;
	}

	private rowsOf(frame: number): FrameRows {
		const block = this.blockOf(frame);
		const local = frame - block.start;
		return { frame, sp: block.sp, ap: block.ap, row: local * this.inputBins, voiced: block.f0Hz[local] > 0 };
	}

	/** Filters frame `frame`'s pulses and its share of the noise, and overlap-adds the result. */
	private renderFrame(frame: number, total: number, sink: SampleSink): void {
		const n = this.fftSize;
		const bins = this.bins;
		const spf = this.samplesPerFrame;
		const filters = this.filters;
		filters.compute(this.rowsOf(frame), frame + 1 < this.framesKnown ? this.rowsOf(frame + 1) : null);

		// The frame's share of the noise: samples strictly between the neighbouring frame centres,
		// weighted by a triangle that is 1 at this frame's centre.
		const centre = frame * spf;
		const start = this.bufferStart(frame);
		const first = Math.max(0, Math.floor(centre - spf) + 1);
		const last = Math.min(total - 1, Math.ceil(centre + spf) - 1);
		const wr = this.noiseRe;
		const wi = this.noiseIm;
		if (last >= first) {
			this.drawNoise(first, last + 1);
			const tile = this.noiseTile;
			const noise = this.noise;
			const offset = this.noiseStart;
			const perSample = 1 / spf;
			for (let t = first; t <= last; t++) {
				tile[t - start] = noise[t - offset] * (1 - Math.abs(t - centre) * perSample);
			}
			this.realFft.forward(tile, wr, wi, last - start + 1);
			tile.fill(0, first - start, last - start + 1);
		} else {
			wr.fill(0);
			wi.fill(0);
		}

		const xr = this.specRe;
		const xi = this.specIm;
		const amplitude = filters.aperiodicAmplitude;
		const pulses = this.pulseSpectra[frame % PULSE_SLOTS];
		if (pulses.frame === frame) {
			const pr = filters.periodicRe;
			const pi = filters.periodicIm;
			const er = pulses.re;
			const ei = pulses.im;
			const dc = pr[0] * er[0] - pi[0] * ei[0];
			for (let k = 0; k < bins; k++) {
				const a = amplitude[k];
				xr[k] = a * wr[k] + pr[k] * er[k] - pi[k] * ei[k];
				xi[k] = a * wi[k] + pr[k] * ei[k] + pi[k] * er[k];
			}
			// DC removal: subtract dc · hann / (N/2), the Hann over the whole buffer (bins 0 and ±1).
			xr[0] -= dc;
			xr[1] += 0.5 * dc;
			pulses.frame = -1;
		} else {
			for (let k = 0; k < bins; k++) {
				xr[k] = amplitude[k] * wr[k];
				xi[k] = amplitude[k] * wi[k];
			}
		}

		if (start + n - this.accStart > this.acc.length) {
			this.flush(start, sink);
			if (start + n - this.accStart > this.acc.length) {
				const bigger = new Float64Array(Math.max(2 * this.acc.length, start + n - this.accStart));
				bigger.set(this.acc);
				this.acc = bigger;
			}
		}
		this.realFft.inverseAdd(xr, xi, this.acc, start - this.accStart);
	}

	/** Emits samples [emittedUpTo, upTo) and slides the accumulator. */
	private flush(upTo: number, sink: SampleSink): void {
		if (upTo <= this.emittedUpTo) return;
		if (upTo - this.accStart > this.acc.length) {
			const bigger = new Float64Array(upTo - this.accStart + this.fftSize);
			bigger.set(this.acc);
			this.acc = bigger;
		}
		const from = this.emittedUpTo - this.accStart;
		sink(this.emittedUpTo, this.acc, from, upTo - this.emittedUpTo);
		this.emittedUpTo = upTo;
		// Slide so the accumulator starts at the first unemitted sample.
		const shift = upTo - this.accStart;
		const acc = this.acc;
		acc.copyWithin(0, shift);
		acc.fill(0, Math.max(0, acc.length - shift));
		this.accStart = upTo;
	}
}

/**
 * Renders WORLD parameters to audio at `options.fs` (default: the analysis rate). Length:
 * floor((frames − 1) · framePeriod · fs) + 1 samples, as WORLD.
 */
export function synthesize(params: WorldParameters, options: SynthesisOptions = {}): Float32Array {
	validateWorldParameters(params);
	const outputFs = options.fs ?? params.fs;
	const engine = new PulseSynthesizer({
		inputFs: params.fs,
		framePeriodSeconds: params.framePeriodSeconds,
		inputFftSize: params.sp.fftSize,
		outputFs,
		seed: options.seed ?? 1
	});
	engine.append(params);
	engine.end();
	const total = engine.totalSamples;
	const y = new Float32Array(total);
	engine.process((startSample, data, from, count) => {
		for (let j = 0; j < count; j++) {
			const t = startSample + j;
			if (t >= 0 && t < total) y[t] = data[from + j];
		}
	});
	return y;
}
