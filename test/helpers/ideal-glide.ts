/**
 * The diphthong measure's own ceiling: what the F2 track of a stretched glide would read if the
 * singer stretched the spoken glide perfectly. Test-side only: a reference rendering, not part of
 * the synthesis.
 */
import { synthesize } from '../../src/lib/vocoder/synthesis';
import { f2Track, forFormants } from './syllable-acoustics';

/** Aperiodicity of the clean source (the vocoder's floor for a fully periodic voice). */
const CLEAN_APERIODICITY = 0.001;
/** Seconds the first and last envelopes are held either side, so no neighbour reaches the track. */
const HOLD_SECONDS = 0.1;

/**
 * F2 at 12 points (f2Track) of an ideal sung glide: the spoken power envelopes (bins 0 … fftSize/2
 * at `fs`, `framePeriodSeconds` apart) stretched evenly to `seconds` (log-linear between
 * neighbouring frames), rendered by the vocoder on a steady `f0Hz` with a clean source and no
 * singing tone. Its track differs from the spoken one only by what the measure does with the
 * stretch and the pitch: the sparser harmonics of a sung note, one 5 ms frame per point of a
 * 60 ms spoken glide.
 */
export function idealStretchF2(envelopes: ArrayLike<number>[], fs: number, fftSize: number, framePeriodSeconds: number, seconds: number, f0Hz: number): number[] {
	const bins = fftSize / 2 + 1;
	const hold = Math.round(HOLD_SECONDS / framePeriodSeconds);
	const stretched = Math.max(2, Math.round(seconds / framePeriodSeconds));
	const frames = stretched + 2 * hold;
	const sp = new Float64Array(frames * bins);
	const last = envelopes.length - 1;
	for (let t = 0; t < frames; t++) {
		const at = last * Math.min(1, Math.max(0, (t - hold) / (stretched - 1)));
		const a = Math.floor(at);
		const b = Math.min(last, a + 1);
		const w = at - a;
		for (let k = 0; k < bins; k++) sp[t * bins + k] = Math.exp((1 - w) * Math.log(envelopes[a][k] + 1e-30) + w * Math.log(envelopes[b][k] + 1e-30));
	}
	const ap = new Float64Array(frames * bins).fill(CLEAN_APERIODICITY);
	const pcm = synthesize({ fs, framePeriodSeconds, f0Hz: new Float64Array(frames).fill(f0Hz), sp: { frames, fftSize, data: sp }, ap: { frames, fftSize, data: ap } }, { fs, seed: 1 });
	return f2Track(forFormants(pcm, fs), hold * framePeriodSeconds, (hold + stretched) * framePeriodSeconds);
}
