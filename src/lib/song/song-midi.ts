/**
 * A song as a Standard MIDI File (format 1, PPQ 480) for DAWs and notation programs:
 *   track 0  conductor: tempo, time signature, key signature;
 *   track 1  melody (channel 1) with one lyric meta event at the start of each syllable;
 *   then     chords (channel 2, voiced block chords), bass (channel 3), pad (channel 4) and
 *            drums (channel 10, General MIDI percussion).
 * Bass, pad and drums come from the backing score when one is given, else from arranging the song
 * with its own seed.
 *
 * @tonejs/midi writes the instrument tracks. It cannot put meta events in a track of its own
 * (lyrics only go to its first track) and it writes key signatures wrongly (its encoder adds the
 * +7 offset twice, so C major reads back as no key at all), so the conductor and melody tracks are
 * written here (Standard MIDI File 1.0 spec: variable-length quantities, meta events FF 03 track
 * name, FF 05 lyric, FF 51 tempo, FF 58 time signature, FF 59 key signature, FF 2F end of track)
 * and spliced in front of its instrument tracks.
 */
import ToneMidi from '@tonejs/midi';
import { arrange } from '../compose/arrangement';
import { voiceProgression } from '../compose/chord-voicing';
import { ARRANGEMENT_STYLES } from '../compose/styles';
import type { BackingInstrument, BackingScore, BackingTrack } from './backing-types';
import { PPQ, secondsToTicks, type Song, type SongKey, type SongNote, type TimeSignature } from './types';

const { Midi } = ToneMidi;

export interface SongMidiOptions {
	/** What each lyric event says: the syllable as written ("text", default) or its reading (Jyutping, Pinyin, ARPAbet). */
	lyrics?: 'text' | 'reading';
	/** Melody velocity, 1–127 (default 100). */
	melodyVelocity?: number;
}

/** General MIDI programs (0-based) standing in for the renderer's patches in other players. */
const GM_PROGRAM: Readonly<Record<string, number>> = {
	'soft-keys': 0, // Acoustic Grand Piano
	'bright-keys': 1, // Bright Acoustic Piano
	'ep-keys': 4, // Electric Piano 1
	'round-bass': 33, // Electric Bass (finger)
	'synth-bass': 38, // Synth Bass 1
	'warm-pad': 89, // Pad 2 (warm)
	'string-pad': 48 // String Ensemble 1
};
/** Voice Oohs: the sung melody. */
const MELODY_PROGRAM = 53;
/** Zero-based MIDI channels; 9 is General MIDI's percussion channel ("channel 10"). */
const CHANNEL = { melody: 0, chords: 1, bass: 2, pad: 3, drums: 9 } as const;
const BLOCK_CHORD_VELOCITY = 0.6;
/** Sharps (+) or flats (−) of each major key by tonic pitch class (F♯ rather than G♭, D♭ rather than C♯). */
const MAJOR_KEY_ACCIDENTALS = [0, -5, 2, -3, 4, -1, 6, 1, -4, 3, -2, 5];

