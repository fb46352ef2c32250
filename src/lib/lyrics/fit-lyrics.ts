/**
 * Fitting a lyric's syllables to a melody's notes, by clear rules the studio reports to the user:
 *   - as many syllables as notes: one each;
 *   - fewer syllables: the first note after each rest starts a syllable (when there are enough),
 *     the rest are spread evenly over each stretch, the extra notes held as melismas (syllable k of
 *     a stretch of N notes and S syllables starts on note ⌊k·N/S⌋);
 *   - more syllables: the longest notes are split in two (same pitch) while each half lasts at least
 *     `minNoteSeconds`; if that is not enough, the lyrics are refused, with how many syllables to cut.
 */
import { LyricsError, type LyricSyllable } from './types';

export interface MelodyNote {
	onsetSeconds: number;
	offsetSeconds: number;
	/** MIDI pitch (fractional for cents). */
	midiPitch: number;
}

export interface FittedNote {
	onsetSeconds: number;
	durationSeconds: number;
	midiPitch: number;
	/** The syllable starting on this note; null holds the previous one (melisma). */
	syllable: LyricSyllable | null;
}

export interface LyricsFit {
	notes: FittedNote[];
	syllableCount: number;
	melodyNoteCount: number;
	/** Notes split in two to make room for syllables. */
	splitNotes: number;
	/** Notes sung as melismas. */
	melismaNotes: number;
	/** What was done, for the user. */
	message: string;
}

export interface FitLyricsOptions {
	/** Shortest half a split note may leave, s (default 0.12). */
	minNoteSeconds?: number;
	/** A silence at least this long between notes is a rest: a syllable is not held across it (default 0.3 s). */
	restSeconds?: number;
}

/** Splits `total` syllables over stretches of `sizes` notes: one each, the rest in proportion to the notes left. */
function shareOut(total: number, sizes: number[]): number[] {
	const shares = sizes.map(() => 1);
	for (let given = sizes.length; given < total; given++) {
		let best = 0;
		for (let g = 1; g < sizes.length; g++) if ((sizes[g] - shares[g]) / sizes[g] > (sizes[best] - shares[best]) / sizes[best]) best = g;
		shares[best]++;
	}
	return shares;
}

export function fitLyricsToNotes(syllables: LyricSyllable[], melody: MelodyNote[], options: FitLyricsOptions = {}): LyricsFit {
	const minNote = options.minNoteSeconds ?? 0.12;
	const rest = options.restSeconds ?? 0.3;
	if (melody.length === 0) throw new LyricsError('no_melody', 'The take has no melody to sing the lyrics on: hum a tune first.');
	if (syllables.length === 0) throw new LyricsError('empty_lyrics', 'The lyrics have no syllables to sing: type some words.');
	const notes = melody
		.map((n) => ({ onsetSeconds: n.onsetSeconds, durationSeconds: n.offsetSeconds - n.onsetSeconds, midiPitch: n.midiPitch }))
		.filter((n) => n.durationSeconds > 0)
		.sort((a, b) => a.onsetSeconds - b.onsetSeconds);
	const s = syllables.length;
	let split = 0;
	while (notes.length < s) {
		let longest = 0;
		for (let i = 1; i < notes.length; i++) if (notes[i].durationSeconds > notes[longest].durationSeconds) longest = i;
		const n = notes[longest];
		if (n.durationSeconds < 2 * minNote) {
			throw new LyricsError(
				'too_many_syllables',
				`The lyrics have ${s} syllables but the melody holds at most ${notes.length} notes (${melody.length} hummed, long ones split in two): cut ${s - notes.length} syllables, or hum a longer tune.`
			);
		}
		const half = n.durationSeconds / 2;
		notes.splice(longest, 1, { ...n, durationSeconds: half }, { ...n, onsetSeconds: n.onsetSeconds + half, durationSeconds: half });
		split++;
	}
	const count = notes.length;
	const fitted: FittedNote[] = notes.map((n) => ({ ...n, syllable: null }));
	// Stretches of notes between rests: each starts a new syllable when there are enough of them,
	// so no syllable is held across a breath.
	const segments: number[] = [];
	notes.forEach((n, i) => {
		const previous = notes[i - 1];
		if (i === 0 || n.onsetSeconds - (previous.onsetSeconds + previous.durationSeconds) >= rest) segments.push(0);
		segments[segments.length - 1]++;
	});
	const shares = segments.length <= s ? shareOut(s, segments) : [s];
	const sizes = segments.length <= s ? segments : [count];
	let note = 0;
	let syllable = 0;
	sizes.forEach((size, g) => {
		for (let k = 0; k < shares[g]; k++) fitted[note + Math.floor((k * size) / shares[g])].syllable = syllables[syllable++];
		note += size;
	});
	const melisma = count - s;
	const parts = [`${s} syllables on ${melody.length} notes`];
	if (split > 0) parts.push(`${split} long note${split === 1 ? '' : 's'} split in two`);
	if (melisma > 0) parts.push(`${melisma} note${melisma === 1 ? '' : 's'} held as melisma${melisma === 1 ? '' : 's'}`);
	return { notes: fitted, syllableCount: s, melodyNoteCount: melody.length, splitNotes: split, melismaNotes: melisma, message: parts.join('; ') + '.' };
}
