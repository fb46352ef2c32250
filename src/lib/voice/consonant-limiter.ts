/**
 * The last guard on a sung phrase's consonants: no onset or coda louder than its own vowel's
 * loudest moment by more than a few dB, measured on the finished sound. The layout caps vocoded
 * consonant frames by their envelope power and the splice predicts a recorded onset's peak from
 * its own analysis frames, but the rendered sound differs from both: pulses against envelope
 * power, a spliced clip's crossfades, frames on another grid. Measured on the real voices before
 * this guard, sung at brightness 0.5: four of 352 sung syllables had an onset 6.0–6.8 dB above its vowel's peak (three
 * spliced onsets held to 5 dB by their prediction, one vocoded "j"). So each syllable's onset and
 * coda are measured as the onsets' levels are (11.6 ms Hann windows, whole band; here every 1 ms) and, where one stands more than the headroom above its vowel, turned down by the excess.
 */
import { hannWindow } from '../dsp/windowed-frame';

/** Loudest an onset or coda may be above its syllable's loudest vowel moment, dB. */
export const CONSONANT_PEAK_HEADROOM_DB = 5;
/** The level meter's window, s (recorded-onsets.ts measures onsets on 11.6 ms Hann windows). */
const WINDOW_SECONDS = 0.0116;
/**
 * Levels every 1 ms. A consonant's peak is the loudest of them (a transient found within 1 ms of its
 * place); a vowel's is the loudest level held over ±3 ms of centres, which a meter on any 5 ms grid
 * reaches or exceeds: a low voice's vowel rises and falls by several dB with how many pitch pulses
 * a window holds, and measured every 1 ms its loudest window was 3.2 dB above what 5 ms frames of
 * another grid found (so an "f" held to 5 dB above one read 6.4 dB above the other).
 */
const HOP_SECONDS = 0.001;
const VOWEL_HOLD_HOPS = 3;
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
	let size = 8;
	while (size < WINDOW_SECONDS * fs) size *= 2;
	const window = hannWindow(size);
	const windowPower = window.reduce((sum, w) => sum + w * w, 0);
	const half = size >> 1;
	const hop = Math.max(1, Math.round(HOP_SECONDS * fs));
	const ramp = Math.max(1, Math.round(RAMP_SECONDS * fs));
	/** Windowed power (mean square) of windows centred every hop in [from, to). */
	const levels = (from: number, to: number) => {
		const out: number[] = [];
		for (let centre = from; centre < to; centre += hop) {
			let sum = 0;
			for (let i = Math.max(0, half - centre); i < size && centre - half + i < pcm.length; i++) sum += (pcm[centre - half + i] * window[i]) ** 2;
			out.push(sum / windowPower);
		}
		return out;
	};
	const ceiling = 10 ** (headroomDb / 10);
	let limited = 0;
	for (const s of syllables) {
		// The vowel's own windows, clear of its neighbours (a loud consonant's edge would count as the vowel's), where it is long enough.
		const inner = s.codaStart - s.vowelStart > 2 * half ? [s.vowelStart + half, s.codaStart - half] : [s.vowelStart, Math.max(s.vowelStart + 1, s.codaStart)];
		const vowel = levels(inner[0], inner[1]);
		let vowelPeak = 0;
		for (let i = 0; i < vowel.length; i++) {
			let held = Infinity;
			for (let d = -VOWEL_HOLD_HOPS; d <= VOWEL_HOLD_HOPS; d++) held = Math.min(held, vowel[Math.max(0, Math.min(vowel.length - 1, i + d))]);
			vowelPeak = Math.max(vowelPeak, held);
		}
		if (!(vowelPeak > 1e-15)) continue;
		for (const [from, to] of [
			[s.onsetStart, s.vowelStart],
			[s.codaStart, s.end]
		]) {
			if (to <= from) continue;
			const peak = Math.max(...levels(from, to));
			if (peak <= ceiling * vowelPeak) continue;
			applyGain(pcm, from, to, Math.sqrt((ceiling * vowelPeak) / peak), ramp);
			limited++;
		}
	}
	return limited;
}
