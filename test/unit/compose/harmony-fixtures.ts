/**
 * Melodies with known chords for the harmony and arrangement tests: a generator that writes a
 * melody over a given progression (chord tones on the strong beats, chord or neighbouring scale
 * tones between), so the right answer is known.
 */
import { chordPitchClasses, mod12, numeralToChord, type KeyedChord } from '../../../src/lib/compose/chords';
import { seededRandom } from '../../../src/lib/compose/arrangement-random';
import { PPQ, type SongKey, type SongNote } from '../../../src/lib/song/types';

export const BAR_TICKS_44 = 4 * PPQ;

export function note(startTicks: number, durationTicks: number, midiPitch: number): SongNote {
	return { startTicks, durationTicks, midiPitch, syllable: null, phrase: 0 };
}

/** Quarter notes from bar 0, one pitch per beat, in 4/4. */
export function quarters(pitches: readonly number[]): SongNote[] {
	return pitches.map((p, i) => note(i * PPQ, PPQ, p));
}

/** The pitch nearest `near` with pitch class `pc`. */
function nearestWithPitchClass(pc: number, near: number): number {
	const up = near + mod12(pc - near);
	return up - near > 6 ? up - 12 : up;
}

export interface GeneratedMelody {
	key: SongKey;
	progression: KeyedChord[];
	melody: SongNote[];
}

/**
 * A melody of `bars` bars of 4/4 over a random diatonic progression that starts on I and ends V–I:
 * beats 1 and 3 are chord tones, beats 2 and 4 a chord tone or a scale step from the last note.
 */
export function generatedMelody(seed: number, bars = 8, mode: 'major' | 'minor' = 'major'): GeneratedMelody {
	const random = seededRandom(seed);
	const key: SongKey = { tonicPitchClass: Math.floor(random() * 12), mode };
	const pool = mode === 'major' ? ['I', 'ii', 'iii', 'IV', 'V', 'vi'] : ['i', 'iv', 'V', 'VI', 'III', 'VII'];
	const numerals = [mode === 'major' ? 'I' : 'i'];
	while (numerals.length < bars - 2) {
		let next = pool[Math.floor(random() * pool.length)];
		if (next === numerals.at(-1)) next = pool[(pool.indexOf(next) + 1) % pool.length];
		numerals.push(next);
	}
	numerals.push('V', mode === 'major' ? 'I' : 'i');
	const progression = numerals.map((n) => numeralToChord(key, n));
	const scale = (mode === 'major' ? [0, 2, 4, 5, 7, 9, 11] : [0, 2, 3, 5, 7, 8, 10]).map((s) => mod12(key.tonicPitchClass + s));
	const melody: SongNote[] = [];
	let pitch = 64;
	progression.forEach((chord, bar) => {
		const tones = chordPitchClasses(chord.rootPitchClass, chord.quality);
		for (let beat = 0; beat < 4; beat++) {
			const strong = beat % 2 === 0;
			if (strong || random() < 0.5) pitch = nearestWithPitchClass(tones[Math.floor(random() * tones.length)], pitch);
			else {
				// A passing step: the scale tone above or below the last note.
				const index = scale.indexOf(mod12(pitch));
				const step = random() < 0.5 ? 1 : -1;
				const pc = index >= 0 ? scale[(index + step + 7) % 7] : tones[0];
				pitch = nearestWithPitchClass(pc, pitch + step);
			}
			if (pitch > 76) pitch -= 12;
			if (pitch < 55) pitch += 12;
			melody.push(note(bar * BAR_TICKS_44 + beat * PPQ, PPQ, pitch));
		}
	});
	return { key, progression, melody };
}
