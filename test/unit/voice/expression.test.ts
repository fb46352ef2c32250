/**
 * Singing expression rules with known inputs: vibrato (absent on short notes, onset delay, drift
 * within bounds, the habit and the user's scale), scoops and glides (longer with the interval,
 * from below after a rest), attack and release gains, and where a breath goes before a phrase.
 */
import { describe, expect, it } from 'vitest';
import { midiToHz } from '../../../src/lib/pitch/units';
import { glideSeconds, melodyF0 } from '../../../src/lib/voice/melody-f0';
import { addBreath, breathRoomSeconds, firstSoundSample, BREATH_GAP_SECONDS } from '../../../src/lib/voice/phrase-breath';
import { attackReleaseGains, ATTACK_FLOOR, ATTACK_SECONDS, RELEASE_FLOOR, releaseSeconds } from '../../../src/lib/voice/phrase-dynamics';
import type { SungNote } from '../../../src/lib/voice/sing';
import { noteVibratoCents, vibratoOnsetDelaySeconds, VIBRATO_DEPTH_DRIFT, VIBRATO_RATE_DRIFT } from '../../../src/lib/voice/sung-vibrato';
import type { Breath } from '../../../src/lib/voice/breaths';
import type { LyricSyllable } from '../../../src/lib/lyrics/types';

const FP = 0.005;
const cents = (hz: number, midi: number) => 1200 * Math.log2(hz / midiToHz(midi));
const note = (onsetSeconds: number, durationSeconds: number, midiPitch: number): SungNote => ({ onsetSeconds, durationSeconds, midiPitch, syllable: null });
/** Deviation from `midi`, cents, of the f0 of `notes` over frames [from, to) s. */
function deviation(notes: SungNote[], midi: number, from: number, to: number, expression = {}): number[] {
	const f0 = melodyF0(notes, from, FP, Math.round((to - from) / FP), { overshootCents: 0, preparationCents: 0, ...expression });
	return Array.from(f0, (hz) => cents(hz, midi));
}
const maxAbs = (xs: number[]) => Math.max(...xs.map(Math.abs));

