/**
 * The command stack on real composed songs: random edits of every kind (the piano roll's and the
 * song's), then undo all and redo all, must give back the documents byte for byte; every edit
 * keeps the melody one voice in time order.
 */
import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../../../src/lib/compose/random';
import { EditError } from '../../../../src/lib/song/edit/edit-error';
import { execute, redo, startHistory, undo, type EditHistory } from '../../../../src/lib/song/edit/edit-history';
import { addNote, copyNotes, deleteNotes, mergeNotes, MIN_NOTE_TICKS, moveNotes, pasteNotes, resizeNotes, setNoteExpression, setNotePitch, setPitchCurves, setSyllable, splitNote } from '../../../../src/lib/song/edit/note-edits';
import { EXPRESSION_FIELDS, EXPRESSION_RANGES } from '../../../../src/lib/song/note-expression';
import { applyCommand, commandBetween } from '../../../../src/lib/song/edit/song-command';
import { StalePatchError } from '../../../../src/lib/song/edit/song-patch';
import { addSection, anotherPhraseMelody, deleteSection, duplicateSection, fitPhraseToTones, moveSection, setBarChord, setInstrument, setKeyTonic, setSectionStyle, setStyle, setTempo, setTimeSignature, TIME_SIGNATURES } from '../../../../src/lib/song/edit/song-edits';
import { BACKING_INSTRUMENTS } from '../../../../src/lib/song/backing-types';
import { toneClashes } from '../../../../src/lib/compose/cantonese-tones';
import { PPQ, STYLE_NAMES, ticksPerBar, type Song } from '../../../../src/lib/song/types';
import { LANGUAGES, type Language } from '../../../../src/lib/take/types';
import { composedSong } from '../../../helpers/composed-song';

/** The composer's song on a twelve-note hum at 100 BPM (seed 3), as the edits start from. */
const composed = (language: Language): Song => composedSong(language);

const NUMERALS = ['I', 'ii', 'iii', 'IV', 'V', 'vi', 'V7', 'IVmaj7', 'Vsus4', '♭VII'];

