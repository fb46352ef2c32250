/** Setting lyrics on composed melodies (ticks): counts, melismas, splits, line breaks, English stress, Mandarin neutral tones. */
import { describe, expect, it } from 'vitest';
import { fitLyricsToMelody } from '../../../src/lib/compose/lyrics-fit';
import { isStrongBeat } from '../../../src/lib/compose/lyrics-metre';
import { isFunctionWord } from '../../../src/lib/compose/lyrics-stress';
import { STARTER_LYRICS } from '../../../src/lib/compose/starter-lyrics';
import { readLyrics } from '../../../src/lib/lyrics/read-lyrics';
import { LyricsError } from '../../../src/lib/lyrics/types';
import { PPQ, type SongNote } from '../../../src/lib/song/types';

const FOUR_FOUR = { beatsPerBar: 4, beatUnit: 4 };
const BAR = 4 * PPQ;

/** Notes from [startBeats, durationBeats, phrase] triples (pitch irrelevant here, but distinct to check it is kept). */
const melody = (spec: Array<[number, number, number]>): SongNote[] =>
	spec.map(([start, duration, phrase], i) => ({ startTicks: start * PPQ, durationTicks: duration * PPQ, midiPitch: 60 + i, syllable: null, phrase }));

/** `count` quarter notes from `startBeat`, all in `phrase`. */
const quarters = (startBeat: number, count: number, phrase: number): Array<[number, number, number]> => Array.from({ length: count }, (_, i) => [startBeat + i, 1, phrase]);

const shape = (notes: SongNote[]) => notes.map((n) => n.syllable?.reading ?? '~');

