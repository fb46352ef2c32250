/**
 * Vibrato removal from a MIDI pitch contour: where the contour oscillates like a singer's vibrato
 * (4–9 Hz, up to ±1.6 semitones, several cycles of similar width), it is replaced by the line
 * through the oscillation's centre, so that segmentation sees one held note instead of a note per
 * half-cycle.
 *
 * A moving average one period long would cancel a vibrato too, but it also smears every real note
 * change over that period and needs the rate in advance. Instead the contour's turning points are
 * found with hysteresis (a "zigzag"); a run of turning points spaced like vibrato half-cycles with
 * similar swings is a vibrato, and its centre at each turning point is the weighted mean of that
 * point and its two neighbours ((a + 2b + c) / 4, which cancels a sinusoid exactly at its extremes
 * and follows a slow drift). Between turning points the centre is interpolated linearly. A note
 * change shows up as a swing wider than a vibrato's, or as a plateau (a half-cycle too long), and
 * ends the run, so notes on either side keep their own centres (cf. Rossignol et al., 1999,
 * "Feature extraction and temporal segmentation of acoustic signals", on vibrato suppression before
 * note segmentation).
 */

export interface RemoveVibratoOptions {
	/** Slowest vibrato, Hz (default 4). */
	minRateHz?: number;
	/** Fastest vibrato, Hz (default 9). */
	maxRateHz?: number;
	/** Smallest peak-to-peak swing treated as vibrato, semitones (default 0.3). */
	minSwingSemitones?: number;
	/** Widest peak-to-peak swing treated as vibrato, semitones (default 3.2: ±1.6). */
	maxSwingSemitones?: number;
	/** Neighbouring swings of one vibrato differ at most by this factor (default 2.5). */
	maxSwingRatio?: number;
	/** Largest move of the vibrato's centre from one half-cycle to the next, semitones (default 0.3). */
	maxCentreShiftSemitones?: number;
	/** Fewest half-cycles in a row that make a vibrato (default 3). */
	minHalfCycles?: number;
	/** Hysteresis of the turning-point search, semitones (default 0.12). */
	turnSemitones?: number;
}

interface Turn {
	frame: number;
	value: number;
}

/** Turning points of x[a, b) whose swing from the previous one is at least `delta`. */
function turningPoints(x: ArrayLike<number>, a: number, b: number, delta: number): Turn[] {
	const turns: Turn[] = [];
	let hi = a;
	let lo = a;
	let direction = 0; // 1: rising towards a maximum, −1: falling towards a minimum
	for (let i = a + 1; i < b; i++) {
		if (x[i] > x[hi]) hi = i;
		if (x[i] < x[lo]) lo = i;
		if (direction >= 0 && x[hi] - x[i] >= delta) {
			if (direction === 0) turns.push({ frame: lo, value: x[lo] });
			turns.push({ frame: hi, value: x[hi] });
			direction = -1;
			lo = i;
		} else if (direction <= 0 && x[i] - x[lo] >= delta) {
			if (direction === 0) turns.push({ frame: hi, value: x[hi] });
			turns.push({ frame: lo, value: x[lo] });
			direction = 1;
			hi = i;
		}
	}
	// The first push of the undecided start may be out of order (the opposite extreme came first).
	if (turns.length >= 2 && turns[0].frame > turns[1].frame) turns.shift();
	return turns;
}

/**
 * The contour with vibrato replaced by its centre line. `midi` may hold NaN (unvoiced): each
 * finite run is treated on its own and NaN frames are kept. Returns a new array.
 */
export function removeVibrato(midi: ArrayLike<number>, hopSeconds: number, options: RemoveVibratoOptions = {}): Float64Array {
	return vibratoCentre(midi, hopSeconds, options).midi;
}

/** The contour with its vibrato replaced by the centre line, and per frame whether it lay in a vibrato. */
export interface VibratoCentre {
	midi: Float64Array;
	/** 1 where the frame was part of a vibrato (and was replaced), else 0. */
	inVibrato: Uint8Array;
}

