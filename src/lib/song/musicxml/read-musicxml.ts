/**
 * A MusicXML lead sheet read into the Song's terms: the first part's melody (one voice: the first
 * voice it meets; grace notes skipped; of a written chord, the top note), ties merged into one
 * note, rests as gaps, lyrics read into syllables by the studio's own lyrics reader, <harmony>
 * as chords with numerals in the file's key, and the key, time signature, tempo and rehearsal
 * marks (as sections). Reads what write-musicxml.ts writes and what notation software exports.
 * Lyric pieces of one word (syllabic begin … end) are joined and read as the word; a Chinese
 * character's reading, where the file has the named "reading" lyric line, is taken as typed.
 * Phrases follow breath marks; a file without any starts a phrase after a rest of a beat or more.
 */
import { readLyrics } from '../../lyrics/read-lyrics';
import { LyricsError, type LyricSyllable } from '../../lyrics/types';
import type { Language } from '../../take/types';
import { PPQ, ticksPerBar, type SectionKind, type SongChord, type SongKey, type SongNote, type SongSection, type TimeSignature } from '../types';
import { kindQuality, numeralFor } from './chord-kind';
import { keyFromFifths } from './key-signature';
import type { Syllabic } from './lyric-syllabic';
import { noteTypeTicks } from './note-values';
import { READING_LYRIC_NAME } from './write-musicxml';
import { child, childrenNamed, childText, readXml, XmlReadError, type XmlElement } from './xml-read';

export interface ImportedScore {
	melody: SongNote[];
	chords: SongChord[];
	key: SongKey;
	tempoBpm: number;
	timeSignature: TimeSignature;
	/** From the rehearsal marks; absent when the file has none. */
	sections?: SongSection[];
	/** Whether any note had a lyric (a file without lyrics keeps the song's syllables). */
	hasLyrics: boolean;
	/** Bars the file's music fills. */
	bars: number;
}

/** What a file may leave unsaid, taken from the song it is imported into. */
export interface ScoreDefaults {
	language: Language;
	key: SongKey;
	tempoBpm: number;
	timeSignature: TimeSignature;
}

export class MusicXmlError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'MusicXmlError';
	}
}

const STEP_PITCH_CLASS: Record<string, number> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };
const HAN = /^\p{Script=Han}$/u;

interface RawNote {
	startTicks: number;
	durationTicks: number;
	midiPitch: number;
	tieStop: boolean;
	breath: boolean;
	lyric: { text: string; syllabic: Syllabic } | null;
	reading: string | null;
}

const number = (text: string | undefined): number | undefined => {
	const n = text === undefined ? NaN : Number(text);
	return Number.isFinite(n) ? n : undefined;
};

function pitchOf(pitch: XmlElement): number | null {
	const step = childText(pitch, 'step')?.toUpperCase();
	const octave = number(childText(pitch, 'octave'));
	if (!step || !(step in STEP_PITCH_CLASS) || octave === undefined) return null;
	return Math.round((octave + 1) * 12 + STEP_PITCH_CLASS[step] + (number(childText(pitch, 'alter')) ?? 0));
}

function sectionKind(label: string): SectionKind {
	const l = label.toLowerCase();
	if (/pre-?chorus/.test(l)) return 'pre-chorus';
	for (const kind of ['chorus', 'bridge', 'intro', 'outro', 'verse'] as const) if (l.includes(kind)) return kind;
	if (/refrain/.test(l)) return 'chorus';
	return 'verse';
}

