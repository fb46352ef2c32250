/**
 * The Song: one versioned document from which every later stage works. Musical time is in ticks
 * (PPQ 480) from the start of bar 1; audio time only appears when a stage renders. Pitch is in MIDI
 * numbers. A song is written by the compose stage and then changed by the user's edits (lyrics,
 * style, melody candidate), each edit a new revision.
 */
import type { LyricSyllable } from '../lyrics/types';
import type { Language } from '../take/types';
import type { NoteExpression } from './note-expression';
import type { BackingInstrument } from './backing-types';

/** Ticks per quarter note. */
export const PPQ = 480;
export const SONG_SCHEMA_VERSION = 1;

export type StyleName = 'pop-ballad' | 'upbeat-pop' | 'lo-fi' | 'cantopop-ballad' | 'childrens-song';
export const STYLE_NAMES: readonly StyleName[] = ['pop-ballad', 'upbeat-pop', 'lo-fi', 'cantopop-ballad', 'childrens-song'];

export type SectionKind = 'intro' | 'verse' | 'pre-chorus' | 'chorus' | 'bridge' | 'outro';

export interface SongSection {
	kind: SectionKind;
	/** Shown to the user, e.g. "Verse 1". */
	label: string;
	/** First bar, from 0. */
	startBar: number;
	bars: number;
	/** The style this section is arranged in; absent: the song's. */
	style?: StyleName;
	/** This section's instrument settings, on top of the song's; absent: none. */
	instruments?: InstrumentSettings;
}

/**
 * How one backing instrument sounds: muted, soloed (only soloed instruments sound), and its level
 * against the style's, dB. Absent fields are the defaults (not muted, not soloed, 0 dB).
 */
export interface InstrumentSetting {
	muted?: boolean;
	solo?: boolean;
	levelDb?: number;
}
/** Settings for the instruments that have any (absent: that instrument as the style plays it). */
export type InstrumentSettings = Partial<Record<BackingInstrument, InstrumentSetting>>;

export interface SongKey {
	/** 0 = C … 11 = B. */
	tonicPitchClass: number;
	mode: 'major' | 'minor';
}

export interface TimeSignature {
	beatsPerBar: number;
	/** 4 for quarter-note beats. */
	beatUnit: number;
}

export interface SongNote {
	startTicks: number;
	durationTicks: number;
	midiPitch: number;
	/** The syllable that starts on this note; null continues the previous syllable (melisma). */
	syllable: LyricSyllable | null;
	/** Index of the phrase (a breath-to-breath group) the note belongs to, from 0. */
	phrase: number;
	/** Expression set by hand (vibrato, transition, dynamics); absent: all automatic. */
	expression?: NoteExpression;
}

export type ChordQuality = 'major' | 'minor' | 'diminished' | 'dominant7' | 'major7' | 'minor7' | 'sus4';

export interface SongChord {
	startTicks: number;
	durationTicks: number;
	/** Root pitch class, 0–11. */
	rootPitchClass: number;
	quality: ChordQuality;
	/** Roman numeral in the song's key, e.g. "IV", "vi", "V7". */
	numeral: string;
}

export interface MixSettings {
	vocalGainDb: number;
	backingGainDb: number;
}

export interface Song {
	schemaVersion: typeof SONG_SCHEMA_VERSION;
	id: string;
	/** Increases by one with every edit. */
	revision: number;
	takeId: string;
	/** The voice profile the vocal is sung with; null sings with none (no vocal). */
	voiceProfileId: string | null;
	language: Language;
	/** The lyric text as the user typed it (or the starter lyric). */
	lyrics: string;
	tempoBpm: number;
	key: SongKey;
	timeSignature: TimeSignature;
	/** Seed of the composer and which of its candidates this is. */
	seed: number;
	candidate: number;
	style: StyleName;
	sections: SongSection[];
	melody: SongNote[];
	chords: SongChord[];
	mix: MixSettings;
	/** Song-wide instrument settings; a section's own add to them. Absent in songs made before they existed. */
	instruments?: InstrumentSettings;
}

export const ticksPerBar = (ts: TimeSignature): number => (PPQ * 4 * ts.beatsPerBar) / ts.beatUnit;
export const ticksToSeconds = (ticks: number, tempoBpm: number): number => (ticks / PPQ) * (60 / tempoBpm);
export const secondsToTicks = (seconds: number, tempoBpm: number): number => (seconds * tempoBpm * PPQ) / 60;
