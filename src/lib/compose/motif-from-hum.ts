/**
 * The hummed motif as the composer's motif: sung notes in seconds (e.g. `findMotif(notes).notes`)
 * put on a grid of ticks at the take's tempo and on the key's scale. Hums drift in time and pitch;
 * the grid and the scale keep what the singer meant (Krumhansl 1990: listeners hear sung pitches as
 * scale degrees) and drop the drift.
 */
import type { NoteEvent } from '../pitch/types';
import { estimateKey } from '../pitch/key';
import { PPQ, secondsToTicks, ticksPerBar, type SongKey, type TimeSignature } from '../song/types';
import type { TuneNote } from './hum-tune';
import type { MelodicMotif, MotifNote } from './melody-types';
import { makeMotifSingable } from './motif-singable';
import { assertKey, melodicScaleForm, nearestInKeyMidi } from './scale';

export interface HummedMotif {
	/** The motif's sung notes, seconds, in time order (e.g. `findMotif(analysis.notes)?.notes`). */
	notes: readonly NoteEvent[];
	/** Tempo of the take, bpm; null or absent uses `defaultTempoBpm`. */
	tempoBpm?: number | null;
	/** Key of the take (a KeyEstimate fits); null or absent infers it from the notes, else C major. */
	key?: SongKey | null;
	/** Singer's tuning offset from A440, cents, removed before snapping to the scale (default 0). */
	tuningCents?: number;
}

export interface MotifFromHumOptions {
	/** Metre of the song (default 4/4). */
	timeSignature?: TimeSignature;
	/** Grid onsets and ends snap to, ticks (default 120, a sixteenth, up to 120 bpm; 240, an eighth, above). */
	gridTicks?: number;
	/** Longest motif, bars; later notes are dropped and the last is cut (default 2). */
	maxBars?: number;
	/** Fewest notes; fewer gives null so the caller can use `stockMotif` (default 2). */
	minNotes?: number;
	/** Most notes; later ones are dropped (default 8). */
	maxNotes?: number;
	/** Tempo when the take has none, bpm (default 90). */
	defaultTempoBpm?: number;
	/** A silence up to this long between notes is closed (sung articulation, not a rest), ticks (default 240, an eighth). */
	legatoGapTicks?: number;
}

const C_MAJOR: SongKey = { tonicPitchClass: 0, mode: 'major' };

