/**
 * The diphthong measure's own ceiling: what the F2 track of a stretched glide would read if the
 * singer stretched the spoken glide perfectly. Test-side only: a reference rendering, not part of
 * the synthesis.
 */
import { concatenateParameters, timeStretch } from '../../src/lib/vocoder/manipulate';
import { synthesize } from '../../src/lib/vocoder/synthesis';
import type { WorldParameters } from '../../src/lib/vocoder/types';
import { f2Track, forFormants } from './syllable-acoustics';

/** Aperiodicity of the clean source (the vocoder's floor for a fully periodic voice). */
const CLEAN_APERIODICITY = 0.001;
/** Seconds the first and last envelopes are held either side, so no neighbour reaches the track. */
const HOLD_SECONDS = 0.1;

/**
 * F2 at 12 points (f2Track) of an ideal sung glide: the spoken power envelopes (bins 0 … fftSize/2
 * at `fs`, `framePeriodSeconds` apart) stretched evenly to `seconds` (the vocoder's timeStretch:
 * log-linear between neighbouring frames), rendered by the vocoder on a steady `f0Hz` with a clean
 * source and no singing tone. Its track differs from the spoken one only by what the measure does
 * with the stretch and the pitch: the sparser harmonics of a sung note, one 5 ms frame per point of
 * a 60 ms spoken glide.
 */
export function idealStretchF2(envelopes: ArrayLike<number>[], fs: number, fftSize: number, framePeriodSeconds: number, seconds: number, f0Hz: number): number[] {
	const bins = fftSize / 2 + 1;
	/** The rows as vocoder parameters on the steady pitch with the clean source. */
	const steady = (rows: ArrayLike<number>[]): WorldParameters => {
		const sp = new Float64Array(rows.length * bins);
		rows.forEach((row, t) => sp.set(row, t * bins));
		const spectral = (data: Float64Array) => ({ frames: rows.length, fftSize, data });
		return { fs, framePeriodSeconds, f0Hz: new Float64Array(rows.length).fill(f0Hz), sp: spectral(sp), ap: spectral(new Float64Array(rows.length * bins).fill(CLEAN_APERIODICITY)) };
	};
	const hold = Math.round(HOLD_SECONDS / framePeriodSeconds);
	const stretchedFrames = Math.max(2, Math.round(seconds / framePeriodSeconds));
	const glide = timeStretch(steady(envelopes), (stretchedFrames - 1) / Math.max(1, envelopes.length - 1));
	const held = (row: ArrayLike<number>) => steady(Array.from({ length: hold }, () => row));
	const pcm = synthesize(concatenateParameters([held(envelopes[0]), glide, held(envelopes[envelopes.length - 1])]), { fs, seed: 1 });
	return f2Track(forFormants(pcm, fs), hold * framePeriodSeconds, (hold + glide.f0Hz.length) * framePeriodSeconds);
}
