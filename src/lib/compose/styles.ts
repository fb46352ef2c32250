/**
 * Arrangement presets, one per style: tempo range, swing, and for each backing instrument its
 * synth patch, level and one-bar patterns (see groove.ts for the notation). Patterns are written
 * for 4/4; triple and compound metres (3/4, 6/8) use the shared TRIPLE_METRE patterns, other
 * metres cut or repeat the 4/4 bar.
 *
 * Drum lines per voice (DRUM_KEYS names): X accent, x normal, o soft, g ghost.
 * Bass: R root, 5 fifth, 8 octave, A approach (a scale step into the next chord's root).
 * Keys: X/x/o a block chord at that strength; 1–4 one voicing note from the bottom (arpeggio).
 */
import type { DRUM_KEYS } from '../song/backing-types';
import type { SectionKind, StyleName } from '../song/types';
import type { Swing } from './groove';

/** Every patch a preset names; the renderer's patch table must have each. */
export const PATCH_NAMES = [
	'kit-acoustic',
	'kit-electronic',
	'kit-lofi',
	'round-bass',
	'synth-bass',
	'soft-keys',
	'bright-keys',
	'ep-keys',
	'warm-pad',
	'string-pad'
] as const;
export type PatchName = (typeof PATCH_NAMES)[number];

export type DrumVoice = keyof typeof DRUM_KEYS;
/** One bar of drums: a line per voice. */
export type DrumBar = Partial<Record<DrumVoice, string>>;

/** Pattern choice per section: 'light' for verses, 'full' for choruses. */
export type Energy = 'light' | 'full';

export interface DrumPreset {
	patch: PatchName;
	gainDb: number;
	/** Velocity of an accented ("X") hit at full section intensity, 0–1. */
	velocity: number;
	light: DrumBar;
	full: DrumBar;
	/** Replaces the groove now and then (every fourth bar of a section, by the seed). */
	variation: DrumBar;
	/** Steps from the middle of the bar on are played at a section's last bar, leading into the next. */
	fill: DrumBar;
}

export interface LinePreset {
	patch: PatchName;
	gainDb: number;
	velocity: number;
	light: string;
	full: string;
}

export interface KeysPreset extends LinePreset {
	/** Voicing centre and range, MIDI. */
	centreMidi: number;
	lowMidi: number;
	highMidi: number;
	/** Notes of a block chord start this far apart, bottom up (a soft roll), seconds. */
	strumSeconds: number;
	/** Arpeggio notes ring to the end of their chord, as with the sustain pedal down. */
	pedal: boolean;
	/** Sound every chord at its start even where the pattern rests (false keeps an oom-pah off the downbeat). */
	hitAtEveryChord: boolean;
}

export interface PadPreset {
	patch: PatchName;
	gainDb: number;
	velocity: number;
	centreMidi: number;
	lowMidi: number;
	highMidi: number;
}

export interface ArrangementStyle {
	name: StyleName;
	/** Tempi the style sounds right at, BPM. */
	tempoRangeBpm: readonly [min: number, max: number];
	swing: Swing;
	drums: DrumPreset;
	bass: LinePreset;
	chords: KeysPreset;
	pad: PadPreset;
}

/** How each kind of section is played: which patterns and how loud (a velocity factor). */
export const SECTION_ENERGY: Readonly<Record<SectionKind, { energy: Energy; intensity: number }>> = {
	intro: { energy: 'light', intensity: 0.75 },
	verse: { energy: 'light', intensity: 0.85 },
	'pre-chorus': { energy: 'light', intensity: 0.95 },
	chorus: { energy: 'full', intensity: 1 },
	bridge: { energy: 'full', intensity: 0.9 },
	outro: { energy: 'light', intensity: 0.85 }
};

/** E1–E3, MIDI: the bass stays in the lower two octaves of a four-string bass. */
export const BASS_LOW_MIDI = 28;
export const BASS_HIGH_MIDI = 52;

