/**
 * The drum part: the style's groove bar by bar (light in verses, full in choruses), a variation
 * now and then so that four-bar phrases breathe, a fill in the second half of a section's last
 * bar, a crash on each new section, nothing in an intro but its closing fill, and a final crash
 * with the kick on the last chord.
 */
import { DRUM_KEYS } from '../song/backing-types';
import type { SongForm } from './arrangement-form';
import type { TickNote } from './arrangement-pattern';
import { humanise } from './arrangement-random';
import { fitPattern, HIT_STRENGTH, STEP_TICKS, swungStep, type Swing } from './groove';
import type { DrumBar, DrumPreset, DrumVoice } from './styles';

/** How often the fourth bar of a phrase gets the variation groove. */
const VARIATION_PROBABILITY = 0.75;
/** Ring lengths, sixteenth steps: cymbals ring, the rest are short hits. */
const RING_STEPS: Partial<Record<DrumVoice, number>> = { crash: 16, openHat: 2 };
const CRASH_STRENGTH = 0.9;

export interface DrumGrooves {
	light: DrumBar;
	full: DrumBar;
	variation: DrumBar;
	fill: DrumBar;
}

export function drumsPart(form: SongForm, preset: DrumPreset, grooves: DrumGrooves, swing: Swing, random: () => number): TickNote[] {
	const notes: TickNote[] = [];
	const half = Math.floor(form.stepsPerBar / 2);
	const hit = (voice: DrumVoice, startTicks: number, strength: number, intensity: number): void => {
		if (startTicks >= form.finalChordStartTicks) return;
		const ring = (RING_STEPS[voice] ?? 1) * STEP_TICKS;
		const durationTicks = Math.min(ring, form.endTicks - startTicks);
		notes.push({ startTicks, durationTicks, midiPitch: DRUM_KEYS[voice], velocity: preset.velocity * strength * intensity * humanise(random) });
	};
	for (const bar of form.bars) {
		if (bar.startTicks >= form.finalChordStartTicks) break;
		const intro = bar.section === 'intro';
		if (intro && !bar.fill) continue;
		const phraseEnd = bar.barInSection % 4 === 3 && !bar.fill;
		const groove = phraseEnd && random() < VARIATION_PROBABILITY ? grooves.variation : grooves[bar.energy];
		const voices = new Set([...Object.keys(groove), ...Object.keys(grooves.fill)] as DrumVoice[]);
		for (const voice of voices) {
			const main = intro ? '' : fitPattern(groove[voice] ?? '.', form.stepsPerBar);
			const fill = bar.fill ? fitPattern(grooves.fill[voice] ?? '.', form.stepsPerBar) : '';
			for (let step = 0; step < form.stepsPerBar; step++) {
				const c = bar.fill && step >= half ? fill[step] : step < main.length ? main[step] : '.';
				const strength = HIT_STRENGTH[c];
				if (strength === undefined) continue;
				hit(voice, bar.startTicks + swungStep(step, swing) * STEP_TICKS, strength, bar.intensity);
			}
		}
		if (bar.crash) {
			hit('crash', bar.startTicks, CRASH_STRENGTH, bar.intensity);
			if (!((groove.kick ?? '.')[0] in HIT_STRENGTH)) hit('kick', bar.startTicks, HIT_STRENGTH.X, bar.intensity);
		}
	}
	// The ending: crash and kick together on the final chord, left to ring.
	for (const voice of ['crash', 'kick'] as const) {
		const durationTicks = Math.min((RING_STEPS[voice] ?? 1) * STEP_TICKS, form.endTicks - form.finalChordStartTicks);
		if (durationTicks > 0) notes.push({ startTicks: form.finalChordStartTicks, durationTicks, midiPitch: DRUM_KEYS[voice], velocity: preset.velocity });
	}
	return notes;
}

