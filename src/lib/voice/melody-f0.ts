/**
 * The sung f0 contour from the score, with the expression singers add (Saitou et al. 2007 describe
 * the same four f0 fluctuations): a glide into each note whose length and placement depend on the
 * interval (quick on small steps; a scoop from below on rising leaps, longer the wider the leap; a
 * quicker fall on falling leaps; a short scoop from below into a note after a rest), a small
 * preparation away from a coming leap and overshoot after it, and vibrato (sung-vibrato.ts) that
 * starts after the note has settled, drifts, and is absent on short notes. A note with a pitch
 * curve drawn by hand sings that curve instead, from its onset to its end.
 */
import { midiToHz } from '../pitch/units';
import { pitchCurveCentsAt } from '../song/pitch-curve';
import type { SungNote } from './sing';
import { noteVibratoCents } from './sung-vibrato';

export interface MelodyExpression {
	/** Glide between joined notes a step of under 3 semitones apart, s (default 0.07). */
	portamentoSeconds?: number;
	/** Overshoot after a change of at least two semitones, cents (default 20). */
	overshootCents?: number;
	/** Preparation: a dip away from the coming note just before such a change, cents (default 12). */
	preparationCents?: number;
	/** The singer's vibrato habit: rate, Hz, and depth (peak deviation), cents; depth 0 = sung straight. */
	vibratoRateHz?: number;
	vibratoDepthCents?: number;
	/** Scale on the habit's depth (style × the user's control): 0 none, 1 the habit, 2 twice it (default 1). */
	vibratoScale?: number;
	/** Seed of the vibrato's drift (default 1). */
	seed?: number;
}

/** A rising leap of at least this many semitones is scooped into. */
export const SCOOP_MIN_SEMITONES = 3;
/** A note after a rest starts this far below and slides up, semitones. */
export const SCOOP_FROM_REST_SEMITONES = 1.5;
/** A straight singer's long phrase-final notes still get a faint vibrato, cents, on notes of at least 1 s. */
const FAINT_FINAL_VIBRATO_CENTS = 10;
const FAINT_FINAL_MIN_SECONDS = 1;
/** Notes closer than this are joined (legato), s. */
export const JOIN_SECONDS = 0.02;
/** Transitions stay inside the first and last 20 % of a note, so its middle is on pitch. */
const MAX_TRANSITION_SHARE = 0.2;

/** Glide time into a note `semitones` above (positive) or below the previous one, s. */
export function glideSeconds(semitones: number, portamentoSeconds = 0.07): number {
	if (semitones >= SCOOP_MIN_SEMITONES) return Math.min(0.25, 0.06 + 0.02 * semitones);
	if (semitones <= -SCOOP_MIN_SEMITONES) return Math.min(0.12, 0.04 + 0.008 * -semitones);
	return portamentoSeconds;
}

/** How the pitch arrives at a note: from `fromMidi` at onset − before to the note at onset + after (raised cosine). */
interface Arrival {
	fromMidi: number;
	beforeSeconds: number;
	afterSeconds: number;
	/** Overshoot/preparation apply: a joined change of at least two semitones. */
	leap: boolean;
}

/** Share of a note a transition set by hand may take (the rest of it is on pitch). */
const OWN_TRANSITION_SHARE = 0.6;

