import { describe, expect, it } from 'vitest';
import { chordSymbol, noteNameInKey, pitchClassName, tonicName, wholeBpm } from '../../../src/lib/song/spelling';
import type { SongKey } from '../../../src/lib/song/types';

const major = (tonicPitchClass: number): SongKey => ({ tonicPitchClass, mode: 'major' });
const minor = (tonicPitchClass: number): SongKey => ({ tonicPitchClass, mode: 'minor' });

describe('key and note spelling', () => {
	it('names tonics with their conventional spelling', () => {
		expect(tonicName(major(8))).toBe('A♭');
		expect(tonicName(major(1))).toBe('D♭');
		expect(tonicName(major(10))).toBe('B♭');
		expect(tonicName(minor(8))).toBe('G♯');
		expect(tonicName(minor(1))).toBe('C♯');
		expect(tonicName(minor(3))).toBe('E♭');
	});

	it('spells every scale note on its own letter', () => {
		const scale = (key: SongKey, steps: number[]) => steps.map((s) => pitchClassName(key.tonicPitchClass + s, key));
		expect(scale(major(2), [0, 2, 4, 5, 7, 9, 11])).toEqual(['D', 'E', 'F♯', 'G', 'A', 'B', 'C♯']);
		expect(scale(major(1), [0, 2, 4, 5, 7, 9, 11])).toEqual(['D♭', 'E♭', 'F', 'G♭', 'A♭', 'B♭', 'C']);
		expect(scale(major(8), [0, 2, 4, 5, 7, 9, 11])).toEqual(['A♭', 'B♭', 'C', 'D♭', 'E♭', 'F', 'G']);
		expect(scale(major(6), [0, 2, 4, 5, 7, 9, 11])).toEqual(['F♯', 'G♯', 'A♯', 'B', 'C♯', 'D♯', 'E♯']);
		expect(scale(minor(5), [0, 2, 3, 5, 7, 8, 10])).toEqual(['F', 'G', 'A♭', 'B♭', 'C', 'D♭', 'E♭']);
	});

	it('spells the raised sixth and seventh of a minor key on the scale letters, other chromatic notes with the key’s accidental', () => {
		expect(pitchClassName(1, minor(2))).toBe('C♯');
		expect(pitchClassName(11, minor(2))).toBe('B');
		expect(pitchClassName(7, minor(9))).toBe('G');
		expect(pitchClassName(8, minor(9))).toBe('G♯');
		expect(pitchClassName(3, major(2))).toBe('D♯');
		expect(pitchClassName(3, major(5))).toBe('E♭');
		expect(pitchClassName(10, major(0))).toBe('A♯');
	});

	it('names notes with octaves in the key (F♯4 in D major, G♭4 in D♭ major, B♯ keeps its letter’s octave)', () => {
		expect(noteNameInKey(66, major(2))).toBe('F♯4');
		expect(noteNameInKey(66, major(1))).toBe('G♭4');
		expect(noteNameInKey(60, minor(1))).toBe('B♯3');
		expect(noteNameInKey(65, major(6))).toBe('E♯4');
		expect(noteNameInKey(71, major(6))).toBe('B4');
		expect(noteNameInKey(60, major(0))).toBe('C4');
	});

	it('writes chord symbols in the key and whole BPM', () => {
		expect(chordSymbol({ rootPitchClass: 3, quality: 'dominant7' }, major(8))).toBe('E♭7');
		expect(chordSymbol({ rootPitchClass: 5, quality: 'minor' }, major(8))).toBe('Fm');
		expect(chordSymbol({ rootPitchClass: 6, quality: 'major' }, major(2))).toBe('F♯');
		expect(wholeBpm(118.74796307536539)).toBe(119);
		expect(wholeBpm(120)).toBe(120);
	});
});
