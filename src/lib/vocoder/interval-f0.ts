/**
 * f0 from the event intervals of a filtered fundamental component (DIO: WORLD, Morise et al., IEICE
 * 2016, Sec. 3.1; Harvest: Morise, Interspeech 2017, Sec. 2.1). Once a filter has left mostly the
 * fundamental, the signal is close to a sinusoid, and four kinds of event each repeat once a period:
 * negative-going zero crossings, positive-going zero crossings, peaks and dips. Each kind gives a
 * sequence of intervals (an f0 at the midpoint of each interval); the four sequences are sampled at
 * the frame times. Their mean is the band's f0 and their spread says how sinusoidal (reliable) the
 * band is: a clean fundamental makes all four agree.
 */

const EVENT_KINDS = 4;

/** Per-frame f0 mean and spread over the four event-interval sequences of one band. */
export class IntervalF0 {
	private readonly tracks: Float64Array[];
	private readonly lastEvent = new Float64Array(EVENT_KINDS);
	private readonly lastTime = new Float64Array(EVENT_KINDS);
	private readonly lastF0 = new Float64Array(EVENT_KINDS);
	private readonly nextFrame = new Int32Array(EVENT_KINDS);
	private rate = 1;
	private frameStep = 1;

	/** For contours of `frames` frames. */
	constructor(readonly frames: number) {
		this.tracks = [];
		for (let k = 0; k < EVENT_KINDS; k++) this.tracks.push(new Float64Array(frames));
	}

	/**
	 * Samples the four interval sequences of `y` (rate `rateHz`, sample 0 at t = 0) at frames
	 * i · `framePeriodSeconds`, then writes their mean to `meanHz` and their standard deviation (n − 1)
	 * to `spreadHz`. Frames not bracketed by intervals of all four kinds get mean 0 and spread ∞.
	 */
	estimate(y: Float64Array, rateHz: number, framePeriodSeconds: number, meanHz: Float64Array, spreadHz: Float64Array): void {
		this.rate = rateHz;
		this.frameStep = framePeriodSeconds * rateHz;
		for (let k = 0; k < EVENT_KINDS; k++) {
			this.lastEvent[k] = Number.NaN;
			this.lastTime[k] = Number.NaN;
			this.nextFrame[k] = 0;
			this.tracks[k].fill(Number.NaN);
		}
		const n = y.length;
		// Events: kind 0 negative-going zero crossing, 1 positive-going, 2 peak, 3 dip. Peaks and dips are
		// the zero crossings of the first difference d[i] = y[i + 1] − y[i], which sits at i + ½.
		let dPrev = n > 1 ? y[1] - y[0] : 0;
		for (let i = 0; i + 1 < n; i++) {
			const a = y[i];
			const b = y[i + 1];
			if (a > 0 && b <= 0) this.add(0, i + a / (a - b));
			else if (a < 0 && b >= 0) this.add(1, i + a / (a - b));
			if (i + 2 < n) {
				const d = y[i + 2] - b;
				if (dPrev > 0 && d <= 0) this.add(2, i + 0.5 + dPrev / (dPrev - d));
				else if (dPrev < 0 && d >= 0) this.add(3, i + 0.5 + dPrev / (dPrev - d));
				dPrev = d;
			}
		}
		const t0 = this.tracks[0];
		const t1 = this.tracks[1];
		const t2 = this.tracks[2];
		const t3 = this.tracks[3];
		for (let f = 0; f < this.frames; f++) {
			const a = t0[f];
			const b = t1[f];
			const c = t2[f];
			const d = t3[f];
			// NaN (no bracketing interval) propagates through the mean.
			const mean = 0.25 * (a + b + c + d);
			if (mean > 0) {
				meanHz[f] = mean;
				spreadHz[f] = Math.sqrt(((a - mean) ** 2 + (b - mean) ** 2 + (c - mean) ** 2 + (d - mean) ** 2) / 3);
			} else {
				meanHz[f] = 0;
				spreadHz[f] = Number.POSITIVE_INFINITY;
			}
		}
	}

	/** An event of `kind` at `position` samples: closes an interval and fills the frames it passed. */
	private add(kind: number, position: number): void {
		const previous = this.lastEvent[kind];
		this.lastEvent[kind] = position;
		if (!(position > previous)) return;
		const f0 = this.rate / (position - previous);
		const time = 0.5 * (position + previous);
		const lastTime = this.lastTime[kind];
		const track = this.tracks[kind];
		let frame = this.nextFrame[kind];
		if (lastTime === lastTime) {
			// Linear interpolation between the previous interval's midpoint and this one's.
			const lastF0 = this.lastF0[kind];
			const slope = (f0 - lastF0) / (time - lastTime);
			for (; frame < this.frames; frame++) {
				const at = frame * this.frameStep;
				if (at >= time) break;
				if (at >= lastTime) track[frame] = lastF0 + slope * (at - lastTime);
			}
		} else {
			// Frames before the first interval stay undefined.
			while (frame < this.frames && frame * this.frameStep < time) frame++;
		}
		this.nextFrame[kind] = frame;
		this.lastTime[kind] = time;
		this.lastF0[kind] = f0;
	}
}
