/**
 * Song-level edits: a bar's chord, the tempo, the key (the melody and chords move with it), the
 * style, and the sections (duplicate, delete, reorder, add). Pure functions from one Song to the
 * next, like note-edits.ts.
 */
import { checkKey, mod12, numeralToChord } from '../../compose/chords';
import { adaptMelodyToTones } from '../../compose/tone-adapt';
import { phraseNoteIndices, redrawPhrase, withPhraseNotes } from '../../compose/phrase-redraw';
import { BACKING_INSTRUMENTS, type BackingInstrument } from '../backing-types';
import { INSTRUMENT_LEVEL_RANGE_DB, normalizedSettings } from '../instrument-settings';
import { STYLE_NAMES, ticksPerBar, type InstrumentSetting, type InstrumentSettings, type SectionKind, type Song, type SongChord, type SongNote, type SongSection, type StyleName, type TimeSignature } from '../types';
import { EditError } from './edit-error';
import { MAX_EDIT_MIDI, MIN_EDIT_MIDI } from './note-edits';

export const MIN_TEMPO_BPM = 40;
export const MAX_TEMPO_BPM = 220;
/** Longest section an edit adds, bars. */
export const MAX_SECTION_BARS = 32;
/** Time signatures a song may be set in: the backing has grooves for each (compose/arrangement.ts). */
export const TIME_SIGNATURES: readonly TimeSignature[] = [
	{ beatsPerBar: 3, beatUnit: 4 },
	{ beatsPerBar: 4, beatUnit: 4 },
	{ beatsPerBar: 6, beatUnit: 8 }
];
/** Most bars a section or the song may have after re-barring (as the server checks: check-edited-song.ts). */
const MAX_REBARRED_SECTION_BARS = 64;
const MAX_REBARRED_BARS = 256;

const barCount = (song: Song) => song.sections.reduce((n, s) => Math.max(n, s.startBar + s.bars), 0);

/** Sets the chord of one bar (a Roman numeral in the song's key); chords that overran the bar keep their parts outside it. */
export function setBarChord(song: Song, bar: number, numeral: string): Song {
	if (!Number.isInteger(bar) || bar < 0 || bar >= barCount(song)) throw new EditError('no_such_bar', `There is no bar ${bar + 1} in this song (it has ${barCount(song)}).`);
	let read;
	try {
		read = numeralToChord(song.key, numeral);
	} catch (e) {
		throw new EditError('bad_chord', `“${numeral}” is not a chord the studio can read: ${(e as Error).message}.`);
	}
	const tpb = ticksPerBar(song.timeSignature);
	const [from, to] = [bar * tpb, (bar + 1) * tpb];
	const kept: SongChord[] = [];
	for (const c of song.chords) {
		const end = c.startTicks + c.durationTicks;
		if (end <= from || c.startTicks >= to) kept.push(c);
		else {
			if (c.startTicks < from) kept.push({ ...c, durationTicks: from - c.startTicks });
			if (end > to) kept.push({ ...c, startTicks: to, durationTicks: end - to });
		}
	}
	kept.push({ startTicks: from, durationTicks: tpb, rootPitchClass: read.rootPitchClass, quality: read.quality, numeral });
	return { ...song, chords: kept.sort((a, b) => a.startTicks - b.startTicks) };
}

export function setTempo(song: Song, tempoBpm: number): Song {
	if (!(Number.isFinite(tempoBpm) && tempoBpm >= MIN_TEMPO_BPM && tempoBpm <= MAX_TEMPO_BPM)) {
		throw new EditError('bad_tempo', `The tempo must be from ${MIN_TEMPO_BPM} to ${MAX_TEMPO_BPM} BPM; got ${tempoBpm}.`);
	}
	return { ...song, tempoBpm: Math.round(tempoBpm * 10) / 10 };
}

/**
 * Moves the song to another tonic (same mode) by the nearer way (up to 6 semitones up or 5
 * down): every note and chord root moves with it; the chords' numerals stay, being relative.
 */
export function setKeyTonic(song: Song, tonicPitchClass: number): Song {
	const key = { ...song.key, tonicPitchClass };
	try {
		checkKey(key);
	} catch (e) {
		throw new EditError('bad_pitch', (e as Error).message);
	}
	let shift = mod12(tonicPitchClass - song.key.tonicPitchClass);
	if (shift > 6) shift -= 12;
	const melody = song.melody.map((n) => ({ ...n, midiPitch: n.midiPitch + shift }));
	const out = melody.find((n) => n.midiPitch < MIN_EDIT_MIDI || n.midiPitch > MAX_EDIT_MIDI);
	if (out) throw new EditError('bad_pitch', `In that key a note would fall outside C2–C7 (MIDI ${out.midiPitch}); move the notes first.`);
	return { ...song, key, melody, chords: song.chords.map((c) => ({ ...c, rootPitchClass: mod12(c.rootPitchClass + shift) })) };
}

