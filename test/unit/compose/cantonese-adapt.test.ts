/** Bending composed melodies to Cantonese tones: small cases against brute force, then 24 lyric lines on seeded random melodies. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tonePairs } from '../../../src/lib/compose/cantonese-tones';
import { fitLyricsToMelody } from '../../../src/lib/compose/lyrics-fit';
import { adaptMelodyToTones } from '../../../src/lib/compose/tone-adapt';
import { isInKey } from '../../../src/lib/compose/scale';
import { readLyrics } from '../../../src/lib/lyrics/read-lyrics';
import { PPQ, type SongKey, type SongNote } from '../../../src/lib/song/types';
import { mulberry32 } from '../../../src/lib/compose/random';

const C_MAJOR: SongKey = { tonicPitchClass: 0, mode: 'major' };
const WIDE = { low: 48, high: 84 };

function sung(text: string, pitches: number[]): SongNote[] {
	const syllables = readLyrics(text, 'yue');
	return pitches.map((midiPitch, i) => ({ startTicks: i * PPQ, durationTicks: PPQ, midiPitch, syllable: syllables[i], phrase: 0 }));
}

/** Smallest Σ|Δ| over all in-key settings within a fifth of each composed pitch that agree with every tone step and leap at most a fifth (brute force). */
function bruteForceMinimalChange(notes: SongNote[], key: SongKey): number {
	const options = notes.map((n) => Array.from({ length: 15 }, (_, k) => n.midiPitch - 7 + k).filter((p) => p === n.midiPitch || isInKey(p, key)));
	let best = Infinity;
	const walk = (i: number, chosen: number[], cost: number) => {
		if (cost >= best) return;
		if (i === notes.length) {
			const candidate = notes.map((n, k) => ({ ...n, midiPitch: chosen[k] }));
			if (tonePairs(candidate).every((p) => p.expected === p.actual)) best = cost;
			return;
		}
		for (const p of options[i]) {
			if (i > 0 && Math.abs(p - chosen[i - 1]) > 7) continue;
			walk(i + 1, [...chosen, p], cost + Math.abs(p - notes[i].midiPitch));
		}
	};
	walk(0, [], 0);
	return best;
}

describe('adaptMelodyToTones on small melodies', () => {
	it('fixes the clashes with the smallest total change (checked by brute force)', () => {
		// 我 ngo5, 哋 dei6, 一 jat1, 齊 cai4, 唱 coeng3, 歌 go1: tones down, up, down, up, up.
		const notes = sung('我哋一齊唱歌', [64, 65, 67, 67, 65, 64]);
		const result = adaptMelodyToTones(notes, C_MAJOR, WIDE);
		expect(result.agreementBefore).toBeCloseTo(1 / 5, 12);
		expect(result.agreementAfter).toBe(1);
		expect(result.clashes).toEqual([]);
		const total = result.notes.reduce((sum, n, i) => sum + Math.abs(n.midiPitch - notes[i].midiPitch), 0);
		expect(total).toBe(bruteForceMinimalChange(notes, C_MAJOR));
		expect(result.meanAbsDeltaSemitones).toBeCloseTo(total / notes.length, 12);
		// Times and syllables untouched.
		expect(result.notes.map((n) => [n.startTicks, n.syllable?.reading])).toEqual(notes.map((n) => [n.startTicks, n.syllable?.reading]));
	});

	it('leaves a melody that already follows the tones unchanged', () => {
		const notes = sung('我哋一齊唱歌', [64, 62, 67, 60, 64, 67]);
		const result = adaptMelodyToTones(notes, C_MAJOR, WIDE);
		expect(result.agreementBefore).toBe(1);
		expect(result.changedNotes).toBe(0);
		expect(result.notes.map((n) => n.midiPitch)).toEqual([64, 62, 67, 60, 64, 67]);
	});

	it('moves a melisma with its syllable by the same number of scale steps', () => {
		// 齊 cai4 (low) on G4 held to A4, then 一 jat1 (high) on E4: 一 must go above 齊, and moving
		// 齊 down (with its melisma) is cheaper than lifting 一 and its long melisma.
		const [cai, jat] = readLyrics('齊一', 'yue');
		const notes: SongNote[] = [
			{ startTicks: 0, durationTicks: PPQ, midiPitch: 67, syllable: cai, phrase: 0 },
			{ startTicks: PPQ, durationTicks: PPQ, midiPitch: 69, syllable: null, phrase: 0 },
			{ startTicks: 2 * PPQ, durationTicks: PPQ, midiPitch: 65, syllable: jat, phrase: 0 },
			{ startTicks: 3 * PPQ, durationTicks: PPQ, midiPitch: 64, syllable: null, phrase: 0 },
			{ startTicks: 4 * PPQ, durationTicks: PPQ, midiPitch: 62, syllable: null, phrase: 0 },
			{ startTicks: 5 * PPQ, durationTicks: PPQ, midiPitch: 60, syllable: null, phrase: 0 }
		];
		const result = adaptMelodyToTones(notes, C_MAJOR, WIDE);
		expect(result.agreementAfter).toBe(1);
		// 齊 G4 → E4 (two scale steps down, just below 一's F4), its melisma A4 → F4 (two steps down
		// too): 3 + 4 semitones, against 12 for lifting 一 and its three melisma notes.
		expect(result.notes.map((n) => n.midiPitch)).toEqual([64, 65, 65, 64, 62, 60]);
	});

	it('brings notes into the singer’s range', () => {
		// The second note is above the range; the tones (一 jat1 → 一 jat1) ask for the same pitch.
		const notes = sung('一一', [76, 81]);
		const result = adaptMelodyToTones(notes, C_MAJOR, { low: 60, high: 77 });
		expect(result.notes.map((n) => n.midiPitch)).toEqual([76, 76]);
	});

	it('refuses an empty range', () => {
		expect(() => adaptMelodyToTones(sung('一', [60]), C_MAJOR, { low: 70, high: 60 })).toThrow(RangeError);
	});
});

