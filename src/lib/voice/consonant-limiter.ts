/**
 * The last guard on a sung phrase's consonants: no onset or coda louder than its own vowel's
 * loudest moment by more than a few dB, measured on the finished sound. The layout caps vocoded
 * consonant frames by their envelope power and the splice predicts a recorded onset's peak from
 * its own analysis frames, but the rendered sound differs from both: pulses against envelope
 * power, a spliced clip's crossfades, frames on another grid. Measured on the real voices before
 * this guard, sung at brightness 0.5: four of 352 sung syllables had an onset 6.0–6.8 dB above its vowel's peak (three
 * spliced onsets held to 5 dB by their prediction, one vocoded "j"). So each syllable's onset and
 * coda are measured as the onsets' levels are (recorded-onsets.ts: 11.6 ms Hann windows every 5 ms,
 * whole band) and, where one stands more than the headroom above its vowel, turned down by the excess.
 */
import { peakFrameDb } from './recorded-onsets';

/** Loudest an onset or coda may be above its syllable's loudest vowel moment, dB. */
export const CONSONANT_PEAK_HEADROOM_DB = 5;
/** Half the level meter's window (peakFrameDb's 11.6 ms), s. */
const HALF_WINDOW_SECONDS = 0.0058;
/** Length of the gain's ramps, s: the edges of a turned-down consonant are eased, not stepped. */
const RAMP_SECONDS = 0.0025;

/** A syllable's parts in a phrase, samples from the phrase's first. */
export interface SyllableSamples {
	onsetStart: number;
	vowelStart: number;
	/** Where the coda (or a glide coda) begins; equal to `end` when there is none. */
	codaStart: number;
	end: number;
}

/**
 * Multiplies pcm[from, to) by `gain`, easing into it over the `ramp` samples before `from` and
 * back to 1 over the `ramp` samples after `to` (raised cosines): the consonant is turned down
 * whole, and no step is heard at either edge.
 */
function applyGain(pcm: Float32Array, from: number, to: number, gain: number, ramp: number): void {
	for (let i = Math.max(0, from - ramp); i < Math.min(pcm.length, to + ramp); i++) {
		const edge = i < from ? (from - i - 0.5) / ramp : i >= to ? (i - to + 0.5) / ramp : 0;
		const share = 0.5 + 0.5 * Math.cos(Math.PI * Math.min(1, edge));
		pcm[i] *= 1 + (gain - 1) * share;
	}
}

/**
 * Turns down, in place, each syllable's onset and coda that stands more than `headroomDb` above
 * the loudest moment of its vowel in `pcm` (`fs` Hz). Returns how many consonants it turned down.
 */
export function limitConsonantPeaks(pcm: Float32Array, fs: number, syllables: SyllableSamples[], headroomDb = CONSONANT_PEAK_HEADROOM_DB): number {
	const half = Math.round(HALF_WINDOW_SECONDS * fs);
	const ramp = Math.max(1, Math.round(RAMP_SECONDS * fs));
	let limited = 0;
	for (const s of syllables) {
		// The vowel's own windows, clear of its neighbours (a loud consonant's edge would count as the vowel's peak), where it is long enough.
		const inner = s.codaStart - s.vowelStart > 2 * half ? [s.vowelStart + half, s.codaStart - half] : [s.vowelStart, Math.max(s.vowelStart + 1, s.codaStart)];
		const vowelDb = peakFrameDb(pcm, fs, inner[0], inner[1]);
		if (!Number.isFinite(vowelDb) || vowelDb < -150) continue;
		for (const [from, to] of [
			[s.onsetStart, s.vowelStart],
			[s.codaStart, s.end]
		]) {
			if (to <= from) continue;
			const excessDb = peakFrameDb(pcm, fs, from, to) - (vowelDb + headroomDb);
			if (!(excessDb > 0)) continue;
			applyGain(pcm, from, to, 10 ** (-excessDb / 20), ramp);
			limited++;
		}
	}
	return limited;
}
