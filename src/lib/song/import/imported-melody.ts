/**
 * A melody read from a file (MIDI or MusicXML), in the Song's terms (ticks at PPQ 480, MIDI
 * pitches), before it is put into a song. A MusicXML lead sheet also brings its chords, key,
 * tempo, time signature and sections; a MIDI file brings only notes.
 */
import type { LyricSyllable } from '../../lyrics/types';
import type { SongChord, SongKey, SongSection, TimeSignature } from '../types';

export interface ImportedNote {
	startTicks: number;
	durationTicks: number;
	midiPitch: number;
	/** The file's syllable; null = melisma or no lyric. */
	syllable: LyricSyllable | null;
	phrase: number;
}

export interface ImportedMelody {
	/** What the file was, for the undo label ("MIDI", "MusicXML"). */
	source: 'MIDI' | 'MusicXML';
	melody: ImportedNote[];
	/** Whether the file had lyrics; without them the song's syllables stay on the notes in order. */
	hasLyrics: boolean;
	chords?: SongChord[];
	key?: SongKey;
	tempoBpm?: number;
	timeSignature?: TimeSignature;
	sections?: SongSection[];
}
