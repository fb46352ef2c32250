/**
 * The compose stage as one pure function: from the analysed hum (notes, key, tempo, motif) and the
 * user's request (language, lyrics, style, seed, candidate) to a Song and its backing score.
 *   hum motif → developed melody (melody.ts) → lyrics fitted (lyrics-fit.ts) → for Cantonese, the
 *   melody bent to the tones (tone-adapt.ts) → chords (harmony.ts) → arrangement (arrangement.ts).
 */
import { readLyrics } from '../lyrics/read-lyrics';
import type { NoteEvent, KeyEstimate, TempoEstimate, MotifSpan } from '../pitch/types';
import type { BackingScore } from '../song/backing-types';
import type { SongRequest } from '../song/song-request';
import { SONG_SCHEMA_VERSION, type Song, type SongKey, type TimeSignature } from '../song/types';
import { arrange } from './arrangement';
import { harmonize } from './harmony';
import { fitLyricsToMelody, type LyricsFitReport } from './lyrics-fit';
import { composeMelody } from './melody';
import type { MidiRange } from './melody-types';
import { motifFromHum } from './motif-from-hum';
import { starterLyrics } from './starter-lyrics';
import { styleTempoBpm } from './styles';
import { adaptMelodyToTones } from './tone-adapt';

export interface ComposeSongInput {
	songId: string;
	takeId: string;
	revision: number;
	voiceProfileId: string | null;
	request: SongRequest;
	/** What the analysis found in the hum. */
	analysis: { notes: readonly NoteEvent[]; key: KeyEstimate | null; tempo: TempoEstimate | null; motif: MotifSpan | null; tuningCents: number };
	/** Bars of melody: an even number from 8 to 16 (default 16). */
	bars?: number;
}

export interface ComposedSongResult {
	song: Song;
	backing: BackingScore;
	fit: LyricsFitReport;
	/** Cantonese: tone-direction agreement before and after the melody followed the tones. */
	toneAgreement: { before: number; after: number } | null;
	warnings: string[];
}

const FOUR_FOUR: TimeSignature = { beatsPerBar: 4, beatUnit: 4 };
/** A comfortable range for anyone when the hum gives none: C4–C5. */
const DEFAULT_RANGE: MidiRange = { low: 60, high: 72 };
const DEFAULT_HUM_TEMPO_BPM = 90;

/** The hum's range without its outliers: the 5th to 95th percentile of its notes, weighted by length. */
export function hummedRange(notes: readonly NoteEvent[]): MidiRange {
	const weighted = notes.map((n) => ({ pitch: Math.round(n.midiPitch), weight: Math.max(0.01, n.offsetSeconds - n.onsetSeconds) })).sort((a, b) => a.pitch - b.pitch);
	const total = weighted.reduce((s, n) => s + n.weight, 0);
	if (weighted.length < 2 || total <= 0) return DEFAULT_RANGE;
	const at = (q: number) => {
		let sum = 0;
		for (const n of weighted) {
			sum += n.weight;
			if (sum >= q * total) return n.pitch;
		}
		return weighted[weighted.length - 1].pitch;
	};
	return { low: at(0.05), high: at(0.95) };
}

export function composeSong(input: ComposeSongInput): ComposedSongResult {
	const { request, analysis } = input;
	const estimated: SongKey | null = analysis.key ? { tonicPitchClass: analysis.key.tonicPitchClass, mode: analysis.key.mode } : null;
	const hummedBpm = analysis.tempo?.bpm ?? DEFAULT_HUM_TEMPO_BPM;
	const motifNotes = analysis.motif ? analysis.notes.slice(analysis.motif.startIndex, analysis.motif.endIndex + 1) : analysis.notes.slice(0, 8);
	const motif = motifFromHum({ notes: motifNotes, tempoBpm: analysis.tempo?.bpm ?? null, key: estimated, tuningCents: analysis.tuningCents }, { timeSignature: FOUR_FOUR });
	const key = estimated ?? motif?.key ?? { tonicPitchClass: 0, mode: 'major' };
	const tempoBpm = styleTempoBpm(hummedBpm, request.style);
	const composed = composeMelody({ motif, key, tempoBpm, timeSignature: FOUR_FOUR, rangeMidi: hummedRange(analysis.notes), bars: input.bars ?? 16, seed: request.seed, candidate: request.candidate });
	const warnings = [...composed.warnings];
	if (!motif) warnings.push('The hum had too few clear notes for a motif: the melody develops a stock motif in its key instead.');

	const lyrics = request.lyrics ?? starterLyrics(request.language);
	const fitted = fitLyricsToMelody(composed.melody, readLyrics(lyrics, request.language), FOUR_FOUR);
	let melody = fitted.notes;
	let toneAgreement: ComposedSongResult['toneAgreement'] = null;
	if (request.language === 'yue') {
		const adapted = adaptMelodyToTones(melody, key, composed.rangeMidi);
		melody = adapted.notes;
		if (adapted.agreementBefore !== null && adapted.agreementAfter !== null) toneAgreement = { before: adapted.agreementBefore, after: adapted.agreementAfter };
		if (adapted.clashes.length) warnings.push(`${adapted.clashes.length} syllable${adapted.clashes.length === 1 ? '' : 's'} still move against their tones: ${adapted.clashes.map((c) => c.text).join(' ')}.`);
	}
	const bars = Math.max(...composed.sections.map((s) => s.startBar + s.bars));
	const chords = harmonize(melody, key, FOUR_FOUR, request.style, { bars });
	const song: Song = {
		schemaVersion: SONG_SCHEMA_VERSION,
		id: input.songId,
		revision: input.revision,
		takeId: input.takeId,
		voiceProfileId: input.voiceProfileId,
		language: request.language,
		lyrics,
		tempoBpm,
		key,
		timeSignature: FOUR_FOUR,
		seed: request.seed,
		candidate: request.candidate,
		style: request.style,
		sections: composed.sections,
		melody,
		chords,
		mix: request.mix
	};
	return { song, backing: arrange(song, { seed: request.seed }), fit: fitted.report, toneAgreement, warnings };
}
