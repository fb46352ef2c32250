import ToneMidi from '@tonejs/midi';
import { PITCH_BEND_STEP_SECONDS } from '../pitch/pitch-bend';

const { Midi } = ToneMidi;

/** A note as the analysis reports it; pitch is fractional MIDI (cents kept). */
export interface TimedNote {
	onsetSeconds: number;
	offsetSeconds: number;
	midiPitch: number;
	confidence?: number;
	/** Pitch-bend curve, cents from `midiPitch`, one value per `PITCH_BEND_STEP_SECONDS` from the onset. */
	bendCents?: readonly number[];
}

export interface MidiExportOptions {
	/** Tempo written to the file, beats per minute (default 120). */
	tempoBpm?: number;
	/** Track name (default "Melody"). */
	name?: string;
	/** Pitch-bend range the receiving synth is set to, semitones (default 2, the General MIDI default). */
	bendRangeSemitones?: number;
}

/** Bend changes smaller than this are not written, cents (the ear's limit for short glides is larger). */
const MIN_BEND_CHANGE_CENTS = 2;

/**
 * A Standard MIDI File (format 1) with one melody track. Each note is the nearest MIDI key; the
 * remaining cents and the note's bend curve (scoops, vibrato, glides) go into pitch-bend events,
 * so the file plays what was sung. Velocity follows confidence. Times are kept in seconds via the
 * tempo map (PPQ 480).
 */
export function notesToMidi(notes: readonly TimedNote[], options: MidiExportOptions = {}): Uint8Array {
	const { tempoBpm = 120, name = 'Melody', bendRangeSemitones = 2 } = options;
	if (!(tempoBpm > 0 && tempoBpm < 1000)) throw new RangeError(`tempoBpm ${tempoBpm} is outside (0, 1000)`);
	const midi = new Midi();
	midi.header.setTempo(tempoBpm);
	midi.header.name = name;
	const track = midi.addTrack();
	track.name = name;
	track.channel = 0;
	for (const note of notes) {
		const key = Math.round(note.midiPitch);
		if (key < 0 || key > 127) continue;
		const offsetCents = 100 * (note.midiPitch - key);
		const curve = note.bendCents && note.bendCents.length > 0 ? note.bendCents : [0];
		const limit = 100 * bendRangeSemitones;
		let written = 0;
		curve.forEach((bend, k) => {
			const cents = Math.max(-limit, Math.min(limit, offsetCents + bend));
			const change = k === 0 ? Math.abs(cents) >= 1 : Math.abs(cents - written) >= MIN_BEND_CHANGE_CENTS;
			if (!change) return;
			const time = note.onsetSeconds + k * PITCH_BEND_STEP_SECONDS;
			if (time >= note.offsetSeconds) return;
			track.addPitchBend({ time, value: pitchBendValue(cents / limit) });
			written = cents;
		});
		track.addNote({
			midi: key,
			time: note.onsetSeconds,
			duration: Math.max(0.01, note.offsetSeconds - note.onsetSeconds),
			velocity: 0.5 + 0.4 * Math.min(1, Math.max(0, note.confidence ?? 1))
		});
		if (written !== 0) track.addPitchBend({ time: note.offsetSeconds, value: 0 });
	}
	return midi.toArray();
}

/**
 * @tonejs/midi reads pitch bends as -1..1 but writes `value` unscaled into the 14-bit event, so the
 * writer must be handed the signed 14-bit number (-8192..8191) itself.
 */
function pitchBendValue(normalised: number): number {
	return Math.max(-8192, Math.min(8191, Math.round(normalised * 8192)));
}
