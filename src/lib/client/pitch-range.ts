import { hzToMidi } from './music';
import type { MelodyAnalysisJson } from './types';

/** The pitch span shown on a vertical axis, in (fractional) MIDI numbers. */
export interface PitchRange {
	lowMidi: number;
	highMidi: number;
}

export interface PitchRangeOptions {
	/** Room above and below the outermost pitches, semitones. Default 2. */
	paddingSemitones?: number;
	/** Narrowest span, semitones, so a one-note take still has an axis. Default 12. */
	minSpanSemitones?: number;
	/** Fraction of voiced f0 frames ignored at each end (octave errors, glitches). Default 0.02. */
	f0TrimFraction?: number;
}

/**
 * A range holding every note and nearly all voiced f0 frames, so the f0 overlay and the piano
 * roll share one vertical scale.
 */
export function pitchRangeOf(analysis: MelodyAnalysisJson, options: PitchRangeOptions = {}): PitchRange {
	const { paddingSemitones = 2, minSpanSemitones = 12, f0TrimFraction = 0.02 } = options;
	const voicedMidi: number[] = [];
	const { f0Hz, voiced } = analysis.f0;
	for (let i = 0; i < f0Hz.length; i++) {
		if (voiced[i] && f0Hz[i] > 0) voicedMidi.push(hzToMidi(f0Hz[i]));
	}
	voicedMidi.sort((a, b) => a - b);
	let low = Infinity;
	let high = -Infinity;
	if (voicedMidi.length > 0) {
		const trim = Math.floor(voicedMidi.length * f0TrimFraction);
		low = voicedMidi[trim];
		high = voicedMidi[voicedMidi.length - 1 - trim];
	}
	for (const note of analysis.notes) {
		low = Math.min(low, note.midiPitch);
		high = Math.max(high, note.midiPitch);
	}
	if (!Number.isFinite(low) || !Number.isFinite(high)) {
		low = 57;
		high = 69;
	}
	low = Math.floor(low - paddingSemitones);
	high = Math.ceil(high + paddingSemitones);
	const missing = minSpanSemitones - (high - low);
	if (missing > 0) {
		low -= Math.floor(missing / 2);
		high += Math.ceil(missing / 2);
	}
	return { lowMidi: low, highMidi: high };
}

/** Vertical position, px from the top, of a MIDI pitch in a lane `heightPx` tall. */
export function pitchToY(midiPitch: number, range: PitchRange, heightPx: number): number {
	return ((range.highMidi - midiPitch) / (range.highMidi - range.lowMidi)) * heightPx;
}

const NATURAL_PITCH_CLASSES = new Set([0, 2, 4, 5, 7, 9, 11]);

/**
 * Whole semitones to label on an axis, at least `minGapPx` apart: every natural note when they
 * fit, else C-E-G, else C and G, else the Cs alone.
 */
export function axisPitches(range: PitchRange, heightPx: number, minGapPx = 14): number[] {
	const pxPerSemitone = heightPx / (range.highMidi - range.lowMidi);
	const choices: { gapSemitones: number; keeps: (pitchClass: number) => boolean }[] = [
		{ gapSemitones: 1, keeps: (pc) => NATURAL_PITCH_CLASSES.has(pc) },
		{ gapSemitones: 3, keeps: (pc) => pc === 0 || pc === 4 || pc === 7 },
		{ gapSemitones: 5, keeps: (pc) => pc === 0 || pc === 7 },
		{ gapSemitones: 12, keeps: (pc) => pc === 0 }
	];
	const choice = choices.find((c) => c.gapSemitones * pxPerSemitone >= minGapPx) ?? choices[choices.length - 1];
	const out: number[] = [];
	for (let m = Math.ceil(range.lowMidi); m <= Math.floor(range.highMidi); m++) {
		if (choice.keeps(((m % 12) + 12) % 12)) out.push(m);
	}
	return out;
}
