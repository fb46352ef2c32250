/**
 * The backing's sounds as data: for each patch name the arranger may write into a BackingTrack,
 * which Tone.js synth plays it and with which options. The renderer (backing-render.ts) turns a
 * patch into Tone.js nodes; nothing here touches audio, so the table can be read, listed in the
 * UI and tested anywhere.
 *
 * Waveforms are chosen so the browser's Web Audio and node-web-audio-api render them alike:
 * oscillators use partial-limited types ("sawtooth8", "fattriangle6"), whose PeriodicWave stays
 * below Nyquist at backing pitches, because full-band waveforms alias differently in each
 * implementation (Chromium band-limits its wavetables per pitch; node-web-audio-api does not).
 */
import type {
	AMSynthOptions,
	FMSynthOptions,
	MembraneSynthOptions,
	MetalSynthOptions,
	MonoSynthOptions,
	NoiseSynthOptions,
	SynthOptions
} from 'tone';
import { DRUM_KEYS, type BackingInstrument } from '../song/backing-types';

/** Every field optional, recursively: a patch states only what differs from Tone.js's defaults. */
export type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

/** A filter after the synth, shaping the patch's colour. */
export interface ShapingFilter {
	type: 'lowpass' | 'highpass' | 'bandpass';
	frequencyHz: number;
	/** Web Audio BiquadFilterNode Q: dB of resonance for lowpass/highpass, linear for bandpass. */
	q: number;
	/** -12: one biquad; -24: two in series. Default -12. */
	rolloffDbPerOctave?: -12 | -24;
}

/** The Tone.js monophonic synth each PolySynth voice is built from, with its options. */
export type MelodicVoice =
	| { synth: 'Synth'; options: DeepPartial<SynthOptions> }
	| { synth: 'FMSynth'; options: DeepPartial<FMSynthOptions> }
	| { synth: 'AMSynth'; options: DeepPartial<AMSynthOptions> }
	| { synth: 'MonoSynth'; options: DeepPartial<MonoSynthOptions> };

/** A pitched patch (keys, bass, pad), always a PolySynth so overlapping notes never cut each other. */
export interface MelodicPatch {
	kind: 'melodic';
	/** Track instruments the patch suits; on any other the renderer falls back to the default. */
	instruments: readonly BackingInstrument[];
	voice: MelodicVoice;
	/** Voices the PolySynth may hold at once. */
	maxPolyphony: number;
	/** Patch level, dB, balancing patches against each other before the track's own gain. */
	levelDb: number;
	/** Stereo position, -1 (left) … 1 (right). */
	pan: number;
	filter?: ShapingFilter;
	/** Seconds the sound goes on after a note's end (its release): the offline render's tail. */
	tailSeconds: number;
}

/** A drum layer's source: a pitched membrane, an FM "metal" tone, or filtered noise. */
export type DrumSource =
	| { synth: 'MembraneSynth'; options: DeepPartial<MembraneSynthOptions>; pitchHz: number }
	| { synth: 'MetalSynth'; options: DeepPartial<MetalSynthOptions>; pitchHz: number }
	| { synth: 'NoiseSynth'; options: DeepPartial<NoiseSynthOptions> };

/** One synth of a drum sound; a sound may stack several (a snare's body and its wires). */
export interface DrumLayer {
	source: DrumSource;
	/** Layer level, dB, at full velocity. */
	levelDb: number;
	/** Seconds from the hit to the layer's note-off (a one-shot's length is its envelope's). */
	holdSeconds: number;
	/** Seconds after the hit the layer starts (a clap's several bursts). Default 0. */
	offsetSeconds?: number;
	filter?: ShapingFilter;
}

export type DrumSoundName = keyof typeof DRUM_KEYS;
export const DRUM_SOUND_NAMES = Object.keys(DRUM_KEYS) as DrumSoundName[];

export interface DrumSound {
	layers: readonly DrumLayer[];
	/** Stereo position, -1 … 1. */
	pan: number;
	/** Sounds this one cuts off, as a closed hi-hat silences a ringing open one. */
	chokes?: readonly DrumSoundName[];
}

export interface DrumKitPatch {
	kind: 'drums';
	instruments: readonly BackingInstrument[];
	/** Kit level, dB, added to every layer's. */
	levelDb: number;
	sounds: Readonly<Record<DrumSoundName, DrumSound>>;
	/** Seconds the longest sound rings after its hit. */
	tailSeconds: number;
}

