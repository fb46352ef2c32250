/** Input checks shared by the f0 estimators (DIO, Harvest, StoneMask). */

/** Throws a RangeError unless fs, the frame period and the f0 search range are usable. */
export function checkF0Range(fs: number, f0FloorHz: number, f0CeilHz: number, framePeriodSeconds: number): void {
	if (!Number.isFinite(fs) || fs <= 0) throw new RangeError(`fs must be a positive number of Hz; got ${fs}.`);
	if (!Number.isFinite(framePeriodSeconds) || framePeriodSeconds <= 0) {
		throw new RangeError(`framePeriodSeconds must be a positive number; got ${framePeriodSeconds}.`);
	}
	if (!Number.isFinite(f0FloorHz) || f0FloorHz <= 0) throw new RangeError(`f0FloorHz must be > 0 Hz; got ${f0FloorHz}.`);
	// The estimators' filters pass up to about twice the ceiling, which must stay below Nyquist.
	if (!Number.isFinite(f0CeilHz) || f0CeilHz <= f0FloorHz || f0CeilHz > fs / 4) {
		throw new RangeError(`f0CeilHz must be in (f0FloorHz = ${f0FloorHz}, fs / 4 = ${fs / 4}] Hz; got ${f0CeilHz}.`);
	}
}

/** Copies `x` into a Float64Array, rejecting non-finite samples. */
export function toSignal(x: ArrayLike<number>): Float64Array {
	const out = new Float64Array(x.length);
	for (let i = 0; i < x.length; i++) {
		const v = x[i];
		if (!Number.isFinite(v)) throw new RangeError(`x[${i}] must be finite; got ${v}.`);
		out[i] = v;
	}
	return out;
}