describe('fitLyricsToMelody: counts', () => {
	it('gives one syllable per note when the counts match, keeping times and pitches', () => {
		const notes = melody(quarters(0, 6, 0));
		const fit = fitLyricsToMelody(notes, readLyrics('我哋一齊唱歌', 'yue'), FOUR_FOUR);
		expect(shape(fit.notes)).toEqual(['ngo5', 'dei6', 'jat1', 'cai4', 'coeng3', 'go1']);
		expect(fit.notes.map((n) => [n.startTicks, n.durationTicks, n.midiPitch])).toEqual(notes.map((n) => [n.startTicks, n.durationTicks, n.midiPitch]));
		expect(fit.report).toMatchObject({ syllables: 6, notes: 6, melismaNotes: 0, splitNotes: 0, unsungNotes: 0 });
		expect(fit.report.message).toMatch(/^6 syllables on 6 notes/);
	});

	it('holds extra notes as melismas at the end of each phrase, never across a phrase boundary', () => {
		const notes = melody([...quarters(0, 5, 0), ...quarters(8, 5, 1)]);
		const fit = fitLyricsToMelody(notes, readLyrics('我哋一齊，唱歌。', 'yue'), FOUR_FOUR);
		expect(shape(fit.notes)).toEqual(['ngo5', 'dei6', 'jat1', 'cai4', '~', 'coeng3', 'go1', '~', '~', '~']);
		expect(fit.report.melismaNotes).toBe(4);
		// Every phrase starts with a syllable: no melisma crosses into it.
		expect(fit.notes[5].syllable).not.toBeNull();
		expect(fit.report.linesStartingPhrases).toBe(2);
	});

	it('spreads a long melisma rather than holding one syllable over a whole phrase', () => {
		const fit = fitLyricsToMelody(melody(quarters(0, 12, 0)), readLyrics('唱歌', 'yue'), FOUR_FOUR);
		const held = fit.notes.map((n, i) => (n.syllable ? i : -1)).filter((i) => i >= 0);
		expect(held[0]).toBe(0);
		// The second syllable neither comes straight after the first nor waits for the last note.
		expect(held[1]).toBeGreaterThan(1);
		expect(held[1]).toBeLessThan(11);
	});

	it('does not hold a syllable across a rest inside a phrase', () => {
		// Two quarters, a quarter rest, then three quarters, one phrase; three syllables.
		const notes = melody([[0, 1, 0], [1, 1, 0], [3, 1, 0], [4, 1, 0], [5, 1, 0]]);
		const fit = fitLyricsToMelody(notes, readLyrics('我哋唱', 'yue'), FOUR_FOUR);
		expect(fit.notes[2].syllable).not.toBeNull();
		expect(shape(fit.notes).filter((x) => x !== '~')).toHaveLength(3);
	});

	it('splits the longest note first for extra syllables, keeping its pitch, each part at least a sixteenth', () => {
		// A half note then two quarters; four syllables: the half note is split into two quarters.
		const notes = melody([[0, 2, 0], [2, 1, 0], [3, 1, 0]]);
		const fit = fitLyricsToMelody(notes, readLyrics('我哋一齊', 'yue'), FOUR_FOUR);
		expect(fit.notes.map((n) => [n.startTicks, n.durationTicks, n.midiPitch])).toEqual([
			[0, PPQ, 60],
			[PPQ, PPQ, 60],
			[2 * PPQ, PPQ, 61],
			[3 * PPQ, PPQ, 62]
		]);
		expect(fit.report.splitNotes).toBe(1);
		expect(fit.report.message).toMatch(/1 long note split/);
	});

	it('splits at the strongest beat inside a note: a dotted quarter into a quarter and an eighth', () => {
		const fit = fitLyricsToMelody(melody([[0, 1.5, 0]]), readLyrics('唱歌', 'yue'), FOUR_FOUR);
		expect(fit.notes.map((n) => n.durationTicks)).toEqual([PPQ, PPQ / 2]);
		// A whole note into four: its beats.
		const four = fitLyricsToMelody(melody([[0, 4, 0]]), readLyrics('我哋唱歌', 'yue'), FOUR_FOUR);
		expect(four.notes.map((n) => n.startTicks)).toEqual([0, PPQ, 2 * PPQ, 3 * PPQ]);
	});

	it('refuses lyrics the melody cannot hold, saying how many syllables to cut', () => {
		// Three eighths hold at most six syllables (each split into two sixteenths).
		const notes = melody([[0, 0.5, 0], [0.5, 0.5, 0], [1, 0.5, 0]]);
		let error: unknown;
		try {
			fitLyricsToMelody(notes, readLyrics('我'.repeat(10), 'yue'), FOUR_FOUR);
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(LyricsError);
		expect((error as LyricsError).code).toBe('too_many_syllables');
		expect((error as LyricsError).message).toMatch(/cut 4 syllables/);
		// Six fit exactly.
		expect(fitLyricsToMelody(notes, readLyrics('我'.repeat(6), 'yue'), FOUR_FOUR).report.splitNotes).toBe(3);
	});

	it('refuses an empty melody or lyric with their codes', () => {
		expect(() => fitLyricsToMelody([], readLyrics('我', 'yue'), FOUR_FOUR)).toThrow(expect.objectContaining({ code: 'no_melody' }));
		expect(() => fitLyricsToMelody(melody(quarters(0, 2, 0)), [], FOUR_FOUR)).toThrow(expect.objectContaining({ code: 'empty_lyrics' }));
	});

	it('leaves the last phrases without words when the lyric has fewer syllables than phrases', () => {
		const notes = melody([...quarters(0, 2, 0), ...quarters(4, 2, 1), ...quarters(8, 2, 2)]);
		const fit = fitLyricsToMelody(notes, readLyrics('我唱', 'yue'), FOUR_FOUR);
		// One syllable per phrase on the first two phrases (each holding its second note); the third is unsung.
		expect(shape(fit.notes)).toEqual(['ngo5', '~', 'coeng3', '~']);
		expect(fit.report.unsungNotes).toBe(2);
		expect(fit.report.message).toMatch(/last 2 notes left without words/);
		// A lyric of one word (唱歌) is sung whole in the first phrase, and the other two are unsung.
		const word = fitLyricsToMelody(notes, readLyrics('唱歌', 'yue'), FOUR_FOUR);
		expect(shape(word.notes)).toEqual(['coeng3', 'go1']);
		expect(word.report).toMatchObject({ unsungNotes: 4, restedNotes: 0, melodyNotes: 6 });
	});
});

describe('fitLyricsToMelody: lines and phrases', () => {
	it('starts each lyric line on a phrase, splitting in one phrase and holding in the other', () => {
		// Two phrases of four quarters; lines of 3 and 5 syllables (8 = 8 notes, but not line by line).
		const notes = melody([...quarters(0, 4, 0), ...quarters(8, 4, 1)]);
		const fit = fitLyricsToMelody(notes, readLyrics('我哋唱，今日一齊唱。', 'yue'), FOUR_FOUR);
		const lineTwo = fit.notes.find((n) => n.syllable?.text === '今');
		expect(lineTwo?.startTicks).toBe(8 * PPQ);
		expect(fit.report.linesStartingPhrases).toBe(2);
		expect(fit.report.splitNotes).toBe(1);
		expect(fit.report.melismaNotes).toBe(1);
	});

	it('keeps one-to-one when the line and whole-word rules are switched off (the rules are what move the line)', () => {
		const notes = melody([...quarters(0, 4, 0), ...quarters(8, 4, 1)]);
		// One-to-one would also cut the word 今日 across the phrases, so the whole-word rule goes off too.
		const fit = fitLyricsToMelody(notes, readLyrics('我哋唱，今日一齊唱。', 'yue'), FOUR_FOUR, { weights: { lineStart: 0, midWord: 0 } });
		expect(fit.report.splitNotes).toBe(0);
		expect(fit.report.linesStartingPhrases).toBe(1);
	});
});

describe('fitLyricsToMelody: whole words and typed lines', () => {
	/** Indices of notes after which the melody breathes (a phrase change or a rest of a sixteenth or more). */
	const breathsAfter = (notes: SongNote[]) =>
		notes.flatMap((n, i) => (i > 0 && (n.phrase !== notes[i - 1].phrase || n.startTicks - (notes[i - 1].startTicks + notes[i - 1].durationTicks) >= PPQ / 4) ? [i - 1] : []));

	it('does not cut a Chinese word at a phrase end (屋企), where one-to-one would', () => {
		// Two phrases of three quarters, six syllables: one-to-one would sing 佢返屋 | 企食飯.
		const notes = melody([...quarters(0, 3, 0), ...quarters(4, 3, 1)]);
		const fit = fitLyricsToMelody(notes, readLyrics('佢返屋企食飯', 'yue'), FOUR_FOUR);
		const texts = fit.notes.map((n) => n.syllable?.text ?? '~');
		const cut = breathsAfter(fit.notes)[0];
		expect(texts.slice(0, cut + 1).join('')).toMatch(/^佢~*返~*$/);
		expect(fit.report).toMatchObject({ words: 2, wordsKeptWhole: 2 });
	});

	it('ends a typed line (a line break, no punctuation) at a phrase end', () => {
		const notes = melody([...quarters(0, 4, 0), ...quarters(8, 4, 1)]);
		const fit = fitLyricsToMelody(notes, readLyrics('我哋唱\n今日一齊唱', 'yue'), FOUR_FOUR);
		expect(fit.notes.find((n) => n.syllable?.text === '今')?.startTicks).toBe(8 * PPQ);
		expect(fit.report).toMatchObject({ lineEnds: 1, lineEndsAtPhraseEnds: 1, linesStartingPhrases: 2 });
	});

	it('takes a breath inside a long phrase so two lines end where they are typed', () => {
		// One phrase of eight quarters, two lines of four syllables: the first line's last note gives up a sixteenth.
		const notes = melody(quarters(0, 8, 0));
		const fit = fitLyricsToMelody(notes, readLyrics('我哋唱歌\n今晚一齊', 'yue'), FOUR_FOUR);
		expect(fit.notes.map((n) => n.durationTicks)).toEqual([PPQ, PPQ, PPQ, (3 * PPQ) / 4, PPQ, PPQ, PPQ, PPQ]);
		expect(breathsAfter(fit.notes)).toEqual([3]);
		expect(fit.report).toMatchObject({ breathsAdded: 1, lineEnds: 1, lineEndsAtPhraseEnds: 1 });
		expect(fit.report.message).toMatch(/1 breath taken inside phrases/);
	});

	it('leaves a stretch too short for the word that starts there unsung rather than cut the word', () => {
		// A lone eighth (two sixteenths at most) before a phrase of four quarters; the lyric starts with 朝早嘅 (three syllables, one word).
		const notes = melody([[0, 0.5, 0], ...quarters(2, 4, 1)]);
		const fit = fitLyricsToMelody(notes, readLyrics('朝早嘅陽光', 'yue'), FOUR_FOUR);
		expect(fit.notes[0].startTicks).toBe(2 * PPQ);
		expect(fit.report).toMatchObject({ restedNotes: 1, words: 2, wordsKeptWhole: 2 });
		expect(fit.report.message).toMatch(/1 note left as rests to keep words whole/);
	});

	it('keeps an English word of several syllables in one phrase', () => {
		// Phrases of three and four quarters; "I will carry you along": one-to-one would cut "carry".
		const notes = melody([...quarters(0, 3, 0), ...quarters(4, 4, 1)]);
		const fit = fitLyricsToMelody(notes, readLyrics('I will carry you along', 'en'), FOUR_FOUR);
		const cut = breathsAfter(fit.notes)[0];
		const before = fit.notes.slice(0, cut + 1).flatMap((n) => (n.syllable ? [n.syllable.text] : []));
		expect(before.filter((t) => t === 'carry').length % 2).toBe(0);
		expect(fit.report.wordsKeptWhole).toBe(fit.report.words);
	});
});

/** A phrase for one line: a pickup eighth on the "and" of beat 4, two bars of eighths, a half note on the next downbeat. */
function phraseMelody(phrase: number): SongNote[] {
	const start = 3 * phrase * BAR;
	const spec: Array<[number, number]> = [[start + 3.5 * PPQ, PPQ / 2]];
	for (let i = 0; i < 16; i++) spec.push([start + BAR + (i * PPQ) / 2, PPQ / 2]);
	spec.push([start + 3 * BAR, 2 * PPQ]);
	return spec.map(([startTicks, durationTicks], i) => ({ startTicks, durationTicks, midiPitch: 62 + (i % 3), syllable: null, phrase }));
}

describe('fitLyricsToMelody: English stress', () => {
	const lines = [...STARTER_LYRICS.en.split('\n'), 'My friends are laughing in the rain,', 'the window opens to the morning,', 'and every river finds the sea.'];

	it('puts stressed syllables on strong beats (≥ 80 % over the lines) and does better than a metre-blind fit', () => {
		let stressed = 0;
		let onStrong = 0;
		let blindOnStrong = 0;
		for (const line of lines) {
			const syllables = readLyrics(line, 'en');
			const fit = fitLyricsToMelody(phraseMelody(0), syllables, FOUR_FOUR);
			const blind = fitLyricsToMelody(phraseMelody(0), syllables, FOUR_FOUR, { weights: { stress: 0 } });
			const count = fit.notes.filter((n) => n.syllable?.stress === 1 && !isFunctionWord(n.syllable.text)).length;
			expect(fit.report.agreement.stressOnStrong).not.toBeNull();
			stressed += count;
			onStrong += (fit.report.agreement.stressOnStrong ?? 0) * count;
			blindOnStrong += (blind.report.agreement.stressOnStrong ?? 0) * count;
			expect(fit.report.agreement.stressOnStrong).toBeGreaterThanOrEqual(0.6);
			expect(fit.report.movedForStress).toBeGreaterThan(0);
		}
		const share = onStrong / stressed;
		const blindShare = blindOnStrong / stressed;
		console.log(`english stressed-on-strong ${(share * 100).toFixed(1)} % (metre-blind fit ${(blindShare * 100).toFixed(1)} %) over ${lines.length} lines`);
		expect(share).toBeGreaterThanOrEqual(0.8);
		expect(blindShare).toBeLessThan(0.5);
	});

	it('keeps one-syllable function words off strong beats', () => {
		let functionWords = 0;
		let weak = 0;
		for (const line of lines) {
			const fit = fitLyricsToMelody(phraseMelody(0), readLyrics(line, 'en'), FOUR_FOUR);
			for (const n of fit.notes) {
				if (!n.syllable || !isFunctionWord(n.syllable.text)) continue;
				functionWords++;
				if (!isStrongBeat(n.startTicks, FOUR_FOUR)) weak++;
			}
		}
		expect(weak / functionWords).toBeGreaterThanOrEqual(0.9);
	});

	it('counts stressed syllables on strong beats by hand on a one-to-one setting', () => {
		// "morning sun" on beats 1, 2, 3: MOR (strong) ning SUN (strong) → 2 of 2.
		const fit = fitLyricsToMelody(melody(quarters(0, 3, 0)), readLyrics('morning sun', 'en'), FOUR_FOUR);
		expect(fit.report.agreement.stressOnStrong).toBe(1);
		// "the sun" on beats 1, 2: SUN on beat 2 → 0 of 1.
		const off = fitLyricsToMelody(melody(quarters(0, 2, 0)), readLyrics('the sun', 'en'), FOUR_FOUR);
		expect(off.report.agreement.stressOnStrong).toBe(0);
	});
});

describe('fitLyricsToMelody: Mandarin neutral tones', () => {
	it('moves a neutral tone off a strong beat when a melisma allows it', () => {
		// Eight quarters, seven syllables; 的 (de5) would fall on beat 3 one-to-one.
		const syllables = readLyrics('早晨的阳光照进', 'cmn');
		expect(syllables[2].tone).toBe(5);
		const fit = fitLyricsToMelody(melody(quarters(0, 8, 0)), syllables, FOUR_FOUR);
		const de = fit.notes.find((n) => n.syllable?.text === '的') as SongNote;
		expect(isStrongBeat(de.startTicks, FOUR_FOUR)).toBe(false);
		expect(fit.report.agreement.neutralOnWeak).toBe(1);
		const blind = fitLyricsToMelody(melody(quarters(0, 8, 0)), syllables, FOUR_FOUR, { weights: { neutralTone: 0 } });
		expect(blind.report.agreement.neutralOnWeak).toBe(0);
	});

	it('never puts a neutral tone on the phrase’s last strong note, even with equal counts', () => {
		// Four quarters then a whole note on the next downbeat; 们 (men5) is the fifth syllable.
		const notes = melody([...quarters(0, 4, 0), [4, 4, 0]]);
		const syllables = readLyrics('我的朋友们', 'cmn');
		expect(syllables[4].tone).toBe(5);
		const fit = fitLyricsToMelody(notes, syllables, FOUR_FOUR);
		const men = fit.notes.find((n) => n.syllable?.text === '们') as SongNote;
		expect(isStrongBeat(men.startTicks, FOUR_FOUR) && men.startTicks >= 4 * PPQ).toBe(false);
		expect(fit.notes.filter((n) => n.syllable)).toHaveLength(5);
	});

	it('keeps the neutral tones of the Mandarin starter lyric on weak beats', () => {
		const syllables = readLyrics(STARTER_LYRICS.cmn, 'cmn');
		const lines = syllables.filter((s) => s.breakAfter).length;
		const notes = Array.from({ length: lines }, (_, p) => phraseMelody(p)).flat();
		const fit = fitLyricsToMelody(notes, syllables, FOUR_FOUR);
		console.log(`mandarin neutral-on-weak ${((fit.report.agreement.neutralOnWeak ?? 0) * 100).toFixed(1)} %; ${fit.report.message}`);
		expect(fit.report.agreement.neutralOnWeak).toBeGreaterThanOrEqual(0.9);
		expect(fit.report.linesStartingPhrases).toBe(lines);
	});
});
