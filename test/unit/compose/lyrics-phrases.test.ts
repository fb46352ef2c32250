/**
 * Whole words and the user's lines (issue 13): over the three starter lyrics and 30 typed lyrics
 * fitted to composed and hum-like melodies, no phrase end or rest falls inside a word, and at least
 * 90 % of typed line ends are phrase ends. A "phrase end" is where the fitter's melody breathes: a
 * change of phrase or a rest of at least a sixteenth between two notes (fitLyricsToMelody's
 * minRestTicks), the same places the sing stage may start a new phrase.
 */
import { describe, expect, it } from 'vitest';
import { fitLyricsToMelody } from '../../../src/lib/compose/lyrics-fit';
import { STARTER_LYRICS } from '../../../src/lib/compose/starter-lyrics';
import { readLyrics } from '../../../src/lib/lyrics/read-lyrics';
import { LyricsError } from '../../../src/lib/lyrics/types';
import { PPQ, type SongNote } from '../../../src/lib/song/types';
import { LANGUAGES, type Language } from '../../../src/lib/take/types';
import { splitPhrases } from '../../../src/lib/voice/phrases';
import { continuesWord } from '../../../src/lib/lyrics/types';
import { composedMelodies, humLikeMelodies, type NamedMelody } from '../../fixtures/lyric-melodies';
import { TYPED_LYRICS } from '../../fixtures/typed-lyrics';

const FOUR_FOUR = { beatsPerBar: 4, beatUnit: 4 };
const REST_TICKS = PPQ / 4;
/** The song stage's longest render phrase, s (song-stage.ts), and a slow tempo that makes four-bar phrases pass it. */
const SONG_PHRASE_MAX_SECONDS = 12;
const SLOW_BPM = 66;

/** Words the sing stage's render phrases cut (its phrases are rendered apart): the fitted notes at a slow tempo, cut as song-stage.ts cuts them. */
function wordsCutByRenderPhrases(notes: readonly SongNote[]): number {
	const seconds = (ticks: number) => (ticks / PPQ) * (60 / SLOW_BPM);
	const phrases = splitPhrases(
		notes.map((n) => ({ onsetSeconds: seconds(n.startTicks), durationSeconds: seconds(n.durationTicks), midiPitch: n.midiPitch, syllable: n.syllable })),
		{ maxSeconds: SONG_PHRASE_MAX_SECONDS }
	);
	let cut = 0;
	phrases.forEach((p, i) => {
		const next = phrases[i + 1]?.notes.find((n) => n.syllable)?.syllable;
		const last = p.notes.filter((n) => n.syllable).at(-1)?.syllable;
		if (last && next && continuesWord(last, next)) cut++;
	});
	return cut;
}

interface Figures {
	/** Words of two or more syllables sung, and those a phrase end cuts. */
	words: number;
	wordsCut: number;
	/** Ends of typed lines followed by a sung line, and those at a phrase end. */
	lineEnds: number;
	lineEndsAtPhraseEnds: number;
	cutWords: string[];
}

/** Counts, from the fitted notes alone (not the fitter's report), what the test's targets measure. */
function measure(notes: readonly SongNote[]): Figures {
	const breathBefore = notes.map((n, i) => i > 0 && (n.phrase !== notes[i - 1].phrase || n.startTicks - (notes[i - 1].startTicks + notes[i - 1].durationTicks) >= REST_TICKS));
	const sung = notes.flatMap((n, i) => (n.syllable ? [{ syllable: n.syllable, index: i }] : []));
	const figures: Figures = { words: 0, wordsCut: 0, lineEnds: 0, lineEndsAtPhraseEnds: 0, cutWords: [] };
	let word: string[] = [];
	let cut = false;
	sung.forEach(({ syllable, index }, k) => {
		word.push(syllable.text);
		const next = sung[k + 1];
		const breath = next !== undefined && breathBefore.slice(index + 1, next.index + 1).some(Boolean);
		if (syllable.joinNext) {
			if (breath) cut = true;
			return;
		}
		// The word ends here.
		if (word.length > 1) {
			figures.words++;
			if (cut) {
				figures.wordsCut++;
				figures.cutWords.push(syllable.language === 'en' ? word[0] : word.join(''));
			}
		}
		word = [];
		cut = false;
		if (syllable.lineEnd && next !== undefined) {
			figures.lineEnds++;
			if (breath) figures.lineEndsAtPhraseEnds++;
		}
	});
	return figures;
}

