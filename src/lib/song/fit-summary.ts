/**
 * The lyrics fit in plain words: what fitting the words to the melody did (notes split, syllables
 * held over several notes, notes left without words, syllables moved for stress), whether the
 * user's lines start phrases, and one statement of how well the melody follows the language (for
 * Cantonese the agreement after the melody was adapted to the tones, not the one before). Returns
 * message keys and their parameters; the page translates them.
 */
import type { LyricsFitReport } from '../compose/lyrics-fit';
import type { Language } from '../take/types';

export interface SummaryLine {
	key: string;
	params: Record<string, number>;
}

export interface FitSummaryInput {
	/** The fit's figures; absent in songs composed before they were stored. */
	fit:
		| (Pick<LyricsFitReport, 'splitNotes' | 'melismaNotes' | 'unsungNotes' | 'movedForStress' | 'lines' | 'linesStartingPhrases' | 'agreement'> &
				Partial<Pick<LyricsFitReport, 'words' | 'wordsKeptWhole' | 'lineEnds' | 'lineEndsAtPhraseEnds' | 'breathsAdded'>>)
		| null;
	/** Cantonese tone agreement before and after the melody was adapted. */
	toneAgreement: { before: number; after: number } | null;
	language: Language;
}

const percent = (share: number) => Math.round(100 * share);

export function fitSummary({ fit, toneAgreement, language }: FitSummaryInput): SummaryLine[] {
	const lines: SummaryLine[] = [];
	if (fit) {
		if (fit.splitNotes > 0) lines.push({ key: 'song.fit.split', params: { count: fit.splitNotes } });
		if (fit.melismaNotes > 0) lines.push({ key: 'song.fit.melisma', params: { count: fit.melismaNotes } });
		if (fit.unsungNotes > 0) lines.push({ key: 'song.fit.unsung', params: { count: fit.unsungNotes } });
		if (fit.movedForStress > 0) lines.push({ key: language === 'cmn' ? 'song.fit.movedNeutral' : 'song.fit.movedStress', params: { count: fit.movedForStress } });
		if (fit.splitNotes === 0 && fit.melismaNotes === 0 && fit.unsungNotes === 0) lines.push({ key: 'song.fit.exact', params: {} });
		if (fit.words !== undefined && fit.wordsKeptWhole !== undefined && fit.words > 0) {
			lines.push(fit.wordsKeptWhole === fit.words ? { key: 'song.fit.wordsWhole', params: { count: fit.words } } : { key: 'song.fit.wordsCut', params: { whole: fit.wordsKeptWhole, count: fit.words } });
		}
		// Songs composed since line ends were counted say where lines end; older ones where they start.
		if (fit.lineEnds !== undefined && fit.lineEndsAtPhraseEnds !== undefined) {
			if (fit.lineEnds > 0) lines.push({ key: 'song.fit.lineEnds', params: { atEnd: fit.lineEndsAtPhraseEnds, count: fit.lineEnds } });
		} else if (fit.lines > 1) lines.push({ key: 'song.fit.lines', params: { starting: fit.linesStartingPhrases, count: fit.lines } });
		if (fit.breathsAdded) lines.push({ key: 'song.fit.breaths', params: { count: fit.breathsAdded } });
	}
	// One statement of agreement: the tones after adaptation where the melody was adapted.
	const tones = toneAgreement?.after ?? fit?.agreement.toneDirection ?? null;
	if (language === 'yue' && tones !== null) lines.push({ key: 'song.fit.tones', params: { percent: percent(tones) } });
	if (language === 'en' && fit?.agreement.stressOnStrong != null) lines.push({ key: 'song.fit.stress', params: { percent: percent(fit.agreement.stressOnStrong) } });
	if (language === 'cmn' && fit?.agreement.neutralOnWeak != null) lines.push({ key: 'song.fit.neutral', params: { percent: percent(fit.agreement.neutralOnWeak) } });
	return lines;
}

/** A composer warning: old songs stored sentences; newer ones a code with parameters and the English sentence. */
/** A stored warning: structured (compose/song-warning.ts), or the plain sentence of an older song. */
export type StoredSongWarning = string | { code: string; params?: Record<string, string | number>; message: string };

/**
 * The warning in the reader's language: `compose.warning.<code>` when the message tables have it,
 * else the stored sentence.
 */
export function warningText(warning: StoredSongWarning, hasKey: (key: string) => boolean, translate: (key: string, params?: Record<string, string | number>) => string): string {
	if (typeof warning === 'string') return warning;
	const key = `compose.warning.${warning.code}`;
	return hasKey(key) ? translate(key, warning.params) : warning.message;
}
