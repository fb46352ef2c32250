import ToneMidi from '@tonejs/midi';
// The parser @tonejs/midi itself reads with: it exposes every meta event of every track.
import { parseMidi } from 'midi-file';
import { describe, expect, it } from 'vitest';
import { arrange } from '../../../src/lib/compose/arrangement';
import { voiceProgression } from '../../../src/lib/compose/chord-voicing';
import type { LyricSyllable } from '../../../src/lib/lyrics/types';
import { lyricText, songToMidi, trackChunks, variableLength } from '../../../src/lib/song/song-midi';
import { DRUM_KEYS } from '../../../src/lib/song/backing-types';
import { PPQ, type Song, type SongChord, type SongNote } from '../../../src/lib/song/types';

function syllable(text: string, reading: string, wordIndex: number, language: LyricSyllable['language'] = 'yue', breakAfter = false): LyricSyllable {
	return { language, text, wordIndex, reading, onset: [], nucleus: [], coda: [], source: 'dictionary', breakAfter };
}

/** 4 bars of 3/4 in D major at 84 BPM: six Cantonese syllables, one held over two notes. */
function testSong(overrides: Partial<Song> = {}): Song {
	const bar = 3 * PPQ;
	const words: Array<[string, string] | null> = [['月', 'jyut6'], ['亮', 'loeng6'], ['代', 'doi6'], null, ['表', 'biu2'], ['我', 'ngo5'], ['心', 'sam1']];
	const pitches = [62, 66, 69, 71, 69, 66, 62];
	const melody: SongNote[] = words.map((w, i) => ({
		startTicks: i * PPQ + (i >= 6 ? PPQ : 0),
		durationTicks: i === 6 ? 2 * PPQ : PPQ,
		midiPitch: pitches[i],
		syllable: w ? syllable(w[0], w[1], i) : null,
		phrase: 0
	}));
	const chords: SongChord[] = [
		{ startTicks: 0, durationTicks: bar, rootPitchClass: 2, quality: 'major', numeral: 'I' },
		{ startTicks: bar, durationTicks: bar, rootPitchClass: 11, quality: 'minor', numeral: 'vi' },
		{ startTicks: 2 * bar, durationTicks: bar, rootPitchClass: 9, quality: 'dominant7', numeral: 'V7' },
		{ startTicks: 3 * bar, durationTicks: bar, rootPitchClass: 2, quality: 'major', numeral: 'I' }
	];
	return {
		schemaVersion: 1,
		id: 'song-1',
		revision: 1,
		takeId: 'take-1',
		voiceProfileId: null,
		language: 'yue',
		lyrics: '月亮代表我心',
		tempoBpm: 84,
		key: { tonicPitchClass: 2, mode: 'major' },
		timeSignature: { beatsPerBar: 3, beatUnit: 4 },
		seed: 5,
		candidate: 0,
		style: 'cantopop-ballad',
		sections: [{ kind: 'verse', label: 'Verse', startBar: 0, bars: 4 }],
		melody,
		chords,
		mix: { vocalGainDb: 0, backingGainDb: -3 },
		...overrides
	};
}

const byName = (midi: InstanceType<typeof ToneMidi.Midi>, name: string) => midi.tracks.find((t) => t.name === name)!;