export function musicXmlToSong(xml: string, defaults: ScoreDefaults): ImportedScore {
	let root: XmlElement;
	try {
		root = readXml(xml);
	} catch (e) {
		if (e instanceof XmlReadError) throw new MusicXmlError(`The file is not readable XML: ${e.message}`);
		throw e;
	}
	if (root.name === 'score-timewise') throw new MusicXmlError('The file is a time-wise MusicXML score; export it part-wise (the usual form) from the notation program.');
	if (root.name !== 'score-partwise') throw new MusicXmlError(`The file is not a MusicXML score (its root is <${root.name}>).`);
	const part = child(root, 'part');
	if (!part) throw new MusicXmlError('The score has no part.');

	let divisions = 1;
	let key: SongKey | null = null;
	let timeSignature: TimeSignature | null = null;
	let tempoBpm: number | null = null;
	let voice: string | null = null;
	const notes: RawNote[] = [];
	const harmonies: Array<{ startTicks: number; rootPitchClass: number; quality: SongChord['quality'] }> = [];
	const marks: Array<{ startTicks: number; label: string }> = [];
	let measureStart = 0;
	const toTicks = (d: number) => Math.round((d * PPQ) / divisions);

	for (const measure of childrenNamed(part, 'measure')) {
		let at = measureStart;
		let furthest = at;
		let lastStart = at;
		const readTempo = (sound: XmlElement | undefined) => {
			const t = number(sound?.attributes.tempo);
			if (tempoBpm === null && t !== undefined && t > 0) tempoBpm = t;
		};
		for (const item of measure.children) {
			switch (item.name) {
				case 'attributes': {
					divisions = number(childText(item, 'divisions')) ?? divisions;
					const k = child(item, 'key');
					const fifths = number(childText(k, 'fifths'));
					if (!key && fifths !== undefined) key = keyFromFifths(Math.round(fifths), childText(k, 'mode') === 'minor' ? 'minor' : 'major');
					const time = child(item, 'time');
					const beats = number(childText(time, 'beats'));
					const beatType = number(childText(time, 'beat-type'));
					if (!timeSignature && beats !== undefined && beatType !== undefined && Number.isInteger(beats) && Number.isInteger(beatType)) timeSignature = { beatsPerBar: beats, beatUnit: beatType };
					break;
				}
				case 'direction': {
					for (const type of childrenNamed(item, 'direction-type')) {
						const rehearsal = childText(type, 'rehearsal');
						if (rehearsal) marks.push({ startTicks: at, label: rehearsal });
						const metronome = child(type, 'metronome');
						const perMinute = number(childText(metronome, 'per-minute'));
						const unit = noteTypeTicks(childText(metronome, 'beat-unit') ?? '', childrenNamed(metronome, 'beat-unit-dot').length);
						if (tempoBpm === null && perMinute !== undefined && unit !== null && !child(item, 'sound')?.attributes.tempo) tempoBpm = (perMinute * unit) / PPQ;
					}
					readTempo(child(item, 'sound'));
					break;
				}
				case 'sound':
					readTempo(item);
					break;
				case 'harmony': {
					const rootEl = child(item, 'root');
					const step = childText(rootEl, 'root-step')?.toUpperCase();
					const quality = kindQuality(childText(item, 'kind') ?? '');
					if (step && step in STEP_PITCH_CLASS && quality) {
						const rootPitchClass = (((STEP_PITCH_CLASS[step] + Math.round(number(childText(rootEl, 'root-alter')) ?? 0)) % 12) + 12) % 12;
						harmonies.push({ startTicks: at + toTicks(number(childText(item, 'offset')) ?? 0), rootPitchClass, quality });
					}
					break;
				}
				case 'backup':
					at -= toTicks(number(childText(item, 'duration')) ?? 0);
					break;
				case 'forward':
					at += toTicks(number(childText(item, 'duration')) ?? 0);
					break;
				case 'note': {
					if (child(item, 'grace') || child(item, 'cue')) break;
					const ticks = toTicks(number(childText(item, 'duration')) ?? 0);
					const noteVoice = childText(item, 'voice') ?? '1';
					const pitchEl = child(item, 'pitch');
					if (voice === null && pitchEl) voice = noteVoice;
					const mine = noteVoice === (voice ?? noteVoice);
					if (child(item, 'chord')) {
						// A written chord in the melody's voice: the lead sheet's tune is its top note.
						const top = notes[notes.length - 1];
						const pitch = pitchEl ? pitchOf(pitchEl) : null;
						if (mine && top && top.startTicks === lastStart && pitch !== null && pitch > top.midiPitch) top.midiPitch = pitch;
						break;
					}
					lastStart = at;
					const pitch = pitchEl ? pitchOf(pitchEl) : null;
					if (mine && pitch !== null && ticks > 0) notes.push(readNote(item, at, ticks, pitch));
					at += ticks;
					furthest = Math.max(furthest, at);
					break;
				}
			}
			furthest = Math.max(furthest, at);
		}
		// An empty measure still lasts a bar.
		const barTicks = ticksPerBar(timeSignature ?? defaults.timeSignature);
		measureStart = furthest > measureStart ? furthest : measureStart + barTicks;
	}

	const time = timeSignature ?? defaults.timeSignature;
	const songKey = key ?? defaults.key;
	const melody = mergeTies(notes);
	if (melody.length === 0) throw new MusicXmlError('The score has no notes to sing in its first part.');
	const tpb = ticksPerBar(time);
	const lastEnd = Math.max(...melody.map((n) => n.startTicks + n.durationTicks), measureStart);
	const bars = Math.max(1, Math.ceil(lastEnd / tpb));
	const hasLyrics = melody.some((n) => n.lyric !== null && n.lyric.text.trim() !== '');
	const phrases = phraseNumbers(melody);
	const syllables = hasLyrics ? readNoteLyrics(melody, phrases, defaults.language) : melody.map(() => null);

	harmonies.sort((a, b) => a.startTicks - b.startTicks);
	const chords: SongChord[] = harmonies
		.filter((h, i) => harmonies[i + 1]?.startTicks !== h.startTicks && h.startTicks < bars * tpb)
		.map((h, i, kept) => ({ startTicks: h.startTicks, durationTicks: (kept[i + 1]?.startTicks ?? bars * tpb) - h.startTicks, rootPitchClass: h.rootPitchClass, quality: h.quality, numeral: numeralFor(songKey, h.rootPitchClass, h.quality) }));

	return {
		melody: melody.map((n, i) => ({ startTicks: n.startTicks, durationTicks: n.durationTicks, midiPitch: n.midiPitch, syllable: syllables[i], phrase: phrases[i] })),
		chords,
		key: songKey,
		tempoBpm: tempoBpm ?? defaults.tempoBpm,
		timeSignature: time,
		...(marks.length > 0 ? { sections: sectionsFrom(marks, tpb, bars) } : {}),
		hasLyrics,
		bars
	};
}

