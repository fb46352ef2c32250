/**
 * StoneMask: refines a coarse f0 contour by the instantaneous frequencies of the harmonics (WORLD:
 * Morise, Yokomori & Ozawa, IEICE Trans. Inf. & Syst. 2016, Sec. 3.1). Per voiced frame, with a
 * Blackman window three periods long centred on the frame:
 *   f0' = Σ_k |X(k f0)| · IF(k f0) / Σ_k |X(k f0)| · k,
 * a fixed-point step that weights each harmonic's estimate IF_k / k by its amplitude. A first step
 * with the two lowest harmonics pulls f0 into the main lobes; a second from there uses up to six.
 * Unvoiced frames stay 0; a refinement that moves f0 by more than 20 % is discarded (the estimate has
 * left the harmonics' main lobes).
 */
import { nextPowerOfTwo } from './f0-filters';
import { toSignal } from './analysis-input';
import { HarmonicAnalyzer } from './harmonic-if';
import type { F0Contour } from './types';

/** Below this f0 (Hz) the window would be too long to trust; such frames are left as they are. */
const LOWEST_REFINED_F0_HZ = 40;
/** A refinement that moves f0 by more than this fraction is rejected (the estimate left its lobe). */
const LARGEST_CORRECTION = 0.2;
const HARMONICS = 6;

/** `contour` with each voiced frame's f0 refined on `x` (sampled at `fs` Hz). */
export function stoneMask(x: ArrayLike<number>, fs: number, contour: F0Contour): F0Contour {
	if (!Number.isFinite(fs) || fs <= 0) throw new RangeError(`fs must be a positive number of Hz; got ${fs}.`);
	const framePeriodSeconds = contour.framePeriodSeconds;
	if (!Number.isFinite(framePeriodSeconds) || framePeriodSeconds <= 0) {
		throw new RangeError(`framePeriodSeconds must be a positive number; got ${framePeriodSeconds}.`);
	}
	const input = contour.f0Hz;
	for (let i = 0; i < input.length; i++) {
		const v = input[i];
		if (!Number.isFinite(v) || v < 0 || v >= fs / 2) throw new RangeError(`f0Hz[${i}] must be in [0, fs / 2 = ${fs / 2}) Hz; got ${v}.`);
	}
	const f0Hz = Float64Array.from(input);
	const signal = toSignal(x);
	if (signal.length === 0) return { framePeriodSeconds, f0Hz };
	const analyzer = new HarmonicAnalyzer(signal, fs);
	for (let i = 0; i < f0Hz.length; i++) {
		const initial = f0Hz[i];
		if (!(initial >= LOWEST_REFINED_F0_HZ)) continue;
		const centre = Math.round(i * framePeriodSeconds * fs);
		// Window: 2h + 1 samples, about three periods of the initial f0, kept for both steps. The
		// harmonics are read on the bins of an FFT of at least twice the window length.
		const halfLength = Math.floor((1.5 * fs) / initial + 1);
		const binHz = fs / nextPowerOfTwo(2 * (2 * halfLength + 1));
		const tentative = refine(analyzer, centre, halfLength, initial, Math.min(2, Math.floor(fs / 2 / initial)), binHz);
		if (!(tentative > 0 && tentative < 2 * initial)) continue;
		const refined = refine(analyzer, centre, halfLength, tentative, Math.min(HARMONICS, Math.floor(fs / 2 / tentative)), binHz);
		if (refined > 0 && Math.abs(refined - initial) <= LARGEST_CORRECTION * initial) f0Hz[i] = refined;
	}
	return { framePeriodSeconds, f0Hz };
}

/** One fixed-point step from `f0Hz` over `harmonics` harmonics; 0 when it fails. */
function refine(analyzer: HarmonicAnalyzer, centre: number, halfLength: number, f0Hz: number, harmonics: number, binHz: number): number {
	if (harmonics < 1) return 0;
	analyzer.analyse(centre, halfLength, f0Hz, harmonics, binHz);
	let numerator = 0;
	let denominator = 0;
	for (let k = 0; k < harmonics; k++) {
		numerator += analyzer.amplitude[k] * analyzer.frequencyHz[k];
		denominator += analyzer.amplitude[k] * (k + 1);
	}
	const f0 = numerator / denominator;
	return Number.isFinite(f0) && f0 > 0 ? f0 : 0;
}