describe('vibrato', () => {
	it('is absent on notes shorter than half a second', () => {
		// Past the scoop into the note (its first 20 %), the pitch stays on the note.
		for (const length of [0.3, 0.45]) expect(maxAbs(deviation([note(0, length, 60)], 60, 0, length, { vibratoDepthCents: 40 }).slice(Math.ceil((0.2 * length) / FP)))).toBeLessThan(1e-9);
	});

	it('starts after the onset (later on shorter notes), fades in, and fades out before the note ends', () => {
		expect(vibratoOnsetDelaySeconds(0.5)).toBeCloseTo(0.4, 6);
		expect(vibratoOnsetDelaySeconds(2)).toBeCloseTo(0.25, 6);
		// After the scoop into the first note (its first 20 %), the pitch is flat until the delay.
		const long = deviation([note(0, 2, 60)], 60, 0, 2, { vibratoDepthCents: 40 });
		expect(maxAbs(long.slice(0.1 / FP, 0.25 / FP))).toBeLessThan(1e-9);
		expect(maxAbs(long.slice(0.6 / FP, 1.2 / FP))).toBeGreaterThan(25);
		// Fading in: the first cycle is shallower than the settled ones.
		expect(maxAbs(long.slice(0.25 / FP, 0.35 / FP))).toBeLessThan(0.5 * maxAbs(long.slice(0.6 / FP, 1.2 / FP)));
		expect(maxAbs(long.slice(1.98 / FP, 2 / FP))).toBeLessThan(3);
		const short = deviation([note(0, 0.6, 60)], 60, 0, 0.6, { vibratoDepthCents: 40 });
		expect(maxAbs(short.slice(0.13 / FP, vibratoOnsetDelaySeconds(0.6) / FP))).toBeLessThan(1e-9);
	});

	it('drifts in rate and depth across a long note, within ±10 % and ±25 %', () => {
		const rate = 5.5;
		const depth = 40;
		const v = noteVibratoCents(8, rate, depth, 12345, FP, 8 / FP);
		// Cycles of the settled part (after the fade-in, before the fade-out): period and peak each.
		const periods: number[] = [];
		const peaks: number[] = [];
		let lastUp = -1;
		let peak = 0;
		for (let t = Math.round(0.8 / FP); t < Math.round(7.8 / FP); t++) {
			peak = Math.max(peak, Math.abs(v[t]));
			if (v[t - 1] < 0 && v[t] >= 0) {
				const crossing = t - 1 + -v[t - 1] / (v[t] - v[t - 1]);
				if (lastUp >= 0) {
					periods.push((crossing - lastUp) * FP);
					peaks.push(peak);
				}
				lastUp = crossing;
				peak = 0;
			}
		}
		const rates = periods.map((p) => 1 / p);
		console.log(`vibrato over 8 s: rate ${Math.min(...rates).toFixed(2)}–${Math.max(...rates).toFixed(2)} Hz, depth ${Math.min(...peaks).toFixed(1)}–${Math.max(...peaks).toFixed(1)} cents`);
		expect(periods.length).toBeGreaterThan(30);
		for (const r of rates) {
			expect(r).toBeGreaterThanOrEqual(rate * (1 - VIBRATO_RATE_DRIFT) - 0.1);
			expect(r).toBeLessThanOrEqual(rate * (1 + VIBRATO_RATE_DRIFT) + 0.1);
		}
		for (const p of peaks) {
			expect(p).toBeGreaterThanOrEqual(depth * (1 - VIBRATO_DEPTH_DRIFT) - 0.5);
			expect(p).toBeLessThanOrEqual(depth * (1 + VIBRATO_DEPTH_DRIFT) + 0.01);
		}
		// It drifts: not a template.
		expect(Math.max(...rates) - Math.min(...rates)).toBeGreaterThan(0.05 * rate);
		expect(Math.max(...peaks) - Math.min(...peaks)).toBeGreaterThan(0.15 * depth);
		// Seeded: the same seed gives the same curve, another seed another.
		expect(noteVibratoCents(8, rate, depth, 12345, FP, 8 / FP)).toEqual(v);
		expect(noteVibratoCents(8, rate, depth, 999, FP, 8 / FP)).not.toEqual(v);
	});

	it('follows the habit and the scale: straight singers only get a faint one on a long phrase-final note; scale 0 is straight', () => {
		const notes = [note(0, 1.2, 60), note(1.2, 1.2, 60)];
		const straight = deviation(notes, 60, 0, 2.4, { vibratoDepthCents: 0 });
		expect(maxAbs(straight.slice(0.3 / FP, 1.1 / FP))).toBeLessThan(1e-9);
		const faint = maxAbs(straight.slice(1.6 / FP, 2.3 / FP));
		expect(faint).toBeGreaterThan(3);
		expect(faint).toBeLessThanOrEqual(12.6);
		expect(maxAbs(deviation(notes, 60, 0, 2.4, { vibratoDepthCents: 0, vibratoScale: 0 }).slice(0.3 / FP))).toBeLessThan(1e-9);
		const habit = maxAbs(deviation(notes, 60, 0, 2.4, { vibratoDepthCents: 30 }).slice(0.3 / FP, 1.1 / FP));
		const more = maxAbs(deviation(notes, 60, 0, 2.4, { vibratoDepthCents: 30, vibratoScale: 2 }).slice(0.3 / FP, 1.1 / FP));
		expect(more).toBeCloseTo(2 * habit, 6);
	});
});

