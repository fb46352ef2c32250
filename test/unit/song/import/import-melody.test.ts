/**
 * Importing a melody into a composed song as one edit: a MIDI file written by another tool
 * (@tonejs/midi, at its own resolution, with a chord, a drum track and an accompaniment) gives
 * the song its notes in beats, one voice, with the song's syllables on them in order; a MusicXML
 * lead sheet exported from one song brings its notes, lyrics, chords, key and tempo into another;
 * a longer tune lengthens the song; the result passes the edits route's checks and is one command.
 */
import ToneMidi from '@tonejs/midi';
import { describe, expect, it } from 'vitest';
import { composedSong } from '../../../helpers/composed-song';
import { checkEditedSong } from '../../../../src/lib/song/edit/check-edited-song';
import { applyCommand, commandBetween } from '../../../../src/lib/song/edit/song-command';
import { ImportError } from '../../../../src/lib/song/import/import-error';
import { importMelody } from '../../../../src/lib/song/import/import-melody';
import { readMelodyFile } from '../../../../src/lib/song/import/read-melody-file';
import { songToMusicXml } from '../../../../src/lib/song/musicxml/write-musicxml';
import { PPQ, ticksPerBar, type Song } from '../../../../src/lib/song/types';
import type { Language } from '../../../../src/lib/take/types';

const { Midi } = ToneMidi;

const composed = (language: Language, seed = 3, tonicPitchClass = 2): Song => composedSong(language, { seed, tonicPitchClass });

/** A tune as another program writes it: 96 ticks a beat, a melody track with a two-note chord, a busier piano track and drums. */
function otherToolsMidi(beats: Array<[startBeat: number, lengthBeats: number, midi: number]>): Uint8Array {
	const midi = new Midi();
	midi.header.setTempo(90);
	const tpq = 96;
	const melody = midi.addTrack();
	melody.name = 'Lead melody';
	for (const [start, length, pitch] of beats) melody.addNote({ midi: pitch, ticks: Math.round(start * tpq), durationTicks: Math.round(length * tpq), velocity: 0.8 });
	// A harmony note under the first: the vocal line takes the top one.
	melody.addNote({ midi: beats[0][2] - 4, ticks: Math.round(beats[0][0] * tpq), durationTicks: Math.round(beats[0][1] * tpq) });
	const piano = midi.addTrack();
	piano.name = 'Piano';
	for (let b = 0; b < beats.length * 3; b++) piano.addNote({ midi: 48 + (b % 5), ticks: b * tpq, durationTicks: tpq });
	const drums = midi.addTrack();
	drums.channel = 9;
	for (let b = 0; b < 40; b++) drums.addNote({ midi: 36, ticks: b * tpq, durationTicks: tpq / 2 });
	// @tonejs/midi always writes 480 ticks a beat: the header's division (bytes 12–13) says 96, as the ticks above are.
	const bytes = midi.toArray();
	new DataView(bytes.buffer, bytes.byteOffset).setUint16(12, tpq);
	return bytes;
}

const TUNE: Array<[number, number, number]> = [
	[0, 1, 67], [1, 1, 69], [2, 0.5, 71], [2.5, 0.5, 72], [3, 1, 74],
	// A rest of a beat: a new phrase.
	[5, 1.5, 72], [6.5, 0.5, 71], [7, 2, 69], [9, 1, 67], [10, 2, 62]
];

