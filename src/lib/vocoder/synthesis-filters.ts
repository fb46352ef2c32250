/**
 * The two synthesis filters of one analysis frame, at the output FFT's bins:
 *   - periodic: the minimum-phase response of sp·(1 − ap²), as a complex spectrum (voiced frames);
 *   - aperiodic: the amplitude √(sp·ap²) (the whole sp where unvoiced), applied with zero phase.
 * Minimum phase comes from the folded real cepstrum. The noise filter needs no phase: white noise
 * has random phase, so any phase gives the same power spectrum, and each frame's noise is already
 * spread over two frame periods by its crossfade; zero phase skips a cepstrum per frame.
 * Consecutive voiced frames share one transform (MinimumPhasePair takes two spectra at once): the
 * second frame's response is kept until it is rendered.
 *
 * Output at another rate maps each output bin to its frequency on the analysed envelope, scaled by
 * fs_out / fs_in so the power spectral density (and loudness) is kept. Above the analysed Nyquist
 * the envelope is 120 dB below the frame's peak; when rendering at a higher rate the top 5 % of the
 * analysed band fades out (a cliff would ring past the response buffer).
 */
import { fastPolar, halfLogAndRoot } from '../dsp/fast-math';
import { MinimumPhasePair } from './minimum-phase';

/** Envelope floor relative to the frame's peak power (−120 dB): keeps logarithms finite. */
const ENVELOPE_FLOOR_RELATIVE = 1e-12;
const ABSOLUTE_FLOOR = 1e-300;
/** Fraction of the analysed band faded out when synthesising above its Nyquist frequency. */
const UPPER_BAND_FADE = 0.05;

/** One analysis frame's rows: sp and ap values from index `row`. */
export interface FrameRows {
	frame: number;
	sp: Float64Array;
	ap: Float64Array;
	row: number;
	voiced: boolean;
}

/** Amplitude, log amplitude and minimum phase of one periodic response. */
interface PeriodicForm {
	frame: number;
	power: Float64Array;
	powerWords: Int32Array;
	amplitude: Float64Array;
	logAmplitude: Float64Array;
	phase: Float64Array;
}

export class FrameFilters {
	/** Output bins, fftSize/2 + 1. */
	readonly bins: number;
	/** Periodic response, re and im per output bin (valid after `compute` of a voiced frame). */
	readonly periodicRe: Float64Array;
	readonly periodicIm: Float64Array;
	/** Aperiodic amplitude per output bin (zero phase). */
	readonly aperiodicAmplitude: Float64Array;

	private readonly inputBins: number;
	// Rate conversion: output bin k reads input bin position sourceIndex[k] + sourceFrac[k]; −1 = above Nyquist.
	private readonly sourceIndex: Int32Array | null = null;
	private readonly sourceFrac: Float64Array | null = null;
	private readonly sourceGain: Float64Array | null = null;
	/** Output/input power density ratio (1 at the analysis rate). */
	private readonly densityScale: number = 1;

	private readonly minimumPhase: MinimumPhasePair;
	/** This frame's form and the next frame's (computed with it when both are voiced). */
	private forms: [PeriodicForm, PeriodicForm];

	/** Filters for envelopes of `inputFftSize` at `inputFs`, rendered with an FFT of `fftSize` at `outputFs`. */
	constructor(inputFs: number, inputFftSize: number, outputFs: number, fftSize: number) {
		const bins = fftSize / 2 + 1;
		this.bins = bins;
		this.inputBins = inputFftSize / 2 + 1;
		if (outputFs !== inputFs || fftSize !== inputFftSize) {
			this.sourceIndex = new Int32Array(bins);
			this.sourceFrac = new Float64Array(bins);
			this.sourceGain = new Float64Array(bins);
			// Same power spectral density at either rate: sp scales with the sampling rate.
			const densityScale = outputFs / inputFs;
			this.densityScale = densityScale;
			for (let k = 0; k < bins; k++) {
				const position = (k * outputFs * inputFftSize) / (fftSize * inputFs);
				if (position > this.inputBins - 1 + 1e-9) {
					this.sourceIndex[k] = -1;
				} else {
					const i = Math.min(Math.floor(position), this.inputBins - 2);
					this.sourceIndex[k] = i;
					this.sourceFrac[k] = Math.min(1, position - i);
					// Where the band stops short of the output Nyquist, fade its top 5 % out (raised cosine).
					const x = position / (this.inputBins - 1);
					const fade = outputFs > inputFs && x > 1 - UPPER_BAND_FADE ? Math.cos(((x - 1 + UPPER_BAND_FADE) / UPPER_BAND_FADE) * (Math.PI / 2)) ** 2 : 1;
					this.sourceGain[k] = densityScale * fade;
				}
			}
		}
		this.minimumPhase = new MinimumPhasePair(fftSize);
		const form = (): PeriodicForm => {
			const power = new Float64Array(bins);
			return { frame: -1, power, powerWords: new Int32Array(power.buffer), amplitude: new Float64Array(bins), logAmplitude: new Float64Array(bins), phase: new Float64Array(bins) };
		};
		this.forms = [form(), form()];
		this.aperiodicAmplitude = new Float64Array(bins);
		this.periodicRe = new Float64Array(bins);
		this.periodicIm = new Float64Array(bins);
	}

