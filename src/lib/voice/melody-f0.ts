/**
 * The sung f0 contour from the score, with the expression singers add (Saitou et al. 2007 describe
 * the same four f0 fluctuations): a glide between consecutive notes (portamento, a raised cosine
 * over `portamentoSeconds`), a small preparation away from a coming leap and overshoot after it
 * that settles within 150 ms, and vibrato on notes long enough for it, fading in after the note
 * has settled.
 */
import { midiToHz } from '../pitch/units';
import type { SungNote } from './sing';

export interface MelodyExpression {
	/** Glide between joined notes, s (default 0.07). */
	portamentoSeconds?: number;
	/** Overshoot after a change of at least two semitones, cents (default 20). */
	overshootCents?: number;
	/** Preparation: a dip away from the coming note just before such a change, cents (default 12). */
	preparationCents?: number;
	/** Vibrato rate, Hz, and depth (peak deviation), cents; depth 0 turns it off. */
	vibratoRateHz?: number;
	vibratoDepthCents?: number;
	/** Notes at least this long get vibrato, s (default 0.4). */
	vibratoMinSeconds?: number;
}

/** f0 (Hz) at frames t·framePeriod + start, t < frames; 0 where no note sounds. */
export function melodyF0(notes: SungNote[], startSeconds: number, framePeriodSeconds: number, frames: number, expression: MelodyExpression = {}): Float64Array {
	const portamento = expression.portamentoSeconds ?? 0.07;
	const overshoot = expression.overshootCents ?? 20;
	const preparation = expression.preparationCents ?? 12;
	const rate = expression.vibratoRateHz ?? 5.5;
	const depth = expression.vibratoDepthCents ?? 35;
	const minVibrato = expression.vibratoMinSeconds ?? 0.4;
	const sorted = [...notes].sort((a, b) => a.onsetSeconds - b.onsetSeconds);
	const f0 = new Float64Array(frames);
	let k = 0;
	for (let t = 0; t < frames; t++) {
		const time = startSeconds + t * framePeriodSeconds;
		while (k + 1 < sorted.length && sorted[k + 1].onsetSeconds <= time) k++;
		const note = sorted[k];
		// Before the first note and in rests after a note, hold the nearest note's pitch (consonants need none, vowels run over).
		let midi = note.midiPitch;
		const since = time - note.onsetSeconds;
		const previous = k > 0 ? sorted[k - 1] : null;
		if (previous && since >= 0 && since < portamento / 2 && previous.onsetSeconds + previous.durationSeconds >= note.onsetSeconds - 0.02) {
			// Second half of the glide from the previous note (its first half ends the previous note).
			const x = 0.5 + since / portamento;
			midi = previous.midiPitch + (note.midiPitch - previous.midiPitch) * (0.5 - 0.5 * Math.cos(Math.PI * x));
		}
		const next = k + 1 < sorted.length ? sorted[k + 1] : null;
		const until = note.onsetSeconds + note.durationSeconds - time;
		if (next && until >= 0 && until < portamento / 2 && note.onsetSeconds + note.durationSeconds >= next.onsetSeconds - 0.02) {
			const x = 0.5 - until / portamento;
			midi = note.midiPitch + (next.midiPitch - note.midiPitch) * (0.5 - 0.5 * Math.cos(Math.PI * x));
		}
		if (previous && since >= portamento / 2 && since < 0.15 && Math.abs(note.midiPitch - previous.midiPitch) >= 2) {
			const sign = Math.sign(note.midiPitch - previous.midiPitch);
			midi += (sign * overshoot * Math.sin((Math.PI * (since - portamento / 2)) / (0.15 - portamento / 2))) / 100;
		}
		// Preparation: in the 120 ms before the glide to a leap, a small move away from the next note.
		const beforeGlide = until - portamento / 2;
		if (next && beforeGlide >= 0 && beforeGlide < 0.12 && Math.abs(next.midiPitch - note.midiPitch) >= 2 && note.onsetSeconds + note.durationSeconds >= next.onsetSeconds - 0.02) {
			midi -= (Math.sign(next.midiPitch - note.midiPitch) * preparation * Math.sin((Math.PI * (0.12 - beforeGlide)) / 0.12)) / 100;
		}
		if (depth > 0 && note.durationSeconds >= minVibrato && since > 0.2 && until > 0) {
			const fadeIn = Math.min(1, (since - 0.2) / 0.15);
			midi += (fadeIn * depth * Math.sin(2 * Math.PI * rate * (since - 0.2))) / 100;
		}
		f0[t] = midiToHz(midi);
	}
	return f0;
}
