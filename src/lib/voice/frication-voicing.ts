/**
 * Frication the f0 tracker took for voicing. On real readings (noisy phone recordings most of all)
 * the tracker calls frames of a voiceless fricative voiced: measured on a Common Voice Mandarin
 * "shi", 26 of its 28 onset frames, their energy all above 2 kHz. Sung as they were, those frames
 * are vocoded as a buzz at the note's pitch instead of noise, and the recorded onset (which keeps
 * only unvoiced frames) held its last two frames alone: the "sh" sang 4.6 dB weaker against its
 * vowel than read. A voiced frame's energy lies mostly below 2 kHz (the harmonics under F1 and F2;
 * a voiced fricative keeps its voice bar there), a voiceless fricative's or aspiration's mostly
 * above: so in a voiceless onset, a frame with at least as much energy above 2 kHz as below is
 * unvoiced, whatever the tracker said.
 */
import { BandPowerMeter } from '../dsp/band-power';
import { hasVoicelessObstruent } from './recorded-onsets';

/** Frequency splitting a frame's energy into its voice part and its frication part, Hz. */
export const FRICATION_SPLIT_HZ = 2000;
/** Analysis window, s (11.6 ms: 512 samples at 44.1 kHz, as the onset levels are measured). */
const WINDOW_SECONDS = 0.0116;

/**
 * Sets f0 to 0 (unvoiced) in `f0Hz` for the onset frames [0, nucleusStartFrame) whose energy above
 * FRICATION_SPLIT_HZ is at least the energy below it, when the onset has a voiceless obstruent;
 * frame i is centred at (unitStartFrame + i) · framePeriodSeconds in `reading` (`fs` Hz). Returns
 * how many frames it unvoiced. In place.
 */
export function unvoiceFrication(
	reading: Float32Array,
	fs: number,
	framePeriodSeconds: number,
	unit: { onset: readonly string[]; nucleusStartFrame: number },
	unitStartFrame: number,
	f0Hz: Float32Array | Float64Array
): number {
	if (!hasVoicelessObstruent(unit.onset)) return 0;
	const meter = new BandPowerMeter(fs, WINDOW_SECONDS, FRICATION_SPLIT_HZ);
	let unvoiced = 0;
	for (let i = 0; i < Math.min(unit.nucleusStartFrame, f0Hz.length); i++) {
		if (!(f0Hz[i] > 0)) continue;
		const { whole, high } = meter.measure(reading, Math.round((unitStartFrame + i) * framePeriodSeconds * fs));
		if (high > 0 && high >= whole - high) {
			f0Hz[i] = 0;
			unvoiced++;
		}
	}
	return unvoiced;
}
