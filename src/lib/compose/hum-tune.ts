/**
 * The hummed tune written down: sung notes (seconds, fractional MIDI) put on a beat grid and on
 * pitches, then cut into phrases. This is what "Keep my tune" sings and where "Develop my tune"
 * takes its motif from.
 *
 * Time: onsets become beats by rhythm quantisation with a breathing tempo (rhythm-quantize.ts);
 * a note's end snaps to the grid at its local period, and a gap shorter than an eighth closes.
 *
 * Pitch: the singer's tuning is removed, and its slow drift with it (the median deviation of the
 * neighbouring notes from equal temperament); then a note clearly on a chromatic pitch is kept as
 * sung, and only a note between two pitches is settled on the key's scale.
 */
import type { NoteEvent } from '../pitch/types';
import type { SongKey } from '../song/types';
import { quantizeRhythm } from './rhythm-quantize';
import { isInKey, nearestInKeyMidi } from './scale';

export interface TuneNote {
	/** Beats of the hum's tempo from the first note's onset. */
	onsetBeats: number;
	durationBeats: number;
	/** Integer MIDI number. */
	midiPitch: number;
}

export interface HumTuneOptions {
	/** The hum's tempo (the analysis's estimate), beats per minute. */
	tempoBpm: number;
	/** Key the ambiguous pitches settle in; null keeps every note at its nearest semitone. */
	key: SongKey | null;
	/** Singer's tuning offset from A440, cents (default 0). */
	tuningCents?: number;
	/** How far a chromatic note may sit from its semitone and still count as clearly sung, semitones (default 0.3). */
	clearChromaticSemitones?: number;
	/** Notes around each one whose tuning estimates the local drift (default 3 each side). */
	driftNeighbours?: number;
}

/** Shortest note, beats (a sixteenth). */
const MIN_NOTE_BEATS = 1 / 4;

const median = (values: number[]): number => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = (sorted.length - 1) / 2;
	return (sorted[Math.floor(mid)] + sorted[Math.ceil(mid)]) / 2;
};

/** Pitches with the singer's tuning and its slow drift removed, as fractional MIDI numbers. */
function detunedPitches(notes: readonly NoteEvent[], tuningCents: number, neighbours: number): number[] {
	const raw = notes.map((n) => n.midiPitch - tuningCents / 100);
	return raw.map((p, i) => {
		const around = raw.slice(Math.max(0, i - neighbours), i + neighbours + 1).map((q) => q - Math.round(q));
		return p - median(around);
	});
}

/** The sung notes on the beat grid and on pitches; onsets strictly increasing, in beats from the first. */
export function humToTune(notesIn: readonly NoteEvent[], options: HumTuneOptions): TuneNote[] {
	const { tempoBpm, key, tuningCents = 0, clearChromaticSemitones = 0.3, driftNeighbours = 3 } = options;
	const notes = notesIn
		.filter((n) => Number.isFinite(n.onsetSeconds) && Number.isFinite(n.midiPitch) && n.offsetSeconds > n.onsetSeconds)
		.slice()
		.sort((a, b) => a.onsetSeconds - b.onsetSeconds)
		// Two notes starting together are one to a singer: the first keeps the onset.
		.filter((n, i, all) => i === 0 || n.onsetSeconds > all[i - 1].onsetSeconds);
	if (notes.length === 0) return [];
	const pitches = detunedPitches(notes, tuningCents, driftNeighbours);
	const { onsetBeats, periodSeconds } = quantizeRhythm(
		notes.map((n) => n.onsetSeconds),
		{ tempoBpm }
	);
	return notes.map((n, i) => {
		const next = i + 1 < notes.length ? onsetBeats[i + 1] : Infinity;
		const heldBeats = (n.offsetSeconds - n.onsetSeconds) / periodSeconds[i];
		let end = onsetBeats[i] + Math.max(MIN_NOTE_BEATS, Math.round(heldBeats * 4) / 4);
		// A gap shorter than an eighth is articulation, not a rest.
		if (next - end < 1 / 2) end = next;
		end = Math.min(end, next);
		return { onsetBeats: onsetBeats[i], durationBeats: end - onsetBeats[i], midiPitch: settlePitch(pitches[i], key, clearChromaticSemitones) };
	});
}

/** A detuned pitch on a semitone: in key as sung; chromatic as sung when clear; else the nearest scale note. */
export function settlePitch(pitch: number, key: SongKey | null, clearChromaticSemitones = 0.3): number {
	const rounded = Math.round(pitch);
	if (!key || isInKey(rounded, key)) return rounded;
	return Math.abs(pitch - rounded) <= clearChromaticSemitones ? rounded : nearestInKeyMidi(pitch, key);
}

export interface TunePhraseOptions {
	/**
	 * A silence at least this long ends a phrase, beats (default 0.5) and times the tune's median
	 * inter-onset interval (default 0.75: a hum released early is not resting).
	 */
	restBeats?: number;
	restOverMedian?: number;
	/** A note held at least this long ends a phrase, beats (default 2) ... */
	holdBeats?: number;
	/** ... and at least this many times the tune's median inter-onset interval (default 1.75). */
	holdOverMedian?: number;
}

/**
 * The interval that half the tune's time is spent in notes of at most: its pulse, even where quick
 * notes outnumber the beats (a plain median of a tune in running eighths with held quarters would
 * make every quarter look held).
 */
function timeWeightedMedian(iois: readonly number[]): number {
	const sorted = [...iois].sort((a, b) => a - b);
	const total = sorted.reduce((s, d) => s + d, 0);
	let sum = 0;
	for (const d of sorted) {
		sum += d;
		if (sum >= total / 2) return d;
	}
	return sorted[sorted.length - 1];
}

/** The tune cut into phrases where the hum rests or holds a note; each phrase a list of note indices' notes. */
export function tunePhrases(tune: readonly TuneNote[], options: TunePhraseOptions = {}): TuneNote[][] {
	const { restBeats = 0.5, restOverMedian = 0.75, holdBeats = 2, holdOverMedian = 1.75 } = options;
	if (tune.length === 0) return [];
	const iois = tune.slice(1).map((n, i) => n.onsetBeats - tune[i].onsetBeats);
	const typical = iois.length ? timeWeightedMedian(iois) : 1;
	const phrases: TuneNote[][] = [[]];
	tune.forEach((n, i) => {
		phrases[phrases.length - 1].push(n);
		const next = tune[i + 1];
		if (!next) return;
		const rest = next.onsetBeats - (n.onsetBeats + n.durationBeats);
		const ioi = next.onsetBeats - n.onsetBeats;
		if ((rest >= restBeats && rest >= restOverMedian * typical) || (ioi >= holdBeats && ioi >= holdOverMedian * typical)) phrases.push([]);
	});
	return phrases;
}
