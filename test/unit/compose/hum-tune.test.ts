import { describe, expect, it } from 'vitest';
import { humToTune, settlePitch, tunePhrases, type TuneNote } from '../../../src/lib/compose/hum-tune';
import { keepTune } from '../../../src/lib/compose/keep-tune';
import { quantizeRhythm } from '../../../src/lib/compose/rhythm-quantize';
import { songWarning } from '../../../src/lib/compose/song-warning';
import { mulberry32 } from '../../../src/lib/compose/random';
import { translate } from '../../../src/lib/i18n';
import type { NoteEvent } from '../../../src/lib/pitch/types';
import { PPQ } from '../../../src/lib/song/types';

const C_MAJOR = { tonicPitchClass: 0, mode: 'major' as const };

/** Seconds of beat positions through a tempo that swings ±`swing` around `bpm`, plus onset jitter (uniform ±`jitterSeconds`). */
function perform(beats: readonly number[], bpm: number, swing: number, jitterSeconds: number, seed = 1): number[] {
	const random = mulberry32(seed);
	const out: number[] = [];
	let t = 0;
	let b = 0;
	const step = 1 / 48;
	for (const target of beats) {
		while (b < target - 1e-9) {
			t += (step * 60) / (bpm * (1 + swing * Math.sin((2 * Math.PI * b) / 8)));
			b += step;
		}
		out.push(t + (random() * 2 - 1) * jitterSeconds);
	}
	return out;
}

describe('quantizeRhythm', () => {
	// Quarters, eighths, sixteenths, a triplet, a dotted figure and held notes.
	const rhythm = [0, 1, 1.5, 2, 2.25, 2.5, 3, 3 + 1 / 3, 3 + 2 / 3, 4, 5.5, 6, 8, 9, 10.75, 11, 12];

	it('writes a hum with a tempo swinging ±8 % and onsets ±30 ms off as the rhythm it was (sixteenths, triplets, dots)', () => {
		for (const seed of [1, 2, 3, 4, 5]) {
			const onsets = perform(rhythm, 96, 0.08, 0.03, seed);
			expect(quantizeRhythm(onsets, { tempoBpm: 96 }).onsetBeats.map((b) => Math.round(b * 12) / 12)).toEqual(rhythm.map((b) => Math.round(b * 12) / 12));
		}
	});


	it('keeps the count across a pause longer than two bars', () => {
		const withPause = [0, 1, 2, 3, 15, 16, 17];
		expect(quantizeRhythm(perform(withPause, 100, 0, 0.02), { tempoBpm: 100 }).onsetBeats).toEqual(withPause);
	});

	it('follows the tempo: the period it reports moves with the performance', () => {
		const steady = quantizeRhythm(perform(rhythm, 90, 0, 0), { tempoBpm: 90 });
		for (const p of steady.periodSeconds) expect(p).toBeCloseTo(60 / 90, 1);
	});

	it('rejects onsets out of order and tempos outside 20–400 BPM', () => {
		expect(() => quantizeRhythm([0, 1, 0.5], { tempoBpm: 90 })).toThrow(/increase strictly/);
		expect(() => quantizeRhythm([0, 1], { tempoBpm: 10 })).toThrow(RangeError);
		expect(quantizeRhythm([], { tempoBpm: 90 })).toEqual({ onsetBeats: [], periodSeconds: [] });
	});
});

function notes(spec: [onsetSeconds: number, seconds: number, midiPitch: number][]): NoteEvent[] {
	return spec.map(([onsetSeconds, seconds, midiPitch]) => ({ onsetSeconds, offsetSeconds: onsetSeconds + seconds, midiPitch, confidence: 0.9 }));
}

describe('humToTune: pitches', () => {
	it('keeps a chromatic note sung clearly, settles only an ambiguous one in the key', () => {
		expect(settlePitch(66.1, C_MAJOR)).toBe(66);
		expect(settlePitch(65.55, C_MAJOR)).toBe(65);
		expect(settlePitch(64.4, C_MAJOR)).toBe(64);
		expect(settlePitch(65.55, null)).toBe(66);
	});

	it('removes a slow drift of the singer\'s tuning before judging a note: an F# sung 35 cents flat among flat notes stays F#', () => {
		const pitches = [60, 62, 64, 65, 67, 66, 67, 65, 64, 62, 60];
		// Tuning sags from +10 to −35 cents and back up.
		const drift = pitches.map((_, i) => -0.35 * Math.sin((Math.PI * i) / (pitches.length - 1)) + (i === 0 ? 0.1 : 0));
		const hum = notes(pitches.map((p, i) => [i * 0.6, 0.5, p + drift[i]]));
		const tune = humToTune(hum, { tempoBpm: 100, key: C_MAJOR });
		expect(tune.map((n) => n.midiPitch)).toEqual(pitches);
		// Judged without the drift removed, the F# sits 35 cents off its semitone and is settled to F.
		expect(settlePitch(hum[5].midiPitch, C_MAJOR)).toBe(65);
	});

	it('puts onsets in beats from the first note, closes articulation gaps and keeps rests', () => {
		const hum = notes([
			[1, 0.5, 60],
			[1.6, 0.5, 62],
			[2.2, 1.0, 64],
			[4.0, 0.5, 65]
		]);
		const tune = humToTune(hum, { tempoBpm: 100, key: C_MAJOR });
		expect(tune.map((n) => n.onsetBeats)).toEqual([0, 1, 2, 5]);
		expect(tune.map((n) => n.durationBeats).slice(0, 2)).toEqual([1, 1]);
		expect(tune[2].onsetBeats + tune[2].durationBeats).toBeLessThan(5);
	});
});

