/**
 * A backing track described as data: timed note events per instrument, each instrument played by
 * a named synth patch. The arranger (src/lib/compose) writes it from a song's chords and style; the
 * renderer (Tone.js, in the browser live and in the worker offline) plays it, so both hear the same.
 */
import type { StyleName } from './types';

export type BackingInstrument = 'drums' | 'bass' | 'chords' | 'pad';
export const BACKING_INSTRUMENTS: readonly BackingInstrument[] = ['drums', 'bass', 'chords', 'pad'];

/** General MIDI percussion keys the drum patches play. */
export const DRUM_KEYS = { kick: 36, rim: 37, snare: 38, clap: 39, closedHat: 42, openHat: 46, crash: 49 } as const;

export interface BackingEvent {
	timeSeconds: number;
	durationSeconds: number;
	/** MIDI pitch; for drums a DRUM_KEYS value. */
	midiPitch: number;
	/** 0–1. */
	velocity: number;
}

export interface BackingTrack {
	instrument: BackingInstrument;
	/** A patch name from the renderer's patch table (e.g. "soft-keys", "round-bass"). */
	patch: string;
	/** Track level before the mix, dB. */
	gainDb: number;
	events: BackingEvent[];
}

export interface BackingScore {
	style: StyleName;
	tempoBpm: number;
	durationSeconds: number;
	tracks: BackingTrack[];
}
