/** Cantonese tone classes (0243) and the direction agreement of a melody with its syllables' tones, checked by hand. */
import { describe, expect, it } from 'vitest';
import { cantoneseToneClass, syllableToneClass, toneClashes, toneDirectionAgreement } from '../../../src/lib/compose/cantonese-tones';
import { readLyrics } from '../../../src/lib/lyrics/read-lyrics';
import { PPQ, type SongNote } from '../../../src/lib/song/types';

/** One quarter note per syllable of `text` on `pitches`; `phrases` gives each note's phrase (default all 0). */
function sung(text: string, pitches: number[], phrases: number[] = []): SongNote[] {
	const syllables = readLyrics(text, 'yue');
	expect(syllables).toHaveLength(pitches.length);
	return pitches.map((midiPitch, i) => ({ startTicks: i * PPQ, durationTicks: PPQ, midiPitch, syllable: syllables[i], phrase: phrases[i] ?? 0 }));
}

describe('cantoneseToneClass', () => {
	it('orders tone 4 < tone 6 < tones 3, 5 < tones 1, 2', () => {
		expect([1, 2, 3, 4, 5, 6].map(cantoneseToneClass)).toEqual([3, 3, 2, 0, 2, 1]);
		expect(cantoneseToneClass(7)).toBeUndefined();
	});

	it('gives checked syllables (p, t, k) their tone’s class: 1 high, 3 mid, 6 low', () => {
		// 色 sik1, 角 gok3, 落 lok6.
		const [sik, gok, lok] = readLyrics('色角落', 'yue');
		expect([sik.reading, gok.reading, lok.reading]).toEqual(['sik1', 'gok3', 'lok6']);
		expect([sik, gok, lok].map(syllableToneClass)).toEqual([3, 2, 1]);
	});

	it('gives no class to English words in a Cantonese line', () => {
		expect(syllableToneClass(readLyrics('hello', 'yue')[0])).toBeUndefined();
	});
});

describe('toneDirectionAgreement', () => {
	// 我 ngo5 (class 2), 哋 dei6 (1), 一 jat1 (3), 齊 cai4 (0): the tones go down, up, down.
	it('is 1 when every step follows the tones', () => {
		expect(toneDirectionAgreement(sung('我哋一齊', [64, 62, 67, 60]))).toBe(1);
	});

	it('counts the agreeing steps by hand and names the clashes', () => {
		// Steps: up (tones down: clash), up (tones up: agree), same (tones down: clash) → 1 of 3.
		const notes = sung('我哋一齊', [64, 65, 67, 67]);
		expect(toneDirectionAgreement(notes)).toBeCloseTo(1 / 3, 12);
		const clashes = toneClashes(notes);
		expect(clashes.map((c) => [c.syllableIndex, c.noteIndex, c.text, c.tone, c.previousTone, c.expected, c.actual])).toEqual([
			[1, 1, '哋', 6, 5, 'down', 'up'],
			[3, 3, '齊', 4, 1, 'down', 'same']
		]);
	});

	it('asks equal classes for the same pitch: a step between them is a clash', () => {
		// 朝 ziu1 and 早 zou2 are both high.
		expect(toneDirectionAgreement(sung('朝早', [67, 67]))).toBe(1);
		expect(toneDirectionAgreement(sung('朝早', [67, 69]))).toBe(0);
		expect(toneClashes(sung('朝早', [67, 69]))[0]).toMatchObject({ expected: 'same', actual: 'up' });
	});

	it('judges each syllable by its first note, skipping melisma continuations', () => {
		const notes = sung('我哋一齊', [64, 62, 67, 60]);
		// 哋 held over a high note: the step 哋 → 一 still goes 62 → 67.
		const held: SongNote = { ...notes[1], startTicks: 1.5 * PPQ, midiPitch: 72, syllable: null };
		const withMelisma = [notes[0], { ...notes[1], durationTicks: PPQ / 2 }, held, ...notes.slice(2)];
		expect(toneDirectionAgreement(withMelisma)).toBe(1);
		expect(toneClashes(withMelisma)).toEqual([]);
	});

	it('does not pair syllables across a phrase boundary', () => {
		// Only 我 → 哋 (down, agrees) and 一 → 齊 (down, sung up: clash) are pairs.
		const notes = sung('我哋一齊', [64, 62, 55, 60], [0, 0, 1, 1]);
		expect(toneDirectionAgreement(notes)).toBe(0.5);
		expect(toneDirectionAgreement(sung('我', [60]))).toBeNull();
	});
});
