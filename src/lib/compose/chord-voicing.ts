/**
 * Close-position chord voicings with voice leading: each chord is placed in the inversion and
 * octave that moves the voices least from the previous chord (the "smoothest" voice leading of
 * common-practice keyboard harmony, measured here as the summed semitone motion of each voice to
 * its nearest voice in the other chord), with a pull back toward a centre pitch so the part does
 * not drift up or down the keyboard over a long song.
 */
import type { ChordQuality } from '../song/types';
import { chordPitchClasses, mod12 } from './chords';

export interface VoicingOptions {
	/** Pitch the voicing's mean is pulled toward, MIDI (default 62, D4: close voicings around middle C). */
	centreMidi?: number;
	/** Lowest and highest allowed note, MIDI (default 52–74, E3–D5). */
	lowMidi?: number;
	highMidi?: number;
	/** Cost per semitone of the voicing's mean from the centre, against one semitone of voice motion (default 0.5). */
	centrePull?: number;
}

interface ResolvedVoicingOptions {
	centreMidi: number;
	lowMidi: number;
	highMidi: number;
	centrePull: number;
}

function resolve(options: VoicingOptions): ResolvedVoicingOptions {
	const { centreMidi = 62, lowMidi = 52, highMidi = 74, centrePull = 0.5 } = options;
	if (!(lowMidi >= 0 && highMidi <= 127 && highMidi - lowMidi >= 12)) throw new RangeError(`voicing range ${lowMidi}–${highMidi} must lie in 0–127 and span at least an octave`);
	if (!(centreMidi >= lowMidi && centreMidi <= highMidi)) throw new RangeError(`centreMidi ${centreMidi} is outside the range ${lowMidi}–${highMidi}`);
	if (!(centrePull >= 0)) throw new RangeError(`centrePull ${centrePull} is negative`);
	return { centreMidi, lowMidi, highMidi, centrePull };
}

/** Every close-position voicing (each inversion, each octave) of the pitch classes inside the range, low to high. */
export function closeVoicings(pitchClasses: readonly number[], lowMidi: number, highMidi: number): number[][] {
	const out: number[][] = [];
	for (let inversion = 0; inversion < pitchClasses.length; inversion++) {
		const order = [...pitchClasses.slice(inversion), ...pitchClasses.slice(0, inversion)];
		for (let bass = lowMidi + mod12(order[0] - lowMidi); bass <= highMidi; bass += 12) {
			const notes = [bass];
			for (const pc of order.slice(1)) notes.push(notes.at(-1)! + (mod12(pc - notes.at(-1)!) || 12));
			if (notes.at(-1)! <= highMidi) out.push(notes);
		}
	}
	return out;
}

/**
 * Voice motion between two voicings, semitones: each note's distance to the nearest note of the
 * other chord, summed both ways and halved (equal to the summed per-voice motion when the chords
 * have the same size and no voices cross).
 */
export function voiceLeadingDistance(from: readonly number[], to: readonly number[]): number {
	const nearest = (n: number, set: readonly number[]): number => Math.min(...set.map((m) => Math.abs(m - n)));
	const a = to.reduce((s, n) => s + nearest(n, from), 0);
	const b = from.reduce((s, n) => s + nearest(n, to), 0);
	return (a + b) / 2;
}

/** The voicing of one chord that best follows `previous` (or sits nearest the centre when there is none). */
export function voiceChord(rootPitchClass: number, quality: ChordQuality, previous: readonly number[] | null, options: VoicingOptions = {}): number[] {
	const o = resolve(options);
	const pitchClasses = chordPitchClasses(rootPitchClass, quality);
	// A range of one octave can miss every inversion of a wide chord; then the octave above is allowed too.
	const inRange = closeVoicings(pitchClasses, o.lowMidi, o.highMidi);
	const candidates = inRange.length > 0 ? inRange : closeVoicings(pitchClasses, o.lowMidi, Math.min(127, o.highMidi + 12));
	let best = candidates[0];
	let bestCost = Infinity;
	for (const v of candidates) {
		const mean = v.reduce((a, b) => a + b, 0) / v.length;
		const cost = (previous && previous.length > 0 ? voiceLeadingDistance(previous, v) : 0) + o.centrePull * Math.abs(mean - o.centreMidi);
		if (cost < bestCost - 1e-9) {
			best = v;
			bestCost = cost;
		}
	}
	return best;
}

/** Voicings for a chord sequence, each led from the one before. */
export function voiceProgression(chords: ReadonlyArray<{ rootPitchClass: number; quality: ChordQuality }>, options: VoicingOptions = {}): number[][] {
	const out: number[][] = [];
	for (const chord of chords) out.push(voiceChord(chord.rootPitchClass, chord.quality, out.at(-1) ?? null, options));
	return out;
}