function checkStyle(style: StyleName): void {
	if (!STYLE_NAMES.includes(style)) throw new EditError('bad_style', `“${style}” is not one of the styles (${STYLE_NAMES.join(', ')}).`);
}

export function setStyle(song: Song, style: StyleName): Song {
	checkStyle(style);
	return { ...song, style };
}

/** A section's own style, or null for the song's (the override removed). */
export function setSectionStyle(song: Song, index: number, style: StyleName | null): Song {
	checkSection(song, index);
	if (style !== null) checkStyle(style);
	const { style: _old, ...rest } = song.sections[index];
	const section: SongSection = style === null ? rest : { ...song.sections[index], style };
	return { ...song, sections: song.sections.map((s, i) => (i === index ? section : s)) };
}

/** A change to one instrument's settings: a field given as null goes back to its default. */
export type InstrumentChange = { [F in keyof InstrumentSetting]?: InstrumentSetting[F] | null };

function changedSettings(settings: InstrumentSettings | undefined, instrument: BackingInstrument, change: InstrumentChange): InstrumentSettings | undefined {
	if (!BACKING_INSTRUMENTS.includes(instrument)) throw new EditError('bad_instrument', `The backing has no “${instrument}” (it has ${BACKING_INSTRUMENTS.join(', ')}).`);
	const { min, max, step } = INSTRUMENT_LEVEL_RANGE_DB;
	const level = change.levelDb;
	if (level !== undefined && level !== null && !(Number.isFinite(level) && level >= min && level <= max)) throw new EditError('bad_level', `An instrument's level must be from ${min} to ${max} dB; got ${level}.`);
	const next: InstrumentSetting = { ...settings?.[instrument] };
	for (const field of ['muted', 'solo', 'levelDb'] as const) {
		const value = change[field];
		if (value === undefined) continue;
		if (value === null) delete next[field];
		else if (field === 'levelDb') next.levelDb = Math.round((value as number) / step) * step;
		else next[field] = value as boolean;
	}
	return normalizedSettings({ ...settings, [instrument]: next });
}

/**
 * Mute, solo or level of one backing instrument, song-wide (`section` null) or in one section (on
 * top of the song-wide one). Settings back at their defaults are left out of the document, so a
 * song whose instruments are all as the style plays them has none.
 */
export function setInstrument(song: Song, section: number | null, instrument: BackingInstrument, change: InstrumentChange): Song {
	if (section === null) {
		// undefined rather than deleted: the key keeps its place, so an undo gives back the same bytes.
		return { ...song, instruments: changedSettings(song.instruments, instrument, change) };
	}
	checkSection(song, section);
	const { instruments, ...rest } = song.sections[section];
	const settings = changedSettings(instruments, instrument, change);
	const next: SongSection = settings ? { ...song.sections[section], instruments: settings } : rest;
	return { ...song, sections: song.sections.map((s, i) => (i === section ? next : s)) };
}

/** One section of a rearranged song: which old section it copies, or an empty new one. */
type SectionSource = { from: number } | { empty: Pick<SongSection, 'kind' | 'label' | 'bars'> };

/**
 * The song with its sections in a new order: each copies an old section's notes and chords (by
 * where they start) to its new place; an empty section gets the tonic chord on each bar and no
 * notes. Phrases are numbered again in time order.
 */