describe('importing a melody', () => {
	it('sings a MIDI tune from another tool with the song\'s syllables, as one edit the route accepts', () => {
		const song = composed('en');
		const imported = readMelodyFile(otherToolsMidi(TUNE), 'tune.mid', song);
		const after = importMelody(song, imported);
		expect(after.melody.map((n) => [n.startTicks, n.durationTicks, n.midiPitch])).toEqual(TUNE.map(([s, l, p]) => [s * PPQ, l * PPQ, p]));
		expect(after.melody.map((n) => n.phrase)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
		const syllables = song.melody.flatMap((n) => (n.syllable ? [n.syllable] : []));
		expect(after.melody.map((n) => n.syllable)).toEqual(syllables.slice(0, TUNE.length));
		// The song's tempo, key, chords and sections stay: a MIDI file brings only notes.
		expect([after.tempoBpm, after.key, after.chords, after.sections]).toEqual([song.tempoBpm, song.key, song.chords, song.sections]);
		expect(() => checkEditedSong(after, song)).not.toThrow();
		const command = commandBetween(`Import the melody from ${imported.source}`, song, after);
		expect(applyCommand(song, command)).toEqual(after);
		// The command survives the trip through JSON the page sends it on.
		expect(applyCommand(song, JSON.parse(JSON.stringify(command)))).toEqual(after);
	});

	it('lengthens the song for a longer tune: the last section grows, new bars repeat the chords', () => {
		const song = composed('yue');
		const tpb = ticksPerBar(song.timeSignature);
		const songBars = song.sections.reduce((n, s) => n + s.bars, 0);
		const long: Array<[number, number, number]> = Array.from({ length: (songBars + 3) * 2 }, (_, i) => [i * 2, 1.5, 60 + (i % 7)]);
		const after = importMelody(song, readMelodyFile(otherToolsMidi(long), 'long.midi', song));
		const bars = after.sections.reduce((n, s) => n + s.bars, 0);
		expect(bars).toBe(Math.ceil((long[long.length - 1][0] + 1.5) * PPQ / tpb));
		expect(after.sections.slice(0, -1)).toEqual(song.sections.slice(0, -1));
		expect(after.chords.filter((c) => c.startTicks >= songBars * tpb).length).toBeGreaterThan(0);
		expect(after.chords.find((c) => c.startTicks === songBars * tpb)).toMatchObject({ rootPitchClass: song.chords[0].rootPitchClass, quality: song.chords[0].quality });
		// More notes than syllables: the rest are melisma.
		const sung = song.melody.filter((n) => n.syllable).length;
		expect(after.melody.slice(sung).every((n) => n.syllable === null)).toBe(true);
		expect(() => checkEditedSong(after, song)).not.toThrow();
	});

	for (const language of ['en', 'cmn'] as const) {
		it(`takes a ${language} MusicXML lead sheet's notes, lyrics, chords, key and tempo into another song`, () => {
			const from = { ...composed(language, 11, 7), tempoBpm: 112.5 };
			const song = composed(language, 3, 2);
			const imported = readMelodyFile(new TextEncoder().encode(songToMusicXml(from)), 'Lead Sheet.musicxml', song);
			expect(imported.hasLyrics).toBe(true);
			const after = importMelody(song, imported);
			expect(after.melody.map((n) => [n.startTicks, n.durationTicks, n.midiPitch, n.syllable?.text ?? null, n.phrase])).toEqual(from.melody.map((n) => [n.startTicks, n.durationTicks, n.midiPitch, n.syllable?.text ?? null, n.phrase]));
			expect(after.chords.map((c) => [c.startTicks, c.rootPitchClass, c.quality])).toEqual(from.chords.map((c) => [c.startTicks, c.rootPitchClass, c.quality]));
			expect([after.key, after.tempoBpm, after.sections]).toEqual([from.key, from.tempoBpm, from.sections]);
			// What the edit may not change stays the song's own.
			expect([after.id, after.lyrics, after.language, after.seed]).toEqual([song.id, song.lyrics, song.language, song.seed]);
			expect(() => checkEditedSong(after, song)).not.toThrow();
		});
	}

	it('refuses what it cannot sing, saying why', () => {
		const song = composed('en');
		expect(() => readMelodyFile(new Uint8Array([77, 84, 104, 100, 0, 0]), 'broken.mid', song)).toThrow(ImportError);
		expect(() => readMelodyFile(new Uint8Array([0x50, 0x4b, 3, 4]), 'score.mxl', song)).toThrow(/uncompressed MusicXML/);
		expect(() => readMelodyFile(new Uint8Array([1, 2, 3]), 'notes.txt', song)).toThrow(/neither a MIDI file/);
		expect(() => readMelodyFile(new TextEncoder().encode('<score-partwise><part><measure>'), 'a.xml', song)).toThrow(/not readable XML/);
		const waltz = songToMusicXml({ ...song, timeSignature: { beatsPerBar: 3, beatUnit: 4 } });
		expect(() => importMelody(song, readMelodyFile(new TextEncoder().encode(waltz), 'waltz.xml', song))).toThrow(/3\/4/);
		const drumsOnly = new Midi();
		const drums = drumsOnly.addTrack();
		drums.channel = 9;
		drums.addNote({ midi: 36, ticks: 0, durationTicks: 100 });
		expect(() => readMelodyFile(drumsOnly.toArray(), 'beat.mid', song)).toThrow(/no notes to sing/);
	});
});