describe('glides and scoops', () => {
	/** Time from leaving the previous note to reaching the target (within 3 cents), s, and the pitch at the onset. */
	function glide(interval: number): { seconds: number; atOnsetCents: number } {
		const notes = [note(0, 1, 60), note(1, 1, 60 + interval)];
		const f0 = melodyF0(notes, 0, 0.001, 2000, { vibratoScale: 0, overshootCents: 0, preparationCents: 0 });
		let left = -1;
		let reached = -1;
		// From the middle of the first note (its start is a scoop from below).
		for (let t = 500; t < 2000; t++) {
			if (left < 0 && Math.abs(cents(f0[t], 60)) > 3) left = t;
			if (left >= 0 && Math.abs(cents(f0[t], 60 + interval)) <= 3) {
				reached = t;
				break;
			}
		}
		return { seconds: (reached - left) * 0.001, atOnsetCents: cents(f0[1000], 60 + interval) };
	}

	it('takes longer the wider the rising leap, up to 250 ms, starting below the note and reaching it', () => {
		expect(glideSeconds(3)).toBeLessThan(glideSeconds(7));
		expect(glideSeconds(7)).toBeLessThan(glideSeconds(12));
		expect(glideSeconds(24)).toBeLessThanOrEqual(0.25);
		const [g3, g7, g12] = [glide(3), glide(7), glide(12)];
		console.log(`rising glides: 3 st ${g3.seconds.toFixed(3)} s, 7 st ${g7.seconds.toFixed(3)} s, 12 st ${g12.seconds.toFixed(3)} s`);
		expect(g7.seconds).toBeGreaterThan(g3.seconds + 0.05);
		expect(g12.seconds).toBeGreaterThan(g7.seconds);
		expect(g7.seconds).toBeGreaterThanOrEqual(0.17);
		// A scoop: at the onset the voice is still well below the note.
		expect(g7.atOnsetCents).toBeLessThan(-300);
	});

	it('falls more quickly than it rises, and keeps small steps quick', () => {
		expect(glide(-7).seconds).toBeLessThan(glide(7).seconds - 0.05);
		expect(glide(2).seconds).toBeLessThanOrEqual(0.075);
		expect(glide(-2).seconds).toBeLessThanOrEqual(0.075);
	});

	it('scoops up into a note after a rest, and into the first note', () => {
		const notes = [note(0, 0.6, 60), note(1, 0.6, 65)];
		const f0 = melodyF0(notes, 0, FP, 1.6 / FP, { vibratoScale: 0, overshootCents: 0, preparationCents: 0 });
		for (const [onset, midi] of [[0, 60], [1, 65]]) {
			const t = Math.round(onset / FP);
			expect(cents(f0[t], midi)).toBeLessThan(-100);
			for (let i = t; i < t + 0.1 / FP; i++) expect(f0[i + 1]).toBeGreaterThanOrEqual(f0[i]);
			expect(Math.abs(cents(f0[t + Math.round(0.13 / FP)], midi))).toBeLessThan(0.01);
		}
	});

	it('in a rest, holds where the next note’s scoop starts (its voiced onset consonants sing there), and after the last note its pitch', () => {
		const notes = [note(0, 0.6, 60), note(1, 0.6, 67)];
		const f0 = melodyF0(notes, 0, FP, 2 / FP, { vibratoScale: 0, overshootCents: 0, preparationCents: 0 });
		for (const time of [0.65, 0.8, 0.99]) expect(cents(f0[Math.round(time / FP)], 67 - 1.5)).toBeCloseTo(0, 6);
		expect(cents(f0[Math.round(1.9 / FP)], 67)).toBeCloseTo(0, 6);
	});

	it('keeps transitions inside the first and last 20 % of short notes', () => {
		const notes = [note(0, 0.3, 60), note(0.3, 0.3, 72), note(0.6, 0.3, 60)];
		const f0 = melodyF0(notes, 0, FP, 0.9 / FP, { vibratoScale: 0, overshootCents: 0, preparationCents: 0 });
		for (const n of notes) {
			for (let t = Math.ceil((n.onsetSeconds + 0.2 * n.durationSeconds) / FP) + 1; t < (n.onsetSeconds + 0.8 * n.durationSeconds) / FP - 1; t++) {
				expect(Math.abs(cents(f0[t], n.midiPitch))).toBeLessThan(0.01);
			}
		}
	});
});

describe('attacks and releases', () => {
	const syllable = {} as LyricSyllable;
	it('swells the first voiced frames in over 60 ms and decays a note before a rest; joined notes and voiceless frames are untouched', () => {
		const notes: SungNote[] = [
			{ onsetSeconds: 0.25, durationSeconds: 0.5, midiPitch: 60, syllable },
			{ onsetSeconds: 0.75, durationSeconds: 0.5, midiPitch: 62, syllable },
			{ onsetSeconds: 2, durationSeconds: 0.5, midiPitch: 62, syllable }
		];
		const frames = 2.7 / FP;
		// Voiced from 0.2 s (a voiced onset consonant) to each group's end; a voiceless consonant at 1.85–1.95 s.
		const voiced = Uint8Array.from({ length: frames }, (_, t) => ((t * FP >= 0.2 && t * FP < 1.25) || (t * FP >= 1.95 && t * FP < 2.5) ? 1 : 0));
		const gains = attackReleaseGains(notes, 0, FP, voiced);
		expect(gains[0.2 / FP]).toBeCloseTo(ATTACK_FLOOR, 6);
		for (let t = 0.2 / FP; t < (0.2 + ATTACK_SECONDS) / FP; t++) expect(gains[t + 1]).toBeGreaterThanOrEqual(gains[t]);
		expect(gains[Math.round((0.2 + ATTACK_SECONDS) / FP)]).toBe(1);
		// No release at the legato join, nor an attack after it.
		for (let t = 0.5 / FP; t < 1.0 / FP; t++) expect(gains[t]).toBe(1);
		// The release before the rest: a quarter of the note within 80–150 ms, down to the floor at its end.
		const release = releaseSeconds(0.5);
		expect(release).toBeCloseTo(0.125, 6);
		for (let t = Math.round((1.25 - release) / FP); t < 1.25 / FP - 1; t++) expect(gains[t + 1]).toBeLessThanOrEqual(gains[t]);
		expect(gains[Math.round(1.25 / FP) - 1]).toBeLessThan(RELEASE_FLOOR + 0.02);
		expect(gains[Math.round((1.25 - release) / FP) - 2]).toBe(1);
		// The voiceless consonant keeps its level; the phrase after the rest swells in from its first voiced frame.
		expect(gains[Math.round(1.9 / FP)]).toBe(1);
		expect(gains[Math.round(1.95 / FP)]).toBeCloseTo(ATTACK_FLOOR, 6);
		expect(releaseSeconds(0.2)).toBe(0.08);
		expect(releaseSeconds(2)).toBe(0.15);
	});
});

