/**
 * The keyboard parts: the comping chords (block chords in the style's rhythm, or a pedalled
 * arpeggio) and the pad (each chord held for its whole length, higher up). Both are voiced with
 * voice leading (chord-voicing.ts), each in its own register.
 */
import type { SongChord } from '../song/types';
import type { SongForm } from './arrangement-form';
import { placeLine, type TickNote } from './arrangement-pattern';
import { humanise } from './arrangement-random';
import { voiceProgression } from './chord-voicing';
import { fitPattern, HIT_STRENGTH, type Swing } from './groove';
import type { KeysPreset, PadPreset } from './styles';

/** Strength of an arpeggio note, against a block chord's "x". */
const ARPEGGIO_STRENGTH = 0.75;

export function chordsPart(
	form: SongForm,
	chords: readonly SongChord[],
	preset: KeysPreset,
	lines: { light: string; full: string },
	swing: Swing,
	strumTicks: number,
	random: () => number
): TickNote[] {
	const voicings = voiceProgression(chords, preset);
	const placed = placeLine(form, chords, (bar) => fitPattern(lines[bar.energy], form.stepsPerBar), {
		swing,
		chordToken: 'x',
		hitAtEveryChord: preset.hitAtEveryChord
	});
	const notes: TickNote[] = [];
	for (const p of placed) {
		const voicing = voicings[p.chordIndex];
		const chord = chords[p.chordIndex];
		const arpeggioVoice = Number.parseInt(p.token, 10);
		if (Number.isInteger(arpeggioVoice)) {
			const endTicks = preset.pedal ? Math.min(chord.startTicks + chord.durationTicks, form.finalChordStartTicks) : p.endTicks;
			const velocity = preset.velocity * ARPEGGIO_STRENGTH * p.bar.intensity * humanise(random);
			notes.push({ startTicks: p.startTicks, durationTicks: endTicks - p.startTicks, midiPitch: voicing[(arpeggioVoice - 1) % voicing.length], velocity });
			continue;
		}
		const strength = HIT_STRENGTH[p.token] ?? HIT_STRENGTH.x;
		notes.push(...blockChord(voicing, p.startTicks, p.endTicks, strumTicks, preset.velocity * strength * p.bar.intensity, random));
	}
	// The ending: the final chord struck once and held.
	if (chords.length > 0) notes.push(...blockChord(voicings[chords.length - 1], form.finalChordStartTicks, form.endTicks, strumTicks, preset.velocity, random));
	return notes;
}

/** A block chord, its notes rolled upward `strumTicks` apart, all ending together. */
function blockChord(voicing: readonly number[], startTicks: number, endTicks: number, strumTicks: number, velocity: number, random: () => number): TickNote[] {
	return voicing
		.map((midiPitch, i) => {
			const onset = startTicks + Math.min(i * strumTicks, (endTicks - startTicks) / 4);
			return { startTicks: onset, durationTicks: endTicks - onset, midiPitch, velocity: velocity * humanise(random) };
		})
		.filter((n) => n.durationTicks > 0);
}

/** The pad: every chord held for its length (the final chord to the end), voiced high. */
export function padPart(form: SongForm, chords: readonly SongChord[], preset: PadPreset): TickNote[] {
	const voicings = voiceProgression(chords, preset);
	const notes: TickNote[] = [];
	chords.forEach((chord, i) => {
		const bar = form.bars[Math.min(form.bars.length - 1, Math.floor(chord.startTicks / form.barTicks))];
		const endTicks = Math.min(chord.startTicks + chord.durationTicks, form.endTicks);
		for (const midiPitch of voicings[i]) {
			notes.push({ startTicks: chord.startTicks, durationTicks: endTicks - chord.startTicks, midiPitch, velocity: preset.velocity * (bar?.intensity ?? 1) });
		}
	});
	return notes.filter((n) => n.durationTicks > 0);
}
