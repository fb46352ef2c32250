/**
 * The MusicXML lead sheet: composed songs in all three languages written and read back give the
 * same notes, lyrics (text and reading), chords, key, tempo, sections and phrases; the edge
 * cases a piano roll makes (a note across barlines, a sharp outside the key, a melisma) survive;
 * and an independent reader from npm (musicxml-io) parses the file to the same notes and lyrics.
 */
import { parse as parseMusicXmlIo } from 'musicxml-io';
import { describe, expect, it } from 'vitest';
import { composedSong } from '../../../helpers/composed-song';
import { musicXmlToSong, MusicXmlError, type ScoreDefaults } from '../../../../src/lib/song/musicxml/read-musicxml';
import { keyFifths, keyFromFifths } from '../../../../src/lib/song/musicxml/key-signature';
import { wordPieces } from '../../../../src/lib/song/musicxml/lyric-syllabic';
import { noteValues } from '../../../../src/lib/song/musicxml/note-values';
import { numeralFor } from '../../../../src/lib/song/musicxml/chord-kind';
import { songToMusicXml } from '../../../../src/lib/song/musicxml/write-musicxml';
import { readXml, XmlReadError } from '../../../../src/lib/song/musicxml/xml-read';
import { numeralToChord } from '../../../../src/lib/compose/chords';
import { PPQ, ticksPerBar, type ChordQuality, type Song } from '../../../../src/lib/song/types';
import { LANGUAGES, type Language } from '../../../../src/lib/take/types';

const composed = (language: Language, tonicPitchClass = 2, mode: 'major' | 'minor' = 'major'): Song => composedSong(language, { tonicPitchClass, mode });

const defaultsOf = (song: Song): ScoreDefaults => ({ language: song.language, key: { tonicPitchClass: 0, mode: 'major' }, tempoBpm: 120, timeSignature: song.timeSignature });

function expectSameSong(read: ReturnType<typeof musicXmlToSong>, song: Song) {
	expect(read.melody.map((n) => [n.startTicks, n.durationTicks, n.midiPitch])).toEqual(song.melody.map((n) => [n.startTicks, n.durationTicks, n.midiPitch]));
	expect(read.melody.map((n) => n.syllable?.text ?? null)).toEqual(song.melody.map((n) => n.syllable?.text ?? null));
	expect(read.melody.map((n) => n.syllable?.reading ?? null)).toEqual(song.melody.map((n) => n.syllable?.reading ?? null));
	expect(read.melody.map((n) => n.phrase)).toEqual(song.melody.map((n) => n.phrase));
	expect(read.chords.map((c) => [c.startTicks, c.durationTicks, c.rootPitchClass, c.quality])).toEqual(song.chords.map((c) => [c.startTicks, c.durationTicks, c.rootPitchClass, c.quality]));
	expect(read.key).toEqual(song.key);
	expect(read.tempoBpm).toBe(song.tempoBpm);
	expect(read.timeSignature).toEqual(song.timeSignature);
	expect(read.sections).toEqual(song.sections);
}

