/**
 * The user's vibrato habit, from the pitch-bend curves of their hummed notes (20 ms steps): on each
 * note of at least 0.6 s, the middle (past the attack, before the release) is detrended and its
 * autocorrelation searched for a period of 3.5–8.5 Hz; a clear peak (r ≥ 0.5) is vibrato, with that
 * rate and a depth (peak deviation) of √2 × its RMS. The habit is the median over the notes that
 * have it; a singer whose long notes mostly have none gets depth 0 (sung straight, as they hum).
 */
import { PITCH_BEND_STEP_SECONDS } from '../pitch/pitch-bend';

export interface VibratoHabit {
	rateHz: number;
	/** Peak deviation, cents. */
	depthCents: number;
	/** Long notes measured, and how many had vibrato. */
	notesMeasured: number;
	notesWithVibrato: number;
}

export interface BendNote {
	onsetSeconds: number;
	offsetSeconds: number;
	bendCents?: number[];
}

const DEFAULT_RATE_HZ = 5.5;
const MIN_NOTE_SECONDS = 0.6;

function median(values: number[]): number {
	const s = [...values].sort((a, b) => a - b);
	return s[s.length >> 1];
}

/** Rate (Hz) and depth (cents) of the vibrato in one bend curve, or null if it has none. */
export function vibratoOf(bendCents: number[], stepSeconds = PITCH_BEND_STEP_SECONDS): { rateHz: number; depthCents: number } | null {
	const from = Math.round(0.15 / stepSeconds);
	const to = bendCents.length - Math.round(0.1 / stepSeconds);
	const x = bendCents.slice(from, to);
	const n = x.length;
	if (n < 12) return null;
	// Remove the linear trend (a slow glide is not vibrato).
	let sx = 0;
	let sy = 0;
	let sxy = 0;
	let sxx = 0;
	for (let i = 0; i < n; i++) {
		sx += i;
		sy += x[i];
		sxy += i * x[i];
		sxx += i * i;
	}
	const slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
	const intercept = (sy - slope * sx) / n;
	const d = x.map((v, i) => v - intercept - slope * i);
	let energy = 0;
	for (const v of d) energy += v * v;
	if (energy / n < 4) return null; // under 2 cents RMS: straight
	const minLag = Math.max(2, Math.floor(1 / (8.5 * stepSeconds)));
	const maxLag = Math.min(n - 4, Math.ceil(1 / (3.5 * stepSeconds)));
	const r = new Float64Array(maxLag + 2);
	for (let lag = minLag - 1; lag <= maxLag + 1; lag++) {
		let s = 0;
		for (let i = 0; i + lag < n; i++) s += d[i] * d[i + lag];
		r[lag] = s / energy;
	}
	let best = -1;
	for (let lag = minLag; lag <= maxLag; lag++) if (r[lag] > r[lag - 1] && r[lag] >= r[lag + 1] && (best < 0 || r[lag] > r[best])) best = lag;
	if (best < 0 || r[best] * (n / (n - best)) < 0.5) return null;
	// Parabolic interpolation of the peak for a rate finer than one step.
	const denom = r[best - 1] - 2 * r[best] + r[best + 1];
	const offset = denom !== 0 ? (0.5 * (r[best - 1] - r[best + 1])) / denom : 0;
	return { rateHz: 1 / ((best + offset) * stepSeconds), depthCents: Math.SQRT2 * Math.sqrt(energy / n) };
}

export function vibratoHabit(notes: BendNote[]): VibratoHabit {
	const measured = notes.filter((n) => n.offsetSeconds - n.onsetSeconds >= MIN_NOTE_SECONDS && n.bendCents && n.bendCents.length > 0);
	const found = measured.map((n) => vibratoOf(n.bendCents!)).filter((v): v is { rateHz: number; depthCents: number } => v !== null);
	if (found.length === 0 || found.length < 0.3 * measured.length) {
		return { rateHz: DEFAULT_RATE_HZ, depthCents: 0, notesMeasured: measured.length, notesWithVibrato: found.length };
	}
	return { rateHz: median(found.map((f) => f.rateHz)), depthCents: median(found.map((f) => f.depthCents)), notesMeasured: measured.length, notesWithVibrato: found.length };
}
