/**
 * Input checks shared by the vocoder's analysis: the f0 estimators (DIO, Harvest, StoneMask) and
 * the envelope and aperiodicity estimators (CheapTrick, D4C), plus the latter's FFT sizing.
 */
import { fftSizeFor, type F0Contour, type FrameRange } from './types';

function checkSamplingRate(fs: number): void {
	if (!Number.isFinite(fs) || fs <= 0) throw new RangeError(`fs must be a positive number of Hz; got ${fs}.`);
}

function checkFramePeriod(framePeriodSeconds: number): void {
	if (!Number.isFinite(framePeriodSeconds) || framePeriodSeconds <= 0) {
		throw new RangeError(`framePeriodSeconds must be a positive number; got ${framePeriodSeconds}.`);
	}
}

/** Throws a RangeError unless fs, the frame period and the f0 search range are usable. */
export function checkF0Range(fs: number, f0FloorHz: number, f0CeilHz: number, framePeriodSeconds: number): void {
	checkSamplingRate(fs);
	checkFramePeriod(framePeriodSeconds);
	if (!Number.isFinite(f0FloorHz) || f0FloorHz <= 0) throw new RangeError(`f0FloorHz must be > 0 Hz; got ${f0FloorHz}.`);
	// The estimators' filters pass up to about twice the ceiling, which must stay below Nyquist.
	if (!Number.isFinite(f0CeilHz) || f0CeilHz <= f0FloorHz || f0CeilHz > fs / 4) {
		throw new RangeError(`f0CeilHz must be in (f0FloorHz = ${f0FloorHz}, fs / 4 = ${fs / 4}] Hz; got ${f0CeilHz}.`);
	}
}

/**
 * `x` as a Float64Array, rejecting non-finite samples: a Float64Array itself (the analyses only
 * read their signal), anything else converted. A 60 s take is 2.6 M samples: a copy of it per
 * analysis (and per frame range analysed on a thread) cost tens of ms and 21 MB of garbage each.
 */
export function toSignal(x: ArrayLike<number>): Float64Array {
	const out = x instanceof Float64Array ? x : new Float64Array(x);
	for (let i = 0; i < out.length; i++) {
		if (!Number.isFinite(out[i])) throw new RangeError(`x[${i}] must be finite; got ${x[i]}.`);
	}
	return out;
}

/** Validates the inputs common to CheapTrick and D4C; returns the signal as Float64Array. */
export function checkAnalysisInput(x: ArrayLike<number>, fs: number, f0: F0Contour): Float64Array {
	checkSamplingRate(fs);
	if (x.length < 1) throw new RangeError(`signal must hold at least 1 sample; got ${x.length}.`);
	checkFramePeriod(f0.framePeriodSeconds);
	const f0Hz = f0.f0Hz;
	if (f0Hz.length < 1) throw new RangeError(`f0 contour must hold at least 1 frame; got ${f0Hz.length}.`);
	for (let i = 0; i < f0Hz.length; i++) {
		const v = f0Hz[i];
		if (!Number.isFinite(v) || v < 0) throw new RangeError(`f0Hz[${i}] must be a finite value >= 0; got ${v}.`);
		if (v >= fs / 2) throw new RangeError(`f0Hz[${i}] must be below fs / 2 = ${fs / 2} Hz; got ${v}.`);
	}
	return toSignal(x);
}

/** Checks a user FFT size, or derives the default one. */
export function resolveFftSize(fs: number, f0FloorHz: number, fftSize: number | undefined): number {
	if (!Number.isFinite(f0FloorHz) || f0FloorHz <= 0 || f0FloorHz >= fs / 2) {
		throw new RangeError(`f0FloorHz must be in (0, fs / 2 = ${fs / 2}) Hz; got ${f0FloorHz}.`);
	}
	const size = fftSize ?? fftSizeFor(fs, f0FloorHz);
	if (!Number.isInteger(size) || size < 16 || (size & (size - 1)) !== 0 || size > 1 << 20) {
		throw new RangeError(`fftSize must be a power of two in [16, 2^20]; got ${size}.`);
	}
	return size;
}

/** The range asked for, checked against a contour of `frames` frames; all of them when none is given. */
export function resolveFrameRange(range: FrameRange | undefined, frames: number): FrameRange {
	if (range === undefined) return { from: 0, to: frames };
	const { from, to } = range;
	if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to < from || to > frames) {
		throw new RangeError(`frames must be whole numbers with 0 <= from <= to <= ${frames}; got [${from}, ${to}).`);
	}
	return { from, to };
}