/** Null when the hum has fewer than `minNotes` usable notes (within the first `maxBars`). */
export function motifFromHum(hum: HummedMotif, options: MotifFromHumOptions = {}): MelodicMotif | null {
	const {
		timeSignature = { beatsPerBar: 4, beatUnit: 4 },
		maxBars = 2,
		minNotes = 2,
		maxNotes = 8,
		defaultTempoBpm = 90,
		legatoGapTicks = PPQ / 2
	} = options;
	if (hum.tempoBpm != null && !(hum.tempoBpm >= 20 && hum.tempoBpm <= 400)) {
		throw new RangeError(`tempoBpm must be within [20, 400] (or null), got ${hum.tempoBpm}`);
	}
	if (!(defaultTempoBpm >= 20 && defaultTempoBpm <= 400)) throw new RangeError(`defaultTempoBpm must be within [20, 400], got ${defaultTempoBpm}`);
	if (!(maxBars > 0)) throw new RangeError(`maxBars must be > 0, got ${maxBars}`);
	if (!Number.isInteger(minNotes) || minNotes < 1) throw new RangeError(`minNotes must be an integer >= 1, got ${minNotes}`);
	if (!Number.isInteger(maxNotes) || maxNotes < minNotes) throw new RangeError(`maxNotes must be an integer >= minNotes (${minNotes}), got ${maxNotes}`);
	if (hum.key) assertKey(hum.key);
	const tempoBpm = hum.tempoBpm ?? defaultTempoBpm;
	const gridTicks = options.gridTicks ?? (tempoBpm <= 120 ? PPQ / 4 : PPQ / 2);
	if (!Number.isInteger(gridTicks) || gridTicks <= 0) throw new RangeError(`gridTicks must be a positive integer, got ${gridTicks}`);
	const tuningCents = hum.tuningCents ?? 0;

	const sung = hum.notes
		.filter((n) => Number.isFinite(n.onsetSeconds) && Number.isFinite(n.midiPitch) && n.offsetSeconds > n.onsetSeconds)
		.slice()
		.sort((a, b) => a.onsetSeconds - b.onsetSeconds);
	if (sung.length < minNotes) return null;

	const key: SongKey = hum.key
		? { tonicPitchClass: hum.key.tonicPitchClass, mode: hum.key.mode }
		: (() => {
				const estimate = estimateKey(sung, { tuningCents });
				return estimate ? { tonicPitchClass: estimate.tonicPitchClass, mode: estimate.mode } : C_MAJOR;
			})();

	const startSeconds = sung[0].onsetSeconds;
	const toGrid = (seconds: number) => Math.round(secondsToTicks(seconds - startSeconds, tempoBpm) / gridTicks) * gridTicks;
	const capTicks = Math.floor((maxBars * ticksPerBar(timeSignature)) / gridTicks) * gridTicks;

	// Onsets on the grid, strictly increasing (two notes snapped together keep one grid step apart).
	const onsets: number[] = [];
	for (const n of sung) {
		const q = toGrid(n.onsetSeconds);
		onsets.push(onsets.length === 0 ? 0 : Math.max(q, onsets[onsets.length - 1] + gridTicks));
	}
	let count = 0;
	while (count < sung.length && count < maxNotes && onsets[count] < capTicks) count++;
	if (count < minNotes) return null;

	const form = melodicScaleForm(key);
	const notes: MotifNote[] = [];
	for (let i = 0; i < count; i++) {
		const onset = onsets[i];
		const next = i + 1 < count ? onsets[i + 1] : capTicks;
		let end = Math.min(Math.max(toGrid(sung[i].offsetSeconds), onset + gridTicks), next);
		if (i + 1 < count && next - end <= legatoGapTicks) end = next;
		notes.push({ offsetTicks: onset, durationTicks: end - onset, midiPitch: nearestInKeyMidi(sung[i].midiPitch - tuningCents / 100, key, form) });
	}
	const singable = makeMotifSingable(notes, key).notes;
	const last = singable[singable.length - 1];
	return { notes: singable, lengthTicks: last.offsetTicks + last.durationTicks, key, tempoBpm, source: 'hum' };
}

export interface TuneMotifOptions {
	/** Ticks of the song per beat of the hum (PPQ, or PPQ·2^k when the song's tempo is an octave away). */
	ticksPerBeat: number;
	/** Fewest notes of the motif: a first phrase shorter than this (or on one pitch) takes in the next (default 4). */
	minNotes?: number;
	/** Longest motif, ticks; later notes are left out. */
	maxTicks: number;
	/** Tempo of the song, bpm. */
	tempoBpm: number;
}

/**
 * The hum's first phrase (tune-phrases of `humToTune`) as the composer's motif, its pitches as sung
 * but settled on the key's scale (the composer develops scale steps). Null when the tune has fewer
 * than two notes.
 */
export function motifFromTune(phrases: readonly (readonly TuneNote[])[], key: SongKey, options: TuneMotifOptions): MelodicMotif | null {
	const { ticksPerBeat, minNotes = 4, maxTicks, tempoBpm } = options;
	const notes: TuneNote[] = [];
	// A phrase of one repeated pitch (Jingle Bells' "E E E") is no motif yet: take in the next.
	for (const phrase of phrases) {
		if (notes.length >= minNotes && new Set(notes.map((n) => n.midiPitch)).size >= 2) break;
		notes.push(...phrase);
	}
	if (notes.length < 2) return null;
	const origin = notes[0].onsetBeats;
	const form = melodicScaleForm(key);
	const motif: MotifNote[] = [];
	for (const n of notes) {
		const offsetTicks = Math.round((n.onsetBeats - origin) * ticksPerBeat);
		if (offsetTicks >= maxTicks) break;
		const durationTicks = Math.min(Math.max(1, Math.round(n.durationBeats * ticksPerBeat)), maxTicks - offsetTicks);
		motif.push({ offsetTicks, durationTicks, midiPitch: nearestInKeyMidi(n.midiPitch, key, form) });
	}
	if (motif.length < 2) return null;
	const last = motif[motif.length - 1];
	return { notes: motif, lengthTicks: last.offsetTicks + last.durationTicks, key, tempoBpm, source: 'hum' };
}
