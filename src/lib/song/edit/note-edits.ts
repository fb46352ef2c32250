/**
 * Edits of the melody, note by note, as a piano roll makes them: each a pure function from one
 * Song to the next. Notes are named by their index in `song.melody` (kept in time order). The
 * vocal line is one voice, so the notes an edit touches win over the others: a note they overlap
 * is shortened (it began earlier) or starts after them (it began under them), and is removed only
 * when nothing of it is left longer than MIN_NOTE_TICKS.
 */
import type { LyricSyllable } from '../../lyrics/types';
import { expressionProblem, mergeExpression, type ExpressionField, type NoteExpression } from '../note-expression';
import { pitchCurveProblem, splitPitchCurve } from '../pitch-curve';
import { PPQ, type Song, type SongNote } from '../types';
import { EditError } from './edit-error';

/** Shortest note an edit leaves, ticks (a 32nd note). */
export const MIN_NOTE_TICKS = PPQ / 8;
/** Lowest and highest pitch an edit may give a note, MIDI (C2 … C7: beyond any sung range). */
export const MIN_EDIT_MIDI = 36;
export const MAX_EDIT_MIDI = 96;

/** A copied note: its time from the first copied note's start, ticks. */
export interface ClipNote {
	offsetTicks: number;
	durationTicks: number;
	midiPitch: number;
	syllable: LyricSyllable | null;
	expression?: NoteExpression;
}

const endOf = (n: SongNote) => n.startTicks + n.durationTicks;

function checkIndices(song: Song, indices: readonly number[]): number[] {
	if (indices.length === 0) throw new EditError('empty_selection', 'Select one or more notes first.');
	for (const i of indices) if (!Number.isInteger(i) || i < 0 || i >= song.melody.length) throw new EditError('no_such_note', `There is no note ${i + 1} in this song (it has ${song.melody.length}).`);
	return [...new Set(indices)].sort((a, b) => a - b);
}

function checkNote(n: Pick<SongNote, 'startTicks' | 'durationTicks' | 'midiPitch'>): void {
	if (!(Number.isInteger(n.midiPitch) && n.midiPitch >= MIN_EDIT_MIDI && n.midiPitch <= MAX_EDIT_MIDI)) {
		throw new EditError('bad_pitch', `A note's pitch must be a whole MIDI number from ${MIN_EDIT_MIDI} (C2) to ${MAX_EDIT_MIDI} (C7); got ${n.midiPitch}.`);
	}
	if (!(Number.isInteger(n.startTicks) && n.startTicks >= 0)) throw new EditError('bad_time', 'A note cannot start before the song does.');
	if (!(Number.isInteger(n.durationTicks) && n.durationTicks >= MIN_NOTE_TICKS)) throw new EditError('too_short', `A note must last at least a 32nd note (${MIN_NOTE_TICKS} ticks).`);
}

/**
 * The melody with `edited` notes put in and the others made to give way: sorted by start (an
 * edited note first on a tie), overlaps resolved in the edited notes' favour, each edited note's
 * phrase kept between its neighbours' (phrases run in time order).
 */
function settle(kept: SongNote[], edited: SongNote[]): SongNote[] {
	edited.forEach(checkNote);
	// Edited notes give way to one another in time order (two lengthened neighbours, say).
	const ordered = [...edited].sort((a, b) => a.startTicks - b.startTicks);
	ordered.slice(1).forEach((next, i) => {
		const e = ordered[i];
		if (endOf(e) <= next.startTicks) return;
		if (next.startTicks - e.startTicks < MIN_NOTE_TICKS) throw new EditError('too_short', 'Two of the edited notes would start together; move them apart first.');
		e.durationTicks = next.startTicks - e.startTicks;
	});
	const mine = new Set(edited);
	const all = [...kept.map((n) => ({ ...n })), ...edited].sort((a, b) => a.startTicks - b.startTicks || Number(mine.has(b)) - Number(mine.has(a)));
	for (const e of edited) {
		for (const n of all) {
			if (mine.has(n) || endOf(n) <= e.startTicks || n.startTicks >= endOf(e)) continue;
			if (n.startTicks < e.startTicks) n.durationTicks = e.startTicks - n.startTicks;
			else {
				n.durationTicks = endOf(n) - endOf(e);
				n.startTicks = endOf(e);
			}
		}
	}
	const melody = all.filter((n) => mine.has(n) || n.durationTicks >= MIN_NOTE_TICKS).sort((a, b) => a.startTicks - b.startTicks);
	melody.forEach((n, i) => {
		if (!mine.has(n)) return;
		const before = melody.slice(0, i).findLast((m) => !mine.has(m));
		const after = melody.slice(i + 1).find((m) => !mine.has(m));
		const low = before?.phrase ?? 0;
		n.phrase = Math.max(low, Math.min(n.phrase, after?.phrase ?? n.phrase));
	});
	return melody;
}