export type BackingPatch = MelodicPatch | DrumKitPatch;

const KEYS_AND_PADS: readonly BackingInstrument[] = ['chords', 'pad'];

/** Exponential decay to silence with no sustain: the envelope of a drum hit. */
const hit = (decay: number, release = 0.05) => ({ attack: 0.001, decay, sustain: 0, release });

export const BACKING_PATCHES: Readonly<Record<string, BackingPatch>> = {
	/** Mellow triangle keys, dark and quick to fade: the ballad default. */
	'soft-keys': {
		kind: 'melodic',
		instruments: KEYS_AND_PADS,
		voice: {
			synth: 'Synth',
			options: {
				oscillator: { type: 'triangle8' },
				envelope: { attack: 0.005, decay: 0.9, sustain: 0.25, release: 0.6 }
			}
		},
		maxPolyphony: 32,
		levelDb: -16,
		pan: -0.15,
		filter: { type: 'lowpass', frequencyHz: 2400, q: 0 },
		tailSeconds: 1
	},
	/** A brighter, harder attack: two-operator FM with the index falling after the strike. */
	'bright-keys': {
		kind: 'melodic',
		instruments: KEYS_AND_PADS,
		voice: {
			synth: 'FMSynth',
			options: {
				harmonicity: 2,
				modulationIndex: 4,
				oscillator: { type: 'sine' },
				modulation: { type: 'sine' },
				envelope: { attack: 0.003, decay: 0.6, sustain: 0.3, release: 0.5 },
				modulationEnvelope: { attack: 0.002, decay: 0.3, sustain: 0.25, release: 0.5 }
			}
		},
		maxPolyphony: 32,
		levelDb: -17,
		pan: -0.15,
		filter: { type: 'lowpass', frequencyHz: 6000, q: 0 },
		tailSeconds: 0.9
	},
	/** Electric piano: 1:1 FM whose bell-like attack decays into a near-sine tone (a tine's sound). */
	'ep-keys': {
		kind: 'melodic',
		instruments: KEYS_AND_PADS,
		voice: {
			synth: 'FMSynth',
			options: {
				harmonicity: 1,
				modulationIndex: 6,
				oscillator: { type: 'sine' },
				modulation: { type: 'sine' },
				envelope: { attack: 0.002, decay: 1.4, sustain: 0.35, release: 0.7 },
				modulationEnvelope: { attack: 0.002, decay: 0.5, sustain: 0.08, release: 0.6 }
			}
		},
		maxPolyphony: 32,
		levelDb: -17,
		pan: -0.15,
		filter: { type: 'lowpass', frequencyHz: 4500, q: 0 },
		tailSeconds: 1.1
	},
	/** Round bass: a triangle under a gently opening low-pass; the fundamental dominates. */
	'round-bass': {
		kind: 'melodic',
		instruments: ['bass'],
		voice: {
			synth: 'MonoSynth',
			options: {
				oscillator: { type: 'triangle8' },
				filter: { type: 'lowpass', Q: 0.5, rolloff: -24 },
				envelope: { attack: 0.006, decay: 0.4, sustain: 0.75, release: 0.12 },
				filterEnvelope: { attack: 0.006, decay: 0.25, sustain: 0.5, release: 0.2, baseFrequency: 180, octaves: 2 }
			}
		},
		maxPolyphony: 8,
		levelDb: -9,
		pan: 0,
		tailSeconds: 0.4
	},
	/** Synth bass: a sawtooth with a resonant filter snapping shut, for upbeat styles. */
	'synth-bass': {
		kind: 'melodic',
		instruments: ['bass'],
		voice: {
			synth: 'MonoSynth',
			options: {
				oscillator: { type: 'sawtooth16' },
				filter: { type: 'lowpass', Q: 2, rolloff: -24 },
				envelope: { attack: 0.003, decay: 0.3, sustain: 0.6, release: 0.08 },
				filterEnvelope: { attack: 0.003, decay: 0.18, sustain: 0.25, release: 0.1, baseFrequency: 110, octaves: 3.5 }
			}
		},
		maxPolyphony: 8,
		levelDb: -13,
		pan: 0,
		tailSeconds: 0.3
	},
	/** Warm pad: three detuned triangles per voice, slow in and out, behind a low-pass. */
	'warm-pad': {
		kind: 'melodic',
		instruments: KEYS_AND_PADS,
		voice: {
			synth: 'Synth',
			options: {
				oscillator: { type: 'fattriangle6', count: 3, spread: 18 },
				envelope: { attack: 0.45, decay: 0.5, sustain: 0.8, release: 1.4 }
			}
		},
		maxPolyphony: 32,
		levelDb: -22,
		pan: 0.2,
		filter: { type: 'lowpass', frequencyHz: 1500, q: 0 },
		tailSeconds: 2
	},
	/** A string-section pad for ballads: detuned band-limited saws, a slow bow-like attack, a darker filter. */
	'string-pad': {
		kind: 'melodic',
		instruments: KEYS_AND_PADS,
		voice: {
			synth: 'Synth',
			options: {
				oscillator: { type: 'fatsawtooth8', count: 3, spread: 14 },
				envelope: { attack: 0.6, decay: 0.4, sustain: 0.85, release: 1.6 }
			}
		},
		maxPolyphony: 32,
		levelDb: -26,
		pan: -0.15,
		filter: { type: 'lowpass', frequencyHz: 2200, q: 0.5 },
		tailSeconds: 2.2
	},
	/** An acoustic-like kit: membrane kick, noise-and-body snare, band-passed noise hats, an FM-and-noise crash. */
	'kit-acoustic': {
		kind: 'drums',
		instruments: ['drums'],
		levelDb: -6,
		tailSeconds: 1.8,
		sounds: {
			kick: {
				pan: 0,
				layers: [
					{
						source: { synth: 'MembraneSynth', pitchHz: 52, options: { pitchDecay: 0.04, octaves: 5, envelope: hit(0.35) } },
						levelDb: -2,
						holdSeconds: 0.35
					}
				]
			},
			snare: {
				pan: 0.05,
				layers: [
					{
						source: { synth: 'MembraneSynth', pitchHz: 185, options: { pitchDecay: 0.015, octaves: 1.5, envelope: hit(0.12) } },
						levelDb: -9,
						holdSeconds: 0.12
					},
					{
						source: { synth: 'NoiseSynth', options: { noise: { type: 'white' }, envelope: hit(0.18) } },
						levelDb: -12,
						holdSeconds: 0.18,
						filter: { type: 'highpass', frequencyHz: 1200, q: 0 }
					}
				]
			},
			clap: {
				pan: -0.05,
				// Three quick bursts then a short tail: hands that never clap quite together.
				layers: [0, 0.011, 0.023].map((offsetSeconds) => ({
					source: { synth: 'NoiseSynth' as const, options: { noise: { type: 'white' as const }, envelope: hit(offsetSeconds < 0.02 ? 0.02 : 0.16) } },
					levelDb: -12,
					holdSeconds: offsetSeconds < 0.02 ? 0.02 : 0.16,
					offsetSeconds,
					filter: { type: 'bandpass' as const, frequencyHz: 1100, q: 1.2 }
				}))
			},
			rim: {
				pan: 0.1,
				layers: [
					{
						source: { synth: 'MembraneSynth', pitchHz: 820, options: { pitchDecay: 0.004, octaves: 1, oscillator: { type: 'triangle' }, envelope: hit(0.04) } },
						levelDb: -14,
						holdSeconds: 0.04
					}
				]
			},
			closedHat: {
				pan: 0.25,
				chokes: ['openHat'],
				// Noise through a band-pass, not a MetalSynth: each MetalSynth hit builds ~24 new nodes,
				// and busy hats made offline rendering ~6× slower; the metal is kept for the crash.
				layers: [
					{
						source: { synth: 'NoiseSynth', options: { noise: { type: 'white' }, envelope: hit(0.045, 0.02) } },
						levelDb: -17,
						holdSeconds: 0.045,
						filter: { type: 'bandpass', frequencyHz: 8500, q: 1.4 }
					}
				]
			},
			openHat: {
				pan: 0.25,
				layers: [
					{
						source: { synth: 'NoiseSynth', options: { noise: { type: 'white' }, envelope: hit(0.35, 0.1) } },
						levelDb: -20,
						holdSeconds: 0.35,
						filter: { type: 'bandpass', frequencyHz: 8000, q: 1.1 }
					}
				]
			},
			crash: {
				pan: -0.3,
				layers: [
					{
						source: { synth: 'MetalSynth', pitchHz: 300, options: { harmonicity: 4.7, modulationIndex: 20, resonance: 3500, octaves: 1.2, envelope: hit(1.5, 0.2) } },
						levelDb: -27,
						holdSeconds: 1.5
					},
					{
						source: { synth: 'NoiseSynth', options: { noise: { type: 'white' }, envelope: hit(1.1, 0.2) } },
						levelDb: -26,
						holdSeconds: 1.1,
						filter: { type: 'highpass', frequencyHz: 5000, q: 0 }
					}
				]
			}
		}
	},
	/** A drum-machine kit: long pitched kick, noise snare and clap, noise hats. */
	'kit-electronic': {
		kind: 'drums',
		instruments: ['drums'],
		levelDb: -6,
		tailSeconds: 1.4,
		sounds: {
			kick: {
				pan: 0,
				layers: [
					{
						source: { synth: 'MembraneSynth', pitchHz: 46, options: { pitchDecay: 0.07, octaves: 6, envelope: hit(0.55, 0.1) } },
						levelDb: -2,
						holdSeconds: 0.55
					}
				]
			},
			snare: {
				pan: 0,
				layers: [
					{
						source: { synth: 'MembraneSynth', pitchHz: 210, options: { pitchDecay: 0.01, octaves: 1, envelope: hit(0.08) } },
						levelDb: -11,
						holdSeconds: 0.08
					},
					{
						source: { synth: 'NoiseSynth', options: { noise: { type: 'white' }, envelope: hit(0.22) } },
						levelDb: -11,
						holdSeconds: 0.22,
						filter: { type: 'bandpass', frequencyHz: 3000, q: 0.7 }
					}
				]
			},
			clap: {
				pan: 0,
				layers: [0, 0.01, 0.02, 0.031].map((offsetSeconds) => ({
					source: { synth: 'NoiseSynth' as const, options: { noise: { type: 'white' as const }, envelope: hit(offsetSeconds < 0.03 ? 0.015 : 0.2) } },
					levelDb: -11,
					holdSeconds: offsetSeconds < 0.03 ? 0.015 : 0.2,
					offsetSeconds,
					filter: { type: 'bandpass' as const, frequencyHz: 1200, q: 1.5 }
				}))
			},
			rim: {
				pan: 0.1,
				layers: [
					{
						source: { synth: 'MembraneSynth', pitchHz: 1000, options: { pitchDecay: 0.003, octaves: 0.5, oscillator: { type: 'square4' }, envelope: hit(0.03) } },
						levelDb: -18,
						holdSeconds: 0.03
					}
				]
			},
			closedHat: {
				pan: 0.2,
				chokes: ['openHat'],
				layers: [
					{
						source: { synth: 'NoiseSynth', options: { noise: { type: 'white' }, envelope: hit(0.04, 0.02) } },
						levelDb: -19,
						holdSeconds: 0.04,
						filter: { type: 'highpass', frequencyHz: 7000, q: 0 }
					}
				]
			},
			openHat: {
				pan: 0.2,
				layers: [
					{
						source: { synth: 'NoiseSynth', options: { noise: { type: 'white' }, envelope: hit(0.32, 0.08) } },
						levelDb: -21,
						holdSeconds: 0.32,
						filter: { type: 'highpass', frequencyHz: 6000, q: 0 }
					}
				]
			},
			crash: {
				pan: -0.25,
				layers: [
					{
						source: { synth: 'NoiseSynth', options: { noise: { type: 'white' }, envelope: hit(1.2, 0.2) } },
						levelDb: -22,
						holdSeconds: 1.2,
						filter: { type: 'highpass', frequencyHz: 4000, q: 0 }
					}
				]
			}
		}
	},
	/** A dusty kit: soft kick, pink-noise snare and hats behind low-passes, as if sampled from tape. */
	'kit-lofi': {
		kind: 'drums',
		instruments: ['drums'],
		levelDb: -6,
		tailSeconds: 1,
		sounds: {
			kick: {
				pan: 0,
				layers: [
					{
						source: { synth: 'MembraneSynth', pitchHz: 55, options: { pitchDecay: 0.03, octaves: 3.5, envelope: hit(0.3) } },
						levelDb: -3,
						holdSeconds: 0.3,
						filter: { type: 'lowpass', frequencyHz: 1800, q: 0 }
					}
				]
			},
			snare: {
				pan: 0,
				layers: [
					{
						source: { synth: 'MembraneSynth', pitchHz: 170, options: { pitchDecay: 0.02, octaves: 1, envelope: hit(0.1) } },
						levelDb: -12,
						holdSeconds: 0.1
					},
					{
						source: { synth: 'NoiseSynth', options: { noise: { type: 'pink' }, envelope: hit(0.16) } },
						levelDb: -8,
						holdSeconds: 0.16,
						filter: { type: 'lowpass', frequencyHz: 4000, q: 0 }
					}
				]
			},
			clap: {
				pan: 0,
				layers: [0, 0.012, 0.025].map((offsetSeconds) => ({
					source: { synth: 'NoiseSynth' as const, options: { noise: { type: 'pink' as const }, envelope: hit(offsetSeconds < 0.02 ? 0.02 : 0.14) } },
					levelDb: -9,
					holdSeconds: offsetSeconds < 0.02 ? 0.02 : 0.14,
					offsetSeconds,
					filter: { type: 'bandpass' as const, frequencyHz: 1000, q: 1 }
				}))
			},
			rim: {
				pan: 0.1,
				layers: [
					{
						source: { synth: 'MembraneSynth', pitchHz: 700, options: { pitchDecay: 0.004, octaves: 1, oscillator: { type: 'triangle' }, envelope: hit(0.045) } },
						levelDb: -15,
						holdSeconds: 0.045,
						filter: { type: 'lowpass', frequencyHz: 3500, q: 0 }
					}
				]
			},
			closedHat: {
				pan: 0.2,
				chokes: ['openHat'],
				layers: [
					{
						source: { synth: 'NoiseSynth', options: { noise: { type: 'pink' }, envelope: hit(0.05, 0.02) } },
						levelDb: -16,
						holdSeconds: 0.05,
						filter: { type: 'bandpass', frequencyHz: 6000, q: 0.8 }
					}
				]
			},
			openHat: {
				pan: 0.2,
				layers: [
					{
						source: { synth: 'NoiseSynth', options: { noise: { type: 'pink' }, envelope: hit(0.28, 0.08) } },
						levelDb: -18,
						holdSeconds: 0.28,
						filter: { type: 'bandpass', frequencyHz: 5500, q: 0.8 }
					}
				]
			},
			crash: {
				pan: -0.25,
				layers: [
					{
						source: { synth: 'NoiseSynth', options: { noise: { type: 'pink' }, envelope: hit(0.9, 0.15) } },
						levelDb: -19,
						holdSeconds: 0.9,
						filter: { type: 'bandpass', frequencyHz: 5000, q: 0.5 }
					}
				]
			}
		}
	}
};