export const ARRANGEMENT_STYLES: Readonly<Record<StyleName, ArrangementStyle>> = {
	'pop-ballad': {
		name: 'pop-ballad',
		tempoRangeBpm: [60, 84],
		swing: { ratio: 0.5, unitSteps: 1 },
		drums: {
			patch: 'kit-acoustic',
			gainDb: -8,
			velocity: 0.8,
			light: { kick: 'X.....x.x.......', rim: '....x.......x...', closedHat: 'o.g.o.g.o.g.o.g.' },
			full: { kick: 'X.....x.x.....x.', snare: '....X.......X...', closedHat: 'x.o.x.o.x.o.x.o.' },
			variation: { kick: 'X.....x.x...x...', snare: '....X.......X..g', closedHat: 'x.o.x.o.x.o.x.oo' },
			fill: { kick: '........x.....x.', snare: '........o.o.x.xX', closedHat: '........x.......' }
		},
		bass: { patch: 'round-bass', gainDb: -9, velocity: 0.75, light: 'R-------R-----A-', full: 'R-----R-5-----A-' },
		chords: {
			patch: 'soft-keys',
			gainDb: -10,
			velocity: 0.6,
			light: 'x-------o-------',
			full: 'x-----o-x-----o-',
			centreMidi: 62,
			lowMidi: 52,
			highMidi: 74,
			strumSeconds: 0.012,
			pedal: false,
			hitAtEveryChord: true
		},
		pad: { patch: 'warm-pad', gainDb: -16, velocity: 0.5, centreMidi: 71, lowMidi: 62, highMidi: 84 }
	},
	'upbeat-pop': {
		name: 'upbeat-pop',
		tempoRangeBpm: [104, 132],
		swing: { ratio: 0.5, unitSteps: 1 },
		drums: {
			patch: 'kit-electronic',
			gainDb: -6,
			velocity: 0.9,
			light: { kick: 'X...x...X...x...', clap: '....X.......X...', closedHat: '..x...x...x...x.' },
			full: { kick: 'X...x...X...x...', snare: '....X.......X...', clap: '....x.......x...', closedHat: 'xoxoxoxoxoxoxo.o', openHat: '..............x.' },
			variation: { kick: 'X...x...X..xx...', snare: '....X.......X...', clap: '....x.......x..o', closedHat: 'xoxoxoxoxoxoxoxo' },
			fill: { kick: '........x...x...', snare: '........xoxoxxXX', closedHat: '........x.x.....' }
		},
		bass: { patch: 'synth-bass', gainDb: -8, velocity: 0.8, light: 'R-.R-.R-R-.R-.A-', full: 'R-R-8-R-R-R-5-A-' },
		chords: {
			patch: 'bright-keys',
			gainDb: -11,
			velocity: 0.6,
			light: 'x..x..x...x.x...',
			full: 'X.x..xx...x.x.x.',
			centreMidi: 64,
			lowMidi: 54,
			highMidi: 76,
			strumSeconds: 0,
			pedal: false,
			hitAtEveryChord: true
		},
		pad: { patch: 'warm-pad', gainDb: -18, velocity: 0.45, centreMidi: 72, lowMidi: 62, highMidi: 86 }
	},
	'lo-fi': {
		name: 'lo-fi',
		tempoRangeBpm: [68, 92],
		// Sixteenths pushed late, as on an MPC at ~58 % swing.
		swing: { ratio: 0.58, unitSteps: 1 },
		drums: {
			patch: 'kit-lofi',
			gainDb: -7,
			velocity: 0.8,
			light: { kick: 'X......x..x.....', snare: '....o.......o...', closedHat: 'x.ogx.o.x.ogx.o.' },
			full: { kick: 'X......x.xx.....', snare: '....X.......X...', closedHat: 'x.oxx.o.x.oxx.og' },
			variation: { kick: 'X......x..x...x.', snare: '....X.......X.g.', closedHat: 'x.oxx.o.x.oxx.o.' },
			fill: { kick: '........x..x.x..', snare: '........o...x.gx', closedHat: '........x.o.....' }
		},
		bass: { patch: 'round-bass', gainDb: -9, velocity: 0.7, light: 'R------R--5---A-', full: 'R------R-R5---A-' },
		chords: {
			patch: 'ep-keys',
			gainDb: -10,
			velocity: 0.55,
			// Pushes on odd sixteenths, so the swing is heard in the comping too.
			light: 'x------x-----o--',
			full: 'x-----x--x--x-o-',
			centreMidi: 62,
			lowMidi: 52,
			highMidi: 74,
			strumSeconds: 0.02,
			pedal: false,
			hitAtEveryChord: true
		},
		pad: { patch: 'warm-pad', gainDb: -18, velocity: 0.4, centreMidi: 70, lowMidi: 60, highMidi: 84 }
	},
	'cantopop-ballad': {
		name: 'cantopop-ballad',
		tempoRangeBpm: [62, 84],
		swing: { ratio: 0.5, unitSteps: 1 },
		drums: {
			patch: 'kit-acoustic',
			gainDb: -9,
			velocity: 0.75,
			light: { kick: 'X.......x.......', rim: '....o.......o...', closedHat: 'o.g.o.g.o.g.o.g.' },
			full: { kick: 'X.....x.x.......', snare: '....X.......X...', closedHat: 'x.o.x.o.x.o.x.o.' },
			variation: { kick: 'X.....x.x.....x.', snare: '....X.......X...', closedHat: 'x.o.x.o.x.o.x.oo' },
			fill: { kick: '........x.....x.', snare: '........o.x.o.xX', closedHat: '........x.......' }
		},
		bass: { patch: 'round-bass', gainDb: -10, velocity: 0.7, light: 'R-------R-------', full: 'R-----R-R-----A-' },
		chords: {
			// Piano arpeggios under the pedal in verses, block chords pushing the chorus.
			patch: 'soft-keys',
			gainDb: -9,
			velocity: 0.55,
			light: '1-3-2-4-1-3-2-4-',
			full: 'x-3-2-4-x-3-2-4-',
			centreMidi: 62,
			lowMidi: 50,
			highMidi: 74,
			strumSeconds: 0.015,
			pedal: true,
			hitAtEveryChord: true
		},
		pad: { patch: 'string-pad', gainDb: -14, velocity: 0.5, centreMidi: 72, lowMidi: 62, highMidi: 86 }
	},
	'childrens-song': {
		name: 'childrens-song',
		tempoRangeBpm: [92, 124],
		swing: { ratio: 0.5, unitSteps: 1 },
		drums: {
			patch: 'kit-acoustic',
			gainDb: -9,
			velocity: 0.75,
			light: { kick: 'X.......x.......', snare: '....x.......x...', closedHat: 'x...x...x...x...' },
			full: { kick: 'X.......x.......', snare: '....x.......x...', clap: '....o.......o...', closedHat: 'x.o.x.o.x.o.x.o.' },
			variation: { kick: 'X.......x...x...', snare: '....x.......x...', closedHat: 'x.o.x.o.x.o.x.x.' },
			fill: { kick: '........x...x...', snare: '........x.x.x.X.', closedHat: '................' }
		},
		bass: { patch: 'round-bass', gainDb: -9, velocity: 0.75, light: 'R-------5-------', full: 'R---5---R---5---' },
		chords: {
			// Oom-pah: the bass takes the beat, the chord answers on the off-beats.
			patch: 'bright-keys',
			gainDb: -11,
			velocity: 0.55,
			light: '....x-......x-..',
			full: '....x-..x-..x-..',
			centreMidi: 65,
			lowMidi: 55,
			highMidi: 77,
			strumSeconds: 0,
			pedal: false,
			hitAtEveryChord: false
		},
		pad: { patch: 'warm-pad', gainDb: -20, velocity: 0.35, centreMidi: 72, lowMidi: 62, highMidi: 86 }
	}
};