export function songToMidi(song: Song, backing?: BackingScore, options: SongMidiOptions = {}): Uint8Array {
	const { lyrics = 'text', melodyVelocity = 100 } = options;
	if (!(song.tempoBpm > 0 && song.tempoBpm < 1000)) throw new RangeError(`tempoBpm ${song.tempoBpm} is outside (0, 1000)`);
	if (!(Number.isInteger(melodyVelocity) && melodyVelocity >= 1 && melodyVelocity <= 127)) throw new RangeError(`melodyVelocity ${melodyVelocity} is outside the integers 1–127`);
	const score = backing ?? (song.chords.length > 0 ? arrange(song, { seed: song.seed }) : undefined);

	const midi = new Midi();
	const chordsTrack = midi.addTrack();
	chordsTrack.name = 'Chords';
	chordsTrack.channel = CHANNEL.chords;
	chordsTrack.instrument.number = GM_PROGRAM[score ? patchOf(score, 'chords') : ARRANGEMENT_STYLES[song.style].chords.patch] ?? 0;
	const voicings = voiceProgression(song.chords);
	song.chords.forEach((chord, i) => {
		for (const key of voicings[i]) chordsTrack.addNote({ midi: key, ticks: chord.startTicks, durationTicks: chord.durationTicks, velocity: BLOCK_CHORD_VELOCITY });
	});
	for (const instrument of ['bass', 'pad', 'drums'] as const) {
		// Sections with a style or level of their own play an instrument on tracks of its own: one MIDI track takes them all.
		const sources = score?.tracks.filter((t) => t.instrument === instrument) ?? [];
		const source = sources[0];
		if (!source && instrument === 'pad') continue;
		const track = midi.addTrack();
		track.name = instrument === 'drums' ? 'Drums' : instrument === 'bass' ? 'Bass' : 'Pad';
		track.channel = CHANNEL[instrument];
		track.instrument.number = instrument === 'drums' ? 0 : (GM_PROGRAM[source?.patch ?? ''] ?? 0);
		if (score) for (const s of sources) addBackingNotes(track, s, score.tempoBpm);
	}
	const instrumentChunks = trackChunks(midi.toArray()).slice(1); // drop @tonejs/midi's own conductor track
	const conductor = trackChunk(conductorEvents(song.tempoBpm, song.timeSignature, song.key));
	const melody = trackChunk(melodyEvents(song.melody, lyrics, melodyVelocity));
	return concatBytes([headerChunk(2 + instrumentChunks.length), conductor, melody, ...instrumentChunks]);
}

function patchOf(score: BackingScore, instrument: BackingInstrument): string {
	return score.tracks.find((t) => t.instrument === instrument)?.patch ?? '';
}

function addBackingNotes(track: InstanceType<typeof Midi>['tracks'][number], source: BackingTrack, tempoBpm: number): void {
	for (const e of source.events) {
		const ticks = Math.round(secondsToTicks(e.timeSeconds, tempoBpm));
		const durationTicks = Math.max(1, Math.round(secondsToTicks(e.timeSeconds + e.durationSeconds, tempoBpm)) - ticks);
		const key = Math.round(e.midiPitch);
		if (key < 0 || key > 127) continue;
		track.addNote({ midi: key, ticks, durationTicks, velocity: Math.min(1, Math.max(0, e.velocity)) });
	}
}

/** An event in a track chunk: absolute time, its bytes after the delta time, and an order for events at the same tick. */
interface TrackEvent {
	ticks: number;
	/** Lower first at the same tick: meta 0, note-off 1, lyric 2, note-on 3 (a lyric belongs with the note it precedes). */
	order: number;
	bytes: number[];
}

function conductorEvents(tempoBpm: number, ts: TimeSignature, key: SongKey): TrackEvent[] {
	const microsecondsPerQuarter = Math.round(60_000_000 / tempoBpm);
	const denominatorPower = Math.round(Math.log2(ts.beatUnit));
	// Metronome clicks per beat (24 MIDI clocks per quarter); compound x/8 metres click on the dotted quarter.
	const clocksPerClick = ts.beatUnit === 8 && ts.beatsPerBar % 3 === 0 ? 36 : Math.round((24 * 4) / ts.beatUnit);
	const relativeMajor = key.mode === 'major' ? key.tonicPitchClass : (key.tonicPitchClass + 3) % 12;
	const accidentals = MAJOR_KEY_ACCIDENTALS[relativeMajor];
	return [
		{ ticks: 0, order: 0, bytes: metaEvent(0x03, textBytes('Hum2Song')) },
		{ ticks: 0, order: 0, bytes: metaEvent(0x51, [(microsecondsPerQuarter >> 16) & 0xff, (microsecondsPerQuarter >> 8) & 0xff, microsecondsPerQuarter & 0xff]) },
		{ ticks: 0, order: 0, bytes: metaEvent(0x58, [ts.beatsPerBar, denominatorPower, clocksPerClick, 8]) },
		{ ticks: 0, order: 0, bytes: metaEvent(0x59, [accidentals & 0xff, key.mode === 'major' ? 0 : 1]) }
	];
}

