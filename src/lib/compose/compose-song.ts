/**
 * The compose stage as one pure function: from the analysed hum (notes, key, tempo) and the user's
 * request (language, lyrics, style, melody mode, seed, candidate) to a Song and its backing score.
 *   hum → tune on the grid and in the key (hum-tune.ts) → melody: "keep", the tune itself as the
 *   verse and a developed chorus (keep-tune.ts), or "develop", its first phrase as the motif of a
 *   composed verse and chorus (melody.ts) → lyrics fitted (lyrics-fit.ts) → for Cantonese, the
 *   composed notes bent to the tones (tone-adapt.ts) → chords (harmony.ts) → arrangement.
 */
import { readLyrics } from '../lyrics/read-lyrics';
import type { NoteEvent, KeyEstimate, TempoEstimate, MotifSpan } from '../pitch/types';
import type { BackingScore } from '../song/backing-types';
import type { SongRequest } from '../song/song-request';
import { estimateKey } from '../pitch/key';
import { PPQ, SONG_SCHEMA_VERSION, ticksPerBar, type Song, type SongKey, type SongNote, type TimeSignature } from '../song/types';
import { arrange } from './arrangement';
import { harmonize } from './harmony';
import { fitLyricsToMelody, type LyricsFitReport } from './lyrics-fit';
import { humToTune, tunePhrases } from './hum-tune';
import { keepTune } from './keep-tune';
import { composeMelody, longestRepeatedRun, MelodyCompositionError } from './melody';
import type { ComposedMelody, ComposeMelodyOptions, MidiRange } from './melody-types';
import { motifFromTune } from './motif-from-hum';
import { songWarning, type SongWarning } from './song-warning';
import { starterLyrics } from './starter-lyrics';
import { styleTempoBpm } from './styles';
import { adaptMelodyToTones } from './tone-adapt';
import { toneClashes, toneDirectionAgreement } from './cantonese-tones';

export interface ComposeSongInput {
	songId: string;
	takeId: string;
	revision: number;
	voiceProfileId: string | null;
	request: SongRequest;
	/** What the analysis found in the hum. */
	analysis: { notes: readonly NoteEvent[]; key: KeyEstimate | null; tempo: TempoEstimate | null; motif: MotifSpan | null; tuningCents: number };
	/** Bars of a developed melody: an even number from 8 to 16 (default 16). A kept tune has its verse's bars (4–8) and an 8-bar chorus. */
	bars?: number;
}

export interface ComposedSongResult {
	song: Song;
	backing: BackingScore;
	fit: LyricsFitReport;
	/** Cantonese: tone-direction agreement before and after the melody followed the tones. */
	toneAgreement: { before: number; after: number } | null;
	warnings: SongWarning[];
	/** How the melody was made: the mode used and the melody before the lyrics were set (for measuring it). */
	tune: { mode: SongRequest['melody']; melody: SongNote[]; verseBars: number };
}

const FOUR_FOUR: TimeSignature = { beatsPerBar: 4, beatUnit: 4 };
/** A comfortable range for anyone when the hum gives none: C4–C5. */
const DEFAULT_RANGE: MidiRange = { low: 60, high: 72 };
const DEFAULT_HUM_TEMPO_BPM = 90;
/** Longest motif taken from the hum's first phrase, bars. */
const MAX_MOTIF_BARS = 4;

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

/** The song's tempo from the hum's: the style's tempo, a whole number of BPM. */
export function songTempoBpm(hummedBpm: number, style: SongRequest['style']): number {
	return Math.round(styleTempoBpm(hummedBpm, style));
}

/**
 * Song ticks per beat of the hum: the style may sing the tune at double or half the hummed tempo
 * (counting in eighths or halves), so the rhythm is kept by counting the hum's beat as 2^k beats.
 */
export function ticksPerHummedBeat(hummedBpm: number, songBpm: number): number {
	return PPQ * Math.pow(2, Math.round(Math.log2(songBpm / hummedBpm)));
}

/**
 * The melody with every guarantee asked for, or, where no draft keeps them all (a motif of one
 * repeated note cannot follow itself), with fewer: first without the motif's return in the chorus,
 * then without the limit on repeated notes. A song is always made.
 */
function withFallbacks<T>(options: ComposeMelodyOptions, compose: (options: ComposeMelodyOptions) => T): T {
	const relaxed: ComposeMelodyOptions[] = [options, { ...options, restateMotifInChorus: false }, { ...options, restateMotifInChorus: false, maxRepeatedNotes: Number.MAX_SAFE_INTEGER }];
	for (let i = 0; ; i++) {
		try {
			return compose(relaxed[i]);
		} catch (e) {
			if (!(e instanceof MelodyCompositionError) || i === relaxed.length - 1) throw e;
		}
	}
}