/** The patch each instrument falls back to when a track names one the table lacks (or one for another instrument). */
export const DEFAULT_PATCH_BY_INSTRUMENT: Readonly<Record<BackingInstrument, string>> = {
	chords: 'soft-keys',
	bass: 'round-bass',
	pad: 'warm-pad',
	drums: 'kit-acoustic'
};

export interface ResolvedPatch {
	/** The name actually used. */
	name: string;
	patch: BackingPatch;
	/** True when the requested name was unknown or unsuited to the instrument. */
	isFallback: boolean;
}

/** The patch a track plays: the named one if it exists and suits the instrument, else the instrument's default. */
export function resolvePatch(instrument: BackingInstrument, name: string): ResolvedPatch {
	const named = Object.hasOwn(BACKING_PATCHES, name) ? BACKING_PATCHES[name] : undefined;
	if (named && named.instruments.includes(instrument)) return { name, patch: named, isFallback: false };
	const fallback = DEFAULT_PATCH_BY_INSTRUMENT[instrument];
	return { name: fallback, patch: BACKING_PATCHES[fallback], isFallback: true };
}

/**
 * General MIDI percussion keys beside DRUM_KEYS that mean the same sound to a listener (bass drum 1,
 * electric snare, pedal hi-hat, crash 2), so a score written with them still plays.
 */
const DRUM_KEY_ALIASES: Readonly<Record<number, DrumSoundName>> = { 35: 'kick', 40: 'snare', 44: 'closedHat', 57: 'crash' };

/** The kit sound a drum event's MIDI key plays, or null for a key no kit has. */
export function drumSoundForKey(midiPitch: number): DrumSoundName | null {
	for (const name of DRUM_SOUND_NAMES) if (DRUM_KEYS[name] === midiPitch) return name;
	return DRUM_KEY_ALIASES[midiPitch] ?? null;
}
