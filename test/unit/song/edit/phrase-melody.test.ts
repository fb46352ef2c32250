/**
 * "Another melody for this phrase" as an edit: the composer redraws one phrase on its own bars,
 * with its own syllables, in the key and range, joined to its neighbours; every other note stays
 * byte for byte, the command undoes exactly, another seed gives another melody, the server accepts
 * the result, and only the sung phrases holding the redrawn notes change their content (so only
 * they are sung again).
 */
import { describe, expect, it } from 'vitest';
import { isInKey } from '../../../../src/lib/compose/scale';
import { songVocalNotes } from '../../../../src/lib/server/song-stage';
import { checkEditedSong } from '../../../../src/lib/song/edit/check-edited-song';
import { EditError } from '../../../../src/lib/song/edit/edit-error';
import { execute, startHistory, undo } from '../../../../src/lib/song/edit/edit-history';
import { MIN_NOTE_TICKS, setSyllable } from '../../../../src/lib/song/edit/note-edits';
import { commandBetween } from '../../../../src/lib/song/edit/song-command';
import { anotherPhraseMelody } from '../../../../src/lib/song/edit/song-edits';
import type { Song } from '../../../../src/lib/song/types';
import type { Language } from '../../../../src/lib/take/types';
import { placeSungPhrases } from '../../../../src/lib/voice/phrase-plan';
import { composedSong } from '../../../helpers/composed-song';

/** A composed song on a twelve-note hum, its melody kept (a verse and one long chorus phrase) or developed (two- and four-bar phrases). */
const composed = (language: Language, melody: 'keep' | 'develop'): Song => composedSong(language, { seed: 5, melody });

const phrasesOf = (song: Song) => [...new Set(song.melody.map((n) => n.phrase))];
const inPhrase = (song: Song, phrase: number) => song.melody.filter((n) => n.phrase === phrase);
const end = (n: { startTicks: number; durationTicks: number }) => n.startTicks + n.durationTicks;

/** What content-addresses each sung phrase (its id hashes exactly this, with the voice and engine). */
function sungRenderings(song: Song): string[] {
	return placeSungPhrases(songVocalNotes(song), { maxSeconds: 12 }).map((p) => JSON.stringify({ notes: p.notes, breath: p.breath }));
}