/**
 * Patterns for bars of three beats (3/4: beats of four steps; 6/8: two dotted-quarter pulses of six
 * steps), shared by all styles, which keep their kits, patches and levels.
 */
export const TRIPLE_METRE: Readonly<Record<'3/4' | '6/8', { light: DrumBar; full: DrumBar; variation: DrumBar; fill: DrumBar; bass: { light: string; full: string }; chords: { light: string; full: string } }>> = {
	'3/4': {
		light: { kick: 'X...........', rim: '....o...o...', closedHat: 'x...o...o...' },
		full: { kick: 'X.........x.', snare: '....x...x...', closedHat: 'x.o.x.o.x.o.' },
		variation: { kick: 'X.....x.....', snare: '....x...x..g', closedHat: 'x.o.x.o.x.o.' },
		fill: { kick: '......x.....', snare: '......o.x.xX' },
		bass: { light: 'R-----------', full: 'R-------5---' },
		chords: { light: 'x---o---o---', full: 'x---x---x---' }
	},
	'6/8': {
		light: { kick: 'X...........', rim: '......o.....', closedHat: 'x.o.o.x.o.o.' },
		full: { kick: 'X.....x.....', snare: '......X.....', closedHat: 'x.o.o.x.o.o.' },
		variation: { kick: 'X...x.x.....', snare: '......X...g.', closedHat: 'x.o.o.x.o.o.' },
		fill: { kick: '......x.....', snare: '......o.x.xX' },
		bass: { light: 'R-----------', full: 'R-----5-----' },
		chords: { light: 'x-----o-----', full: 'x-o-o-x-o-o-' }
	}
};

/**
 * A tempo for the style from a hummed tempo: halved or doubled (the same pulse felt at another
 * level) until it falls in or nearest to the style's range.
 */
export function styleTempoBpm(hummedBpm: number, style: StyleName): number {
	if (!(hummedBpm > 0 && hummedBpm < 1000)) throw new RangeError(`hummedBpm ${hummedBpm} is outside (0, 1000)`);
	const [min, max] = ARRANGEMENT_STYLES[style].tempoRangeBpm;
	const candidates = [hummedBpm / 4, hummedBpm / 2, hummedBpm, hummedBpm * 2, hummedBpm * 4];
	const distance = (t: number): number => (t < min ? min / t : t > max ? t / max : 1);
	const best = candidates.reduce((a, b) => (distance(b) < distance(a) ? b : a));
	return Math.min(max, Math.max(min, best));
}
