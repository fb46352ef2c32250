/**
 * DC correction (CheapTrick, Morise 2015, the step after F0-adaptive windowing): below f0 the
 * window's spectrum lacks the energy that the lowest harmonic's mirror image (its component at −f0)
 * puts there, so the power at f is raised by the power at f0 − f for 0 ≤ f ≤ f0. D4C applies the
 * same fold to its power spectrum and group-delay numerator (Morise 2016).
 */
export class DcCorrection {
	private readonly copy: Float64Array;

	constructor(bins: number) {
		this.copy = new Float64Array(bins);
	}

	/** In place: spectrum[k] += spectrum(f0 − k) for bins k ≤ f0, linearly interpolated; f0 in bins. */
	apply(spectrum: Float64Array, f0Bins: number): void {
		const top = Math.floor(f0Bins);
		const last = Math.min(top + 1, spectrum.length - 1);
		const src = this.copy;
		for (let k = 0; k <= last; k++) src[k] = spectrum[k];
		const frac = f0Bins - top;
		// f0 − k = (top − k) + frac: the same fraction for every k.
		for (let k = 0; k <= top && k < spectrum.length; k++) {
			const i = top - k;
			const next = i + 1 <= last ? src[i + 1] : src[i];
			spectrum[k] += src[i] + frac * (next - src[i]);
		}
	}
}
