/**
 * The power of one Hann-windowed frame over the whole band and above a split frequency, as mean
 * square (a full-scale sine: 0.5): what the voice engine's level and frication measures read.
 * Buffers and the FFT are made once per meter, so a loop over many frames allocates nothing.
 */
import { RealFft } from './fft';
import { hannWindow, readWindowedFrame } from './windowed-frame';

export class BandPowerMeter {
	/** Window length, samples (the power of two at or above the requested length). */
	readonly size: number;
	private readonly window: Float64Array;
	private readonly windowPower: number;
	private readonly fft: RealFft;
	private readonly frame: Float64Array;
	private readonly re: Float64Array;
	private readonly im: Float64Array;
	private readonly splitBin: number;

	constructor(sampleRate: number, windowSeconds: number, splitHz: number) {
		let size = 8;
		while (size < windowSeconds * sampleRate) size *= 2;
		this.size = size;
		this.window = hannWindow(size);
		this.windowPower = this.window.reduce((sum, w) => sum + w * w, 0);
		this.fft = new RealFft(size);
		this.frame = new Float64Array(size);
		this.re = new Float64Array(size / 2 + 1);
		this.im = new Float64Array(size / 2 + 1);
		this.splitBin = Math.max(0, Math.ceil((splitHz * size) / sampleRate));
	}

	/** Whole-band power and power above the split of the frame of `pcm` centred on sample `centre` (zeros past either end). */
	measure(pcm: Float32Array, centre: number): { whole: number; high: number } {
		const { size, re, im } = this;
		readWindowedFrame(pcm, centre - (size >> 1), this.window, this.frame);
		this.fft.forward(this.frame, re, im);
		let whole = 0;
		let high = 0;
		for (let k = 0; k <= size / 2; k++) {
			const power = (k === 0 || k === size / 2 ? 1 : 2) * (re[k] * re[k] + im[k] * im[k]);
			whole += power;
			if (k >= this.splitBin) high += power;
		}
		const scale = size * this.windowPower;
		return { whole: whole / scale, high: high / scale };
	}
}