/** Replaces the notes at `indices` by `replacements(notes)` (new objects), the rest giving way. */
function replaceNotes(song: Song, indices: readonly number[], replacements: (notes: SongNote[]) => SongNote[]): Song {
	const chosen = checkIndices(song, indices);
	const picked = new Set(chosen);
	const edited = replacements(chosen.map((i) => ({ ...song.melody[i] })));
	return { ...song, melody: settle(song.melody.filter((_, i) => !picked.has(i)), edited) };
}

/** Moves notes in time (ticks, never before the song's start) and pitch (semitones) together. */
export function moveNotes(song: Song, indices: readonly number[], deltaTicks: number, deltaSemitones: number): Song {
	return replaceNotes(song, indices, (notes) => {
		const shift = Math.max(deltaTicks, -Math.min(...notes.map((n) => n.startTicks)));
		return notes.map((n) => ({ ...n, startTicks: n.startTicks + shift, midiPitch: n.midiPitch + deltaSemitones }));
	});
}

export function setNotePitch(song: Song, index: number, midiPitch: number): Song {
	return replaceNotes(song, [index], ([n]) => [{ ...n, midiPitch }]);
}

/** Lengthens (or shortens) notes at their end by `deltaTicks`; each keeps at least MIN_NOTE_TICKS. */
export function resizeNotes(song: Song, indices: readonly number[], deltaTicks: number): Song {
	return replaceNotes(song, indices, (notes) => notes.map((n) => ({ ...n, durationTicks: Math.max(MIN_NOTE_TICKS, n.durationTicks + deltaTicks) })));
}

/** Splits a note at `atTicks`: the second part continues its syllable (a melisma note). */
export function splitNote(song: Song, index: number, atTicks: number): Song {
	return replaceNotes(song, [index], ([n]) => {
		if (!(atTicks - n.startTicks >= MIN_NOTE_TICKS && endOf(n) - atTicks >= MIN_NOTE_TICKS)) {
			throw new EditError('too_short', `Split a note at least a 32nd note from either end.`);
		}
		const halves: [SongNote, SongNote] = [
			{ ...n, durationTicks: atTicks - n.startTicks },
			{ ...n, startTicks: atTicks, durationTicks: endOf(n) - atTicks, syllable: null }
		];
		// A drawn curve is cut where the note is, so each part sings the stretch drawn over it.
		const curve = n.expression?.pitchCurveCents;
		if (curve) {
			const [first, second] = splitPitchCurve(curve, (atTicks - n.startTicks) / n.durationTicks);
			halves[0] = { ...halves[0], expression: { ...n.expression, pitchCurveCents: first } };
			halves[1] = { ...halves[1], expression: { ...n.expression, pitchCurveCents: second } };
		}
		return halves;
	});
}

/**
 * Merges notes into the first of them (its pitch and syllable, lasting to the last one's end).
 * The others must carry no syllable of their own: merging would drop a word.
 */
export function mergeNotes(song: Song, indices: readonly number[]): Song {
	return replaceNotes(song, indices, (notes) => {
		const worded = notes.slice(1).filter((n) => n.syllable !== null);
		if (worded.length > 0) {
			throw new EditError('merge_syllables', `Merging would drop the syllable${worded.length > 1 ? 's' : ''} ${worded.map((n) => `“${n.syllable!.text}”`).join(', ')}: clear ${worded.length > 1 ? 'them' : 'it'} first, or move ${worded.length > 1 ? 'them' : 'it'} to another note.`);
		}
		const end = Math.max(...notes.map(endOf));
		return [{ ...notes[0], durationTicks: end - notes[0].startTicks }];
	});
}