describe('MusicXML export → import', () => {
	for (const language of LANGUAGES) {
		it(`gives back the notes, lyrics, chords, key, tempo and sections of a composed ${language} song`, () => {
			const song = composed(language);
			const xml = songToMusicXml(song);
			const read = musicXmlToSong(xml, defaultsOf(song));
			expect(read.hasLyrics).toBe(true);
			expectSameSong(read, song);
			// The numerals read back are the composer's where it wrote plain ones.
			for (const [i, c] of read.chords.entries()) expect(numeralToChord(read.key, c.numeral).rootPitchClass).toBe(song.chords[i].rootPitchClass);
		});
	}

	it('keeps a flat minor key, spelled in flats', () => {
		const song = composed('cmn', 5, 'minor');
		expect(song.key).toEqual({ tonicPitchClass: 5, mode: 'minor' });
		const xml = songToMusicXml(song);
		expect(xml).toContain('<fifths>-4</fifths>');
		expect(xml).toContain('<mode>minor</mode>');
		// Flat keys spell what lies outside them with flats too: no sharp anywhere.
		expect(xml).not.toContain('<alter>1</alter>');
		expectSameSong(musicXmlToSong(xml, defaultsOf(song)), song);
	});

	it('keeps a note across two barlines, a sharp outside the key, its natural and a melisma', () => {
		const base = composed('en');
		const tpb = ticksPerBar(base.timeSignature);
		const syllable = base.melody.find((n) => n.syllable)!.syllable;
		const song: Song = {
			...base,
			tempoBpm: 92.5,
			melody: [
				// Starts mid-bar and lasts past two barlines (tied pieces in three measures), in lengths no single note value has.
				{ startTicks: PPQ * 2 + PPQ / 2, durationTicks: tpb * 2 + PPQ / 2 + PPQ / 4, midiPitch: 66, syllable, phrase: 0 },
				// G♯ in D major: outside the key, written sharp; the next G♯ in the bar needs no sign, the G after it a natural.
				{ startTicks: tpb * 3, durationTicks: PPQ / 2, midiPitch: 68, syllable, phrase: 1 },
				{ startTicks: tpb * 3 + PPQ / 2, durationTicks: PPQ / 2, midiPitch: 68, syllable: null, phrase: 1 },
				{ startTicks: tpb * 3 + PPQ, durationTicks: (PPQ * 3) / 2, midiPitch: 67, syllable: null, phrase: 1 },
				{ startTicks: tpb * 4 + PPQ / 8, durationTicks: (PPQ / 8) * 3, midiPitch: 69, syllable, phrase: 1 }
			]
		};
		const xml = songToMusicXml(song);
		expect(xml.match(/<accidental>sharp<\/accidental>/g)).toHaveLength(1);
		expect(xml.match(/<accidental>natural<\/accidental>/g)).toHaveLength(1);
		expect(xml.match(/<tie type="start"\/>/g)!.length).toBeGreaterThanOrEqual(3);
		expect(xml).toContain('<extend type="start"/>');
		expect(xml).toContain('<extend type="continue"/>');
		expect(xml).toContain('<extend type="stop"/>');
		expect(xml).toContain('<breath-mark/>');
		expectSameSong(musicXmlToSong(xml, defaultsOf(song)), song);
	});

	it('is parsed by an independent MusicXML reader (musicxml-io) to the same notes and lyrics', () => {
		for (const language of LANGUAGES) {
			const song = composed(language);
			const score = parseMusicXmlIo(songToMusicXml(song));
			expect(score.parts).toHaveLength(1);
			expect(score.partList.find((p) => p.type === 'score-part')).toMatchObject({ name: 'Voice' });
			type IoNote = { type: 'note'; pitch?: { step: string; alter?: number; octave: number }; rest?: unknown; tie?: { type: string }; ties?: Array<{ type: string }>; lyrics?: Array<{ text?: string; number?: number; syllabic?: string }> };
			const entries = score.parts[0].measures.flatMap((m) => m.entries as unknown as IoNote[]).filter((e) => e.type === 'note' && e.pitch);
			const STEP: Record<string, number> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };
			const tied = (e: IoNote) => (e.ties ?? (e.tie ? [e.tie] : [])).some((t) => t.type === 'stop');
			// Tied continuations are one sung note: the note heads that start a note.
			const starts = entries.filter((e) => !tied(e));
			expect(starts).toHaveLength(song.melody.length);
			expect(starts.map((e) => (e.pitch!.octave + 1) * 12 + STEP[e.pitch!.step] + (e.pitch!.alter ?? 0))).toEqual(song.melody.map((n) => n.midiPitch));
			const sung = starts.map((e) => e.lyrics?.find((l) => (l.number ?? 1) === 1 && l.text !== undefined)?.text ?? null);
			const expected = song.melody.map((n) => (n.syllable ? n.syllable.text : null));
			if (language === 'en') {
				// English words are cut into pieces over their notes: the pieces join back into the words.
				expect(sung.filter((t) => t !== null).join('')).toBe(expected.filter((t, i) => t !== null && (i === 0 || song.melody.slice(0, i).findLast((n) => n.syllable)?.syllable?.wordIndex !== song.melody[i].syllable!.wordIndex)).join(''));
			} else expect(sung).toEqual(expected);
		}
	});
});

