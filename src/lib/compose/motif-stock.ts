/**
 * Built-in motifs for when the hum gave too few notes: one per mode and metre, each a short rising
 * figure within a fifth of the tonic that outlines the tonic triad (so it sets up the key at once)
 * and ends open, on the third or fifth.
 */
import { PPQ, type SongKey, type TimeSignature } from '../song/types';
import type { MelodicMotif } from './melody-types';
import { assertKey, degreeToMidi } from './scale';

export interface StockMotifOptions {
	/** Metre; bars of three quarter notes (3/4, 6/8) get a three-beat motif (default 4/4). */
	timeSignature?: TimeSignature;
	/** Tempo recorded in the motif, bpm (default 90). */
	tempoBpm?: number;
}

/** [scale degree, octave offset from the tonic's octave, duration in quarter notes]. */
type StockNote = readonly [degree: number, octaveOffset: number, quarters: number];

const STOCK: Record<'major' | 'minor', Record<3 | 4, readonly StockNote[]>> = {
	major: {
		4: [[1, 0, 1], [2, 0, 0.5], [3, 0, 0.5], [5, 0, 1], [3, 0, 1]],
		3: [[1, 0, 1], [2, 0, 0.5], [3, 0, 0.5], [5, 0, 1]]
	},
	minor: {
		4: [[1, 0, 1], [3, 0, 0.5], [4, 0, 0.5], [5, 0, 1], [3, 0, 1]],
		3: [[1, 0, 1], [3, 0, 0.5], [4, 0, 0.5], [5, 0, 1]]
	}
};

/** A stock motif in `key`, tonic between A3 and G♯4. */
export function stockMotif(key: SongKey, options: StockMotifOptions = {}): MelodicMotif {
	assertKey(key);
	const { timeSignature = { beatsPerBar: 4, beatUnit: 4 }, tempoBpm = 90 } = options;
	const barQuarters = (timeSignature.beatsPerBar * 4) / timeSignature.beatUnit;
	const shape = STOCK[key.mode][barQuarters === 3 || barQuarters === 1.5 ? 3 : 4];
	// Scientific octave 4 (tonic C4..B4), dropped one for tonics above G#4 to stay mid-voice.
	const tonicOctave = key.tonicPitchClass > 8 ? 3 : 4;
	let offsetTicks = 0;
	const notes = shape.map(([degree, octaveOffset, quarters]) => {
		const durationTicks = quarters * PPQ;
		const note = { offsetTicks, durationTicks, midiPitch: degreeToMidi(degree, tonicOctave + octaveOffset, key) };
		offsetTicks += durationTicks;
		return note;
	});
	return { notes, lengthTicks: offsetTicks, key: { ...key }, tempoBpm, source: 'stock' };
}