describe('another melody for this phrase', () => {
	const cases = (['en', 'yue', 'cmn'] as const).flatMap((language) => (['keep', 'develop'] as const).map((mode) => [language, mode] as const));

	it.each(cases)('%s, %s melody: each phrase redrawn on its own bars with its own syllables, in the key, the rest of the song byte for byte', (language, mode) => {
		const song = composed(language, mode);
		const original = JSON.stringify(song);
		for (const phrase of phrasesOf(song)) {
			const own = inPhrase(song, phrase);
			const edited = anotherPhraseMelody(song, phrase, 1000 + phrase);
			expect(JSON.stringify(song)).toBe(original);
			const mine = inPhrase(edited, phrase);
			// Another melody, on the same place: first note from the old first note's start, last one ending where the old one did.
			expect(mine.map((n) => [n.startTicks, n.durationTicks, n.midiPitch])).not.toEqual(own.map((n) => [n.startTicks, n.durationTicks, n.midiPitch]));
			expect(mine[0].startTicks).toBeGreaterThanOrEqual(own[0].startTicks);
			expect(end(mine[mine.length - 1])).toBe(end(own[own.length - 1]));
			// The same words in the same order, the phrase opening on a syllable.
			expect(JSON.stringify(mine.flatMap((n) => (n.syllable ? [n.syllable] : [])))).toBe(JSON.stringify(own.flatMap((n) => (n.syllable ? [n.syllable] : []))));
			expect(mine[0].syllable).not.toBeNull();
			// One voice, in the key (the composer's scale, the raised seventh of minor allowed), no note shorter than the edits allow.
			mine.forEach((n, i) => {
				expect(n.durationTicks).toBeGreaterThanOrEqual(MIN_NOTE_TICKS);
				if (mine[i + 1]) expect(end(n)).toBeLessThanOrEqual(mine[i + 1].startTicks);
				expect(isInKey(n.midiPitch, song.key), `${language} phrase ${phrase} note ${n.midiPitch}`).toBe(true);
			});
			// Every other note is the very same; chords, sections, key and tempo untouched.
			const others = (s: Song) => JSON.stringify(s.melody.filter((n) => n.phrase !== phrase));
			expect(others(edited)).toBe(others(song));
			expect(edited.melody.filter((n) => n.phrase !== phrase).every((n) => song.melody.includes(n))).toBe(true);
			for (const field of ['chords', 'sections', 'key', 'tempoBpm', 'timeSignature', 'style', 'mix'] as const) expect(JSON.stringify(edited[field])).toBe(JSON.stringify(song[field]));
			// The server takes it as any edit.
			expect(() => checkEditedSong(edited, song)).not.toThrow();
			// One command, undone byte for byte.
			const history = execute(startHistory(song), commandBetween('Another melody', song, edited));
			expect(JSON.stringify(history.song)).toBe(JSON.stringify(edited));
			expect(JSON.stringify(undo(history).song)).toBe(original);
		}
	});

	it('in a minor key too: every phrase redrawn in the key (the raised seventh allowed), its words kept', () => {
		const song = composedSong('cmn', { seed: 9, tonicPitchClass: 9, mode: 'minor' });
		for (const phrase of phrasesOf(song)) {
			const mine = inPhrase(anotherPhraseMelody(song, phrase, 31 + phrase), phrase);
			expect(mine.every((n) => isInKey(n.midiPitch, song.key))).toBe(true);
			expect(mine.filter((n) => n.syllable).length).toBe(inPhrase(song, phrase).filter((n) => n.syllable).length);
		}
	});

	it('gives the same melody for the same seed and another for another seed', () => {
		const song = composed('en', 'develop');
		const phrase = phrasesOf(song)[1];
		const notes = (seed: number) => JSON.stringify(inPhrase(anotherPhraseMelody(song, phrase, seed), phrase));
		expect(notes(7)).toBe(notes(7));
		const seen = new Set([1, 2, 3, 4, 5, 6].map(notes));
		expect(seen.size).toBeGreaterThanOrEqual(3);
		// Pressed again on its own result: another melody again.
		const once = anotherPhraseMelody(song, phrase, 11);
		const twice = anotherPhraseMelody(once, phrase, 12);
		expect(JSON.stringify(inPhrase(twice, phrase))).not.toBe(JSON.stringify(inPhrase(once, phrase)));
	});

	it.each(['en', 'yue'] as const)('%s: only the sung phrases that hold the redrawn notes change their content (the others keep their renders)', (language) => {
		for (const mode of ['keep', 'develop'] as const) {
			const song = composed(language, mode);
			for (const phrase of phrasesOf(song)) {
				const edited = anotherPhraseMelody(song, phrase, 77);
				const before = new Set(sungRenderings(song));
				const after = placeSungPhrases(songVocalNotes(edited), { maxSeconds: 12 });
				const own = inPhrase(edited, phrase);
				const [from, to] = [own[0].startTicks, end(own[own.length - 1])];
				const secondsPerTick = 60 / edited.tempoBpm / 480;
				const holds = (p: (typeof after)[number]) => p.startSeconds < to * secondsPerTick - 1e-9 && p.endSeconds > from * secondsPerTick + 1e-9;
				const changed = after.filter((p) => !before.has(JSON.stringify({ notes: p.notes, breath: p.breath })));
				expect(changed.length, `${language} ${mode} phrase ${phrase}`).toBeGreaterThan(0);
				expect(changed.every(holds), `${language} ${mode} phrase ${phrase}`).toBe(true);
				expect(changed.length).toBe(after.filter(holds).length);
			}
		}
	});

	it('refuses a phrase that is not there, or one without words, with a sentence', () => {
		const song = composed('en', 'develop');
		expect(() => anotherPhraseMelody(song, 99, 1)).toThrowError(EditError);
		expect(() => anotherPhraseMelody(song, 99, 1)).toThrowError(/no phrase 100/);
		const phrase = phrasesOf(song)[1];
		const silent = song.melody.reduce((s, n, i) => (n.phrase === phrase && n.syllable !== null ? setSyllable(s, i, null) : s), song);
		expect(() => anotherPhraseMelody(silent, phrase, 1)).toThrowError(/has no words/);
	});
});