interface Case {
	lyric: string;
	language: Language;
	source: 'starter' | 'typed';
	melody: NamedMelody;
}

function cases(): Case[] {
	const melodies = [...composedMelodies(), ...humLikeMelodies()];
	const lyrics = LANGUAGES.flatMap((language) => [
		{ lyric: STARTER_LYRICS[language], language, source: 'starter' as const },
		...TYPED_LYRICS[language].map((lyric) => ({ lyric, language, source: 'typed' as const }))
	]);
	return lyrics.flatMap((l) => melodies.map((melody) => ({ ...l, melody })));
}

describe('whole words and typed lines over starter and typed lyrics on composed and hum-like melodies', () => {
	it('cuts no word at a phrase end, and ends ≥ 90 % of typed lines at phrase ends', () => {
		const total: Figures = { words: 0, wordsCut: 0, lineEnds: 0, lineEndsAtPhraseEnds: 0, cutWords: [] };
		const typed = { lineEnds: 0, atPhraseEnds: 0 };
		const perKind = new Map<string, { lineEnds: number; atPhraseEnds: number; wordsCut: number; words: number }>();
		let fitted = 0;
		let renderCuts = 0;
		const refused: string[] = [];
		for (const c of cases()) {
			const syllables = readLyrics(c.lyric, c.language);
			let notes: SongNote[];
			try {
				const fit = fitLyricsToMelody(c.melody.notes, syllables, FOUR_FOUR);
				notes = fit.notes;
				renderCuts += wordsCutByRenderPhrases(notes);
				// The report says what the notes show.
				const f = measure(notes);
				expect([fit.report.words, fit.report.wordsKeptWhole, fit.report.lineEnds, fit.report.lineEndsAtPhraseEnds]).toEqual([f.words, f.words - f.wordsCut, f.lineEnds, f.lineEndsAtPhraseEnds]);
			} catch (e) {
				if (e instanceof LyricsError && e.code === 'too_many_syllables') {
					refused.push(`${c.language} ${c.source} on ${c.melody.name}`);
					continue;
				}
				throw e;
			}
			fitted++;
			const f = measure(notes);
			total.words += f.words;
			total.wordsCut += f.wordsCut;
			total.cutWords.push(...f.cutWords);
			total.lineEnds += f.lineEnds;
			total.lineEndsAtPhraseEnds += f.lineEndsAtPhraseEnds;
			if (c.source === 'typed') {
				typed.lineEnds += f.lineEnds;
				typed.atPhraseEnds += f.lineEndsAtPhraseEnds;
			}
			const kind = `${c.language} ${c.melody.name.startsWith('hum') ? 'hum-like' : 'composed'}`;
			const k = perKind.get(kind) ?? { lineEnds: 0, atPhraseEnds: 0, wordsCut: 0, words: 0 };
			k.lineEnds += f.lineEnds;
			k.atPhraseEnds += f.lineEndsAtPhraseEnds;
			k.words += f.words;
			k.wordsCut += f.wordsCut;
			perKind.set(kind, k);
		}
		const pct = (a: number, b: number) => `${((100 * a) / Math.max(1, b)).toFixed(1)} %`;
		console.log(
			[
				`lyric fits: ${fitted} (${refused.length} refused as too long for the melody${refused.length ? `: ${refused.join('; ')}` : ''})`,
				`multi-syllable words cut by a phrase end: ${total.wordsCut} of ${total.words}${total.cutWords.length ? ` (${[...new Set(total.cutWords)].slice(0, 20).join(' ')})` : ''}`,
				`words cut between the sing stage's render phrases (at ${SLOW_BPM} bpm, ≤ ${SONG_PHRASE_MAX_SECONDS} s each): ${renderCuts}`,
				`typed line ends at phrase ends: ${typed.atPhraseEnds} of ${typed.lineEnds} = ${pct(typed.atPhraseEnds, typed.lineEnds)} (starter and typed: ${pct(total.lineEndsAtPhraseEnds, total.lineEnds)})`,
				...[...perKind].map(([kind, k]) => `  ${kind}: line ends at phrase ends ${pct(k.atPhraseEnds, k.lineEnds)} of ${k.lineEnds}, words cut ${k.wordsCut} of ${k.words}`)
			].join('\n')
		);
		expect(fitted).toBeGreaterThanOrEqual(0.9 * cases().length);
		expect(total.wordsCut).toBe(0);
		expect(renderCuts).toBe(0);
		expect(typed.atPhraseEnds / typed.lineEnds).toBeGreaterThanOrEqual(0.9);
	});
});
