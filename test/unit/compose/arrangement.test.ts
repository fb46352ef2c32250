import { describe, expect, it } from 'vitest';
import { arrange, type ArrangeInput } from '../../../src/lib/compose/arrangement';
import { chordPitchClasses, mod12 } from '../../../src/lib/compose/chords';
import { harmonize } from '../../../src/lib/compose/harmony';
import { PATCH_NAMES, ARRANGEMENT_STYLES } from '../../../src/lib/compose/styles';
import { BACKING_INSTRUMENTS, DRUM_KEYS, type BackingEvent, type BackingScore } from '../../../src/lib/song/backing-types';
import { STYLE_NAMES, ticksPerBar, ticksToSeconds, type SongChord, type StyleName, type TimeSignature } from '../../../src/lib/song/types';
import { generatedMelody } from './harmony-fixtures';

const FOUR_FOUR: TimeSignature = { beatsPerBar: 4, beatUnit: 4 };
/** Onsets this close belong to one chord (block chords are rolled by up to 20 ms a note). */
const SAME_ONSET_SECONDS = 0.1;
const TIME_TOLERANCE_SECONDS = 1e-6;

/** A 16-bar song: intro 2, verse 4, pre-chorus 2, chorus 8 — harmonised in the given style. */
function song(style: StyleName, seed = 7, timeSignature: TimeSignature = FOUR_FOUR, tempoBpm = 96): ArrangeInput {
	const { key, melody } = generatedMelody(seed, 16);
	const barTicks = ticksPerBar(timeSignature);
	const scaled = timeSignature === FOUR_FOUR ? melody : melody.map((n) => ({ ...n, startTicks: Math.floor(n.startTicks / 1920) * barTicks }));
	const chords = harmonize(scaled, key, timeSignature, style, { bars: 16 });
	return {
		chords,
		sections: [
			{ kind: 'intro', label: 'Intro', startBar: 0, bars: 2 },
			{ kind: 'verse', label: 'Verse 1', startBar: 2, bars: 4 },
			{ kind: 'pre-chorus', label: 'Pre-chorus', startBar: 6, bars: 2 },
			{ kind: 'chorus', label: 'Chorus', startBar: 8, bars: 8 }
		],
		tempoBpm,
		timeSignature,
		style,
		key
	};
}

const track = (score: BackingScore, instrument: string) => score.tracks.find((t) => t.instrument === instrument)!;
const seconds = (s: ArrangeInput, ticks: number) => ticksToSeconds(ticks, s.tempoBpm);
const chordAtSeconds = (s: ArrangeInput, t: number): SongChord => s.chords.find((c) => seconds(s, c.startTicks) <= t + TIME_TOLERANCE_SECONDS && t < seconds(s, c.startTicks + c.durationTicks) - TIME_TOLERANCE_SECONDS)!;

/** Chord-track events grouped by onset (a rolled block chord is one group). */
function onsetGroups(events: readonly BackingEvent[]): BackingEvent[][] {
	const groups: BackingEvent[][] = [];
	for (const e of events) {
		const last = groups.at(-1);
		if (last && e.timeSeconds - last[0].timeSeconds < SAME_ONSET_SECONDS) last.push(e);
		else groups.push([e]);
	}
	return groups;
}

