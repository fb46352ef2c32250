/**
 * A Song as a MusicXML 4.0 lead sheet (score-partwise, one part "Voice"): key signature, time
 * signature, tempo (metronome mark and playback tempo), the melody with its durations in
 * divisions (PPQ 480, so a division is a tick), notes cut at barlines and into note values with
 * ties, rests in the gaps, accidentals spelled in the key, lyrics with their syllabic (and the
 * Jyutping/Pinyin reading as a second, named lyric line), breath marks between phrases, chord
 * symbols as <harmony> and sections as rehearsal marks. Notation software opens it; read-musicxml.ts
 * reads it back.
 */
import { noteNameInKey, pitchClassName } from '../spelling';
import { PPQ, ticksPerBar, type Song, type SongChord, type SongNote } from '../types';
import { QUALITY_KIND } from './chord-kind';
import { keyFifths, signatureAlters } from './key-signature';
import { sameEnglishWord, wordPieces, type Syllabic } from './lyric-syllabic';
import { noteValues } from './note-values';
import { el, writeXmlNode, type XmlNode } from './xml-write';

/** The name notation software shows for the lyric line that carries readings. */
export const READING_LYRIC_NAME = 'reading';

const ACCIDENTAL: Record<number, string> = { [-2]: 'flat-flat', [-1]: 'flat', 0: 'natural', 1: 'sharp', 2: 'double-sharp' };
const ALTER_SIGNS: Record<string, number> = { '♭': -1, '𝄫': -2, '♯': 1, '𝄪': 2 };

interface Spelled {
	step: string;
	alter: number;
	octave: number;
}

/** A MIDI pitch as step, alter and octave, spelled in the key (spelling.ts). */
export function spellPitch(midiPitch: number, key: Song['key']): Spelled {
	const name = noteNameInKey(midiPitch, key);
	const m = /^([A-G])(\D*)(-?\d+)$/u.exec(name);
	if (!m) throw new RangeError(`cannot spell ${name}`);
	const alter = [...m[2]].reduce((sum, c) => sum + (ALTER_SIGNS[c] ?? 0), 0);
	return { step: m[1], alter, octave: Number(m[3]) };
}

/** Each syllable note's lyric piece and syllabic: English words cut over their notes, everything else single. */
function lyricPieces(melody: SongNote[]): Map<number, { text: string; syllabic: Syllabic }> {
	const pieces = new Map<number, { text: string; syllabic: Syllabic }>();
	const sung = melody.map((n, i) => [n, i] as const).filter(([n]) => n.syllable !== null);
	for (let w = 0; w < sung.length; ) {
		let end = w + 1;
		while (end < sung.length && sameEnglishWord(sung[end - 1][0].syllable!, sung[end][0].syllable!)) end++;
		const word = sung.slice(w, end);
		const texts = wordPieces(word[0][0].syllable!.text, word.length);
		word.forEach(([, index], k) => {
			const syllabic: Syllabic = word.length === 1 ? 'single' : k === 0 ? 'begin' : k === word.length - 1 ? 'end' : 'middle';
			pieces.set(index, { text: texts[k], syllabic });
		});
		w = end;
	}
	return pieces;
}

/** One written piece of a note or rest inside a measure. */
interface Piece {
	startTicks: number;
	ticks: number;
	type?: string;
	dots: number;
	/** Index of the melody note, or null for a rest. */
	note: number | null;
	tieStart: boolean;
	tieStop: boolean;
	/** The note's first piece: it carries the lyric. */
	first: boolean;
	/** The note's last piece: it carries the breath mark. */
	last: boolean;
}

function measurePieces(melody: SongNote[], from: number, to: number): Piece[] {
	const pieces: Piece[] = [];
	const push = (startTicks: number, ticks: number, note: number | null, tieIn: boolean, tieOut: boolean) => {
		const values = noteValues(ticks);
		let at = startTicks;
		values.forEach((v, k) => {
			pieces.push({ startTicks: at, ticks: v.ticks, type: v.type, dots: v.dots, note, tieStart: note !== null && (k < values.length - 1 || tieOut), tieStop: note !== null && (k > 0 || tieIn), first: note !== null && k === 0 && !tieIn, last: note !== null && k === values.length - 1 && !tieOut });
			at += v.ticks;
		});
	};
	let at = from;
	melody.forEach((n, i) => {
		const end = n.startTicks + n.durationTicks;
		if (end <= from || n.startTicks >= to) return;
		const start = Math.max(n.startTicks, from);
		if (start > at) push(at, start - at, null, false, false);
		const stop = Math.min(end, to);
		push(start, stop - start, i, n.startTicks < from, end > to);
		at = stop;
	});
	if (at < to) push(at, to - at, null, false, false);
	return pieces;
}

function harmony(chord: SongChord, song: Song, offsetTicks: number): XmlNode {
	const root = spellPitch(60 + chord.rootPitchClass, song.key);
	const kind = QUALITY_KIND[chord.quality];
	return el('harmony', {}, [
		el('root', {}, [el('root-step', {}, root.step), root.alter !== 0 && el('root-alter', {}, root.alter)]),
		el('kind', { text: kind.text }, kind.kind),
		offsetTicks !== 0 && el('offset', {}, offsetTicks)
	]);
}

