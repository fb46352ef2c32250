import { describe, expect, it } from 'vitest';
import { fitSummary, warningText } from '../../../src/lib/song/fit-summary';

const fit = { splitNotes: 3, melismaNotes: 0, unsungNotes: 0, movedForStress: 0, lines: 4, linesStartingPhrases: 3, agreement: { stressOnStrong: null, neutralOnWeak: null, toneDirection: 0.2 } };

describe('fit summary', () => {
	it('says what the fit did in counts, and states the Cantonese tone agreement once, after adaptation', () => {
		const lines = fitSummary({ fit, toneAgreement: { before: 0.2, after: 1 }, language: 'yue' });
		expect(lines).toEqual([
			{ key: 'song.fit.split', params: { count: 3 } },
			{ key: 'song.fit.lines', params: { starting: 3, count: 4 } },
			{ key: 'song.fit.tones', params: { percent: 100 } }
		]);
	});

	it('says every syllable has its own note when nothing was split, held or left unsung', () => {
		const lines = fitSummary({ fit: { ...fit, splitNotes: 0, lines: 1, agreement: { stressOnStrong: 0.8, neutralOnWeak: null, toneDirection: null } }, toneAgreement: null, language: 'en' });
		expect(lines).toEqual([
			{ key: 'song.fit.exact', params: {} },
			{ key: 'song.fit.stress', params: { percent: 80 } }
		]);
	});

	it('says whether words were kept whole and where typed lines end, with the breaths taken for them (songs with those figures)', () => {
		const lines = fitSummary({ fit: { ...fit, words: 12, wordsKeptWhole: 12, lineEnds: 3, lineEndsAtPhraseEnds: 3, breathsAdded: 1 }, toneAgreement: null, language: 'en' });
		expect(lines).toEqual([
			{ key: 'song.fit.split', params: { count: 3 } },
			{ key: 'song.fit.wordsWhole', params: { count: 12 } },
			{ key: 'song.fit.lineEnds', params: { atEnd: 3, count: 3 } },
			{ key: 'song.fit.breaths', params: { count: 1 } }
		]);
		const cut = fitSummary({ fit: { ...fit, words: 12, wordsKeptWhole: 11, lineEnds: 3, lineEndsAtPhraseEnds: 2, breathsAdded: 0 }, toneAgreement: null, language: 'en' });
		expect(cut.map((l) => l.key)).toEqual(['song.fit.split', 'song.fit.wordsCut', 'song.fit.lineEnds']);
	});

	it('says nothing it does not know (an old song without figures)', () => {
		expect(fitSummary({ fit: null, toneAgreement: null, language: 'cmn' })).toEqual([]);
	});
});

describe('warning text', () => {
	const has = (key: string) => key === 'compose.warning.range';
	const t = (key: string, params?: Record<string, string | number>) => `${key}:${JSON.stringify(params)}`;
	it('translates a coded warning whose key exists, else shows its sentence, and shows old plain sentences', () => {
		expect(warningText({ code: 'range', params: { n: 2 }, message: 'Out of range' }, has, t)).toBe('compose.warning.range:{"n":2}');
		expect(warningText({ code: 'unknown', message: 'Something' }, has, t)).toBe('Something');
		expect(warningText('An old warning.', has, t)).toBe('An old warning.');
	});
});