function arrivalOf(note: SungNote, previous: SungNote | null, portamento: number): Arrival {
	const own = note.expression;
	// A drawn curve says where the note starts; a note after a drawn one leaves it whole, gliding
	// from where its curve ends, as if that were the previous pitch (no glide reaches back into it).
	if (own?.pitchCurveCents) return { fromMidi: note.midiPitch, beforeSeconds: 0, afterSeconds: 0, leap: false };
	const previousCurve = previous?.expression?.pitchCurveCents;
	if (previous && previousCurve) {
		const joined = previous.onsetSeconds + previous.durationSeconds >= note.onsetSeconds - JOIN_SECONDS;
		if (!joined || own?.startOffsetCents !== undefined) {
			return own?.startOffsetCents !== undefined || own?.transitionSeconds !== undefined ? ownArrival(note, previous, portamento) : arrivalOf(note, null, portamento);
		}
		const fromMidi = previous.midiPitch + previousCurve[previousCurve.length - 1] / 100;
		const glide = own?.transitionSeconds ?? glideSeconds(note.midiPitch - fromMidi, portamento);
		return { fromMidi, beforeSeconds: 0, afterSeconds: Math.min(glide, MAX_TRANSITION_SHARE * note.durationSeconds), leap: false };
	}
	if (own?.startOffsetCents !== undefined || own?.transitionSeconds !== undefined) return ownArrival(note, previous, portamento);
	const joined = previous !== null && previous.onsetSeconds + previous.durationSeconds >= note.onsetSeconds - JOIN_SECONDS;
	if (!joined) {
		// After a rest (or at the phrase start): a short scoop from below, starting on the note.
		const glide = glideSeconds(SCOOP_FROM_REST_SEMITONES, portamento);
		return { fromMidi: note.midiPitch - SCOOP_FROM_REST_SEMITONES, beforeSeconds: 0, afterSeconds: Math.min(glide, MAX_TRANSITION_SHARE * note.durationSeconds), leap: false };
	}
	const interval = note.midiPitch - previous.midiPitch;
	const glide = glideSeconds(interval, portamento);
	// A rising leap is a scoop: most of it after the onset; other changes are centred on it.
	const afterShare = interval >= SCOOP_MIN_SEMITONES ? 0.7 : 0.5;
	return {
		fromMidi: previous.midiPitch,
		beforeSeconds: Math.min((1 - afterShare) * glide, MAX_TRANSITION_SHARE * previous.durationSeconds),
		afterSeconds: Math.min(afterShare * glide, MAX_TRANSITION_SHARE * note.durationSeconds),
		leap: Math.abs(interval) >= 2
	};
}

/**
 * A transition set by hand: from `startOffsetCents` off the note (or, without one, from the previous
 * joined note, or a rest's short scoop) over `transitionSeconds` (or the automatic length). A start
 * offset glides from the onset on; a glide from the previous note keeps the automatic placement.
 */
function ownArrival(note: SungNote, previous: SungNote | null, portamento: number): Arrival {
	const own = note.expression!;
	const joined = previous !== null && previous.onsetSeconds + previous.durationSeconds >= note.onsetSeconds - JOIN_SECONDS;
	const maxAfter = OWN_TRANSITION_SHARE * note.durationSeconds;
	if (own.startOffsetCents !== undefined || !joined) {
		const fromMidi = note.midiPitch + (own.startOffsetCents !== undefined ? own.startOffsetCents / 100 : -SCOOP_FROM_REST_SEMITONES);
		const length = own.transitionSeconds ?? glideSeconds(note.midiPitch - fromMidi, portamento);
		return { fromMidi, beforeSeconds: 0, afterSeconds: Math.min(length, maxAfter), leap: false };
	}
	const interval = note.midiPitch - previous.midiPitch;
	const length = own.transitionSeconds!;
	const afterShare = interval >= SCOOP_MIN_SEMITONES ? 0.7 : 0.5;
	return {
		fromMidi: previous.midiPitch,
		beforeSeconds: Math.min((1 - afterShare) * length, 0.5 * previous.durationSeconds),
		afterSeconds: Math.min(afterShare * length, maxAfter),
		leap: false
	};
}

function glideMidi(note: SungNote, arrival: Arrival, time: number): number {
	const from = note.onsetSeconds - arrival.beforeSeconds;
	const span = arrival.beforeSeconds + arrival.afterSeconds;
	if (span <= 0 || time >= from + span) return note.midiPitch;
	const x = Math.max(0, (time - from) / span);
	return arrival.fromMidi + (note.midiPitch - arrival.fromMidi) * (0.5 - 0.5 * Math.cos(Math.PI * x));
}

