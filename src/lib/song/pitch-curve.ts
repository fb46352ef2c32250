/**
 * A pitch curve drawn by hand over a note: cents off the note's pitch at points spread evenly from
 * its onset to its end, joined by straight lines. While a note has one, the singer follows it
 * instead of its automatic glide, overshoot and vibrato (melody-f0.ts), as OpenUtau's and
 * Synthesizer V's drawn pitch lines override their automatic pitch models.
 */

/** Points a drawing is sampled at per note: enough for a scoop, a fall and a slow bend. */
export const PITCH_CURVE_POINTS = 16;
/** A curve has at least its two ends and at most this many points. */
export const PITCH_CURVE_MAX_POINTS = 64;
/** Furthest a curve may bend away from its note, cents (an octave either way, as the start offset). */
export const PITCH_CURVE_MAX_CENTS = 1200;

/** Why `value` is not a pitch curve, or null when it is one. */
export function pitchCurveProblem(value: unknown): string | null {
	if (!Array.isArray(value) || value.length < 2 || value.length > PITCH_CURVE_MAX_POINTS) return `has a pitch curve that is not a list of 2 to ${PITCH_CURVE_MAX_POINTS} points`;
	for (const v of value) {
		if (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) > PITCH_CURVE_MAX_CENTS) return `has a pitch curve point outside ±${PITCH_CURVE_MAX_CENTS} cents`;
	}
	return null;
}

/** The curve's cents at `fraction` of the note (0 at its onset, 1 at its end), clamped to the note. */
export function pitchCurveCentsAt(curveCents: readonly number[], fraction: number): number {
	const last = curveCents.length - 1;
	const x = Math.min(1, Math.max(0, fraction)) * last;
	const i = Math.min(last - 1, Math.floor(x));
	return curveCents[i] + (curveCents[i + 1] - curveCents[i]) * (x - i);
}

/** A point of a drawing: where (ticks from the song's start) and at what pitch (MIDI number, fractional). */
export interface DrawnPitchPoint {
	ticks: number;
	midi: number;
}

/** The stretch of a note a drawing is laid over. */
export interface CurveTarget {
	startTicks: number;
	durationTicks: number;
	midiPitch: number;
}

/** The drawing's pitch at `ticks` (straight lines between its points), or null outside the drawn span. */
function drawnMidiAt(points: readonly DrawnPitchPoint[], ticks: number): number | null {
	if (points.length === 0 || ticks < points[0].ticks || ticks > points[points.length - 1].ticks) return null;
	let lo = 0;
	let hi = points.length - 1;
	while (hi - lo > 1) {
		const mid = (lo + hi) >> 1;
		if (points[mid].ticks <= ticks) lo = mid;
		else hi = mid;
	}
	const a = points[lo];
	const b = points[hi];
	if (b.ticks === a.ticks) return b.midi;
	return a.midi + ((b.midi - a.midi) * (ticks - a.ticks)) / (b.ticks - a.ticks);
}

/**
 * Each note's curve from a line drawn across one or more notes (a phrase): the drawing sampled at
 * `points` points over the note, in cents off the note's own pitch, clamped to the allowed bend.
 * Where the drawing does not reach, the note stays on its pitch (0 cents); a note the drawing does
 * not touch gets null (left as it was). Points are sorted by time first, so a stroke drawn right to
 * left means the same.
 */
export function curvesFromDrawing(notes: readonly CurveTarget[], drawing: readonly DrawnPitchPoint[], points = PITCH_CURVE_POINTS): (number[] | null)[] {
	const sorted = [...drawing].filter((p) => Number.isFinite(p.ticks) && Number.isFinite(p.midi)).sort((a, b) => a.ticks - b.ticks);
	return notes.map((note) => {
		const end = note.startTicks + note.durationTicks;
		if (sorted.length < 2 || sorted[sorted.length - 1].ticks <= note.startTicks || sorted[0].ticks >= end) return null;
		return Array.from({ length: points }, (_, i) => {
			const midi = drawnMidiAt(sorted, note.startTicks + (note.durationTicks * i) / (points - 1));
			if (midi === null) return 0;
			const cents = Math.round((midi - note.midiPitch) * 100);
			return Math.max(-PITCH_CURVE_MAX_CENTS, Math.min(PITCH_CURVE_MAX_CENTS, cents));
		});
	});
}

/** The two halves of a curve cut at `fraction` of its note, each resampled to the curve's own point count. */
export function splitPitchCurve(curveCents: readonly number[], fraction: number): [number[], number[]] {
	const n = curveCents.length;
	const part = (from: number, to: number) => Array.from({ length: n }, (_, i) => Math.round(pitchCurveCentsAt(curveCents, from + ((to - from) * i) / (n - 1))));
	return [part(0, fraction), part(fraction, 1)];
}