export function addNote(song: Song, note: { startTicks: number; durationTicks: number; midiPitch: number; syllable?: LyricSyllable | null }): Song {
	const previous = song.melody.findLast((n) => n.startTicks <= note.startTicks);
	const added: SongNote = { startTicks: note.startTicks, durationTicks: note.durationTicks, midiPitch: note.midiPitch, syllable: note.syllable ?? null, phrase: previous?.phrase ?? 0 };
	return { ...song, melody: settle(song.melody, [added]) };
}

export function deleteNotes(song: Song, indices: readonly number[]): Song {
	const picked = new Set(checkIndices(song, indices));
	return { ...song, melody: song.melody.filter((_, i) => !picked.has(i)) };
}

/** Puts a syllable on a note (null: the note continues the previous syllable, a melisma). */
export function setSyllable(song: Song, index: number, syllable: LyricSyllable | null): Song {
	checkIndices(song, [index]);
	return { ...song, melody: song.melody.map((n, i) => (i === index ? { ...n, syllable } : n)) };
}

export function copyNotes(song: Song, indices: readonly number[]): ClipNote[] {
	const chosen = checkIndices(song, indices).map((i) => song.melody[i]);
	const from = chosen[0].startTicks;
	return chosen.map((n) => ({ offsetTicks: n.startTicks - from, durationTicks: n.durationTicks, midiPitch: n.midiPitch, syllable: n.syllable, ...(n.expression ? { expression: n.expression } : {}) }));
}

/** Pastes copied notes from `atTicks` on (in any section), over what is there. */
export function pasteNotes(song: Song, clip: readonly ClipNote[], atTicks: number): Song {
	if (clip.length === 0) throw new EditError('empty_selection', 'Copy one or more notes first.');
	const previous = song.melody.findLast((n) => n.startTicks <= atTicks);
	const pasted: SongNote[] = clip.map((c) => ({ startTicks: atTicks + c.offsetTicks, durationTicks: c.durationTicks, midiPitch: c.midiPitch, syllable: c.syllable, phrase: previous?.phrase ?? 0, ...(c.expression ? { expression: c.expression } : {}) }));
	return { ...song, melody: settle(song.melody, pasted) };
}

/**
 * Sets (a number) or returns to automatic (null) expression fields of the notes at `indices`; the
 * fields not named stay as they were. A note left with nothing set carries no expression.
 */
export function setNoteExpression(song: Song, indices: readonly number[], change: { [F in ExpressionField]?: number | null }): Song {
	const picked = new Set(checkIndices(song, indices));
	const set = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== null && v !== undefined));
	const problem = expressionProblem(set);
	if (problem) throw new EditError('bad_expression', `The note ${problem}.`);
	return {
		...song,
		melody: song.melody.map((n, i) => {
			if (!picked.has(i)) return n;
			const { expression, ...rest } = n;
			const merged = mergeExpression(expression, change);
			return merged ? { ...rest, expression: merged } : rest;
		})
	};
}

/**
 * Sets the drawn pitch curve of each listed note (cents at evenly spread points), or removes it
 * (null) so the note's pitch is automatic again; one edit for a line drawn over a whole phrase.
 */
export function setPitchCurves(song: Song, curves: ReadonlyArray<{ index: number; cents: readonly number[] | null }>): Song {
	checkIndices(
		song,
		curves.map((c) => c.index)
	);
	const byIndex = new Map<number, readonly number[] | null>();
	for (const { index, cents } of curves) {
		if (cents !== null) {
			const problem = pitchCurveProblem(cents);
			if (problem) throw new EditError('bad_expression', `The note ${problem}.`);
		}
		byIndex.set(index, cents);
	}
	return {
		...song,
		melody: song.melody.map((n, i) => {
			if (!byIndex.has(i)) return n;
			const cents = byIndex.get(i)!;
			const { expression, ...rest } = n;
			const { pitchCurveCents: _old, ...others } = expression ?? {};
			const merged = cents === null ? others : { ...others, pitchCurveCents: [...cents] };
			return Object.keys(merged).length ? { ...rest, expression: merged } : rest;
		})
	};
}
