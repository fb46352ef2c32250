/**
 * Setting a note's expression as an edit: fields set and returned to automatic one at a time, a
 * note with nothing set carrying no expression, out-of-range values refused with a sentence, copy
 * and paste taking it along, the server's check of an edited song, and the sing stage's notes
 * carrying it only where it is set (an untouched phrase keeps its content id).
 */
import { describe, expect, it } from 'vitest';
import { composedSong } from '../../../helpers/composed-song';
import { checkEditedSong, EditedSongError } from '../../../../src/lib/song/edit/check-edited-song';
import { EditError } from '../../../../src/lib/song/edit/edit-error';
import { copyNotes, pasteNotes, setNoteExpression, setPitchCurves, splitNote } from '../../../../src/lib/song/edit/note-edits';
import { songVocalNotes } from '../../../../src/lib/server/song-stage';

describe('note expression edits', () => {
	const song = composedSong('en', { seed: 3 });

	it('sets fields, keeps the others, and returns them to automatic one by one', () => {
		const a = setNoteExpression(song, [2, 3], { vibratoDepthCents: 0, dynamicsDb: -3 });
		expect(a.melody[2].expression).toEqual({ vibratoDepthCents: 0, dynamicsDb: -3 });
		expect(a.melody[3].expression).toEqual({ vibratoDepthCents: 0, dynamicsDb: -3 });
		expect(a.melody[1]).toBe(song.melody[1]);
		const b = setNoteExpression(a, [2], { dynamicsDb: null, startOffsetCents: -200 });
		expect(b.melody[2].expression).toEqual({ vibratoDepthCents: 0, startOffsetCents: -200 });
		const c = setNoteExpression(b, [2], { vibratoDepthCents: null, startOffsetCents: null });
		// Nothing set: no expression key at all, the note as composed.
		expect('expression' in c.melody[2]).toBe(false);
		expect(JSON.stringify(c.melody[2])).toBe(JSON.stringify(song.melody[2]));
	});

	it('refuses a value outside its range with a sentence, and changes nothing', () => {
		expect(() => setNoteExpression(song, [0], { vibratoRateHz: 20 })).toThrowError(EditError);
		expect(() => setNoteExpression(song, [0], { dynamicsDb: Number.NaN })).toThrowError(/dynamicsDb outside -12…6/);
		expect(() => setNoteExpression(song, [song.melody.length], { dynamicsDb: 1 })).toThrowError(EditError);
	});

	it('a breath before a note is one more field: from 0.4 s (a breath and a consonant), refused below with a sentence, and back to automatic', () => {
		const a = setNoteExpression(song, [5], { breathBeforeSeconds: 0.5 });
		expect(a.melody[5].expression).toEqual({ breathBeforeSeconds: 0.5 });
		expect(() => checkEditedSong(a, song)).not.toThrow();
		expect(() => setNoteExpression(song, [5], { breathBeforeSeconds: 0.1 })).toThrowError(/breathBeforeSeconds outside 0.4…1.2/);
		expect('expression' in setNoteExpression(a, [5], { breathBeforeSeconds: null }).melody[5]).toBe(false);
		expect(songVocalNotes(a)[5].expression).toEqual({ breathBeforeSeconds: 0.5 });
	});

	it('copy and paste take the expression along', () => {
		const a = setNoteExpression(song, [0], { vibratoRateHz: 6.5 });
		const clip = copyNotes(a, [0, 1]);
		expect(clip[0].expression).toEqual({ vibratoRateHz: 6.5 });
		expect('expression' in clip[1]).toBe(false);
		const end = a.melody[a.melody.length - 1];
		const pasted = pasteNotes(a, clip, end.startTicks + end.durationTicks);
		expect(pasted.melody[pasted.melody.length - 2].expression).toEqual({ vibratoRateHz: 6.5 });
	});

	it('the server accepts a song with expression in range and refuses one out of range or unknown', () => {
		const ok = setNoteExpression(song, [1], { transitionSeconds: 0.2, startOffsetCents: 300 });
		expect(() => checkEditedSong(ok, song)).not.toThrow();
		const far = structuredClone(ok);
		far.melody[1].expression!.transitionSeconds = 3;
		expect(() => checkEditedSong(far, song)).toThrowError(EditedSongError);
		const unknown = structuredClone(ok);
		(unknown.melody[1].expression as Record<string, number>).growl = 1;
		expect(() => checkEditedSong(unknown, song)).toThrowError(/unknown expression setting “growl”/);
	});

	it('the sing stage’s notes carry it only where it is set', () => {
		const notes = songVocalNotes(setNoteExpression(song, [4], { dynamicsDb: 2 }));
		expect(notes[4].expression).toEqual({ dynamicsDb: 2 });
		expect(notes.filter((n) => 'expression' in n)).toHaveLength(1);
		expect(JSON.stringify(songVocalNotes(song))).not.toContain('expression');
	});

	it('sets drawn pitch curves on several notes in one edit, keeps the other settings, and removes them again', () => {
		const a = setNoteExpression(song, [2], { dynamicsDb: -3 });
		const b = setPitchCurves(a, [
			{ index: 2, cents: [0, 150, 0] },
			{ index: 3, cents: [-100, 0] }
		]);
		expect(b.melody[2].expression).toEqual({ dynamicsDb: -3, pitchCurveCents: [0, 150, 0] });
		expect(b.melody[3].expression).toEqual({ pitchCurveCents: [-100, 0] });
		expect(b.melody[4]).toBe(song.melody[4]);
		expect(() => checkEditedSong(b, song)).not.toThrow();
		const c = setPitchCurves(b, [
			{ index: 2, cents: null },
			{ index: 3, cents: null }
		]);
		expect(c.melody[2].expression).toEqual({ dynamicsDb: -3 });
		expect('expression' in c.melody[3]).toBe(false);
		expect(() => setPitchCurves(song, [{ index: 0, cents: [0, 5000] }])).toThrowError(/±1200 cents/);
		const bad = structuredClone(b);
		bad.melody[2].expression!.pitchCurveCents = [0];
		expect(() => checkEditedSong(bad, song)).toThrowError(EditedSongError);
	});

	it('splitting a curved note gives each part the stretch of the curve drawn over it', () => {
		const n = song.melody.findIndex((x) => x.durationTicks >= 480);
		const curved = setPitchCurves(song, [{ index: n, cents: [0, 200, 0] }]);
		const note = curved.melody[n];
		const split = splitNote(curved, n, note.startTicks + note.durationTicks / 2);
		const [first, second] = [split.melody[n].expression!.pitchCurveCents!, split.melody[n + 1].expression!.pitchCurveCents!];
		expect([first[0], first[first.length - 1], second[0], second[second.length - 1]]).toEqual([0, 200, 200, 0]);
	});
});