export function songToMusicXml(song: Song): string {
	const tpb = ticksPerBar(song.timeSignature);
	const lastEnd = Math.max(0, ...song.melody.map((n) => n.startTicks + n.durationTicks), ...song.chords.map((c) => c.startTicks + c.durationTicks));
	const bars = Math.max(1, ...song.sections.map((s) => s.startBar + s.bars), Math.ceil(lastEnd / tpb));
	const fifths = keyFifths(song.key);
	const signature = signatureAlters(fifths);
	const lyrics = lyricPieces(song.melody);

	const measures: XmlNode[] = [];
	for (let bar = 0; bar < bars; bar++) {
		const from = bar * tpb;
		const to = from + tpb;
		const content: Array<XmlNode | false> = [];
		if (bar === 0) {
			content.push(
				el('attributes', {}, [
					el('divisions', {}, PPQ),
					el('key', {}, [el('fifths', {}, fifths), el('mode', {}, song.key.mode)]),
					el('time', {}, [el('beats', {}, song.timeSignature.beatsPerBar), el('beat-type', {}, song.timeSignature.beatUnit)]),
					el('clef', {}, [el('sign', {}, 'G'), el('line', {}, 2)])
				]),
				el('direction', { placement: 'above' }, [el('direction-type', {}, [el('metronome', {}, [el('beat-unit', {}, 'quarter'), el('per-minute', {}, song.tempoBpm)])]), el('sound', { tempo: song.tempoBpm })])
			);
		}
		const section = song.sections.find((s) => s.startBar === bar);
		if (section) content.push(el('direction', { placement: 'above' }, [el('direction-type', {}, [el('rehearsal', {}, section.label || section.kind)])]));

		const pieces = measurePieces(song.melody, from, to);
		const chords = song.chords.filter((c) => c.startTicks >= from && c.startTicks < to);
		// Accidentals last to the barline: what each step and octave sounds as so far in this bar.
		const inForce = new Map<string, number>();
		for (const piece of pieces) {
			for (const chord of chords) if (chord.startTicks >= piece.startTicks && chord.startTicks < piece.startTicks + piece.ticks) content.push(harmony(chord, song, chord.startTicks - piece.startTicks));
			content.push(noteElement(song, piece, signature, inForce, lyrics, pieces.length === 1 && piece.note === null));
		}
		measures.push(el('measure', { number: bar + 1 }, content));
	}

	const score = el('score-partwise', { version: '4.0' }, [
		el('identification', {}, [el('encoding', {}, [el('software', {}, 'Hum2Song Studio')])]),
		el('part-list', {}, [el('score-part', { id: 'P1' }, [el('part-name', {}, 'Voice')])]),
		el('part', { id: 'P1' }, measures)
	]);
	return `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<!DOCTYPE score-partwise PUBLIC "-//Recordare//DTD MusicXML 4.0 Partwise//EN" "http://www.musicxml.org/dtds/partwise.dtd">\n${writeXmlNode(score)}\n`;
}

function noteElement(song: Song, piece: Piece, signature: Record<string, number>, inForce: Map<string, number>, lyrics: Map<number, { text: string; syllabic: Syllabic }>, wholeBarRest: boolean): XmlNode {
	const typeAndDots = (): XmlNode[] => (piece.type ? [el('type', {}, piece.type), ...Array.from({ length: piece.dots }, () => el('dot'))] : []);
	if (piece.note === null) {
		return el('note', {}, [el('rest', wholeBarRest ? { measure: 'yes' } : {}), el('duration', {}, piece.ticks), el('voice', {}, 1), ...(wholeBarRest ? [] : typeAndDots())]);
	}
	const note = song.melody[piece.note];
	const pitch = spellPitch(note.midiPitch, song.key);
	const where = `${pitch.step}${pitch.octave}`;
	const sounding = inForce.get(where) ?? signature[pitch.step];
	// A note tied over the barline keeps its accidental unwritten; it still holds for the bar.
	const accidental = sounding !== pitch.alter && !piece.tieStop ? ACCIDENTAL[pitch.alter] : undefined;
	inForce.set(where, pitch.alter);
	const next = song.melody[piece.note + 1];
	const breath = piece.last && next !== undefined && next.phrase !== note.phrase;
	const notations: XmlNode[] = [
		...(piece.tieStop ? [el('tied', { type: 'stop' })] : []),
		...(piece.tieStart ? [el('tied', { type: 'start' })] : []),
		...(breath ? [el('articulations', {}, [el('breath-mark')])] : [])
	];
	return el('note', {}, [
		el('pitch', {}, [el('step', {}, pitch.step), pitch.alter !== 0 && el('alter', {}, pitch.alter), el('octave', {}, pitch.octave)]),
		el('duration', {}, piece.ticks),
		piece.tieStop && el('tie', { type: 'stop' }),
		piece.tieStart && el('tie', { type: 'start' }),
		el('voice', {}, 1),
		...typeAndDots(),
		accidental !== undefined && el('accidental', {}, accidental),
		notations.length > 0 && el('notations', {}, notations),
		...(piece.first ? lyricElements(song.melody, piece.note, lyrics) : [])
	]);
}

/** The lyric of a note's first piece: its syllable (and reading), or the extender of a melisma. */
function lyricElements(melody: SongNote[], index: number, lyrics: Map<number, { text: string; syllabic: Syllabic }>): XmlNode[] {
	const note = melody[index];
	const melismaFollows = index + 1 < melody.length && melody[index + 1].syllable === null;
	if (note.syllable === null) {
		if (index === 0) return [];
		return [el('lyric', { number: 1 }, [el('extend', { type: melismaFollows ? 'continue' : 'stop' })])];
	}
	const piece = lyrics.get(index)!;
	const out = [el('lyric', { number: 1 }, [el('syllabic', {}, piece.syllabic), el('text', {}, piece.text), melismaFollows && el('extend', { type: 'start' })])];
	if (note.syllable.language !== 'en') out.push(el('lyric', { number: 2, name: READING_LYRIC_NAME }, [el('syllabic', {}, 'single'), el('text', {}, note.syllable.reading)]));
	return out;
}