function readNote(note: XmlElement, startTicks: number, durationTicks: number, midiPitch: number): RawNote {
	const notations = childrenNamed(note, 'notations');
	const tieStop = childrenNamed(note, 'tie').some((t) => t.attributes.type === 'stop') || notations.some((n) => childrenNamed(n, 'tied').some((t) => t.attributes.type === 'stop'));
	const breath = notations.some((n) => childrenNamed(n, 'articulations').some((a) => !!child(a, 'breath-mark') || !!child(a, 'caesura')));
	const lyrics = childrenNamed(note, 'lyric');
	const readingLine = lyrics.find((l) => l.attributes.name === READING_LYRIC_NAME);
	const first = lyrics.find((l) => l !== readingLine && child(l, 'text'));
	// Elided syllables (two texts on one note) are joined with a space, as they are sung.
	const text = first ? childrenNamed(first, 'text').map((t) => t.text).join(' ') : '';
	const syllabic = (childText(first, 'syllabic') ?? 'single') as Syllabic;
	return { startTicks, durationTicks, midiPitch, tieStop, breath, lyric: first ? { text, syllabic: ['single', 'begin', 'middle', 'end'].includes(syllabic) ? syllabic : 'single' } : null, reading: childText(readingLine, 'text') ?? null };
}

/** Tied notes of one pitch, end to start, as one note with the first one's lyric. */
function mergeTies(notes: RawNote[]): RawNote[] {
	const merged: RawNote[] = [];
	for (const n of notes) {
		const previous = merged[merged.length - 1];
		if (n.tieStop && previous && previous.midiPitch === n.midiPitch && previous.startTicks + previous.durationTicks === n.startTicks) {
			previous.durationTicks += n.durationTicks;
			previous.breath ||= n.breath;
			continue;
		}
		// One voice: a note still sounding when the next starts gives way.
		if (previous && previous.startTicks + previous.durationTicks > n.startTicks) previous.durationTicks = n.startTicks - previous.startTicks;
		merged.push({ ...n });
	}
	return merged.filter((n) => n.durationTicks > 0);
}