/** One random edit of any kind, as a labelled function of the song (it may refuse with an EditError). */
function randomEdit(song: Song, rng: Rng, clipboard: { clip: ReturnType<typeof copyNotes> | null }): [string, () => Song] {
	const n = song.melody.length;
	const note = () => rng.int(0, n - 1);
	const run = () => {
		const from = note();
		return Array.from({ length: rng.int(1, Math.min(4, n - from)) }, (_, i) => from + i);
	};
	const grid = () => rng.pick([PPQ / 4, PPQ / 3, PPQ / 2, PPQ]);
	const bars = song.sections.reduce((b, s) => b + s.bars, 0);
	const edits: Array<[string, () => Song]> = [
		['move', () => moveNotes(song, run(), rng.int(-4, 4) * grid(), rng.int(-3, 3))],
		['pitch', () => setNotePitch(song, note(), rng.int(55, 79))],
		['resize', () => resizeNotes(song, run(), rng.int(-2, 2) * grid())],
		['split', () => {
			const i = note();
			return splitNote(song, i, song.melody[i].startTicks + rng.int(1, 3) * (PPQ / 8));
		}],
		['merge', () => {
			// A note and the melisma notes after it (a split undone by hand), when there are any.
			const starts = song.melody.map((_, i) => i).filter((i) => song.melody[i + 1]?.syllable === null);
			const from = starts.length > 0 && rng.chance(0.8) ? rng.pick(starts) : note();
			let to = from + 1;
			while (to < n - 1 && song.melody[to + 1].syllable === null) to++;
			return mergeNotes(song, Array.from({ length: Math.min(to, n - 1) - from + 1 }, (_, i) => from + i));
		}],
		['add', () => addNote(song, { startTicks: rng.int(0, bars * 4) * grid(), durationTicks: rng.int(1, 4) * grid(), midiPitch: rng.int(55, 79), syllable: n > 0 && rng.chance(0.5) ? song.melody[note()].syllable : null })],
		['delete', () => deleteNotes(song, run())],
		['syllable', () => setSyllable(song, note(), rng.chance(0.2) ? null : song.melody[note()].syllable)],
		['expression', () => {
			// A few fields set (on the grid of their controls) or back to automatic; now and then one out of range (refused).
			const change = Object.fromEntries(
				EXPRESSION_FIELDS.filter(() => rng.chance(0.4)).map((f) => {
					const { min, max, step } = EXPRESSION_RANGES[f];
					return [f, rng.chance(0.3) ? null : rng.chance(0.05) ? max + step : min + step * rng.int(0, Math.round((max - min) / step))];
				})
			);
			return setNoteExpression(song, run(), change);
		}],
		['pitch curve', () => {
			// A drawn curve on a run of notes, or the curves taken off again; now and then one bent too far (refused).
			const points = rng.int(2, 16);
			return setPitchCurves(
				song,
				run().map((index) => ({ index, cents: rng.chance(0.25) ? null : Array.from({ length: points }, () => (rng.chance(0.02) ? 1300 : rng.int(-300, 300))) }))
			);
		}],
		['copy-paste', () => {
			clipboard.clip = copyNotes(song, run());
			return pasteNotes(song, clipboard.clip, rng.int(0, bars - 1) * ticksPerBar(song.timeSignature) + rng.int(0, 3) * PPQ);
		}],
		['chord', () => setBarChord(song, rng.int(0, bars - 1), rng.pick(NUMERALS))],
		['tempo', () => setTempo(song, rng.int(60, 160))],
		['key', () => setKeyTonic(song, rng.int(0, 11))],
		['style', () => setStyle(song, rng.pick(STYLE_NAMES))],
		['duplicate section', () => duplicateSection(song, rng.int(0, song.sections.length - 1))],
		['delete section', () => deleteSection(song, rng.int(0, song.sections.length - 1))],
		['move section', () => moveSection(song, rng.int(0, song.sections.length - 1), rng.int(0, song.sections.length - 1))],
		['add section', () => addSection(song, rng.int(0, song.sections.length), 'bridge', 'Bridge', rng.int(1, 4))],
		['another phrase melody', () => anotherPhraseMelody(song, n > 0 ? song.melody[note()].phrase : 0, rng.int(0, 1_000_000))],
		['time signature', () => setTimeSignature(song, rng.pick(TIME_SIGNATURES))],
		['section style', () => setSectionStyle(song, rng.int(0, song.sections.length - 1), rng.chance(0.3) ? null : rng.pick(STYLE_NAMES))],
		['instrument', () => {
			// Song-wide or in one section; a field set, or back to its default (null); now and then a level out of range (refused).
			const section = rng.chance(0.4) ? null : rng.int(0, song.sections.length - 1);
			const field = rng.pick(['muted', 'solo', 'levelDb'] as const);
			const value = rng.chance(0.3) ? null : field === 'levelDb' ? (rng.chance(0.05) ? 40 : rng.int(-48, 24) / 2) : rng.chance(0.5);
			return setInstrument(song, section, rng.pick(BACKING_INSTRUMENTS), { [field]: value });
		}]
	];
	// Sections are edited rarely (and never past 40 bars), notes often, as a person would.
	// A song with few notes left gets notes added, not taken.
	const needsNotes = new Set(['move', 'pitch', 'resize', 'split', 'merge', 'delete', 'syllable', 'expression', 'pitch curve', 'copy-paste', 'another phrase melody']);
	const weights = edits.map(([label]) => (label === 'time signature' ? 0.5 : label.includes('section') ? (label.startsWith('delete') || bars < 40 ? 0.35 : 0) : needsNotes.has(label) && n < 4 ? 0 : label === 'add' && n < 4 ? 5 : 1));
	return edits[rng.weightedIndex(weights)];
}

/** The labels of every kind of edit `randomEdit` makes. */
function randomEditKinds(): string[] {
	const labels = new Set<string>();
	const song = composed('en');
	const rng = createRng(1);
	for (let i = 0; i < 2000; i++) labels.add(randomEdit(song, rng, { clip: null })[0]);
	return [...labels];
}

/** One voice in time order: sorted, no overlaps, no note too short, phrases in order; chords sorted and not overlapping. */
function expectWellFormed(song: Song): void {
	song.melody.forEach((n, i) => {
		expect(n.durationTicks).toBeGreaterThanOrEqual(MIN_NOTE_TICKS);
		const next = song.melody[i + 1];
		if (!next) return;
		expect(n.startTicks + n.durationTicks).toBeLessThanOrEqual(next.startTicks);
		expect(n.phrase).toBeLessThanOrEqual(next.phrase);
	});
	song.chords.forEach((c, i) => {
		const next = song.chords[i + 1];
		if (next) expect(c.startTicks + c.durationTicks).toBeLessThanOrEqual(next.startTicks);
	});
}