describe('MusicXML pieces', () => {
	it('spells every key signature as musicians do and reads it back', () => {
		expect(keyFifths({ tonicPitchClass: 8, mode: 'major' })).toBe(-4);
		expect(keyFifths({ tonicPitchClass: 6, mode: 'major' })).toBe(6);
		expect(keyFifths({ tonicPitchClass: 9, mode: 'minor' })).toBe(0);
		expect(keyFifths({ tonicPitchClass: 8, mode: 'minor' })).toBe(5);
		for (const mode of ['major', 'minor'] as const) for (let pc = 0; pc < 12; pc++) expect(keyFromFifths(keyFifths({ tonicPitchClass: pc, mode }), mode)).toEqual({ tonicPitchClass: pc, mode });
	});

	it('writes durations as tied note values, and a triplet length as one exact duration', () => {
		expect(noteValues(PPQ * 5 / 2).map((v) => [v.type, v.dots])).toEqual([['half', 0], ['eighth', 0]]);
		expect(noteValues(PPQ * 3 / 2).map((v) => [v.type, v.dots])).toEqual([['quarter', 1]]);
		expect(noteValues(PPQ / 3)).toEqual([{ ticks: PPQ / 3, dots: 0 }]);
	});

	it('cuts English words at their vowel groups and always joins back to the word', () => {
		expect(wordPieces('hello', 2)).toEqual(['hel', 'lo']);
		expect(wordPieces('music', 2)).toEqual(['mu', 'sic']);
		expect(wordPieces('beautiful', 3)).toEqual(['beau', 'ti', 'ful']);
		for (const [word, n] of [['rhythm', 2], ['a', 3], ['strengths', 4], ['{HH AH0 L OW1}', 2]] as const) {
			const pieces = wordPieces(word, n);
			expect(pieces).toHaveLength(n);
			expect(pieces.join('')).toBe(word);
		}
	});

	it('names every chord the studio has with a numeral that reads back to it, in every key', () => {
		const qualities: ChordQuality[] = ['major', 'minor', 'diminished', 'dominant7', 'major7', 'minor7', 'sus4'];
		for (const mode of ['major', 'minor'] as const)
			for (let tonic = 0; tonic < 12; tonic++)
				for (let root = 0; root < 12; root++)
					for (const quality of qualities) {
						const key = { tonicPitchClass: tonic, mode };
						const chord = numeralToChord(key, numeralFor(key, root, quality));
						expect([chord.rootPitchClass, chord.quality]).toEqual([root, quality]);
					}
	});

	it('reads a file from notation software: a pickup-free lead sheet with chord, second voice, grace note and ties', () => {
		const xml = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE score-partwise PUBLIC "-//Recordare//DTD MusicXML 3.1 Partwise//EN" "http://www.musicxml.org/dtds/partwise.dtd">
<score-partwise version="3.1"><!-- from another program -->
<part-list><score-part id="P1"><part-name>Melody</part-name></score-part><score-part id="P2"><part-name>Piano</part-name></score-part></part-list>
<part id="P1">
 <measure number="1">
  <attributes><divisions>2</divisions><key><fifths>1</fifths></key><time><beats>3</beats><beat-type>4</beat-type></time></attributes>
  <direction><direction-type><metronome><beat-unit>quarter</beat-unit><beat-unit-dot/><per-minute>60</per-minute></metronome></direction-type></direction>
  <harmony><root><root-step>G</root-step></root><kind>major-sixth</kind></harmony>
  <note><grace/><pitch><step>A</step><octave>4</octave></pitch><voice>1</voice><type>eighth</type></note>
  <note><pitch><step>G</step><octave>4</octave></pitch><duration>2</duration><voice>1</voice><lyric><syllabic>begin</syllabic><text>Hap</text></lyric></note>
  <note><chord/><pitch><step>B</step><octave>4</octave></pitch><duration>2</duration><voice>1</voice></note>
  <note><pitch><step>F</step><alter>1</alter><octave>4</octave></pitch><duration>4</duration><voice>1</voice><tie type="start"/><lyric><syllabic>end</syllabic><text>py</text></lyric></note>
  <backup><duration>6</duration></backup>
  <note><pitch><step>D</step><octave>3</octave></pitch><duration>6</duration><voice>2</voice></note>
 </measure>
 <measure number="2">
  <harmony><root><root-step>D</root-step></root><kind text="7">dominant</kind></harmony>
  <note><pitch><step>F</step><alter>1</alter><octave>4</octave></pitch><duration>2</duration><voice>1</voice><tie type="stop"/></note>
  <note><rest/><duration>2</duration><voice>1</voice></note>
  <note><pitch><step>E</step><octave>4</octave></pitch><duration>2</duration><voice>1</voice><lyric><text>day &amp;</text></lyric></note>
 </measure>
</part>
<part id="P2"><measure number="1"><note><pitch><step>C</step><octave>2</octave></pitch><duration>6</duration></note></measure></part>
</score-partwise>`;
		const read = musicXmlToSong(xml, { language: 'en', key: { tonicPitchClass: 0, mode: 'major' }, tempoBpm: 100, timeSignature: { beatsPerBar: 4, beatUnit: 4 } });
		expect(read.timeSignature).toEqual({ beatsPerBar: 3, beatUnit: 4 });
		expect(read.key).toEqual({ tonicPitchClass: 7, mode: 'major' });
		// 60 dotted quarters a minute are 90 quarters.
		expect(read.tempoBpm).toBe(90);
		expect(read.melody.map((n) => [n.startTicks, n.durationTicks, n.midiPitch])).toEqual([
			[0, PPQ, 71],
			[PPQ, PPQ * 3, 66],
			[PPQ * 5, PPQ, 64]
		]);
		expect(read.melody.map((n) => n.syllable?.text)).toEqual(['Happy', 'Happy', 'day']);
		expect(read.melody.map((n) => n.phrase)).toEqual([0, 0, 1]);
		expect(read.chords.map((c) => [c.startTicks, c.durationTicks, c.rootPitchClass, c.quality, c.numeral])).toEqual([
			[0, PPQ * 3, 7, 'major', 'I'],
			[PPQ * 3, PPQ * 3, 2, 'dominant7', 'V7']
		]);
		expect(read.sections).toBeUndefined();
	});

	it('refuses broken files with a message that says what is wrong', () => {
		const defaults: ScoreDefaults = { language: 'en', key: { tonicPitchClass: 0, mode: 'major' }, tempoBpm: 100, timeSignature: { beatsPerBar: 4, beatUnit: 4 } };
		expect(() => musicXmlToSong('<score-partwise><part><measure>', defaults)).toThrow(/not readable XML.*<measure> is closed/);
		expect(() => musicXmlToSong('<a></b>', defaults)).toThrow(MusicXmlError);
		expect(() => musicXmlToSong('<html><body/></html>', defaults)).toThrow(/not a MusicXML score/);
		expect(() => musicXmlToSong('<score-partwise><part id="P1"><measure><note><rest/><duration>4</duration></note></measure></part></score-partwise>', defaults)).toThrow(/no notes/);
		expect(() => musicXmlToSong('<score-partwise><part id="P1"><measure><attributes><divisions>1</divisions></attributes><note><pitch><step>C</step><octave>4</octave></pitch><duration>1</duration><lyric><text>ж</text></lyric></note></measure></part></score-partwise>', defaults)).toThrow(/cannot be sung/);
		expect(() => readXml('<a x="1>"')).toThrow(XmlReadError);
	});
});