function rearrange(song: Song, order: SectionSource[]): Song {
	const tpb = ticksPerBar(song.timeSignature);
	const sections: SongSection[] = [];
	const melody: SongNote[] = [];
	const chords: SongChord[] = [];
	const phraseIds = new Map<string, number>();
	let bar = 0;
	order.forEach((source, k) => {
		const shape = 'from' in source ? song.sections[source.from] : source.empty;
		// A copied section keeps its own style and instruments.
		const own: Partial<SongSection> = 'from' in source ? song.sections[source.from] : {};
		const section: SongSection = { kind: shape.kind, label: shape.label, startBar: bar, bars: shape.bars, ...(own.style ? { style: own.style } : {}), ...(own.instruments ? { instruments: own.instruments } : {}) };
		sections.push(section);
		const to = bar * tpb;
		if ('from' in source) {
			const old = song.sections[source.from];
			const [start, end] = [old.startBar * tpb, (old.startBar + old.bars) * tpb];
			const inside = (t: number) => t >= start && t < end;
			for (const n of song.melody) {
				if (!inside(n.startTicks)) continue;
				const id = `${k}:${n.phrase}`;
				if (!phraseIds.has(id)) phraseIds.set(id, phraseIds.size);
				melody.push({ ...n, startTicks: n.startTicks - start + to, durationTicks: Math.min(n.durationTicks, end - n.startTicks), phrase: phraseIds.get(id)! });
			}
			for (const c of song.chords) if (inside(c.startTicks)) chords.push({ ...c, startTicks: c.startTicks - start + to, durationTicks: Math.min(c.durationTicks, end - c.startTicks) });
		} else {
			const tonic = numeralToChord(song.key, song.key.mode === 'major' ? 'I' : 'i');
			for (let b = 0; b < shape.bars; b++) chords.push({ startTicks: to + b * tpb, durationTicks: tpb, rootPitchClass: tonic.rootPitchClass, quality: tonic.quality, numeral: tonic.numeral });
		}
		bar += shape.bars;
	});
	return { ...song, sections, melody, chords };
}

function checkSection(song: Song, index: number): void {
	if (!Number.isInteger(index) || index < 0 || index >= song.sections.length) throw new EditError('no_such_section', `There is no section ${index + 1} in this song (it has ${song.sections.length}).`);
}

const inOrder = (song: Song): SectionSource[] => song.sections.map((_, i) => ({ from: i }));

/** A copy of the section right after it. */
export function duplicateSection(song: Song, index: number): Song {
	checkSection(song, index);
	const order = inOrder(song);
	order.splice(index + 1, 0, { from: index });
	return rearrange(song, order);
}

export function deleteSection(song: Song, index: number): Song {
	checkSection(song, index);
	if (song.sections.length === 1) throw new EditError('no_such_section', 'A song keeps at least one section.');
	return rearrange(song, inOrder(song).filter((_, i) => i !== index));
}

/** Moves the section at `from` so it becomes the section at `to`. */
export function moveSection(song: Song, from: number, to: number): Song {
	checkSection(song, from);
	checkSection(song, to);
	const order = inOrder(song);
	const [moved] = order.splice(from, 1);
	order.splice(to, 0, moved);
	return rearrange(song, order);
}

/** An empty section (tonic chord on each bar, no notes) inserted at `index`. */
export function addSection(song: Song, index: number, kind: SectionKind, label: string, bars: number): Song {
	if (!Number.isInteger(index) || index < 0 || index > song.sections.length) throw new EditError('no_such_section', `A section can be added at positions 1 to ${song.sections.length + 1}.`);
	if (!Number.isInteger(bars) || bars < 1 || bars > MAX_SECTION_BARS) throw new EditError('no_such_bar', `A new section has 1 to ${MAX_SECTION_BARS} bars; got ${bars}.`);
	const order = inOrder(song);
	order.splice(index, 0, { empty: { kind, label, bars } });
	return rearrange(song, order);
}

/**
 * "Fit the tones" for one phrase of a Cantonese song: its pitches moved as little as possible (in
 * the key, within the song's range) so each step between syllables goes the way their tones do
 * (the 0243 rule, compose/tone-adapt.ts); times and syllables stay.
 */
export function fitPhraseToTones(song: Song, phrase: number): Song {
	if (song.language !== 'yue') throw new EditError('no_such_section', 'Fitting the tones is for Cantonese songs.');
	const indices = song.melody.flatMap((n, i) => (n.phrase === phrase ? [i] : []));
	if (indices.length === 0) throw new EditError('no_such_section', `There is no phrase ${phrase + 1} in this song.`);
	const pitches = song.melody.map((n) => n.midiPitch);
	const range = { low: Math.max(MIN_EDIT_MIDI, Math.min(...pitches) - 2), high: Math.min(MAX_EDIT_MIDI, Math.max(...pitches) + 2) };
	const adapted = adaptMelodyToTones(indices.map((i) => song.melody[i]), song.key, range).notes;
	const melody = song.melody.map((n) => ({ ...n }));
	indices.forEach((i, k) => (melody[i].midiPitch = adapted[k].midiPitch));
	return { ...song, melody };
}