describe('the edit command stack', () => {
	/** Every kind of edit the random runs made, over the three languages. */
	const exercised = new Set<string>();
	it.each(LANGUAGES)('%s: 200 random edits, then 200 undos give back the composed song byte for byte, and 200 redos the edited one', (language) => {
		const original = composed(language);
		expectWellFormed(original);
		const rng = createRng(language.charCodeAt(0) * 7919);
		const clipboard = { clip: null };
		let history: EditHistory = startHistory(original);
		const kinds = new Map<string, number>();
		let refused = 0;
		while (history.done.length < 200) {
			const [label, edit] = randomEdit(history.song, rng, clipboard);
			let after: Song;
			try {
				after = edit();
			} catch (e) {
				if (!(e instanceof EditError)) throw e;
				refused++;
				continue;
			}
			const command = commandBetween(label, history.song, after);
			if (command.patches.length === 0) continue;
			history = execute(history, command);
			expect(JSON.stringify(history.song)).toBe(JSON.stringify(after));
			expectWellFormed(history.song);
			kinds.set(label, (kinds.get(label) ?? 0) + 1);
		}
		const edited = JSON.stringify(history.song);
		expect(edited).not.toBe(JSON.stringify(original));
		for (let i = 0; i < 200; i++) history = undo(history);
		expect(JSON.stringify(history.song)).toBe(JSON.stringify(original));
		expect(undo(history)).toBe(history);
		for (let i = 0; i < 200; i++) history = redo(history);
		expect(JSON.stringify(history.song)).toBe(edited);
		expect(redo(history)).toBe(history);
		console.log(`${language}: 200 edits (${[...kinds].map(([k, v]) => `${k} ${v}`).join(', ')}; ${refused} refused with a message), undone and redone byte for byte`);
		for (const kind of kinds.keys()) exercised.add(kind);
	});

	it('the random runs exercised every kind of edit', () => {
		const all = randomEditKinds();
		expect(all).toHaveLength(23);
		expect([...exercised].sort()).toEqual([...all].sort());
	});

	it('interleaves undo, redo and new edits like a person does, always matching the document it should be', () => {
		const rng = createRng(42);
		const clipboard = { clip: null };
		let history = startHistory(composed('en'));
		// The reference: the documents the history should pass through.
		let states = [JSON.stringify(history.song)];
		let at = 0;
		for (let step = 0; step < 300; step++) {
			const r = rng.next();
			if (r < 0.25) {
				history = undo(history);
				at = Math.max(0, at - 1);
			} else if (r < 0.4) {
				history = redo(history);
				at = Math.min(states.length - 1, at + 1);
			} else {
				const [label, edit] = randomEdit(history.song, rng, clipboard);
				let after: Song;
				try {
					after = edit();
				} catch (e) {
					if (e instanceof EditError) continue;
					throw e;
				}
				const command = commandBetween(label, history.song, after);
				if (command.patches.length === 0) continue;
				history = execute(history, command);
				states = [...states.slice(0, at + 1), JSON.stringify(after)];
				at++;
			}
			expect(JSON.stringify(history.song)).toBe(states[at]);
			expect(history.done.length).toBe(at);
			expect(history.undone.length).toBe(states.length - 1 - at);
		}
	});

	it('refuses to apply an edit made for another version of the song', () => {
		const song = composed('cmn');
		const command = commandBetween('pitch', song, setNotePitch(song, 0, song.melody[0].midiPitch + 2));
		const other = setNotePitch(song, 0, song.melody[0].midiPitch - 1);
		expect(() => applyCommand(other, command)).toThrow(StalePatchError);
		expect(() => applyCommand(other, command)).toThrow(/another version of the song/);
	});
});

describe('note edits', () => {
	const song = composed('en');
	const [a, b] = song.melody;

	it('moves a note over its neighbour: the neighbour gives way, the moved note keeps its length', () => {
		const moved = moveNotes(song, [1], -(b.startTicks - a.startTicks) / 2, 0);
		const m = moved.melody.find((n) => n.startTicks === b.startTicks - (b.startTicks - a.startTicks) / 2)!;
		expect(m.durationTicks).toBe(b.durationTicks);
		expect(moved.melody[0].durationTicks).toBe(m.startTicks - a.startTicks);
	});

	it('splits a note into its syllable and a melisma note, and merges them back', () => {
		const split = splitNote(song, 0, a.startTicks + PPQ / 4);
		expect(split.melody.length).toBe(song.melody.length + 1);
		expect(split.melody[1]).toMatchObject({ startTicks: a.startTicks + PPQ / 4, syllable: null, midiPitch: a.midiPitch });
		expect(mergeNotes(split, [0, 1]).melody).toEqual(song.melody);
	});

	it('refuses to merge away a word, naming it', () => {
		expect(() => mergeNotes(song, [0, 1])).toThrow(EditError);
		expect(() => mergeNotes(song, [0, 1])).toThrow(new RegExp(`“${b.syllable!.text}”`));
	});

	it('refuses pitches and lengths no one can sing, and notes that are not there', () => {
		expect(() => setNotePitch(song, 0, 120)).toThrow(/C2.*C7/);
		expect(() => resizeNotes(song, [0], -a.durationTicks)).not.toThrow();
		expect(resizeNotes(song, [0], -a.durationTicks).melody[0].durationTicks).toBe(MIN_NOTE_TICKS);
		expect(() => setSyllable(song, song.melody.length, null)).toThrow(/There is no note/);
	});
});