/** A seeded PRNG (uniform in [0, 1)), so the melodies are the same on every run. */
const prng = mulberry32;

/**
 * A simple in-key melody for one line: `count` notes over two bars of 4/4 (14 eighths, then a rest),
 * each at least an eighth, the last one longest; pitches a random walk by scale steps (mostly steps,
 * some thirds and fourths) that drifts back towards the middle of the range.
 */
function randomPhrase(rand: () => number, count: number, phrase: number, ladder: number[], centre: number): SongNote[] {
	const eighths = new Array<number>(count).fill(1);
	eighths[count - 1] += 2;
	for (let extra = 14 - count - 2; extra > 0; extra--) eighths[Math.floor(rand() * count)]++;
	let index = centre + Math.floor(rand() * 5) - 2;
	let ticks = phrase * 2 * 4 * PPQ;
	return eighths.map((e) => {
		const note: SongNote = { startTicks: ticks, durationTicks: (e * PPQ) / 2, midiPitch: ladder[index], syllable: null, phrase };
		ticks += note.durationTicks;
		const step = [-3, -2, -1, -1, 0, 1, 1, 2, 3][Math.floor(rand() * 9)];
		index += step + (index > centre + 3 ? -1 : index < centre - 3 ? 1 : 0);
		return note;
	});
}

describe('adaptMelodyToTones on 24 Cantonese lines', () => {
	const text = readFileSync(new URL('../../fixtures/cantonese-lyric-lines.txt', import.meta.url), 'utf8');
	const lines = text.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
	const key: SongKey = { tonicPitchClass: 2, mode: 'major' };
	const range = { low: 57, high: 76 };
	const ladder = Array.from({ length: 128 }, (_, p) => p).filter((p) => isInKey(p, key));
	const centre = ladder.indexOf(66);

	it('reaches ≥ 90 % tone-direction agreement with all notes in key and range and small changes', () => {
		expect(lines.length).toBeGreaterThanOrEqual(20);
		const rand = prng(20240611);
		const syllables = lines.flatMap((line) => readLyrics(line, 'yue'));
		const melody = lines.flatMap((line, p) => randomPhrase(rand, readLyrics(line, 'yue').length + Math.floor(rand() * 3), p, ladder, centre));
		const fit = fitLyricsToMelody(melody, syllables, { beatsPerBar: 4, beatUnit: 4 });
		expect(fit.report.linesStartingPhrases).toBe(lines.length);
		const result = adaptMelodyToTones(fit.notes, key, range);
		const pairs = tonePairs(fit.notes).length;
		console.log(
			`cantonese tone-direction agreement before ${((result.agreementBefore ?? 0) * 100).toFixed(1)} % after ${((result.agreementAfter ?? 0) * 100).toFixed(1)} % ` +
				`over ${pairs} pairs in ${lines.length} lines; mean |Δpitch| ${result.meanAbsDeltaSemitones.toFixed(2)} semitones, ${result.changedNotes}/${result.notes.length} notes changed, ${result.clashes.length} clashes left`
		);
		expect(pairs).toBeGreaterThan(150);
		expect(result.agreementBefore).toBeLessThan(0.6);
		expect(result.agreementAfter).toBeGreaterThanOrEqual(0.9);
		expect(result.clashes.length).toBe(Math.round((1 - (result.agreementAfter ?? 0)) * pairs));
		for (const n of result.notes) {
			expect(isInKey(n.midiPitch, key)).toBe(true);
			expect(n.midiPitch).toBeGreaterThanOrEqual(range.low);
			expect(n.midiPitch).toBeLessThanOrEqual(range.high);
		}
		// Minimal change: on average within two semitones, and no note further than a fifth.
		expect(result.meanAbsDeltaSemitones).toBeLessThanOrEqual(2);
		result.notes.forEach((n, i) => expect(Math.abs(n.midiPitch - fit.notes[i].midiPitch)).toBeLessThanOrEqual(7));
		// A melisma moves by as many scale steps as its syllable's first note.
		const stepOf = (p: number) => ladder.indexOf(p);
		let shift = 0;
		result.notes.forEach((n, i) => {
			const d = stepOf(n.midiPitch) - stepOf(fit.notes[i].midiPitch);
			if (n.syllable) shift = d;
			else expect(d).toBe(shift);
		});
	});

	it('gives the same melody for the same seed (no hidden randomness)', () => {
		const run = () => {
			const rand = prng(7);
			const melody = lines.slice(0, 4).flatMap((line, p) => randomPhrase(rand, readLyrics(line, 'yue').length, p, ladder, centre));
			const fit = fitLyricsToMelody(melody, lines.slice(0, 4).flatMap((l) => readLyrics(l, 'yue')), { beatsPerBar: 4, beatUnit: 4 });
			return adaptMelodyToTones(fit.notes, key, range).notes.map((n) => n.midiPitch);
		};
		expect(run()).toEqual(run());
	});
});
