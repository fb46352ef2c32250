/**
 * A song with an imported melody: the file's notes replace the melody (a MusicXML lead sheet's
 * chords, key, tempo and sections replace the song's too), as one edit the page can undo. The
 * result is what the edits route accepts (check-edited-song.ts):
 *   - notes keep their rhythm in ticks; pitches outside C2–C7 move by octaves into it; notes
 *     shorter than a 32nd are dropped (ornaments the synthesiser cannot sing);
 *   - a file without lyrics keeps the song's syllables, in order, on its first notes (the rest
 *     are melisma), so a tune from MIDI is sung with the song's words;
 *   - the song grows to hold the notes: its last section lengthens up to 64 bars, then sections of
 *     the same kind follow, and new bars repeat the song's chords from its first bar (a MIDI
 *     file brings no chords); past 256 bars notes are cut off.
 */
import { MAX_EDITED_BARS } from '../edit/check-edited-song';
import { MAX_EDIT_MIDI, MIN_EDIT_MIDI, MIN_NOTE_TICKS } from '../edit/note-edits';
import { MAX_TEMPO_BPM, MIN_TEMPO_BPM } from '../edit/song-edits';
import { ticksPerBar, type Song, type SongChord, type SongNote, type SongSection } from '../types';
import { ImportError } from './import-error';
import type { ImportedMelody } from './imported-melody';

/** Longest section the edits route accepts, bars. */
const MAX_SECTION_BARS = 64;

function intoSingingRange(midiPitch: number): number {
	let p = Math.round(midiPitch);
	while (p < MIN_EDIT_MIDI) p += 12;
	while (p > MAX_EDIT_MIDI) p -= 12;
	return p;
}

/** Sections no longer than 64 bars: a longer one is cut into parts labelled "(2)", "(3)". */
function boundedSections(sections: SongSection[]): SongSection[] {
	return sections.flatMap((s) => {
		const parts = Math.ceil(s.bars / MAX_SECTION_BARS);
		return Array.from({ length: parts }, (_, k) => ({ ...s, label: k === 0 ? s.label : `${s.label} (${k + 1})`.slice(0, 40), startBar: s.startBar + k * MAX_SECTION_BARS, bars: Math.min(MAX_SECTION_BARS, s.bars - k * MAX_SECTION_BARS) }));
	});
}

/** The song's sections grown to `bars`: the last one lengthened, then one more part of it per 64 bars. */
function extendSections(sections: SongSection[], bars: number): SongSection[] {
	const have = sections.reduce((n, s) => Math.max(n, s.startBar + s.bars), 0);
	if (bars <= have) return sections;
	const last = sections[sections.length - 1];
	return boundedSections([...sections.slice(0, -1), { ...last, bars: last.bars + bars - have }]);
}

/** The song's chords over `bars` bars: new bars repeat its progression from the first bar on. */
function extendChords(chords: SongChord[], songBars: number, bars: number, tpb: number): SongChord[] {
	const out = chords.filter((c) => c.startTicks < bars * tpb).map((c) => ({ ...c, durationTicks: Math.min(c.durationTicks, bars * tpb - c.startTicks) }));
	const loopTicks = songBars * tpb;
	for (let from = loopTicks; from < bars * tpb && loopTicks > 0; from += loopTicks) {
		for (const c of chords) {
			const startTicks = from + c.startTicks;
			if (startTicks >= bars * tpb) break;
			out.push({ ...c, startTicks, durationTicks: Math.min(c.durationTicks, bars * tpb - startTicks) });
		}
	}
	return out;
}

export function importMelody(song: Song, imported: ImportedMelody): Song {
	const ts = imported.timeSignature;
	if (ts && (ts.beatsPerBar !== song.timeSignature.beatsPerBar || ts.beatUnit !== song.timeSignature.beatUnit)) {
		throw new ImportError(`The file is in ${ts.beatsPerBar}/${ts.beatUnit} and this song in ${song.timeSignature.beatsPerBar}/${song.timeSignature.beatUnit}; the studio cannot change a song's time signature yet.`);
	}
	const tempoBpm = imported.tempoBpm === undefined ? song.tempoBpm : Math.round(imported.tempoBpm * 10) / 10;
	if (!(tempoBpm >= MIN_TEMPO_BPM && tempoBpm <= MAX_TEMPO_BPM)) throw new ImportError(`The file's tempo is ${tempoBpm} BPM; the studio sings from ${MIN_TEMPO_BPM} to ${MAX_TEMPO_BPM} BPM.`);

	const tpb = ticksPerBar(song.timeSignature);
	const limit = MAX_EDITED_BARS * tpb;
	const notes = imported.melody
		.filter((n) => n.durationTicks >= MIN_NOTE_TICKS && n.startTicks >= 0 && n.startTicks + MIN_NOTE_TICKS <= limit)
		.map((n) => ({ ...n, durationTicks: Math.min(n.durationTicks, limit - n.startTicks), midiPitch: intoSingingRange(n.midiPitch) }));
	if (notes.length === 0) throw new ImportError('The file has no notes long enough to sing (a 32nd note or longer).');

	const songSyllables = song.melody.flatMap((n) => (n.syllable ? [n.syllable] : []));
	// Phrases numbered from 0 in the order they come (the file's may skip numbers where notes were dropped).
	const phraseIds = [...new Set(notes.map((n) => n.phrase))];
	const melody: SongNote[] = notes.map((n, i) => ({
		startTicks: n.startTicks,
		durationTicks: n.durationTicks,
		midiPitch: n.midiPitch,
		syllable: imported.hasLyrics ? n.syllable : (songSyllables[i] ?? null),
		phrase: phraseIds.indexOf(n.phrase)
	}));

	const songBars = song.sections.reduce((n, s) => Math.max(n, s.startBar + s.bars), 0);
	const lastEnd = Math.max(...melody.map((n) => n.startTicks + n.durationTicks));
	const fileBars = imported.sections ? imported.sections.reduce((n, s) => Math.max(n, s.startBar + s.bars), 0) : 0;
	const bars = Math.min(MAX_EDITED_BARS, Math.max(Math.ceil(lastEnd / tpb), fileBars, imported.sections ? 1 : songBars));
	const sections = extendSections(imported.sections ? boundedSections(imported.sections) : song.sections, bars);
	const chords = imported.chords && imported.chords.length > 0 ? imported.chords : extendChords(song.chords, songBars, bars, tpb);
	const end = bars * tpb;
	return {
		...song,
		tempoBpm,
		key: imported.key ?? song.key,
		sections,
		melody,
		chords: chords.filter((c) => c.startTicks < end).map((c) => ({ ...c, durationTicks: Math.min(c.durationTicks, end - c.startTicks) }))
	};
}