describe('tunePhrases', () => {
	const tune = (spec: [number, number][]): TuneNote[] => {
		let at = 0;
		return spec.map(([beats, midiPitch], i) => {
			const note = { onsetBeats: at, durationBeats: beats, midiPitch };
			at += beats + (i === 3 ? 1 : 0);
			return note;
		});
	};

	it('ends a phrase at a held note and at a rest', () => {
		const phrases = tunePhrases(tune([[1, 60], [1, 62], [2, 64], [1, 65], [1, 64], [1, 62], [1, 60], [2, 60]]));
		expect(phrases.map((p) => p.length)).toEqual([3, 1, 4]);
	});

	it('does not cut a tune of running eighths at every quarter note (the pulse is measured by time, not by count)', () => {
		// In beats of a tempo heard twice too fast: eighths are one beat, quarters two, held notes four.
		const spec: [number, number][] = [[1, 71], [1, 69], [2, 66], [2, 69], [2, 74], [1, 71], [1, 69], [4, 71], [2, 66], [1, 69], [1, 71], [2, 69], [4, 66]];
		let at = 0;
		const eighths = spec.map(([beats, midiPitch]) => {
			const note = { onsetBeats: at, durationBeats: beats, midiPitch };
			at += beats;
			return note;
		});
		expect(tunePhrases(eighths).map((p) => p.length)).toEqual([8, 5]);
	});
});

describe('keepTune', () => {
	const phrase = (start: number, pitches: number[]): TuneNote[] => pitches.map((midiPitch, i) => ({ onsetBeats: start + i, durationBeats: i === pitches.length - 1 ? 2 : 1, midiPitch }));
	const input = (phrases: TuneNote[][]) => ({ phrases, ticksPerBeat: PPQ, motif: null, key: C_MAJOR, tempoBpm: 100, timeSignature: { beatsPerBar: 4, beatUnit: 4 }, rangeMidi: { low: 57, high: 72 }, seed: 3 });

	it('sings the hummed phrases as the verse, note for note, and a composed chorus after it', () => {
		const phrases = [phrase(0, [60, 60, 67, 67, 69, 69, 67]), phrase(8, [65, 65, 64, 64, 62, 62, 60])];
		const kept = keepTune(input(phrases));
		expect(kept.verseBars).toBe(4);
		expect(kept.sections.map((s) => [s.kind, s.startBar, s.bars])).toEqual([['verse', 0, 4], ['chorus', 4, 8]]);
		const verse = kept.melody.filter((n) => n.startTicks < 4 * 4 * PPQ);
		expect(verse.map((n) => [n.startTicks / PPQ, n.midiPitch, n.phrase])).toEqual(phrases.flatMap((p, k) => p.map((n) => [n.onsetBeats, n.midiPitch, k])));
		const chorus = kept.melody.filter((n) => n.startTicks >= 4 * 4 * PPQ);
		expect(chorus.length).toBeGreaterThan(4);
		expect(Math.min(...chorus.map((n) => n.phrase))).toBe(2);
		expect(kept.warnings.map((w) => w.code)).not.toContain('tune-shortened');
	});

	it('keeps whole phrases up to 8 bars and says which it left out', () => {
		const phrases = [0, 12, 24].map((start) => phrase(start, [60, 62, 64, 65, 67, 65, 64, 62, 60, 62, 64]));
		const kept = keepTune(input(phrases));
		// Each phrase ends on its 12th beat: two fit in 8 bars (6 bars), the third would end in bar 9.
		expect(kept.verseBars).toBe(6);
		expect(kept.keptPhrases).toBe(2);
		const warning = kept.warnings.find((w) => w.code === 'tune-shortened');
		expect(warning?.params).toEqual({ kept: 2, hummed: 3, bars: 6 });
	});
});

describe('songWarning', () => {
	it('carries a code, its params and the English text of compose.warning.<code>', () => {
		const w = songWarning('tune-too-short', { notes: 3 });
		expect(w).toEqual({ code: 'tune-too-short', params: { notes: 3 }, message: translate('en', 'compose.warning.tune-too-short', { notes: 3 }) });
		expect(w.message).toMatch(/Only 3 notes/);
		expect(translate('zh-HK', 'compose.warning.tune-too-short', { notes: 3 })).toMatch(/3 個音/);
		expect(songWarning('tone-clashes', { count: 1, syllables: '我' }).message).toMatch(/^1 syllable moves/);
	});
});