/** As `removeVibrato`, also marking the frames that were part of a vibrato. */
export function vibratoCentre(midi: ArrayLike<number>, hopSeconds: number, options: RemoveVibratoOptions = {}): VibratoCentre {
	const minHalf = 0.5 / (options.maxRateHz ?? 9) / hopSeconds;
	const maxHalf = 0.5 / (options.minRateHz ?? 4) / hopSeconds;
	const minSwing = options.minSwingSemitones ?? 0.3;
	const maxSwing = options.maxSwingSemitones ?? 3.2;
	const maxRatio = options.maxSwingRatio ?? 2.5;
	const maxCentreShift = options.maxCentreShiftSemitones ?? 0.3;
	const minHalfCycles = options.minHalfCycles ?? 3;
	const delta = options.turnSemitones ?? 0.12;
	const n = midi.length;
	const out = Float64Array.from(midi);
	const inVibrato = new Uint8Array(n);
	// Light smoothing (≈ 25 ms) so jitter does not make false turning points; the centre line is
	// taken from this smoothed contour, the rest of `out` keeps the input.
	const half = Math.max(1, Math.round(0.0125 / hopSeconds));
	let a = 0;
	while (a < n) {
		if (!Number.isFinite(midi[a])) {
			a++;
			continue;
		}
		let b = a;
		while (b < n && Number.isFinite(midi[b])) b++;
		if ((b - a) * hopSeconds >= 3 * (0.5 / (options.maxRateHz ?? 9))) {
			const smooth = new Float64Array(b - a);
			let sum = 0;
			let lo = a;
			let hi = a;
			for (let i = a; i < b; i++) {
				while (hi < Math.min(b, i + half + 1)) sum += midi[hi++];
				while (lo < i - half) sum -= midi[lo++];
				smooth[i - a] = sum / (hi - lo);
			}
			const turns = turningPoints(smooth, 0, b - a, delta);
			const isVibratoHalf = (k: number): boolean => {
				const length = turns[k + 1].frame - turns[k].frame;
				const swing = Math.abs(turns[k + 1].value - turns[k].value);
				return length >= minHalf && length <= maxHalf && swing >= minSwing && swing <= maxSwing;
			};
			// The next half-cycle continues the vibrato if its swing is like the last one and the
			// centre stays put: half the distance between two peaks (or two troughs) in a row is how
			// far the centre moved, and a note change moves it by half its interval.
			const similar = (k: number): boolean => {
				const s0 = Math.abs(turns[k].value - turns[k - 1].value);
				const s1 = Math.abs(turns[k + 1].value - turns[k].value);
				const centreShift = 0.5 * Math.abs(turns[k + 1].value - turns[k - 1].value);
				return Math.max(s0, s1) <= maxRatio * Math.min(s0, s1) && centreShift < maxCentreShift;
			};
			let k = 0;
			while (k + 1 < turns.length) {
				if (!isVibratoHalf(k)) {
					k++;
					continue;
				}
				let end = k + 1; // last turning point of the run
				while (end + 1 < turns.length && isVibratoHalf(end) && similar(end)) end++;
				if (end - k >= minHalfCycles) {
					// A partial half-cycle between the vibrato and the start or end of the voiced run
					// (the vibrato fading in, the release) belongs to the same held note.
					const from = turns[k].frame <= maxHalf ? 0 : turns[k].frame;
					const to = b - a - 1 - turns[end].frame <= maxHalf ? b - a - 1 : turns[end].frame;
					replaceWithCentre(out, inVibrato, a, turns.slice(k, end + 1), from, to);
				}
				k = end;
			}
		}
		a = b;
	}
	return { midi: out, inVibrato };
}

/** Writes the centre line through `turns` (frames relative to `offset`) into `out` over [from, to], held flat outside the turns. */
function replaceWithCentre(out: Float64Array, mask: Uint8Array, offset: number, turns: Turn[], from: number, to: number): void {
	const last = turns.length - 1;
	const centre = turns.map((t, i) => {
		if (i === 0) return 0.5 * (t.value + turns[1].value);
		if (i === last) return 0.5 * (t.value + turns[last - 1].value);
		return 0.25 * (turns[i - 1].value + 2 * t.value + turns[i + 1].value);
	});
	for (let f = from; f < turns[0].frame; f++) out[offset + f] = centre[0];
	for (let i = 0; i < last; i++) {
		const f0 = turns[i].frame;
		const f1 = turns[i + 1].frame;
		for (let f = f0; f <= f1; f++) out[offset + f] = centre[i] + ((centre[i + 1] - centre[i]) * (f - f0)) / (f1 - f0);
	}
	for (let f = turns[last].frame + 1; f <= to; f++) out[offset + f] = centre[last];
	mask.fill(1, offset + from, offset + to + 1);
}
