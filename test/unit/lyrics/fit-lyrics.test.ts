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
		expect(fit.message).toBe('6 syllables on 6 notes; melody follows the tones at 40% of steps.');
	});

	it('holds the extra notes of fewer syllables as melismas, by the composed melody’s rules (the last syllable before the rest)', () => {
		// Was: spread evenly (唱 ~ 歌 ~ ~); now the same rules as a composed or kept melody.
		const fit = fitLyricsToNotes(readLyrics('唱歌', 'yue'), melody(5));
		expect(fit.notes.map((n) => n.syllable?.reading ?? '~')).toEqual(['coeng3', 'go1', '~', '~', '~']);
		expect(fit.melismaNotes).toBe(3);
		expect(fit.message).toBe('2 syllables on 5 notes; 3 notes held as melismas; melody follows the tones at 100% of steps.');
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
		expect(fit.message).toBe('4 syllables on 2 notes; 2 long notes split; melody follows the tones at 33% of steps.');
	});

	it('keeps a word whole across a rest in the take (屋企), where spreading by stretches cut it', () => {
		// Two notes, a rest, three notes; 返屋企食飯 spread per stretch was 返屋 | 企食飯.
		const fit = fitLyricsToNotes(readLyrics('返屋企食飯', 'yue'), melody(5, 0.5, [1]));
		const texts = fit.notes.map((n) => n.syllable?.text ?? '~');
		const second = fit.notes.findIndex((n) => n.onsetSeconds >= 2);
		expect(texts.slice(0, second).join('')).not.toContain('屋');
		expect(fit.report).toMatchObject({ words: 2, wordsKeptWhole: 2 });
	});

	it('refuses lyrics the melody cannot hold, saying how many syllables to cut', () => {
		expect(() => fitLyricsToNotes(readLyrics('我'.repeat(20), 'yue'), melody(3, 0.4))).toThrow(/cut 14 syllables/);
		expect(() => fitLyricsToNotes(readLyrics('我', 'yue'), [])).toThrow(/no melody/);
	});
});

describe('splitPhrases', () => {
	it('cuts at rests and before the word of a syllable that would pass the longest phrase', () => {
		const fit = fitLyricsToNotes(readLyrics('我哋一齊唱歌呀 hello world', 'yue'), melody(10, 0.5, [3]));
		const phrases = splitPhrases(fit.notes, { maxSeconds: 2.2 });
		// "lo" would pass 2.2 s: the phrase ends before "hello" (it used to end between hel|lo).
		expect(phrases.map((p) => p.notes.length)).toEqual([4, 3, 3]);
		expect(phrases.map((p) => p.text)).toEqual(['我 哋 一 齊', '唱 歌 呀', 'hello world']);
		expect(phrases[1].startSeconds).toBeCloseTo(3, 9);
		expect(phrases[2].startSeconds).toBeCloseTo(4.5, 9);
		expect(phrases[2].endSeconds).toBeCloseTo(6, 9);
	});

	it('ends a phrase that grows too long where the latest typed line starts, not mid-line', () => {
		// One syllable per 0.5 s note with no rest anywhere (a melody that gives the line end no breath).
		const syllables = readLyrics('we sing\nall day long and night', 'en');
		const notes = syllables.map((syllable, i) => ({ onsetSeconds: i * 0.5, durationSeconds: 0.5, midiPitch: 60, syllable }));
		const phrases = splitPhrases(notes, { maxSeconds: 2.2 });
		// Without the line rule the first phrase took the second line's first words (we sing all day | …).
		expect(phrases.map((p) => p.text)).toEqual(['we sing', 'all day long and', 'night']);
	});

	it('holds no syllable across a rest, so a phrase never starts on a melisma', () => {
		// Two words (我, 唱): one per stretch. (唱歌, one word, would not be cut at the rest.)
		const fit = fitLyricsToNotes(readLyrics('我唱', 'yue'), melody(6, 0.5, [1]));
		expect(fit.notes.map((n) => n.syllable?.reading ?? '~')).toEqual(['ngo5', '~', 'coeng3', '~', '~', '~']);
		const phrases = splitPhrases(fit.notes);
		for (const p of phrases) expect(p.notes[0].syllable).not.toBeNull();
		expect(phrases.map((p) => p.notes.length)).toEqual([2, 4]);
	});
});
