/**
 * The bass part: chord roots on the chord changes, fifths and octaves between, and approach notes
 * — a scale step into the next chord's root — just before a change, as pop bass players walk into
 * the next bar. Roots are placed in the octave nearest the previous root so the line moves by
 * small steps, inside E1–E3.
 */
import type { SongChord, SongKey } from '../song/types';
import { mod12, scalePitchClasses } from './chords';
import type { SongForm } from './arrangement-form';
import { placeLine, type TickNote } from './arrangement-pattern';
import { humanise } from './arrangement-random';
import { fitPattern, STEP_TICKS, type Swing } from './groove';
import { BASS_HIGH_MIDI, BASS_LOW_MIDI, type LinePreset } from './styles';

/** Roots stay in E1–G2 so that fifths and octaves above them still fit under E3. */
const ROOT_HIGH_MIDI = 43;
/** Where the first root is placed near, MIDI (B1). */
const FIRST_ROOT_NEAR_MIDI = 35;
/** An approach note only leads into a change at most this far after its onset, sixteenth steps. */
const APPROACH_WINDOW_STEPS = 4;
/** Notes off the downbeat are this much softer. */
const OFFBEAT_VELOCITY = 0.85;

export function bassPart(
	form: SongForm,
	chords: readonly SongChord[],
	key: SongKey,
	preset: LinePreset,
	lines: { light: string; full: string },
	swing: Swing,
	random: () => number
): TickNote[] {
	const roots = chordRoots(chords);
	const scale = scalePitchClasses(key).slice(0, 7);
	const placed = placeLine(
		form,
		chords,
		// In an intro the bass holds each chord's root: the groove starts with the first section.
		(bar) => (bar.section === 'intro' ? 'R'.padEnd(form.stepsPerBar, '-') : fitPattern(lines[bar.energy], form.stepsPerBar)),
		{ swing, chordToken: 'R', hitAtEveryChord: true }
	);
	const notes: TickNote[] = [];
	let previous = roots[0] ?? FIRST_ROOT_NEAR_MIDI;
	for (const p of placed) {
		const root = roots[p.chordIndex];
		const onChange = p.startTicks === chords[p.chordIndex].startTicks;
		let pitch = root;
		// Whatever the pattern says, a chord change is marked by its root.
		if (onChange) pitch = root;
		else if (p.token === '5') pitch = root + 7 <= BASS_HIGH_MIDI ? root + 7 : root - 5;
		else if (p.token === '8') pitch = root + 12 <= BASS_HIGH_MIDI ? root + 12 : root;
		else if (p.token === 'A') pitch = approachNote(p, roots, chords, scale, previous, root);
		const onDownbeat = p.startTicks === p.bar.startTicks || onChange;
		const velocity = preset.velocity * p.bar.intensity * (onDownbeat ? 1 : OFFBEAT_VELOCITY) * humanise(random);
		notes.push({ startTicks: p.startTicks, durationTicks: p.endTicks - p.startTicks, midiPitch: clampBass(pitch), velocity });
		previous = pitch;
	}
	// The ending: the final chord's root, held to the end.
	const last = chords.length - 1;
	if (last >= 0) {
		notes.push({ startTicks: form.finalChordStartTicks, durationTicks: form.endTicks - form.finalChordStartTicks, midiPitch: roots[last], velocity: preset.velocity });
	}
	return notes;
}

/** Each chord's root, in the octave nearest the previous root (E1–G2). */
export function chordRoots(chords: readonly SongChord[]): number[] {
	const roots: number[] = [];
	let previous = FIRST_ROOT_NEAR_MIDI;
	for (const chord of chords) {
		let best = -1;
		for (let pitch = BASS_LOW_MIDI + mod12(chord.rootPitchClass - BASS_LOW_MIDI); pitch <= ROOT_HIGH_MIDI; pitch += 12) {
			if (best < 0 || Math.abs(pitch - previous) < Math.abs(best - previous)) best = pitch;
		}
		roots.push(best);
		previous = best;
	}
	return roots;
}

/** A scale step into the next chord's root from the side the line comes from; the fifth when there is no change to lead into. */
function approachNote(p: { startTicks: number; nextChordIndex: number }, roots: readonly number[], chords: readonly SongChord[], scale: readonly number[], previous: number, root: number): number {
	const next = p.nextChordIndex;
	if (next < 0 || chords[next].startTicks - p.startTicks > APPROACH_WINDOW_STEPS * STEP_TICKS || roots[next] === root) return root + 7 <= BASS_HIGH_MIDI ? root + 7 : root - 5;
	const target = roots[next];
	// From below unless that would leave the bass's range.
	const fromBelow = previous <= target && target - 2 >= BASS_LOW_MIDI;
	for (let d = 1; d <= 2; d++) {
		const candidate = fromBelow ? target - d : target + d;
		if (scale.includes(mod12(candidate))) return candidate;
	}
	return fromBelow ? target - 1 : target + 1;
}

function clampBass(pitch: number): number {
	while (pitch < BASS_LOW_MIDI) pitch += 12;
	while (pitch > BASS_HIGH_MIDI) pitch -= 12;
	return pitch;
}