describe('songToMidi', () => {
	it('writes tempo, time signature and key signature that @tonejs/midi reads back', () => {
		const midi = new ToneMidi.Midi(songToMidi(testSong()));
		expect(midi.header.ppq).toBe(PPQ);
		expect(midi.header.tempos).toHaveLength(1);
		expect(midi.header.tempos[0].bpm).toBeCloseTo(84, 3);
		expect(midi.header.timeSignatures[0].timeSignature).toEqual([3, 4]);
		expect(midi.header.keySignatures[0]).toMatchObject({ key: 'D', scale: 'major' });
		const minor = new ToneMidi.Midi(songToMidi(testSong({ key: { tonicPitchClass: 9, mode: 'minor' } })));
		// A minor shares C major's signature (no sharps or flats).
		expect(minor.header.keySignatures[0]).toMatchObject({ key: 'C', scale: 'minor' });
		const flats = new ToneMidi.Midi(songToMidi(testSong({ key: { tonicPitchClass: 3, mode: 'major' } })));
		expect(flats.header.keySignatures[0]).toMatchObject({ key: 'Eb', scale: 'major' });
	});

	it('writes the melody, voiced block chords, and the backing\'s bass, pad and drums note for note', () => {
		const song = testSong();
		const backing = arrange(song, { seed: 11 });
		const midi = new ToneMidi.Midi(songToMidi(song, backing));
		expect(midi.tracks.map((t) => t.name)).toEqual(['Melody', 'Chords', 'Bass', 'Pad', 'Drums']);

		const melody = byName(midi, 'Melody');
		expect(melody.channel).toBe(0);
		expect(melody.notes.map((n) => [n.ticks, n.durationTicks, n.midi])).toEqual(song.melody.map((n) => [n.startTicks, n.durationTicks, n.midiPitch]));

		const chords = byName(midi, 'Chords');
		const voicings = voiceProgression(song.chords);
		expect(chords.notes).toHaveLength(voicings.flat().length);
		expect(chords.notes.filter((n) => n.ticks === 2 * 3 * PPQ).map((n) => n.midi % 12).sort((a, b) => a - b)).toEqual([1, 4, 7, 9]);

		for (const instrument of ['bass', 'pad', 'drums'] as const) {
			const source = backing.tracks.find((t) => t.instrument === instrument)!;
			const written = byName(midi, instrument[0].toUpperCase() + instrument.slice(1));
			expect(written.notes, instrument).toHaveLength(source.events.length);
			written.notes.forEach((n, i) => expect(n.time, instrument).toBeCloseTo(source.events[i].timeSeconds, 2));
		}
		const drums = byName(midi, 'Drums');
		expect(drums.channel).toBe(9);
		expect(drums.instrument.percussion).toBe(true);
		expect(drums.notes.some((n) => n.midi === DRUM_KEYS.kick)).toBe(true);
	});

	it('puts one lyric event in the melody track at the start of each syllable, melismas left out', () => {
		const song = testSong();
		const parsed = parseMidi(songToMidi(song));
		expect(parsed.header.numTracks).toBe(parsed.tracks.length);
		const melodyTrack = parsed.tracks[1];
		let ticks = 0;
		const lyrics: Array<[number, string]> = [];
		for (const e of melodyTrack) {
			ticks += e.deltaTime;
			if (e.type === 'lyrics') lyrics.push([ticks, (e as { text: string }).text]);
		}
		const sung = song.melody.filter((n) => n.syllable);
		expect(lyrics.map(([t]) => t)).toEqual(sung.map((n) => n.startTicks));
		// midi-file reads text bytes as Latin-1; the file holds UTF-8.
		expect(lyrics.map(([, text]) => new TextDecoder().decode(Uint8Array.from(text, (c) => c.charCodeAt(0))))).toEqual(['月', '亮', '代', '表', '我', '心']);
		// No other track carries lyrics.
		expect(parsed.tracks.filter((t, i) => i !== 1 && t.some((e) => e.type === 'lyrics'))).toHaveLength(0);

		const readings = parseMidi(songToMidi(song, undefined, { lyrics: 'reading' })).tracks[1].filter((e) => e.type === 'lyrics').map((e) => (e as { text: string }).text);
		expect(readings).toEqual(['jyut6', 'loeng6', 'doi6', 'biu2', 'ngo5', 'sam1']);
	});

	it('arranges drums on channel 10 from the chords when no backing is given', () => {
		const midi = new ToneMidi.Midi(songToMidi(testSong()));
		const drums = byName(midi, 'Drums');
		expect(drums.channel).toBe(9);
		expect(drums.notes.length).toBeGreaterThan(10);
		const bass = byName(midi, 'Bass');
		expect(bass.notes.filter((n) => n.ticks === 0).map((n) => n.midi % 12)).toEqual([2]);
		const end = 4 * 3 * PPQ;
		for (const t of midi.tracks) for (const n of t.notes) expect(n.ticks + n.durationTicks, t.name).toBeLessThanOrEqual(end + 1);
	});

	it('writes a file whose chunks add up, with the track count in the header', () => {
		const bytes = songToMidi(testSong());
		expect(String.fromCharCode(...bytes.subarray(0, 4))).toBe('MThd');
		const chunks = trackChunks(bytes);
		expect((bytes[10] << 8) | bytes[11]).toBe(chunks.length);
		expect(14 + chunks.reduce((n, c) => n + c.length, 0)).toBe(bytes.length);
	});
});

describe('MIDI helpers', () => {
	it('encodes variable-length quantities as in the SMF specification\'s table', () => {
		expect(variableLength(0)).toEqual([0x00]);
		expect(variableLength(0x40)).toEqual([0x40]);
		expect(variableLength(0x7f)).toEqual([0x7f]);
		expect(variableLength(0x80)).toEqual([0x81, 0x00]);
		expect(variableLength(0x2000)).toEqual([0xc0, 0x00]);
		expect(variableLength(0x3fff)).toEqual([0xff, 0x7f]);
		expect(variableLength(0x100000)).toEqual([0xc0, 0x80, 0x00]);
		expect(variableLength(0x0fffffff)).toEqual([0xff, 0xff, 0xff, 0x7f]);
		expect(() => variableLength(-1)).toThrow(RangeError);
	});

	it('writes an English word on its first syllable and "-" on the rest', () => {
		const hap = syllable('happy', 'HH AE1', 0, 'en');
		const py = syllable('happy', 'P IY0', 0, 'en');
		const day = syllable('day', 'D EY1', 1, 'en');
		expect(lyricText(hap, null, 'text')).toBe('happy');
		expect(lyricText(py, hap, 'text')).toBe('-');
		expect(lyricText(day, py, 'text')).toBe('day');
		expect(lyricText(py, hap, 'reading')).toBe('P IY0');
	});
});
