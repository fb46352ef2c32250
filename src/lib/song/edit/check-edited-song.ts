/**
 * An edited Song as the server accepts it: the edits arrive from the browser as patches, so what
 * they put into the document is checked as strictly as any upload. The melody must be one voice
 * in time order with singable pitches and syllables the synthesiser can read; chords, sections,
 * tempo, key, time signature, style, mix and instrument settings (song-wide and per section)
 * must be what the composer itself could have written. Fields the
 * edits may not change (id, take, language, voice, seed…) must equal the base revision's.
 */
import { PHONEMES } from '../../lyrics/phoneme-inventory';
import type { LyricSyllable } from '../../lyrics/types';
import { STYLE_NAMES, ticksPerBar, type ChordQuality, type SectionKind, type Song } from '../types';
import { MIX_GAIN_RANGE_DB } from '../song-request';
import { expressionProblem } from '../note-expression';
import { instrumentSettingsProblem } from '../instrument-settings';
import { MAX_EDIT_MIDI, MIN_EDIT_MIDI, MIN_NOTE_TICKS } from './note-edits';
import { MAX_TEMPO_BPM, MIN_TEMPO_BPM, TIME_SIGNATURES } from './song-edits';

/** Most notes a song may hold after edits (a long song has a few hundred). */
export const MAX_EDITED_NOTES = 2000;
/** Most bars after edits (sections duplicated many times). */
export const MAX_EDITED_BARS = 256;
const QUALITIES: ChordQuality[] = ['major', 'minor', 'diminished', 'dominant7', 'major7', 'minor7', 'sus4'];
const SECTION_KINDS: SectionKind[] = ['intro', 'verse', 'pre-chorus', 'chorus', 'bridge', 'outro'];
const FIXED: Array<keyof Song> = ['schemaVersion', 'id', 'takeId', 'voiceProfileId', 'language', 'lyrics', 'seed', 'candidate', 'revision'];

export class EditedSongError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'EditedSongError';
	}
}

const isInt = (v: unknown, min: number, max = Number.MAX_SAFE_INTEGER): v is number => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const phonemes = (v: unknown) => Array.isArray(v) && v.length <= 6 && v.every((p) => typeof p === 'string' && PHONEMES.has(p));

function checkSyllable(s: unknown, language: Song['language'], where: string): asserts s is LyricSyllable {
	const fail = (what: string) => {
		throw new EditedSongError(`${where}: its syllable ${what}.`);
	};
	if (!isObject(s)) fail('is not a syllable');
	const syllable = s as Record<string, unknown>;
	if (syllable.language !== language && !(language !== 'en' && syllable.language === 'en')) fail(`is in another language (${String(syllable.language)})`);
	if (typeof syllable.text !== 'string' || syllable.text.length === 0 || syllable.text.length > 40) fail('has no text');
	if (typeof syllable.reading !== 'string' || syllable.reading.length > 40) fail('has no reading');
	if (!isInt(syllable.wordIndex, 0)) fail('has no word index');
	if (!phonemes(syllable.onset) || !phonemes(syllable.coda) || !phonemes(syllable.nucleus) || (syllable.nucleus as string[]).length === 0) fail(`has sounds the studio cannot sing (“${String(syllable.reading)}”)`);
	if (syllable.tone !== undefined && !isInt(syllable.tone, 1, 6)) fail('has no valid tone');
	if (syllable.stress !== undefined && !isInt(syllable.stress, 0, 2)) fail('has no valid stress');
	if (typeof syllable.breakAfter !== 'boolean') fail('does not say whether a break follows');
}

