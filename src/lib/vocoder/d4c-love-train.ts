/**
 * D4C LoveTrain: the voiced/unvoiced check that D4C runs before estimating aperiodicity (WORLD's
 * D4C, Morise 2016). Voiced speech keeps most of its power below 4 kHz, so the share of the power
 * between 100 Hz and 4 kHz in that between 100 Hz and 7.9 kHz, seen through a three-period Blackman
 * window, is high for voiced frames and lower for noise. D4C treats frames whose share is at or
 * below its threshold (0.85) as unvoiced.
 */
import { RealFft } from '../dsp/fft';
import { F0AdaptiveWindow, nearestSample } from './adaptive-window';
import type { FrameRange } from './types';

/** Lowest f0 the check analyses at, Hz; lower f0s are raised to it. */
export const LOVE_TRAIN_LOWEST_F0_HZ = 40;

/** FFT size for the lowest f0: three periods of 40 Hz, doubled (CheapTrick's size rule). */
export function loveTrainFullFftSize(fs: number): number {
	return 2 ** (1 + Math.floor(Math.log2((3 * fs) / LOVE_TRAIN_LOWEST_F0_HZ + 1)));
}

/** Transform, buffers and band edges for one FFT size. */
class ShareMeter {
	readonly fftSize: number;
	readonly window: F0AdaptiveWindow;
	private readonly fft: RealFft;
	private readonly frame: Float64Array;
	private readonly re: Float64Array;
	private readonly im: Float64Array;
	/** Band edges in this grid's bins (fractional): the sums start above 100 Hz, end at 4 and 7.9 kHz. */
	private readonly edges: Float64Array;

	/** `fullSize`: the grid whose bin edges define the bands (WORLD's, sized for 40 Hz). */
	constructor(fs: number, fftSize: number, fullSize: number) {
		this.fftSize = fftSize;
		const bins = fftSize / 2 + 1;
		const fullBins = fullSize / 2 + 1;
		// On the full grid the sums run over whole bins: from the one above 100 Hz's bin to the bins
		// holding 4 kHz and 7.9 kHz. Their outer edges, (bin + 1/2) full bins, carried to this grid.
		const edgeAbove = (hz: number): number => {
			const fullBin = Math.min(fullBins - 1, Math.ceil((hz * fullSize) / fs));
			return Math.min(bins - 0.5, ((fullBin + 0.5) * fftSize) / fullSize);
		};
		this.edges = Float64Array.of(edgeAbove(100), edgeAbove(4000), edgeAbove(7900));
		this.window = new F0AdaptiveWindow('blackman', 3, fs, fftSize, false);
		this.fft = new RealFft(fftSize);
		this.frame = new Float64Array(fftSize);
		this.re = new Float64Array(bins);
		this.im = new Float64Array(bins);
	}

	share(signal: Float64Array, centre: number, f0Hz: number): number {
		const { re, im, edges } = this;
		this.window.cut(signal, centre, f0Hz, this.frame, this.fftSize);
		this.fft.forward(this.frame, re, im);
		// Running integral of the power (bin k spans k ± 1/2), read at the three edges.
		const at = [0, 0, 0];
		let e = 0;
		let below = 0;
		for (let k = 0; e < 3; k++) {
			const p = re[k] * re[k] + im[k] * im[k];
			while (e < 3 && edges[e] <= k + 0.5) {
				at[e] = below + (edges[e] - (k - 0.5)) * p;
				e++;
			}
			below += p;
		}
		const toHigh = at[2] - at[0];
		return toHigh > 0 ? (at[1] - at[0]) / toHigh : 0;
	}
}

/**
 * Per frame, the power share described above; 0 for unvoiced frames (f0 = 0) and for frames outside
 * `range` (default all), which are not analysed. `signal` must already be validated.
 *
 * `fullResolution` analyses every frame with the FFT sized for 40 Hz, as WORLD does. Otherwise each
 * frame uses the smallest power of two that holds its window, and the band edges of the full grid
 * are read off the running integral of the coarser spectrum: the shares then differ by at most 0.0014
 * on the WORLD reference recordings, and no voicing decision changes.
 */
export function loveTrainShares(
	signal: Float64Array,
	fs: number,
	framePeriodSeconds: number,
	f0Hz: Float64Array,
	fullResolution: boolean,
	range: FrameRange = { from: 0, to: f0Hz.length }
): Float64Array {
	const fullSize = loveTrainFullFftSize(fs);
	const meters = new Map<number, ShareMeter>();
	const shares = new Float64Array(f0Hz.length);
	for (let i = range.from; i < range.to; i++) {
		if (f0Hz[i] === 0) continue;
		const f0 = Math.max(f0Hz[i], LOVE_TRAIN_LOWEST_F0_HZ);
		const windowLength = 2 * Math.round((1.5 * fs) / f0) + 1;
		const size = fullResolution ? fullSize : Math.min(fullSize, 2 ** Math.ceil(Math.log2(windowLength)));
		let meter = meters.get(size);
		if (meter === undefined) {
			meter = new ShareMeter(fs, size, fullSize);
			meters.set(size, meter);
		}
		shares[i] = meter.share(signal, nearestSample(i * framePeriodSeconds, fs), f0);
	}
	return shares;
}