describe('song edits', () => {
	const song = composed('yue');
	const tpb = ticksPerBar(song.timeSignature);

	it('sets one bar\'s chord, leaving the rest of a longer chord around it', () => {
		const long = { ...song, chords: [{ ...song.chords[0], startTicks: 0, durationTicks: 3 * tpb }, ...song.chords.filter((c) => c.startTicks >= 3 * tpb)] };
		const edited = setBarChord(long, 1, 'IV');
		expect(edited.chords.slice(0, 3).map((c) => [c.startTicks, c.durationTicks, c.numeral])).toEqual([
			[0, tpb, long.chords[0].numeral],
			[tpb, tpb, 'IV'],
			[2 * tpb, tpb, long.chords[0].numeral]
		]);
		// D major: IV is G.
		expect(edited.chords[1].rootPitchClass).toBe(7);
		expect(() => setBarChord(song, 0, 'XIV')).toThrow(/not a chord/);
	});

	it('changes the key by the nearer way, the melody and chord roots moving with it', () => {
		const inE = setKeyTonic(song, 4);
		expect(inE.melody.map((n) => n.midiPitch)).toEqual(song.melody.map((n) => n.midiPitch + 2));
		const inA = setKeyTonic(song, 9);
		expect(inA.melody.map((n) => n.midiPitch)).toEqual(song.melody.map((n) => n.midiPitch - 5));
		expect(inA.chords.map((c) => c.numeral)).toEqual(song.chords.map((c) => c.numeral));
	});

	it('duplicates a section after itself, moving the later ones on by its length', () => {
		const first = song.sections[0];
		const doubled = duplicateSection(song, 0);
		expect(doubled.sections.length).toBe(song.sections.length + 1);
		expect(doubled.sections[1]).toMatchObject({ kind: first.kind, startBar: first.bars, bars: first.bars });
		const inFirst = song.melody.filter((n) => n.startTicks < first.bars * tpb);
		const copied = doubled.melody.filter((n) => n.startTicks >= first.bars * tpb && n.startTicks < 2 * first.bars * tpb);
		expect(copied.map((n) => [n.startTicks - first.bars * tpb, n.midiPitch, n.syllable?.text])).toEqual(inFirst.map((n) => [n.startTicks, n.midiPitch, n.syllable?.text]));
		expect(doubled.melody.length).toBe(song.melody.length + inFirst.length);
		expect(deleteSection(doubled, 1).melody.map((n) => [n.startTicks, n.midiPitch])).toEqual(song.melody.map((n) => [n.startTicks, n.midiPitch]));
	});

	it('keeps tempo within what a band can play', () => {
		expect(setTempo(song, 96.04).tempoBpm).toBe(96);
		expect(() => setTempo(song, 400)).toThrow(/40 to 220 BPM/);
	});

	it('fits one Cantonese phrase to its tones: its clashes go, other phrases and every note\'s time and syllable stay', () => {
		// Flatten the first phrase to one pitch: every rising or falling pair of tones now clashes.
		const flat = { ...song, melody: song.melody.map((n) => (n.phrase === 0 ? { ...n, midiPitch: 64 } : n)) };
		const clashesIn = (s: Song) => toneClashes(s.melody).filter((c) => s.melody[c.noteIndex].phrase === 0).length;
		expect(clashesIn(flat)).toBeGreaterThan(2);
		const fitted = fitPhraseToTones(flat, 0);
		expect(clashesIn(fitted)).toBeLessThan(clashesIn(flat) / 2);
		expect(fitted.melody.map((n) => [n.startTicks, n.durationTicks, n.syllable])).toEqual(flat.melody.map((n) => [n.startTicks, n.durationTicks, n.syllable]));
		expect(fitted.melody.filter((n) => n.phrase !== 0)).toEqual(flat.melody.filter((n) => n.phrase !== 0));
		expect(() => fitPhraseToTones(composed('en'), 0)).toThrow(/Cantonese/);
	});
});
