/**
 * Streaming WORLD-style synthesis: parameters arrive phrase by phrase, audio leaves chunk by chunk.
 * The same engine as `synthesize` (synthesis.ts) runs incrementally, carrying the pulse phase, the
 * noise generator and the overlap-add tail across chunks, so the concatenated chunks equal
 * `synthesize` of the concatenated parameters exactly. A sample is handed out once no later frame
 * can touch it: about fftSize/4 samples, two frame periods and up to one pitch period behind the
 * parameters.
 */
import { PulseSynthesizer, type SynthesisOptions } from './synthesis';
import type { WorldParameters } from './types';

/** What every appended parameter block must share. */
export interface ParameterFormat {
	/** Analysis rate of the parameters, Hz. */
	fs: number;
	framePeriodSeconds: number;
	/** FFT size of the sp/ap rows. */
	fftSize: number;
}

export class StreamingSynthesizer {
	private readonly engine: PulseSynthesizer;
	private readonly samplesPerFrame: number;
	private chunks: Float32Array[] = [];
	private chunkSamples = 0;

	constructor(format: ParameterFormat, options: SynthesisOptions = {}) {
		const outputFs = options.fs ?? format.fs;
		this.engine = new PulseSynthesizer({
			inputFs: format.fs,
			framePeriodSeconds: format.framePeriodSeconds,
			inputFftSize: format.fftSize,
			outputFs,
			seed: options.seed ?? 1
		});
		this.samplesPerFrame = format.framePeriodSeconds * outputFs;
	}

	/** A synthesizer for parameters shaped like `params` (not appended). */
	static like(params: WorldParameters, options: SynthesisOptions = {}): StreamingSynthesizer {
		return new StreamingSynthesizer({ fs: params.fs, framePeriodSeconds: params.framePeriodSeconds, fftSize: params.sp.fftSize }, options);
	}

	/** Output sampling rate, Hz. */
	get outputFs(): number {
		return this.engine.outputFs;
	}

	/** Frames appended so far. */
	get framesAppended(): number {
		return this.engine.frameCount;
	}

	/** Samples handed out so far. */
	get samplesRendered(): number {
		return this.engine.samplesEmitted;
	}

	/** True once `end()` was called and every sample has been handed out. */
	get done(): boolean {
		return this.engine.isDone;
	}

	/** Appends a phrase: its frames continue the frame grid after the frames already appended. */
	append(params: WorldParameters): void {
		this.engine.append(params);
	}

	/** Declares the parameters complete; the output then ends at WORLD's length for all frames. */
	end(): void {
		this.engine.end();
	}

	/**
	 * Renders up to `maxFrames` more frames' worth of parameters (default: everything appended) and
	 * returns the samples that became final (possibly none early on).
	 */
	render(maxFrames = Infinity): Float32Array {
		if (!(maxFrames > 0)) throw new RangeError(`maxFrames must be positive; got ${maxFrames}.`);
		const untilSample = this.engine.samplesIntegrated + Math.ceil(maxFrames * this.samplesPerFrame);
		this.engine.process(this.collect, untilSample);
		return this.take();
	}

	// The engine emits consecutive samples from 0 on, so the start index is implied.
	private readonly collect = (_startSample: number, data: Float64Array, from: number, count: number): void => {
		const chunk = new Float32Array(count);
		for (let j = 0; j < count; j++) chunk[j] = data[from + j];
		this.chunks.push(chunk);
		this.chunkSamples += count;
	};

	private take(): Float32Array {
		if (this.chunks.length === 1) {
			const only = this.chunks[0];
			this.chunks = [];
			this.chunkSamples = 0;
			return only;
		}
		const out = new Float32Array(this.chunkSamples);
		let offset = 0;
		for (const c of this.chunks) {
			out.set(c, offset);
			offset += c.length;
		}
		this.chunks = [];
		this.chunkSamples = 0;
		return out;
	}
}

/**
 * Renders `params` in chunks of `framesPerChunk` frames, yielding each chunk's final samples as soon
 * as they are made; the concatenation equals `synthesize(params, options)`.
 */
export function* synthesizeInChunks(params: WorldParameters, framesPerChunk: number, options: SynthesisOptions = {}): Generator<Float32Array> {
	if (!(Number.isInteger(framesPerChunk) && framesPerChunk > 0)) {
		throw new RangeError(`framesPerChunk must be a positive integer; got ${framesPerChunk}.`);
	}
	const synth = StreamingSynthesizer.like(params, options);
	synth.append(params);
	synth.end();
	while (!synth.done) {
		const chunk = synth.render(framesPerChunk);
		if (chunk.length > 0) yield chunk;
	}
}
