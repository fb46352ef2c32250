/**
 * Is the voice alone? Basic Pitch is polyphonic: besides the sung note (and the octave and twelfth
 * it sometimes reports for a bright voice) it marks every other note that sounds. A take where
 * such other notes are active in most sounding frames has accompaniment (a song with a backing, a
 * piano under the voice); the studio then says that its notes follow the predominant melody.
 */
import type { BasicPitchOutput } from './basic-pitch';
import { hzToMidi } from './units';
import type { F0Track } from './types';

export interface AccompanimentOptions {
	/** Note activation at or above which a key counts as sounding (default 0.5, Basic Pitch's onset threshold). */
	noteThreshold?: number;
	/** Share of sounding frames with other notes above which the take is accompanied (default 0.5). */
	minFraction?: number;
}

/** Semitone distances from the sung note that a solo voice's own partials can light up. */
const OWN_PARTIALS = [0, 12, 19, 24];

/** Share (0..1) of the model frames with any sounding note in which a note other than the voice's own sounds. */
export function accompanimentFraction(
	f0: F0Track,
	bp: Pick<BasicPitchOutput, 'frames' | 'note' | 'framesPerSecond'>,
	options: AccompanimentOptions = {}
): number {
	const threshold = options.noteThreshold ?? 0.5;
	let sounding = 0;
	let accompanied = 0;
	for (let t = 0; t < bp.frames; t++) {
		const i = Math.round(t / bp.framesPerSecond / f0.hopSeconds);
		const sung = i < f0.f0Hz.length && f0.voiced[i] ? Math.round(hzToMidi(f0.f0Hz[i])) : null;
		let any = false;
		let other = false;
		for (let k = 0; k < 88; k++) {
			if (bp.note[t * 88 + k] < threshold) continue;
			any = true;
			const midi = k + 21;
			// ±1 key: the model's key for a sung note may sit a semitone off when the singer is between keys.
			if (sung !== null && OWN_PARTIALS.some((d) => Math.abs(midi - (sung + d)) <= 1)) continue;
			other = true;
			break;
		}
		if (any) sounding++;
		if (other) accompanied++;
	}
	return sounding === 0 ? 0 : accompanied / sounding;
}

export function hasAccompaniment(f0: F0Track, bp: Pick<BasicPitchOutput, 'frames' | 'note' | 'framesPerSecond'>, options: AccompanimentOptions = {}): boolean {
	return accompanimentFraction(f0, bp, options) >= (options.minFraction ?? 0.5);
}
