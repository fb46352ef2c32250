/**
 * The melody of a Standard MIDI File written by any program: the track named as a melody
 * ("Melody", "Voice", "Vocal", "Lead"), else the pitched track with the most notes (never the
 * drum channel). Ticks are rescaled to PPQ 480, so the tune keeps its rhythm in beats and is sung
 * at the song's tempo. The vocal line is one voice: of notes starting together the highest is
 * kept, and a note still sounding when the next starts is cut there. A rest of a beat or more
 * starts a new phrase.
 */
import ToneMidi from '@tonejs/midi';
import { PPQ } from '../types';
import { ImportError } from './import-error';
import type { ImportedMelody, ImportedNote } from './imported-melody';

const { Midi } = ToneMidi;
const DRUM_CHANNEL = 9;
const MELODY_NAME = /melody|voice|vocal|lead|sing|tune/i;

export function midiToMelody(bytes: Uint8Array): ImportedMelody {
	let midi: InstanceType<typeof Midi>;
	try {
		midi = new Midi(bytes);
	} catch (e) {
		throw new ImportError(`The file is not a readable MIDI file (${(e as Error).message}).`);
	}
	const pitched = midi.tracks.filter((t) => t.notes.length > 0 && t.channel !== DRUM_CHANNEL);
	if (pitched.length === 0) throw new ImportError('The MIDI file has no notes to sing (only drums, or nothing).');
	const track = pitched.find((t) => MELODY_NAME.test(t.name)) ?? pitched.reduce((a, b) => (b.notes.length > a.notes.length ? b : a));
	const scale = PPQ / midi.header.ppq;
	const sorted = track.notes
		.map((n) => ({ startTicks: Math.round(n.ticks * scale), endTicks: Math.round((n.ticks + n.durationTicks) * scale), midiPitch: n.midi }))
		.sort((a, b) => a.startTicks - b.startTicks || b.midiPitch - a.midiPitch);
	const notes: ImportedNote[] = [];
	for (const n of sorted) {
		const previous = notes[notes.length - 1];
		if (previous && previous.startTicks === n.startTicks) continue;
		if (previous && previous.startTicks + previous.durationTicks > n.startTicks) previous.durationTicks = n.startTicks - previous.startTicks;
		if (n.endTicks > n.startTicks) notes.push({ startTicks: n.startTicks, durationTicks: n.endTicks - n.startTicks, midiPitch: n.midiPitch, syllable: null, phrase: 0 });
	}
	let phrase = 0;
	notes.forEach((n, i) => {
		const previous = notes[i - 1];
		if (previous && n.startTicks - (previous.startTicks + previous.durationTicks) >= PPQ) phrase++;
		n.phrase = phrase;
	});
	return { source: 'MIDI', melody: notes, hasLyrics: false };
}