describe('a breath before a phrase', () => {
	it('gets room only at the song start or after a rest of at least 0.35 s, and never reaches into the previous phrase', () => {
		expect(breathRoomSeconds(4, 3.8, 0.25)).toBeNull();
		expect(breathRoomSeconds(4, 3.6, 0.25)).toBeCloseTo(0.1, 6);
		expect(breathRoomSeconds(10, 5, 0.25)).toBe(0.7);
		expect(breathRoomSeconds(0.4, null, 0.25)).toBeCloseTo(0.15, 6);
		expect(breathRoomSeconds(0.1, null, 0.25)).toBe(0);
		// The render then starts at start − pre-roll − room: after the previous phrase's last note.
		for (const [start, previousEnd] of [[4, 3.6], [4, 3.2], [10, 5]]) expect(start - 0.25 - breathRoomSeconds(start, previousEnd, 0.25)!).toBeGreaterThan(previousEnd);
	});

	it('ends just before the first consonant, at its level relative to the voiced sound, inside the render', () => {
		const fs = 16000;
		// A render: 0.5 s of silence, a consonant-like burst, then a "vowel".
		const pcm = new Float32Array(fs);
		for (let i = Math.round(0.5 * fs); i < fs; i++) pcm[i] = 0.2 * Math.sin((2 * Math.PI * 220 * i) / fs);
		const noise = Int16Array.from({ length: Math.round(0.3 * fs) }, (_, i) => Math.round(3000 * Math.sin(i * 12.9898) * Math.cos(i * 78.233)));
		const breath: Breath = { sampleRate: fs, pcm: noise, levelDb: -30, sourceSeconds: 1 };
		const levelDb = 10 * Math.log10(0.02);
		const placed = addBreath(pcm, fs, levelDb, [breath], 0)!;
		expect(placed).not.toBeNull();
		expect(placed.endSample).toBe(Math.round(0.5 * fs) - Math.round(BREATH_GAP_SECONDS * fs));
		expect(placed.startSample).toBe(placed.endSample - noise.length);
		let power = 0;
		for (let i = placed.startSample; i < placed.endSample; i++) power += pcm[i] * pcm[i];
		expect(10 * Math.log10(power / (placed.endSample - placed.startSample))).toBeCloseTo(levelDb - 30, 0);
		// Where the room is shorter than the breath, its end is kept and it starts at the render's start at the earliest.
		const tight = new Float32Array(fs);
		for (let i = Math.round(0.2 * fs); i < fs; i++) tight[i] = 0.2 * Math.sin((2 * Math.PI * 220 * i) / fs);
		const trimmed = addBreath(tight, fs, levelDb, [breath], 0)!;
		expect(trimmed.startSample).toBe(0);
		// No room for 0.15 s of breath, or no breath in the profile: none.
		const none = new Float32Array(fs);
		for (let i = Math.round(0.1 * fs); i < fs; i++) none[i] = 0.2;
		expect(addBreath(none, fs, levelDb, [breath], 0)).toBeNull();
		expect(addBreath(pcm, fs, levelDb, [], 0)).toBeNull();
		expect(firstSoundSample(new Float32Array(100), fs, levelDb)).toBe(100);
	});
});
