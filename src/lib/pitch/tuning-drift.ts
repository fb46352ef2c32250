/**
 * How the singer's tuning moves during the take. Unaccompanied singers sag or climb (a choir
 * goes flat by tens of cents over a few minutes; Howard, "Intonation drift in a cappella soprano,
 * alto, tenor, bass quartet singing with key modulation", J. Voice 2007), so one global offset does
 * not describe a long take. Each note's deviation from the equal-tempered grid of the global
 * tuning is unwrapped along time (a note 45 cents sharp after notes 40 cents sharp is not 55
 * cents flat), then summarised as a weighted linear trend and as windowed means.
 */
import type { NoteEvent, TuningDrift } from './types';

export interface TuningDriftOptions {
	/** Width of each window of the curve, s (default 8). */
	windowSeconds?: number;
	/** Step between window centres, s (default 4). */
	stepSeconds?: number;
	/** Fewer notes than this: no drift estimate (default 6). */
	minNotes?: number;
	/** Shorter spans than this: no drift estimate, s (default 5). */
	minSpanSeconds?: number;
}

interface Deviation {
	timeSeconds: number;
	cents: number;
	weight: number;
}

/** Deviations from A440 + `tuningCents` grid, cents, unwrapped along time. */
function unwrappedDeviations(notes: readonly NoteEvent[], tuningCents: number): Deviation[] {
	const sorted = [...notes].sort((a, b) => a.onsetSeconds - b.onsetSeconds);
	const out: Deviation[] = [];
	let running = tuningCents;
	for (const n of sorted) {
		let cents = 100 * (n.midiPitch - Math.round(n.midiPitch - tuningCents / 100));
		while (cents - running > 50) cents -= 100;
		while (cents - running < -50) cents += 100;
		const weight = Math.max(0, n.offsetSeconds - n.onsetSeconds) * Math.max(0.05, n.confidence);
		out.push({ timeSeconds: 0.5 * (n.onsetSeconds + n.offsetSeconds), cents, weight });
		// Follow slowly, so one badly sung note does not drag the reference with it.
		running += 0.3 * (cents - running);
	}
	return out;
}

/** The tuning trend and curve of `notes`, or null when there are too few notes or too short a span. */
export function estimateTuningDrift(notes: readonly NoteEvent[], tuningCents: number, options: TuningDriftOptions = {}): TuningDrift | null {
	const { windowSeconds = 8, stepSeconds = 4, minNotes = 6, minSpanSeconds = 5 } = options;
	if (notes.length < minNotes) return null;
	const devs = unwrappedDeviations(notes, tuningCents);
	const first = devs[0].timeSeconds;
	const last = devs[devs.length - 1].timeSeconds;
	if (last - first < minSpanSeconds) return null;

	// Weighted least squares: cents = a + b · t.
	let sw = 0;
	let st = 0;
	let sc = 0;
	for (const d of devs) {
		sw += d.weight;
		st += d.weight * d.timeSeconds;
		sc += d.weight * d.cents;
	}
	if (!(sw > 0)) return null;
	const meanT = st / sw;
	const meanC = sc / sw;
	let stt = 0;
	let stc = 0;
	for (const d of devs) {
		stt += d.weight * (d.timeSeconds - meanT) ** 2;
		stc += d.weight * (d.timeSeconds - meanT) * (d.cents - meanC);
	}
	const slopePerSecond = stt > 0 ? stc / stt : 0;

	const points: TuningDrift['points'] = [];
	const half = windowSeconds / 2;
	const centres = Math.max(1, Math.floor((last - first) / stepSeconds) + 1);
	for (let k = 0; k < centres; k++) {
		const centre = first + k * stepSeconds;
		let w = 0;
		let c = 0;
		for (const d of devs) {
			if (Math.abs(d.timeSeconds - centre) > half) continue;
			w += d.weight;
			c += d.weight * d.cents;
		}
		if (w > 0) points.push({ timeSeconds: Number(centre.toFixed(3)), cents: Number((c / w).toFixed(1)) });
	}
	return { centsPerMinute: Number((60 * slopePerSecond).toFixed(1)), points };
}