/** Fewest notes a hum needs for its tune to be kept as the verse. */
const MIN_KEPT_NOTES = 4;

export function composeSong(input: ComposeSongInput): ComposedSongResult {
	const { request, analysis } = input;
	const tuningCents = analysis.tuningCents;
	const estimated: SongKey | null = analysis.key ? { tonicPitchClass: analysis.key.tonicPitchClass, mode: analysis.key.mode } : null;
	const inferred = estimated ?? estimateKey(analysis.notes, { tuningCents });
	const key: SongKey = inferred ? { tonicPitchClass: inferred.tonicPitchClass, mode: inferred.mode } : { tonicPitchClass: 0, mode: 'major' };
	const hummedBpm = analysis.tempo?.bpm ?? DEFAULT_HUM_TEMPO_BPM;
	const tempoBpm = songTempoBpm(hummedBpm, request.style);
	const ticksPerBeat = ticksPerHummedBeat(hummedBpm, tempoBpm);

	// The tune as hummed, on the grid and in the key; its first phrase is the motif either way.
	const tune = humToTune(analysis.notes, { tempoBpm: Math.min(400, Math.max(20, hummedBpm)), key, tuningCents });
	const phrases = tunePhrases(tune);
	const motif = motifFromTune(phrases, key, { ticksPerBeat, tempoBpm, maxTicks: MAX_MOTIF_BARS * ticksPerBar(FOUR_FOUR) });
	// The motif's notes were sung, so they are in the singer's range even where the percentiles cut them off.
	const hummed = hummedRange(analysis.notes);
	const motifPitches = motif?.notes.map((n) => n.midiPitch) ?? [];
	const rangeMidi = { low: Math.min(hummed.low, ...motifPitches), high: Math.max(hummed.high, ...motifPitches) };
	// A hum that repeats a note four times (Jingle Bells) may hear it again; others never more than three.
	const options: ComposeMelodyOptions = { maxRepeatedNotes: Math.max(3, longestRepeatedRun(tune.map((n) => n.midiPitch))), maxMotifBars: MAX_MOTIF_BARS };
	const warnings: SongWarning[] = [];
	if (!motif) {
		warnings.push(songWarning('stock-motif', {}));
	}
	let composed: ComposedMelody;
	const kept = request.melody === 'keep' && tune.length >= MIN_KEPT_NOTES;
	if (kept) {
		composed = withFallbacks(options, (o) => keepTune({ phrases, ticksPerBeat, motif, key, tempoBpm, timeSignature: FOUR_FOUR, rangeMidi, seed: request.seed, candidate: request.candidate }, o));
	} else {
		if (request.melody === 'keep' && motif) {
			warnings.push(songWarning('tune-too-short', { notes: tune.length }));
		}
		composed = withFallbacks(options, (o) => composeMelody({ motif, key, tempoBpm, timeSignature: FOUR_FOUR, rangeMidi, bars: input.bars ?? 16, seed: request.seed, candidate: request.candidate }, o));
	}
	warnings.push(...composed.warnings);

	const lyrics = request.lyrics ?? starterLyrics(request.language);
	const fitted = fitLyricsToMelody(composed.melody, readLyrics(lyrics, request.language), FOUR_FOUR);
	let melody = fitted.notes;
	let toneAgreement: ComposedSongResult['toneAgreement'] = null;
	if (request.language === 'yue') {
		// A kept verse is the user's tune as hummed: only the composed part bends to the tones.
		const fixedTicks = kept ? composed.sections[0].bars * ticksPerBar(FOUR_FOUR) : 0;
		const adapted = adaptMelodyToTones(melody.filter((n) => n.startTicks >= fixedTicks), key, composed.rangeMidi);
		const before = toneDirectionAgreement(melody);
		melody = [...melody.filter((n) => n.startTicks < fixedTicks), ...adapted.notes];
		const after = toneDirectionAgreement(melody);
		if (before !== null && after !== null) toneAgreement = { before, after };
		const clashes = toneClashes(melody);
		if (clashes.length) {
			const syllables = clashes.map((c) => c.text).join(' ');
			warnings.push(
				songWarning(
					kept ? 'tone-clashes-kept' : 'tone-clashes',
					{ count: clashes.length, syllables }
				)
			);
		}
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
	const made = { mode: kept ? ('keep' as const) : ('develop' as const), melody: composed.melody, verseBars: composed.sections[0].bars };
	return { song, backing: arrange(song, { seed: request.seed }), fit: fitted.report, toneAgreement, warnings, tune: made };
}