function phraseNumbers(melody: RawNote[]): number[] {
	const byBreath = melody.some((n) => n.breath);
	let phrase = 0;
	return melody.map((n, i) => {
		const previous = melody[i - 1];
		if (previous && (byBreath ? previous.breath : n.startTicks - (previous.startTicks + previous.durationTicks) >= PPQ)) phrase++;
		return phrase;
	});
}

/**
 * Each note's syllable: lyric pieces joined into words, words read phrase by phrase (a run of
 * Chinese characters together, so a polyphone is read in context), a word's syllables given to
 * its notes in order. A word with more notes than syllables leaves the rest as melisma; one with
 * more syllables than notes loses the last ones (the notes decide what is sung).
 */
function readNoteLyrics(melody: RawNote[], phrases: number[], language: Language): Array<LyricSyllable | null> {
	interface Word {
		notes: number[];
		text: string;
		reading: string | null;
	}
	const words: Word[] = [];
	let open: Word | null = null;
	melody.forEach((n, i) => {
		if (!n.lyric || n.lyric.text.trim() === '') return;
		const { text, syllabic } = n.lyric;
		if (open && (syllabic === 'middle' || syllabic === 'end') && phrases[open.notes[0]] === phrases[i]) {
			open.notes.push(i);
			open.text += text;
		} else {
			open = { notes: [i], text, reading: n.reading };
			words.push(open);
		}
		if (syllabic === 'single' || syllabic === 'end') open = null;
	});

	const out: Array<LyricSyllable | null> = melody.map(() => null);
	let wordIndex = 0;
	const place = (word: Word, syllables: LyricSyllable[]) => {
		syllables.slice(0, word.notes.length).forEach((s, k) => (out[word.notes[k]] = { ...s, wordIndex }));
		wordIndex++;
	};
	const read = (text: string): LyricSyllable[] => {
		try {
			return readLyrics(text, language);
		} catch (e) {
			if (e instanceof LyricsError) throw new MusicXmlError(`A lyric in the file cannot be sung: ${e.message}`);
			throw e;
		}
	};
	for (let w = 0; w < words.length; ) {
		const phrase = phrases[words[w].notes[0]];
		const isHan = (word: Word) => HAN.test(word.text.trim()) && language !== 'en';
		if (isHan(words[w])) {
			let end = w;
			while (end < words.length && isHan(words[end]) && phrases[words[end].notes[0]] === phrase) end++;
			const run = words.slice(w, end);
			const syllables = read(run.map((word) => `${word.text.trim()}${word.reading ? `(${word.reading})` : ''}`).join(''));
			run.forEach((word, k) => place(word, syllables[k] ? [syllables[k]] : []));
			w = end;
		} else {
			place(words[w], read(words[w].text.trim()));
			w++;
		}
	}
	// A phrase's last syllable is a breath point and ends its line.
	out.forEach((s, i) => {
		if (s && (i === melody.length - 1 || phrases[i + 1] !== phrases[i])) {
			s.breakAfter = true;
			s.joinNext = false;
			s.lineEnd = true;
		}
	});
	return out;
}

function sectionsFrom(marks: Array<{ startTicks: number; label: string }>, tpb: number, bars: number): SongSection[] {
	const starts = new Map<number, string>();
	for (const m of marks) {
		const bar = Math.min(bars - 1, Math.floor(m.startTicks / tpb));
		if (!starts.has(bar)) starts.set(bar, m.label);
	}
	if (!starts.has(0)) starts.set(0, 'Intro');
	const ordered = [...starts.entries()].sort((a, b) => a[0] - b[0]);
	return ordered.map(([startBar, label], i) => ({ kind: sectionKind(label), label: label.slice(0, 40), startBar, bars: (ordered[i + 1]?.[0] ?? bars) - startBar }));
}
