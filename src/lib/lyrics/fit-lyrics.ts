/**
 * Fitting a lyric's syllables to a take's notes (seconds, straight from the transcriber), by the same
 * rules as a composed or kept melody (compose/lyrics-fit.ts), so words land alike whatever made the
 * notes: one syllable per note, melismas held before a rest, long notes split for extra syllables
 * (at their middle: the take's notes are not on a beat grid), no rest inside a word, typed lines
 * ending at rests where the tune allows; refused with how many syllables to cut when it cannot hold them.
 * The notes are set in milliseconds as ticks, and a silence of `restSeconds` is a rest (a phrase end).
 */
import type { NoteExpression } from '../song/note-expression';
import { fitLyricsToMelody, type LyricsFitReport } from '../compose/lyrics-fit';
import type { SongNote } from '../song/types';
import { LyricsError, type LyricSyllable } from './types';

export interface MelodyNote {
	onsetSeconds: number;
	offsetSeconds: number;
	/** MIDI pitch (fractional for cents). */
	midiPitch: number;
}

export interface FittedNote {
	onsetSeconds: number;
	durationSeconds: number;
	midiPitch: number;
	/** The syllable starting on this note; null holds the previous one (melisma). */
	syllable: LyricSyllable | null;
	/** Expression set by hand in the editor (absent: automatic). */
	expression?: NoteExpression;
}

export interface LyricsFit {
	notes: FittedNote[];
	syllableCount: number;
	melodyNoteCount: number;
	/** Notes split to make room for syllables. */
	splitNotes: number;
	/** Notes sung as melismas. */
	melismaNotes: number;
	/** The fitter's full report (words kept whole, line ends at rests …); its ticks are milliseconds. */
	report: LyricsFitReport;
	/** What was done, for the user. */
	message: string;
}

export interface FitLyricsOptions {
	/** Shortest part a split note may leave, s (default 0.12). */
	minNoteSeconds?: number;
	/** A silence at least this long between notes is a rest: a syllable is not held across it (default 0.3 s). */
	restSeconds?: number;
}

/** Ticks per second the take's notes are set in (milliseconds). */
const TICKS_PER_SECOND = 1000;
/** The time signature the fitter is given; unused for its metre (the notes have none), it only has to be valid. */
const NO_METRE = { beatsPerBar: 4, beatUnit: 4 };

export function fitLyricsToNotes(syllables: LyricSyllable[], melody: MelodyNote[], options: FitLyricsOptions = {}): LyricsFit {
	const minNote = options.minNoteSeconds ?? 0.12;
	const rest = options.restSeconds ?? 0.3;
	if (melody.length === 0) throw new LyricsError('no_melody', 'The take has no melody to sing the lyrics on: hum a tune first.');
	if (syllables.length === 0) throw new LyricsError('empty_lyrics', 'The lyrics have no syllables to sing: type some words.');
	const toTicks = (seconds: number) => Math.round(seconds * TICKS_PER_SECOND);
	const sorted = melody.filter((n) => toTicks(n.offsetSeconds) > toTicks(n.onsetSeconds)).sort((a, b) => a.onsetSeconds - b.onsetSeconds);
	// Each stretch between rests is a phrase, as the sing stage cuts them.
	let phrase = 0;
	const notes: SongNote[] = sorted.map((n, i) => {
		if (i > 0 && n.onsetSeconds - sorted[i - 1].offsetSeconds >= rest) phrase++;
		const startTicks = toTicks(n.onsetSeconds);
		return { startTicks, durationTicks: toTicks(n.offsetSeconds) - startTicks, midiPitch: n.midiPitch, syllable: null, phrase };
	});
	if (notes.length === 0) throw new LyricsError('no_melody', 'The take has no melody to sing the lyrics on: hum a tune first.');
	const fit = fitLyricsToMelody(notes, syllables, NO_METRE, {
		metre: false,
		minNoteTicks: toTicks(minNote),
		minRestTicks: toTicks(rest),
		shortestNoteName: `${minNote} s`,
		longerMelodyHint: 'hum a longer tune'
	});
	const r = fit.report;
	return {
		notes: fit.notes.map((n) => ({ onsetSeconds: n.startTicks / TICKS_PER_SECOND, durationSeconds: n.durationTicks / TICKS_PER_SECOND, midiPitch: n.midiPitch, syllable: n.syllable })),
		syllableCount: r.syllables,
		melodyNoteCount: melody.length,
		splitNotes: r.splitNotes,
		melismaNotes: r.melismaNotes,
		report: r,
		message: r.message
	};
}