describe('arrange', () => {
	it('gives every style drums, bass, chords and pad tracks with events, each on a named patch', () => {
		for (const style of STYLE_NAMES) {
			const score = arrange(song(style), { seed: 1 });
			expect(score.style).toBe(style);
			expect(score.tracks.map((t) => t.instrument)).toEqual([...BACKING_INSTRUMENTS]);
			for (const t of score.tracks) {
				expect(PATCH_NAMES, `${style} ${t.instrument}`).toContain(t.patch);
				expect(t.events.length, `${style} ${t.instrument}`).toBeGreaterThan(16);
				expect(Number.isFinite(t.gainDb)).toBe(true);
			}
			expect(track(score, 'drums').patch).toMatch(/^kit-/);
		}
	});

	it('keeps every event inside the song, with velocities in 0–1', () => {
		for (const style of STYLE_NAMES) {
			const s = song(style);
			const score = arrange(s, { seed: 3 });
			const end = seconds(s, 16 * 1920);
			expect(score.durationSeconds).toBeCloseTo(end, 9);
			for (const t of score.tracks) {
				for (const e of t.events) {
					expect(e.timeSeconds).toBeGreaterThanOrEqual(0);
					expect(e.durationSeconds).toBeGreaterThan(0);
					expect(e.timeSeconds + e.durationSeconds).toBeLessThanOrEqual(end + TIME_TOLERANCE_SECONDS);
					expect(e.velocity).toBeGreaterThan(0);
					expect(e.velocity).toBeLessThanOrEqual(1);
				}
			}
		}
	});

	it('plays the chord root in the bass at every chord change, within E1–E3', () => {
		for (const style of STYLE_NAMES) {
			const s = song(style);
			const bass = track(arrange(s, { seed: 2 }), 'bass').events;
			for (const chord of s.chords) {
				const onset = bass.find((e) => Math.abs(e.timeSeconds - seconds(s, chord.startTicks)) < TIME_TOLERANCE_SECONDS);
				expect(onset, `${style} chord at ${chord.startTicks}`).toBeDefined();
				expect(mod12(onset!.midiPitch), `${style} chord ${chord.numeral}`).toBe(chord.rootPitchClass);
			}
			for (const e of bass) {
				expect(e.midiPitch).toBeGreaterThanOrEqual(28);
				expect(e.midiPitch).toBeLessThanOrEqual(52);
			}
			// Notes between changes are chord tones (root, fifth, octave) or approaches a step from the next root.
			for (const e of bass) {
				const chord = chordAtSeconds(s, e.timeSeconds);
				const next = s.chords[s.chords.indexOf(chord) + 1];
				const chordTone = [chord.rootPitchClass, mod12(chord.rootPitchClass + 7)].includes(mod12(e.midiPitch));
				const approach = next !== undefined && [1, 2].includes(Math.abs(mod12(e.midiPitch - next.rootPitchClass + 6) - 6));
				expect(chordTone || approach, `${style} bass ${e.midiPitch} at ${e.timeSeconds}`).toBe(true);
			}
		}
	});

	it('voices every chord with its own pitch classes, in the keys and in the pad', () => {
		for (const style of STYLE_NAMES) {
			const s = song(style);
			const score = arrange(s, { seed: 4 });
			for (const e of track(score, 'chords').events) {
				const chord = chordAtSeconds(s, e.timeSeconds);
				expect(chordPitchClasses(chord.rootPitchClass, chord.quality), `${style} keys ${e.midiPitch}`).toContain(mod12(e.midiPitch));
			}
			// Block-chord styles strike the full chord at every chord start.
			if (!ARRANGEMENT_STYLES[style].chords.pedal && ARRANGEMENT_STYLES[style].chords.hitAtEveryChord) {
				const groups = onsetGroups(track(score, 'chords').events);
				for (const chord of s.chords) {
					const group = groups.find((g) => Math.abs(g[0].timeSeconds - seconds(s, chord.startTicks)) < TIME_TOLERANCE_SECONDS);
					expect(group, `${style} ${chord.numeral}`).toBeDefined();
					expect(new Set(group!.map((e) => mod12(e.midiPitch)))).toEqual(new Set(chordPitchClasses(chord.rootPitchClass, chord.quality)));
					for (const e of group!) expect(Math.abs(e.midiPitch - 62)).toBeLessThanOrEqual(14);
				}
			}
			const pad = track(score, 'pad').events;
			for (const chord of s.chords) {
				const notes = pad.filter((e) => Math.abs(e.timeSeconds - seconds(s, chord.startTicks)) < TIME_TOLERANCE_SECONDS);
				expect(new Set(notes.map((e) => mod12(e.midiPitch)))).toEqual(new Set(chordPitchClasses(chord.rootPitchClass, chord.quality)));
				for (const e of notes) expect(e.durationSeconds).toBeCloseTo(seconds(s, chord.durationTicks), 6);
			}
		}
	});

	it('leads the keys and pad voices smoothly: ≤ 3 semitones per voice per change on average', () => {
		const meanMotion = (voicings: number[][]): number => {
			let motion = 0;
			let voices = 0;
			for (let i = 1; i < voicings.length; i++) {
				for (const p of voicings[i]) {
					motion += Math.min(...voicings[i - 1].map((q) => Math.abs(p - q)));
					voices++;
				}
			}
			return motion / voices;
		};
		for (const style of STYLE_NAMES) {
			const s = song(style);
			const score = arrange(s, { seed: 5 });
			const pad = track(score, 'pad').events;
			const padMotion = meanMotion(s.chords.map((c) => pad.filter((e) => Math.abs(e.timeSeconds - seconds(s, c.startTicks)) < TIME_TOLERANCE_SECONDS).map((e) => e.midiPitch)));
			// The keys' voicing of each chord: every pitch it plays while the chord sounds (arpeggios included).
			const keys = track(score, 'chords').events;
			const keysMotion = meanMotion(s.chords.slice(0, -1).map((c) => [...new Set(keys.filter((e) => chordAtSeconds(s, e.timeSeconds) === c).map((e) => e.midiPitch))]).filter((v) => v.length > 0));
			console.log(`arrangement.voiceMotion.${style} keys ${keysMotion.toFixed(2)} pad ${padMotion.toFixed(2)} semitones/voice`);
			expect(padMotion, style).toBeLessThanOrEqual(3);
			expect(keysMotion, style).toBeLessThanOrEqual(3);
		}
	});

	it('is deterministic for a seed and varies with it', () => {
		const s = song('upbeat-pop');
		expect(arrange(s, { seed: 42 })).toEqual(arrange(s, { seed: 42 }));
		expect(arrange(s, { seed: 42 })).not.toEqual(arrange(s, { seed: 43 }));
	});

	it('ends on the final chord: crash and kick on its downbeat, keys, bass and pad held to the end, nothing after', () => {
		for (const style of STYLE_NAMES) {
			const s = song(style);
			const score = arrange(s, { seed: 6 });
			const final = seconds(s, s.chords.at(-1)!.startTicks);
			const drums = track(score, 'drums').events;
			expect(drums.filter((e) => e.timeSeconds >= final - TIME_TOLERANCE_SECONDS).map((e) => e.midiPitch).sort()).toEqual([DRUM_KEYS.kick, DRUM_KEYS.crash]);
			for (const instrument of ['chords', 'bass', 'pad']) {
				const held = track(score, instrument).events.filter((e) => e.timeSeconds >= final - TIME_TOLERANCE_SECONDS);
				expect(held.length, `${style} ${instrument}`).toBeGreaterThan(0);
				for (const e of held) {
					expect(e.timeSeconds).toBeLessThan(final + SAME_ONSET_SECONDS);
					expect(e.timeSeconds + e.durationSeconds).toBeCloseTo(score.durationSeconds, 6);
				}
			}
		}
	});

	it('keeps the intro free of drums but for its closing fill, and crashes into each later section', () => {
		for (const style of STYLE_NAMES) {
			const s = song(style);
			const drums = track(arrange(s, { seed: 8 }), 'drums').events;
			const bar = seconds(s, 1920);
			const intro = drums.filter((e) => e.timeSeconds < 2 * bar - TIME_TOLERANCE_SECONDS);
			expect(intro.length, style).toBeGreaterThan(0);
			expect(intro.every((e) => e.timeSeconds >= 1.5 * bar - TIME_TOLERANCE_SECONDS), style).toBe(true);
			for (const startBar of [2, 6, 8]) {
				expect(drums.some((e) => e.midiPitch === DRUM_KEYS.crash && Math.abs(e.timeSeconds - startBar * bar) < TIME_TOLERANCE_SECONDS), `${style} bar ${startBar}`).toBe(true);
			}
			// A fill: the snare plays more in the second half of a section's last bar than in a mid-section bar.
			const snareIn = (from: number, to: number) => drums.filter((e) => e.midiPitch === DRUM_KEYS.snare && e.timeSeconds >= from - TIME_TOLERANCE_SECONDS && e.timeSeconds < to - TIME_TOLERANCE_SECONDS).length;
			expect(snareIn(5.5 * bar, 6 * bar), style).toBeGreaterThan(snareIn(3.5 * bar, 4 * bar));
		}
	});

	it('swings lo-fi sixteenths late and keeps upbeat pop straight', () => {
		const offGrid = (style: StyleName) => {
			const s = song(style, 7, FOUR_FOUR, 90);
			const step = seconds(s, 120);
			return track(arrange(s, { seed: 1 }), 'drums').events.filter((e) => {
				const phase = (e.timeSeconds / step) % 1;
				return phase > 0.1 && phase < 0.9;
			});
		};
		const swung = offGrid('lo-fi');
		expect(swung.length).toBeGreaterThan(10);
		// 58 % swing puts the off sixteenth 0.16 of a step late.
		for (const e of swung) expect(((e.timeSeconds / seconds(song('lo-fi', 7, FOUR_FOUR, 90), 120)) % 1)).toBeCloseTo(0.16, 6);
		expect(offGrid('upbeat-pop')).toHaveLength(0);
	});

	it('arranges 3/4 and 6/8 songs with a bass root on every chord', () => {
		for (const ts of [{ beatsPerBar: 3, beatUnit: 4 }, { beatsPerBar: 6, beatUnit: 8 }]) {
			for (const style of STYLE_NAMES) {
				const s = song(style, 9, ts);
				const score = arrange(s, { seed: 1 });
				expect(score.durationSeconds).toBeCloseTo(seconds(s, 16 * ticksPerBar(ts)), 9);
				for (const t of score.tracks) expect(t.events.length, `${style} ${ts.beatsPerBar}/${ts.beatUnit} ${t.instrument}`).toBeGreaterThan(0);
				const bass = track(score, 'bass').events;
				for (const chord of s.chords) expect(bass.some((e) => Math.abs(e.timeSeconds - seconds(s, chord.startTicks)) < TIME_TOLERANCE_SECONDS && mod12(e.midiPitch) === chord.rootPitchClass)).toBe(true);
			}
		}
	});

	it('rejects a song without chords, with overlapping chords, or at a tempo out of range', () => {
		const s = song('pop-ballad');
		expect(() => arrange({ ...s, chords: [] })).toThrow(/chords is empty/);
		expect(() => arrange({ ...s, tempoBpm: 0 })).toThrow(/tempoBpm 0/);
		expect(() => arrange({ ...s, chords: [s.chords[0], { ...s.chords[1], startTicks: s.chords[0].startTicks + 10 }] })).toThrow(/overlaps/);
		expect(() => arrange(s, { seed: Number.NaN })).toThrow(RangeError);
	});
});