/** The edited song, checked against its base revision; throws EditedSongError saying what is wrong. */
export function checkEditedSong(song: Song, base: Song): Song {
	for (const field of FIXED) if (JSON.stringify(song[field]) !== JSON.stringify(base[field])) throw new EditedSongError(`An edit cannot change the song's ${field}.`);
	if (!isInt(song.tempoBpm * 10, MIN_TEMPO_BPM * 10, MAX_TEMPO_BPM * 10)) throw new EditedSongError(`The tempo must be from ${MIN_TEMPO_BPM} to ${MAX_TEMPO_BPM} BPM.`);
	if (!isObject(song.key) || !isInt(song.key.tonicPitchClass, 0, 11) || (song.key.mode !== 'major' && song.key.mode !== 'minor')) throw new EditedSongError('The key is not a key.');
	const sameMetre = JSON.stringify(song.timeSignature) === JSON.stringify(base.timeSignature);
	if (!sameMetre && !TIME_SIGNATURES.some((ts) => JSON.stringify(ts) === JSON.stringify(song.timeSignature))) throw new EditedSongError(`The time signature must be one of ${TIME_SIGNATURES.map((ts) => `${ts.beatsPerBar}/${ts.beatUnit}`).join(', ')}.`);
	if (!STYLE_NAMES.includes(song.style)) throw new EditedSongError(`“${String(song.style)}” is not one of the styles.`);
	if (!isObject(song.mix) || !Number.isFinite(song.mix.vocalGainDb) || !Number.isFinite(song.mix.backingGainDb) || ![song.mix.vocalGainDb, song.mix.backingGainDb].every((g) => g >= MIX_GAIN_RANGE_DB.min && g <= MIX_GAIN_RANGE_DB.max)) throw new EditedSongError(`The mix levels must be from ${MIX_GAIN_RANGE_DB.min} to ${MIX_GAIN_RANGE_DB.max} dB.`);

	const instrumentsProblem = instrumentSettingsProblem(song.instruments);
	if (instrumentsProblem) throw new EditedSongError(`The song's instrument settings ${instrumentsProblem}.`);

	const tpb = ticksPerBar(song.timeSignature);
	if (!Array.isArray(song.sections) || song.sections.length === 0) throw new EditedSongError('A song keeps at least one section.');
	let bar = 0;
	for (const s of song.sections) {
		if (!isObject(s) || !SECTION_KINDS.includes(s.kind) || typeof s.label !== 'string' || s.label.length > 40 || s.startBar !== bar || !isInt(s.bars, 1, 64)) throw new EditedSongError(`Section ${song.sections.indexOf(s) + 1} is not a section that follows the one before it.`);
		const where = `Section ${song.sections.indexOf(s) + 1}`;
		if (s.style !== undefined && !STYLE_NAMES.includes(s.style)) throw new EditedSongError(`${where}: “${String(s.style)}” is not one of the styles.`);
		const problem = instrumentSettingsProblem(s.instruments);
		if (problem) throw new EditedSongError(`${where}: its instrument settings ${problem}.`);
		bar += s.bars;
	}
	if (bar > MAX_EDITED_BARS) throw new EditedSongError(`A song may have at most ${MAX_EDITED_BARS} bars; this one has ${bar}.`);
	const end = bar * tpb;

	if (!Array.isArray(song.melody) || song.melody.length > MAX_EDITED_NOTES) throw new EditedSongError(`A song may have at most ${MAX_EDITED_NOTES} notes.`);
	song.melody.forEach((n, i) => {
		const where = `Note ${i + 1}`;
		if (!isObject(n) || !isInt(n.startTicks, 0, end - 1) || !isInt(n.durationTicks, MIN_NOTE_TICKS, end - n.startTicks)) throw new EditedSongError(`${where} does not lie within the song's ${bar} bars.`);
		if (!isInt(n.midiPitch, MIN_EDIT_MIDI, MAX_EDIT_MIDI)) throw new EditedSongError(`${where} has a pitch outside C2–C7.`);
		if (!isInt(n.phrase, 0)) throw new EditedSongError(`${where} has no phrase.`);
		if (n.syllable !== null) checkSyllable(n.syllable, song.language, where);
		if (n.expression !== undefined) {
			const problem = expressionProblem(n.expression);
			if (problem) throw new EditedSongError(`${where} ${problem}.`);
		}
		const previous = song.melody[i - 1];
		if (previous && previous.startTicks + previous.durationTicks > n.startTicks) throw new EditedSongError(`${where} overlaps the note before it: the vocal line sings one note at a time.`);
		if (previous && previous.phrase > n.phrase) throw new EditedSongError(`${where} is out of phrase order.`);
	});

	if (!Array.isArray(song.chords)) throw new EditedSongError('The chords are missing.');
	song.chords.forEach((c, i) => {
		const previous = song.chords[i - 1];
		if (!isObject(c) || !isInt(c.startTicks, 0, end - 1) || !isInt(c.durationTicks, 1, end - c.startTicks) || !isInt(c.rootPitchClass, 0, 11) || !QUALITIES.includes(c.quality) || typeof c.numeral !== 'string' || c.numeral.length > 12) {
			throw new EditedSongError(`Chord ${i + 1} is not a chord within the song.`);
		}
		if (previous && previous.startTicks + previous.durationTicks > c.startTicks) throw new EditedSongError(`Chord ${i + 1} overlaps the chord before it.`);
	});
	return song;
}