function melodyEvents(melody: readonly SongNote[], lyrics: 'text' | 'reading', velocity: number): TrackEvent[] {
	const channel = CHANNEL.melody;
	const events: TrackEvent[] = [
		{ ticks: 0, order: 0, bytes: metaEvent(0x03, textBytes('Melody')) },
		{ ticks: 0, order: 0, bytes: [0xc0 | channel, MELODY_PROGRAM] }
	];
	const sorted = [...melody].sort((a, b) => a.startTicks - b.startTicks);
	let previous: SongNote['syllable'] = null;
	for (const note of sorted) {
		const key = Math.round(note.midiPitch);
		const start = Math.max(0, Math.round(note.startTicks));
		const end = Math.max(start + 1, Math.round(note.startTicks + note.durationTicks));
		if (key < 0 || key > 127) continue;
		if (note.syllable) {
			events.push({ ticks: start, order: 2, bytes: metaEvent(0x05, textBytes(lyricText(note.syllable, previous, lyrics))) });
			previous = note.syllable;
		}
		events.push({ ticks: start, order: 3, bytes: [0x90 | channel, key, velocity] });
		events.push({ ticks: end, order: 1, bytes: [0x80 | channel, key, 64] });
	}
	return events;
}

/**
 * A syllable's lyric. English syllables carry their whole word as text, so the word is written on its
 * first syllable and "-" (continuation) on the others, as karaoke files mark a word held over notes.
 */
export function lyricText(syllable: NonNullable<SongNote['syllable']>, previous: SongNote['syllable'], mode: 'text' | 'reading'): string {
	if (mode === 'reading') return syllable.reading || syllable.text || '-';
	const sameWord = previous !== null && !previous.breakAfter && previous.wordIndex === syllable.wordIndex && previous.text === syllable.text && syllable.language === 'en';
	return sameWord ? '-' : syllable.text || syllable.reading || '-';
}

function metaEvent(type: number, data: readonly number[]): number[] {
	return [0xff, type, ...variableLength(data.length), ...data];
}

function textBytes(text: string): number[] {
	return [...new TextEncoder().encode(text)];
}

/** A MIDI variable-length quantity: 7 bits a byte, most significant first, high bit set on all but the last. */
export function variableLength(value: number): number[] {
	if (!(Number.isInteger(value) && value >= 0 && value <= 0x0fffffff)) throw new RangeError(`variable-length value ${value} is outside the integers 0–268435455`);
	const bytes = [value & 0x7f];
	for (let v = value >>> 7; v > 0; v >>>= 7) bytes.unshift((v & 0x7f) | 0x80);
	return bytes;
}

function trackChunk(events: TrackEvent[]): Uint8Array {
	const sorted = events.map((e, i) => ({ ...e, i })).sort((a, b) => a.ticks - b.ticks || a.order - b.order || a.i - b.i);
	const body: number[] = [];
	let last = 0;
	for (const e of sorted) {
		body.push(...variableLength(e.ticks - last), ...e.bytes);
		last = e.ticks;
	}
	body.push(0x00, 0xff, 0x2f, 0x00);
	return concatBytes([asciiBytes('MTrk'), uint32(body.length), Uint8Array.from(body)]);
}

function headerChunk(trackCount: number): Uint8Array {
	return concatBytes([asciiBytes('MThd'), uint32(6), Uint8Array.from([0, 1, (trackCount >> 8) & 0xff, trackCount & 0xff, (PPQ >> 8) & 0xff, PPQ & 0xff])]);
}

/** The MTrk chunks of a Standard MIDI File, each with its 8-byte chunk header. */
export function trackChunks(file: Uint8Array): Uint8Array[] {
	const out: Uint8Array[] = [];
	let offset = 0;
	while (offset + 8 <= file.length) {
		const id = String.fromCharCode(...file.subarray(offset, offset + 4));
		const length = ((file[offset + 4] << 24) | (file[offset + 5] << 16) | (file[offset + 6] << 8) | file[offset + 7]) >>> 0;
		if (offset + 8 + length > file.length) throw new RangeError(`MIDI chunk "${id}" at byte ${offset} runs past the end of the file`);
		if (id === 'MTrk') out.push(file.subarray(offset, offset + 8 + length));
		offset += 8 + length;
	}
	return out;
}

function uint32(value: number): Uint8Array {
	return Uint8Array.from([(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff]);
}

function asciiBytes(text: string): Uint8Array {
	return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let offset = 0;
	for (const p of parts) {
		out.set(p, offset);
		offset += p.length;
	}
	return out;
}
