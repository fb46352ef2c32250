/** Fitting syllables to notes by the stated rules, and cutting the result into phrases. */
import { describe, expect, it } from 'vitest';
import { fitLyricsToNotes, type MelodyNote } from '../../../src/lib/lyrics/fit-lyrics';
import { readLyrics } from '../../../src/lib/lyrics/read-lyrics';
import { splitPhrases } from '../../../src/lib/voice/phrases';

const melody = (count: number, seconds = 0.5, gapAfter: number[] = []): MelodyNote[] => {
	let at = 0;
	return Array.from({ length: count }, (_, i) => {
		const note = { onsetSeconds: at, offsetSeconds: at + seconds, midiPitch: 60 + (i % 5) };
		at += seconds + (gapAfter.includes(i) ? 1 : 0);
		return note;
	});
};

describe('fitLyricsToNotes', () => {
	it('gives one note per syllable when the counts match', () => {
		const fit = fitLyricsToNotes(readLyrics('我哋一齊唱歌', 'yue'), melody(6));
		expect(fit.notes.map((n) => n.syllable?.reading)).toEqual(['ngo5', 'dei6', 'jat1', 'cai4', 'coeng3', 'go1']);
		expect(fit.message).toBe('6 syllables on 6 notes.');
	});

	it('spreads fewer syllables evenly and holds the extra notes as melismas', () => {
		const fit = fitLyricsToNotes(readLyrics('唱歌', 'yue'), melody(5));
		expect(fit.notes.map((n) => n.syllable?.reading ?? '~')).toEqual(['coeng3', '~', 'go1', '~', '~']);
		expect(fit.melismaNotes).toBe(3);
		expect(fit.message).toBe('2 syllables on 5 notes; 3 notes held as melismas.');
	});

	it('splits the longest notes for extra syllables, keeping their pitch and time', () => {
		const notes = melody(2, 1);
		const fit = fitLyricsToNotes(readLyrics('我哋一齊', 'yue'), notes);
		expect(fit.splitNotes).toBe(2);
		expect(fit.notes.map((n) => [n.onsetSeconds, n.durationSeconds, n.midiPitch])).toEqual([
			[0, 0.5, 60],
			[0.5, 0.5, 60],
			[1, 0.5, 61],
			[1.5, 0.5, 61]
		]);
		expect(fit.message).toBe('4 syllables on 2 notes; 2 long notes split in two.');
	});

	it('refuses lyrics the melody cannot hold, saying how many syllables to cut', () => {
		expect(() => fitLyricsToNotes(readLyrics('我'.repeat(20), 'yue'), melody(3, 0.4))).toThrow(/cut 14 syllables/);
		expect(() => fitLyricsToNotes(readLyrics('我', 'yue'), [])).toThrow(/no melody/);
	});
});

describe('splitPhrases', () => {
	it('cuts at rests and before a syllable that would pass the longest phrase', () => {
		const fit = fitLyricsToNotes(readLyrics('我哋一齊唱歌呀 hello world', 'yue'), melody(10, 0.5, [3]));
		const phrases = splitPhrases(fit.notes, { maxSeconds: 2.2 });
		expect(phrases.map((p) => p.notes.length)).toEqual([4, 4, 2]);
		expect(phrases.map((p) => p.text)).toEqual(['我 哋 一 齊', '唱 歌 呀 hello', 'hello world']);
		expect(phrases[1].startSeconds).toBeCloseTo(3, 9);
		expect(phrases[2].endSeconds).toBeCloseTo(6, 9);
	});

	it('holds no syllable across a rest, so a phrase never starts on a melisma', () => {
		const fit = fitLyricsToNotes(readLyrics('唱歌', 'yue'), melody(6, 0.5, [1]));
		expect(fit.notes.map((n) => n.syllable?.reading ?? '~')).toEqual(['coeng3', '~', 'go1', '~', '~', '~']);
		const phrases = splitPhrases(fit.notes);
		for (const p of phrases) expect(p.notes[0].syllable).not.toBeNull();
		expect(phrases.map((p) => p.notes.length)).toEqual([2, 4]);
	});
});