/** f0 (Hz) at frames t·framePeriod + start, t < frames. Before a note after a rest, its scoop's first pitch is held; after the last note, its pitch. */
export function melodyF0(notes: SungNote[], startSeconds: number, framePeriodSeconds: number, frames: number, expression: MelodyExpression = {}): Float64Array {
	const portamento = expression.portamentoSeconds ?? 0.07;
	const overshoot = expression.overshootCents ?? 20;
	const preparation = expression.preparationCents ?? 12;
	const rate = expression.vibratoRateHz ?? 5.5;
	const habitDepth = expression.vibratoDepthCents ?? 35;
	const scale = expression.vibratoScale ?? 1;
	const seed = expression.seed ?? 1;
	const sorted = [...notes].sort((a, b) => a.onsetSeconds - b.onsetSeconds);
	const arrivals = sorted.map((n, i) => arrivalOf(n, i > 0 ? sorted[i - 1] : null, portamento));
	const vibratos = sorted.map((n, i) => {
		const next = sorted[i + 1];
		const phraseFinal = !next || next.onsetSeconds - (n.onsetSeconds + n.durationSeconds) >= 0.3;
		const depth = habitDepth > 0 ? habitDepth : phraseFinal && n.durationSeconds >= FAINT_FINAL_MIN_SECONDS ? FAINT_FINAL_VIBRATO_CENTS : 0;
		// A depth set by hand is the note's own (not scaled by the style), and sounds on a short note too.
		const own = n.expression;
		const ownDepth = own?.vibratoDepthCents;
		return noteVibratoCents(n.durationSeconds, own?.vibratoRateHz ?? rate, ownDepth ?? depth * scale, (seed * 7919 + i * 104729) >>> 0, framePeriodSeconds, Math.ceil(n.durationSeconds / framePeriodSeconds) + 2, {
			delaySeconds: own?.vibratoDelaySeconds,
			anyLength: ownDepth !== undefined
		});
	});
	const f0 = new Float64Array(frames);
	let k = 0;
	for (let t = 0; t < frames; t++) {
		const time = startSeconds + t * framePeriodSeconds;
		while (k + 1 < sorted.length && sorted[k + 1].onsetSeconds <= time) k++;
		const note = sorted[k];
		const next = k + 1 < sorted.length ? sorted[k + 1] : null;
		const since = time - note.onsetSeconds;
		const until = note.onsetSeconds + note.durationSeconds - time;
		let midi: number;
		// In a rest, the next syllable's voiced onset consonants already sit where its scoop starts.
		const nextCurve = next?.expression?.pitchCurveCents;
		if (next && nextCurve && until <= 0) midi = next.midiPitch + nextCurve[0] / 100;
		else if (next && (time >= next.onsetSeconds - arrivals[k + 1].beforeSeconds || until <= 0)) midi = glideMidi(next, arrivals[k + 1], time);
		else midi = glideMidi(note, arrivals[k], time);
		const arrival = arrivals[k];
		const settled = since - arrival.afterSeconds;
		if (arrival.leap && settled >= 0 && settled < 0.1) {
			midi += (Math.sign(note.midiPitch - arrival.fromMidi) * overshoot * Math.sin((Math.PI * settled) / 0.1)) / 100;
		}
		// Preparation: in the 120 ms before the glide to a leap, a small move away from the next note.
		if (next && arrivals[k + 1].leap) {
			const beforeGlide = until - arrivals[k + 1].beforeSeconds;
			if (beforeGlide >= 0 && beforeGlide < 0.12) midi -= (Math.sign(next.midiPitch - note.midiPitch) * preparation * Math.sin((Math.PI * (0.12 - beforeGlide)) / 0.12)) / 100;
		}
		const curve = note.expression?.pitchCurveCents;
		// Before its onset (a phrase's first note) the curve's first pitch is held, after the last note its last.
		if (curve && until > 0) midi = note.midiPitch + pitchCurveCentsAt(curve, since / note.durationSeconds) / 100;
		else if (curve && !next) midi = note.midiPitch + curve[curve.length - 1] / 100;
		else if (since >= 0 && until > 0) {
			const v = vibratos[k];
			const x = since / framePeriodSeconds;
			const i = Math.min(v.length - 2, Math.floor(x));
			midi += (v[i] + (v[i + 1] - v[i]) * (x - i)) / 100;
		}
		f0[t] = midiToHz(midi);
	}
	return f0;
}