	/**
	 * Computes frame `current`'s filters. `next` is the following frame, when known: if both are
	 * voiced, its periodic response comes from the same transform and is kept for its turn.
	 */
	compute(current: FrameRows, next: FrameRows | null): void {
		const bins = this.bins;
		this.powers(current, current.voiced ? this.forms[0].power : null, this.aperiodicAmplitude);
		if (!current.voiced) return;

		let form = this.forms[0];
		if (this.forms[1].frame === current.frame) {
			// Computed with the previous frame.
			this.forms = [this.forms[1], this.forms[0]];
			form = this.forms[0];
		} else {
			halfLogAndRoot(form.power, form.powerWords, form.logAmplitude, form.amplitude, bins);
			const partner = this.forms[1];
			if (next !== null && next.voiced) {
				this.powers(next, partner.power, null);
				halfLogAndRoot(partner.power, partner.powerWords, partner.logAmplitude, partner.amplitude, bins);
				partner.frame = next.frame;
			} else {
				// No partner: the pair's second slot gets this frame's spectrum again.
				partner.logAmplitude.set(form.logAmplitude);
				partner.frame = -1;
			}
			this.minimumPhase.phases(form.logAmplitude, partner.logAmplitude, form.phase, partner.phase);
			form.frame = current.frame;
		}
		const re = this.periodicRe;
		const im = this.periodicIm;
		const a = form.amplitude;
		const phi = form.phase;
		for (let k = 0; k < bins; k++) {
			const z = fastPolar(a[k], phi[k]);
			re[k] = z.re;
			im[k] = z.im;
		}
	}

	/**
	 * At the output bins: the floored power sp·(1 − ap²) into `periodic`, and the amplitude
	 * √(sp·ap²) (all of sp if unvoiced) into `aperiodicAmplitude`.
	 */
	private powers(rows: FrameRows, periodic: Float64Array | null, aperiodicAmplitude: Float64Array | null): void {
		const { sp, ap, row, voiced } = rows;
		const bins = this.bins;
		// The floor follows the row's peak (−120 dB), so quiet frames keep their shape.
		let peak = 0;
		for (let k = 0; k < this.inputBins; k++) if (sp[row + k] > peak) peak = sp[row + k];
		const floor = Math.max(peak * this.densityScale * ENVELOPE_FLOOR_RELATIVE, ABSOLUTE_FLOOR);
		const index = this.sourceIndex;
		const frac = this.sourceFrac;
		const gain = this.sourceGain;
		for (let k = 0; k < bins; k++) {
			let s: number;
			let a: number;
			if (index === null) {
				s = sp[row + k];
				a = ap[row + k];
			} else {
				const i = index[k];
				if (i < 0) {
					if (periodic !== null) periodic[k] = floor;
					if (aperiodicAmplitude !== null) aperiodicAmplitude[k] = Math.sqrt(floor);
					continue;
				}
				const f = frac![k];
				s = gain![k] * (sp[row + i] + f * (sp[row + i + 1] - sp[row + i]));
				a = ap[row + i] + f * (ap[row + i + 1] - ap[row + i]);
			}
			if (!(s > 0)) s = 0;
			// Unvoiced: all noise. NaN fails both comparisons and counts as 1 (noise) or 0 (power).
			a = !voiced || !(a < 1) ? 1 : a > 0 ? a : 0;
			const noise = s * a * a;
			if (periodic !== null) {
				const p = s - noise;
				periodic[k] = p > floor ? p : floor;
			}
			if (aperiodicAmplitude !== null) aperiodicAmplitude[k] = Math.sqrt(noise > floor ? noise : floor);
		}
	}
}
