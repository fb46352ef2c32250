/**
 * What each arrangement style asks of the harmony: which chords it uses (with prior weights),
 * which progressions it favours, how often chords change. The harmoniser turns these into the
 * transition log-probabilities of its hidden Markov model (harmony-transitions.ts); MySong
 * (Simon, Morris & Basu 2008) learned such a matrix from a song database and blended two of them
 * with a "jazz factor" slider: here one hand-written table per style plays that part.
 *
 * Numerals are read by numeralToChord (chords.ts). Loops are written in function keys (numerals
 * without 7th/sus colour), so "ii V I" also favours "ii7 V7 Imaj7".
 */
import type { StyleName } from '../song/types';

export interface HarmonyStyle {
	/** Chord changes per bar the style is written with (1 or 2). */
	chordsPerBar: 1 | 2;
	/** Probability that a chord is kept across a chord slot (harmonic rhythm slower than chordsPerBar). */
	holdProbability: number;
	/** Chords the style may use and their prior weights (relative, per mode). */
	vocabulary: { major: Record<string, number>; minor: Record<string, number> };
	/**
	 * Favoured progressions and their weights. Each consecutive pair, cyclically, multiplies the
	 * transition weight by (1 + weight); pairs in several loops add up.
	 */
	loops: { major: Array<[progression: string[], weight: number]>; minor: Array<[progression: string[], weight: number]> };
}

/** Minor-key progressions common to pop styles: the "axis" i–VI–III–VII, plagal-dominant i–iv–V, VI–VII–i, the Andalusian cadence. */
const POP_MINOR_LOOPS: Array<[string[], number]> = [
	[['i', 'VI', 'III', 'VII'], 2],
	[['i', 'iv', 'V', 'i'], 1.5],
	[['VI', 'VII', 'i'], 1.5],
	[['i', 'VII', 'VI', 'V'], 1]
];

export const HARMONY_STYLES: Readonly<Record<StyleName, HarmonyStyle>> = {
	// I–V–vi–IV and its rotations carry most of the weight, as in mainstream pop.
	'upbeat-pop': {
		chordsPerBar: 1,
		holdProbability: 0.15,
		vocabulary: {
			major: { I: 1, ii: 0.5, iii: 0.3, IV: 1, V: 1, vi: 1, V7: 0.25, Vsus4: 0.1, 'vii°': 0.03, '♭VII': 0.1 },
			minor: { i: 1, 'ii°': 0.1, III: 0.8, iv: 0.8, v: 0.4, V: 0.6, V7: 0.3, VI: 1, VII: 0.8 }
		},
		loops: {
			major: [
				[['I', 'V', 'vi', 'IV'], 3],
				[['vi', 'IV', 'I', 'V'], 2],
				[['I', 'vi', 'IV', 'V'], 1.5],
				[['I', 'IV', 'vi', 'V'], 1]
			],
			minor: POP_MINOR_LOOPS
		}
	},
	// Ballads lean on ii, vi and IV: the "Canon" descent, I–vi–IV–V, the royal road IV–V–iii–vi.
	'pop-ballad': {
		chordsPerBar: 1,
		holdProbability: 0.15,
		vocabulary: {
			major: { I: 1, ii: 0.8, iii: 0.5, IV: 1, V: 0.9, vi: 1, V7: 0.4, Vsus4: 0.3, ii7: 0.2, vi7: 0.2, IVmaj7: 0.2, iv: 0.08, 'vii°': 0.05 },
			minor: { i: 1, 'ii°': 0.2, III: 0.8, iv: 1, v: 0.3, V: 0.8, V7: 0.5, VI: 1, VII: 0.7 }
		},
		loops: {
			major: [
				[['I', 'V', 'vi', 'iii', 'IV', 'I', 'IV', 'V'], 2],
				[['I', 'vi', 'IV', 'V'], 2],
				[['I', 'vi', 'ii', 'V'], 1.5],
				[['IV', 'V', 'iii', 'vi'], 1],
				[['vi', 'ii', 'V', 'I'], 1]
			],
			minor: POP_MINOR_LOOPS
		}
	},
	// Jazz-derived: seventh chords throughout and ii–V–I motion (Imaj7–vi7–ii7–V7, IVmaj7–iii7–vi7).
	'lo-fi': {
		chordsPerBar: 1,
		holdProbability: 0.15,
		vocabulary: {
			major: { Imaj7: 1, ii7: 1, iii7: 0.6, IVmaj7: 1, V7: 0.8, vi7: 0.9, I: 0.25, IV: 0.25, vi: 0.2, V: 0.15, Vsus4: 0.15, iv7: 0.15 },
			minor: { i7: 1, i: 0.3, 'ii°': 0.3, IIImaj7: 0.7, iv7: 1, iv: 0.3, v7: 0.6, V7: 0.5, VImaj7: 1, VII: 0.6 }
		},
		loops: {
			major: [
				[['ii', 'V', 'I'], 3],
				[['I', 'vi', 'ii', 'V'], 2],
				[['IV', 'iii', 'vi'], 1.5],
				[['IV', 'iii', 'ii', 'I'], 1.5]
			],
			minor: [
				[['ii°', 'V', 'i'], 2],
				[['i', 'iv', 'v'], 2],
				[['VI', 'v', 'i'], 1.5],
				[['i', 'VI', 'III', 'VII'], 1]
			]
		}
	},
	// Two chords a bar; IV–V–iii–vi (and IV–V–III–vi, III as V/vi) and the Canon, borrowed chords kept rare.
	'cantopop-ballad': {
		chordsPerBar: 2,
		holdProbability: 0.12,
		vocabulary: {
			major: {
				I: 1, ii: 0.6, iii: 0.7, IV: 1, V: 1, vi: 1, V7: 0.5, Vsus4: 0.4, IVmaj7: 0.5, vi7: 0.4, iii7: 0.2, ii7: 0.3,
				III: 0.12, iv: 0.08, '♭VII': 0.08
			},
			minor: { i: 1, 'ii°': 0.2, III: 0.8, iv: 0.9, V: 0.8, V7: 0.5, Vsus4: 0.3, VI: 1, VImaj7: 0.3, VII: 0.8 }
		},
		loops: {
			major: [
				[['IV', 'V', 'iii', 'vi'], 6],
				[['I', 'V', 'vi', 'iii', 'IV', 'I', 'IV', 'V'], 2],
				[['IV', 'V', 'III', 'vi'], 1],
				[['ii', 'V', 'I'], 1],
				[['vi', 'IV', 'V', 'I'], 1]
			],
			minor: POP_MINOR_LOOPS
		}
	},
	// Mostly I, IV and V, changing slowly.
	'childrens-song': {
		chordsPerBar: 1,
		holdProbability: 0.3,
		vocabulary: {
			major: { I: 1.2, IV: 0.9, V: 1, V7: 0.6, ii: 0.15, vi: 0.2, iii: 0.04 },
			minor: { i: 1.2, iv: 0.8, V: 1, V7: 0.6, VI: 0.3, III: 0.2, VII: 0.2 }
		},
		loops: {
			major: [
				[['I', 'IV', 'V', 'I'], 3],
				[['I', 'V', 'I'], 2],
				[['I', 'IV', 'I', 'V'], 2]
			],
			minor: [
				[['i', 'iv', 'V', 'i'], 3],
				[['i', 'V', 'i'], 2]
			]
		}
	}
};