/**
 * "Another melody for this phrase": the composer draws phrase `phrase` again from `seed` (each seed
 * another melody; the page passes a new one on each press), on the same bars, with the same
 * syllables and chords, fitting the key and the notes either side (compose/phrase-redraw.ts);
 * every other note stays as it is.
 */
export function anotherPhraseMelody(song: Song, phrase: number, seed: number): Song {
	if (!Number.isSafeInteger(seed)) throw new EditError('no_other_melody', `The seed must be a whole number; got ${seed}.`);
	const indices = Number.isInteger(phrase) ? phraseNoteIndices(song, phrase) : [];
	if (indices.length === 0) throw new EditError('no_such_phrase', `There is no phrase ${phrase + 1} in this song.`);
	if (indices.every((i) => song.melody[i].syllable === null)) throw new EditError('no_such_phrase', `Phrase ${phrase + 1} has no words: give its notes syllables first.`);
	const notes = redrawPhrase(song, phrase, seed);
	if (!notes) throw new EditError('no_other_melody', `The composer found no other singable melody for phrase ${phrase + 1} this time; press again, or change the notes around it.`);
	return withPhraseNotes(song, phrase, notes);
}

/**
 * The song in another time signature (3/4, 4/4 or 6/8), as notation programs and singing editors
 * do it: the notes keep their times (the tune and its rhythm sound as before, so nothing is sung
 * again) and the bar lines move. Each section starts on the new bar line nearest its old start
 * (never two on one bar) and the song keeps at least its old length; each new bar takes the chord
 * that sounded longest in it, one chord per bar, as the chord picker sets them.
 */
export function setTimeSignature(song: Song, timeSignature: TimeSignature): Song {
	const wanted = TIME_SIGNATURES.find((ts) => ts.beatsPerBar === timeSignature.beatsPerBar && ts.beatUnit === timeSignature.beatUnit);
	if (!wanted) throw new EditError('bad_time_signature', `The studio plays songs in ${TIME_SIGNATURES.map((ts) => `${ts.beatsPerBar}/${ts.beatUnit}`).join(', ')}; got ${timeSignature.beatsPerBar}/${timeSignature.beatUnit}.`);
	if (wanted.beatsPerBar === song.timeSignature.beatsPerBar && wanted.beatUnit === song.timeSignature.beatUnit) return song;
	const oldTpb = ticksPerBar(song.timeSignature);
	const tpb = ticksPerBar(wanted);
	const lastNoteEnd = Math.max(0, ...song.melody.map((n) => n.startTicks + n.durationTicks));
	const oldEnd = barCount(song) * oldTpb;
	const starts: number[] = [];
	for (const [k, s] of song.sections.entries()) starts.push(k === 0 ? 0 : Math.max(starts[k - 1] + 1, Math.round((s.startBar * oldTpb) / tpb)));
	const bars = Math.max(starts[starts.length - 1] + 1, Math.ceil(Math.max(oldEnd, lastNoteEnd) / tpb));
	const sections = song.sections.map((s, k) => ({ ...s, startBar: starts[k], bars: (starts[k + 1] ?? bars) - starts[k] }));
	const longest = sections.reduce((a, s) => (s.bars > a.bars ? s : a));
	if (longest.bars > MAX_REBARRED_SECTION_BARS || bars > MAX_REBARRED_BARS) {
		throw new EditError('bad_time_signature', `In ${wanted.beatsPerBar}/${wanted.beatUnit} “${longest.label}” would have ${longest.bars} bars and the song ${bars}; a section may have at most ${MAX_REBARRED_SECTION_BARS} and a song ${MAX_REBARRED_BARS}: shorten it first.`);
	}
	const chords: SongChord[] = [];
	for (let bar = 0; bar < bars; bar++) {
		const [from, to] = [bar * tpb, (bar + 1) * tpb];
		let best: SongChord | null = null;
		let bestTicks = 0;
		for (const c of song.chords) {
			const overlap = Math.min(to, c.startTicks + c.durationTicks) - Math.max(from, c.startTicks);
			if (overlap > bestTicks) [best, bestTicks] = [c, overlap];
		}
		// A bar past the old song's end keeps the last chord sounding.
		best ??= chords[chords.length - 1] ?? null;
		if (best) chords.push({ startTicks: from, durationTicks: tpb, rootPitchClass: best.rootPitchClass, quality: best.quality, numeral: best.numeral });
	}
	return { ...song, timeSignature: { ...wanted }, sections, chords };
}
